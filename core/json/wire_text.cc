#include "json/wire_text.h"

#include <cstdint>
#include <cstring>

#include "json/base64.h"

namespace shoal {
namespace {

// 0: the byte is written as it is; otherwise the letter after the backslash ('u': \u00XX).
constexpr char escapeOf(unsigned char c) {
  switch (c) {
    case '"': return '"';
    case '\\': return '\\';
    case '\b': return 'b';
    case '\f': return 'f';
    case '\n': return 'n';
    case '\r': return 'r';
    case '\t': return 't';
    default: return c < 0x20 ? 'u' : 0;
  }
}

struct EscapeTable {
  char letter[256];
  constexpr EscapeTable() : letter() {
    for (int c = 0; c < 256; ++c) letter[c] = escapeOf(static_cast<unsigned char>(c));
  }
};
constexpr EscapeTable kEscapes;

// True when one of the 8 bytes of `x` is below 0x20, '"' or '\\' (exact bit tricks on a 64-bit
// word: "has a zero byte", and "has a byte below n" for n <= 128).
bool mayNeedEscape(uint64_t x) {
  constexpr uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
  auto hasZero = [](uint64_t v) { return ((v - kOnes) & ~v & kHigh) != 0; };
  return ((x - kOnes * 0x20) & ~x & kHigh) != 0 || hasZero(x ^ (kOnes * '"')) || hasZero(x ^ (kOnes * '\\'));
}

char* putByte(char* p, unsigned char c) {
  char letter = kEscapes.letter[c];
  if (letter == 0) {
    *p++ = static_cast<char>(c);
    return p;
  }
  *p++ = '\\';
  *p++ = letter;
  if (letter == 'u') {
    static const char kHex[] = "0123456789ABCDEF";
    *p++ = '0';
    *p++ = '0';
    *p++ = kHex[c >> 4];
    *p++ = kHex[c & 0xF];
  }
  return p;
}

template <typename Items, typename Each>
void appendArray(JsonBuffer& out, const Items& items, Each each) {
  out.Put('[');
  bool first = true;
  for (const auto& item : items) {
    if (!first) out.Put(',');
    first = false;
    each(item);
  }
  out.Put(']');
}

}  // namespace

void appendJsonString(JsonBuffer& out, std::string_view s) {
  // Room for every byte escaped as \u00XX, the quotes, and the last word written whole.
  const size_t reserved = s.size() * 6 + 2 + 8;
  char* const start = out.Push(reserved);
  char* p = start;
  *p++ = '"';
  const char* in = s.data();
  size_t i = 0;
  // Most strings have nothing to escape: copy 8 bytes at a time, look at single bytes only
  // in a word that has one to escape.
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t word;
    std::memcpy(&word, in + i, 8);
    if (!mayNeedEscape(word)) {
      std::memcpy(p, &word, 8);
      p += 8;
    } else {
      for (size_t k = 0; k < 8; ++k) p = putByte(p, static_cast<unsigned char>(in[i + k]));
    }
  }
  if (size_t rest = s.size() - i) {
    // The last 1-7 bytes, padded with a byte that needs no escape, as one word.
    uint64_t word = 0x7878787878787878ull;
    std::memcpy(&word, in + i, rest);
    if (!mayNeedEscape(word)) {
      std::memcpy(p, &word, 8);
      p += rest;
    } else {
      for (; i < s.size(); ++i) p = putByte(p, static_cast<unsigned char>(in[i]));
    }
  }
  *p++ = '"';
  out.Pop(reserved - static_cast<size_t>(p - start));
}

void appendJsonText(JsonBuffer& out, std::string_view text) {
  if (!text.empty()) std::memcpy(out.Push(text.size()), text.data(), text.size());
}

void appendAttributeValueJson(JsonBuffer& out, const AttributeValue& v) {
  // {"S": ... {"NULL": : at most 8 bytes, copied as one word from the padded table.
  static const char kPrefixes[10][9] = {"{\"S\":", "{\"N\":", "{\"B\":", "{\"BOOL\":", "{\"NULL\":",
                                        "{\"M\":", "{\"L\":", "{\"SS\":", "{\"NS\":", "{\"BS\":"};
  static const uint8_t kLengths[10] = {5, 5, 5, 8, 8, 5, 5, 6, 6, 6};
  size_t t = static_cast<size_t>(v.type());
  std::memcpy(out.Push(8), kPrefixes[t], 8);
  out.Pop(8 - kLengths[t]);
  switch (v.type()) {
    case Type::S: appendJsonString(out, v.asString()); break;
    case Type::N: appendJsonString(out, v.asNumber().toString()); break;
    case Type::B: appendJsonString(out, base64Encode(v.asBinary())); break;
    case Type::BOOL: appendJsonText(out, v.asBool() ? "true" : "false"); break;
    case Type::NUL: appendJsonText(out, "true"); break;
    case Type::M: appendAttributeMapJson(out, v.asMap()); break;
    case Type::L:
      appendArray(out, v.asList(), [&](const AttributeValue& e) { appendAttributeValueJson(out, e); });
      break;
    case Type::SS: appendArray(out, v.asStringSet(), [&](const std::string& e) { appendJsonString(out, e); }); break;
    case Type::NS:
      appendArray(out, v.asNumberSet(), [&](const Number& e) { appendJsonString(out, e.toString()); });
      break;
    case Type::BS:
      appendArray(out, v.asBinarySet(), [&](const std::string& e) { appendJsonString(out, base64Encode(e)); });
      break;
  }
  out.Put('}');
}

void appendAttributeMapJson(JsonBuffer& out, const Item& item) {
  out.Put('{');
  bool first = true;
  for (const auto& [name, value] : item) {
    if (!first) out.Put(',');
    first = false;
    appendJsonString(out, name);
    out.Put(':');
    appendAttributeValueJson(out, value);
  }
  out.Put('}');
}

namespace {

// Writer keeps its output buffer protected; a pointer to that member, named through a derived
// class, reaches it.
struct WriterBuffer : JsonWriter {
  static JsonBuffer& of(JsonWriter& w) { return *(w.*(&WriterBuffer::os_)); }
};

}  // namespace

JsonBuffer& beginRawObject(JsonWriter& w) {
  w.RawValue("", 0, rapidjson::kObjectType);
  return WriterBuffer::of(w);
}

}  // namespace shoal
