#include "value/key_encoding.h"

#include "api/error.h"
#include "api/limits.h"

namespace shoal {

// Layout (every value starts with a type tag, so a decoder needs no schema):
//
//   S, B  tag ('S' / 'B'), the bytes with each 0x00 written as 0x00 0xFF, then 0x00 0x01.
//         The terminator sorts below every continuation (a non-zero byte, or 0x00 0xFF), so a
//         string sorts before its extensions and the encoding is prefix-free.
//
//   N     tag 'N', then a class byte: 0x01 negative, 0x02 zero, 0x03 positive. Zero ends there.
//         Otherwise one exponent byte, the power of ten of the leading digit biased by 130
//         (DynamoDB's range -130..125 fills 0..255 exactly), then the significant digits in
//         pairs aligned on the leading digit (a lone last digit padded with 0), one byte per
//         pair, then a terminator:
//           positive  exponent byte e+130,        pair p as p+1 (1..100),  terminator 0x00
//           negative  exponent byte 255-(e+130),  pair p as 100-p (1..100), terminator 0x65
//         For positives a shorter digit string is the smaller number, so the terminator sorts
//         lowest; for negatives everything is mirrored. Digits never end in 0, so padding
//         cannot make two numbers encode alike.
//
// Each encoding is prefix-free and ordered within its type, so a concatenation orders as its
// parts do, in order: (partition, sort) keys are contiguous per partition.
namespace {

constexpr char kTagS = 'S';
constexpr char kTagN = 'N';
constexpr char kTagB = 'B';

constexpr uint8_t kNegative = 0x01;
constexpr uint8_t kZero = 0x02;
constexpr uint8_t kPositive = 0x03;
constexpr uint8_t kPositiveEnd = 0x00;
constexpr uint8_t kNegativeEnd = 101;
constexpr int kExponentBias = -limits::kNumberMinExponent;  // 130

void appendBytes(std::string& out, const std::string& bytes) {
  out.reserve(out.size() + bytes.size() + 2);
  for (char c : bytes) {
    out.push_back(c);
    if (c == '\0') out.push_back('\xFF');
  }
  out.push_back('\0');
  out.push_back('\x01');
}

void appendNumber(std::string& out, const Number& n) {
  if (n.isZero()) {
    out.push_back(static_cast<char>(kZero));
    return;
  }
  const std::string& d = n.digits();
  int lead = n.exponent() + static_cast<int>(d.size()) - 1;
  uint8_t exp = static_cast<uint8_t>(lead + kExponentBias);
  bool neg = n.isNegative();
  out.push_back(static_cast<char>(neg ? kNegative : kPositive));
  out.push_back(static_cast<char>(neg ? 255 - exp : exp));
  for (size_t i = 0; i < d.size(); i += 2) {
    int pair = (d[i] - '0') * 10 + (i + 1 < d.size() ? d[i + 1] - '0' : 0);
    out.push_back(static_cast<char>(neg ? 100 - pair : pair + 1));
  }
  out.push_back(static_cast<char>(neg ? kNegativeEnd : kPositiveEnd));
}

[[noreturn]] void malformed() { throw ApiError::internal("Malformed key encoding"); }

uint8_t next(std::string_view in, size_t& pos) {
  if (pos >= in.size()) malformed();
  return static_cast<uint8_t>(in[pos++]);
}

std::string decodeBytes(std::string_view in, size_t& pos) {
  std::string bytes;
  for (;;) {
    uint8_t c = next(in, pos);
    if (c != 0) {
      bytes.push_back(static_cast<char>(c));
      continue;
    }
    uint8_t escape = next(in, pos);
    if (escape == 0x01) return bytes;
    if (escape != 0xFF) malformed();
    bytes.push_back('\0');
  }
}

Number decodeNumber(std::string_view in, size_t& pos) {
  uint8_t cls = next(in, pos);
  if (cls == kZero) return Number();
  if (cls != kPositive && cls != kNegative) malformed();
  bool neg = cls == kNegative;
  uint8_t expByte = next(in, pos);
  int lead = (neg ? 255 - expByte : expByte) - kExponentBias;
  std::string digits;
  for (;;) {
    uint8_t b = next(in, pos);
    if (b == (neg ? kNegativeEnd : kPositiveEnd)) break;
    if (b < 1 || b > 100) malformed();
    int pair = neg ? 100 - b : b - 1;
    digits.push_back(static_cast<char>('0' + pair / 10));
    digits.push_back(static_cast<char>('0' + pair % 10));
  }
  if (digits.empty() || digits[0] == '0') malformed();
  if (digits.back() == '0') digits.pop_back();  // the pad of an odd digit count
  if (digits.back() == '0') malformed();        // a canonical encoding never ends in "00"
  int64_t exponent = int64_t{lead} - static_cast<int64_t>(digits.size()) + 1;
  try {
    return Number::fromParts(neg, digits, exponent);
  } catch (const ApiError&) {
    malformed();
  }
}

}  // namespace

void appendKeyEncoding(std::string& out, const AttributeValue& v) {
  switch (v.type()) {
    case Type::S:
      out.push_back(kTagS);
      appendBytes(out, v.asString());
      return;
    case Type::N:
      out.push_back(kTagN);
      appendNumber(out, v.asNumber());
      return;
    case Type::B:
      out.push_back(kTagB);
      appendBytes(out, v.asBinary());
      return;
    default:
      throw ApiError::internal(std::string("Key encoding of a non-key type ") + typeName(v.type()));
  }
}

std::string encodeKey(const AttributeValue& v) {
  std::string out;
  appendKeyEncoding(out, v);
  return out;
}

AttributeValue decodeKey(std::string_view encoded, size_t& pos) {
  size_t p = pos;
  char tag = static_cast<char>(next(encoded, p));
  AttributeValue v;
  switch (tag) {
    case kTagS: v = AttributeValue::string(decodeBytes(encoded, p)); break;
    case kTagN: v = AttributeValue::number(decodeNumber(encoded, p)); break;
    case kTagB: v = AttributeValue::binary(decodeBytes(encoded, p)); break;
    default: malformed();
  }
  pos = p;  // advance only past a complete value
  return v;
}

}  // namespace shoal
