#include "storage/coding.h"

namespace shoal::storage {

void storeFixed32(char* p, uint32_t v) {
  for (int i = 0; i < 4; ++i) p[i] = static_cast<char>((v >> (8 * i)) & 0xFF);
}

void storeFixed64(char* p, uint64_t v) {
  for (int i = 0; i < 8; ++i) p[i] = static_cast<char>((v >> (8 * i)) & 0xFF);
}

uint32_t loadFixed32(const char* p) {
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v |= uint32_t(static_cast<uint8_t>(p[i])) << (8 * i);
  return v;
}

uint64_t loadFixed64(const char* p) {
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v |= uint64_t(static_cast<uint8_t>(p[i])) << (8 * i);
  return v;
}

void putFixed32(std::string& out, uint32_t v) {
  char b[4];
  storeFixed32(b, v);
  out.append(b, 4);
}

void putFixed64(std::string& out, uint64_t v) {
  char b[8];
  storeFixed64(b, v);
  out.append(b, 8);
}

void putVarint(std::string& out, uint64_t v) {
  char b[10];
  size_t n = 0;
  while (v >= 0x80) {
    b[n++] = static_cast<char>((v & 0x7F) | 0x80);
    v >>= 7;
  }
  b[n++] = static_cast<char>(v);
  out.append(b, n);
}

void putSignedVarint(std::string& out, int64_t v) {
  uint64_t u = static_cast<uint64_t>(v);
  putVarint(out, (u << 1) ^ (v < 0 ? ~uint64_t(0) : 0));
}

void putBytes(std::string& out, std::string_view bytes) {
  putVarint(out, bytes.size());
  out.append(bytes.data(), bytes.size());
}

void ByteReader::fail(const std::string& message) { throw DecodeError(message); }

void ByteReader::truncated(const char* what) { fail(std::string("truncated ") + what); }

void ByteReader::need(size_t n, const char* what) const {
  if (n > remaining()) truncated(what);
}

uint32_t ByteReader::fixed32(const char* what) {
  need(4, what);
  uint32_t v = loadFixed32(data_.data() + pos_);
  pos_ += 4;
  return v;
}

uint64_t ByteReader::fixed64(const char* what) {
  need(8, what);
  uint64_t v = loadFixed64(data_.data() + pos_);
  pos_ += 8;
  return v;
}

uint64_t ByteReader::longVarint(const char* what) {
  uint64_t v = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    uint8_t b = byte(what);
    // The tenth byte may only carry the top bit of a 64-bit value.
    if (shift == 63 && b > 1) fail(std::string("varint overflow in ") + what);
    v |= uint64_t(b & 0x7F) << shift;
    if (!(b & 0x80)) return v;
  }
  fail(std::string("varint overflow in ") + what);
}

int64_t ByteReader::signedVarint(const char* what) {
  uint64_t u = varint(what);
  return static_cast<int64_t>((u >> 1) ^ (~(u & 1) + 1));
}

std::string_view ByteReader::raw(size_t size, const char* what) {
  need(size, what);
  std::string_view v = data_.substr(pos_, size);
  pos_ += size;
  return v;
}

size_t ByteReader::count(const char* what, size_t minBytesEach) {
  uint64_t n = varint(what);
  if (n > remaining() / (minBytesEach ? minBytesEach : 1)) fail(std::string("impossible count of ") + what);
  return static_cast<size_t>(n);
}

bool ByteReader::boolean(const char* what) {
  uint8_t b = byte(what);
  if (b > 1) fail(std::string("bad boolean ") + what);
  return b == 1;
}

void ByteReader::expectEnd(const char* what) const {
  if (!atEnd()) fail(std::to_string(remaining()) + " unexpected bytes after " + what);
}

}  // namespace shoal::storage
