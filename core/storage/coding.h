// The primitives every storage format is built from: little-endian fixed-width integers and
// LEB128 varints appended to a std::string, and a bounds-checked reader over a byte view.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "storage/decode_error.h"

namespace shoal::storage {

void putFixed32(std::string& out, uint32_t v);
void putFixed64(std::string& out, uint64_t v);
void putVarint(std::string& out, uint64_t v);
// Signed values as zigzag varints, so small negatives stay short.
void putSignedVarint(std::string& out, int64_t v);
// A varint length, then the bytes.
void putBytes(std::string& out, std::string_view bytes);

uint32_t loadFixed32(const char* p);
uint64_t loadFixed64(const char* p);
void storeFixed32(char* p, uint32_t v);
void storeFixed64(char* p, uint64_t v);

// Reads from a view it does not own (the bytes must outlive it). Every read checks bounds and
// throws DecodeError on a short or malformed input; `what` names the field for the message.
class ByteReader {
 public:
  explicit ByteReader(std::string_view data) : data_(data) {}

  uint8_t byte(const char* what) {
    if (pos_ == data_.size()) truncated(what);
    return static_cast<uint8_t>(data_[pos_++]);
  }
  uint32_t fixed32(const char* what);
  uint64_t fixed64(const char* what);
  // Inline for the one-byte case, which is most of them (lengths, counts, tags): snapshot
  // loading reads several per attribute.
  uint64_t varint(const char* what) {
    if (pos_ < data_.size() && static_cast<uint8_t>(data_[pos_]) < 0x80) return static_cast<uint8_t>(data_[pos_++]);
    return longVarint(what);
  }
  int64_t signedVarint(const char* what);
  // A length-prefixed byte string, as a view into the input.
  std::string_view bytes(const char* what) {
    uint64_t size = varint(what);
    if (size > remaining()) truncated(what);
    std::string_view v(data_.data() + pos_, static_cast<size_t>(size));
    pos_ += static_cast<size_t>(size);
    return v;
  }
  std::string_view raw(size_t size, const char* what);
  // A count of elements that each take at least `minBytesEach` bytes: refused when the rest
  // of the input cannot hold that many, so a corrupt count never drives a huge allocation.
  size_t count(const char* what, size_t minBytesEach = 1);
  bool boolean(const char* what);

  size_t remaining() const { return data_.size() - pos_; }
  size_t position() const { return pos_; }
  bool atEnd() const { return pos_ == data_.size(); }
  // Throws unless every byte was consumed: trailing garbage is corruption too.
  void expectEnd(const char* what) const;

  [[noreturn]] static void fail(const std::string& message);

 private:
  void need(size_t n, const char* what) const;
  uint64_t longVarint(const char* what);
  [[noreturn]] static void truncated(const char* what);

  std::string_view data_;
  size_t pos_ = 0;
};

}  // namespace shoal::storage
