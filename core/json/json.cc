#include "json/json.h"

#include <rapidjson/error/en.h>

#include "api/error.h"

namespace shoal {

namespace {

bool isAscii(std::string_view text) {
  unsigned char any = 0;
  for (char c : text) any |= static_cast<unsigned char>(c);
  return any < 0x80;
}

unsigned hexValue(std::string_view four) {
  unsigned v = 0;
  for (char c : four) {
    v <<= 4;
    if (c >= '0' && c <= '9') v |= unsigned(c - '0');
    else if (c >= 'a' && c <= 'f') v |= unsigned(c - 'a' + 10);
    else if (c >= 'A' && c <= 'F') v |= unsigned(c - 'A' + 10);
  }
  return v;
}

// RapidJSON 1.1.0 checks that a \uD800-\uDBFF escape is followed by a low surrogate, but
// decodes a lone \uDC00-\uDFFF into the bytes of a surrogate code point, which are not UTF-8
// (later RapidJSON releases refuse it). Found by fuzz/fuzz_wire_json: such a string would be
// stored and answered back as invalid UTF-8. Runs on text that parsed, where every backslash
// starts a valid escape inside a string. Returns the escape's offset, or npos.
size_t loneLowSurrogate(std::string_view text) {
  size_t i = text.find('\\');
  while (i != std::string_view::npos && i + 1 < text.size()) {
    size_t next = i + 2;
    if (text[i + 1] == 'u' && i + 6 <= text.size()) {
      unsigned unit = hexValue(text.substr(i + 2, 4));
      if (unit >= 0xDC00 && unit <= 0xDFFF) return i;
      next = unit >= 0xD800 && unit <= 0xDBFF ? i + 12 : i + 6;  // skip the pair RapidJSON checked
    }
    i = next < text.size() ? text.find('\\', next) : std::string_view::npos;
  }
  return std::string_view::npos;
}

}  // namespace

void parseJsonObject(std::string_view text, JsonDocument& out) {
  constexpr unsigned kFlags = rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag;
  // ASCII is valid UTF-8, so most requests skip the per-byte validation (a third of the parse);
  // unicode escapes in strings are checked either way.
  if (isAscii(text)) out.Parse<rapidjson::kParseIterativeFlag>(text.data(), text.size());
  else out.Parse<kFlags>(text.data(), text.size());
  if (out.HasParseError()) {
    throw ApiError::serialization(std::string("Malformed JSON: ") + rapidjson::GetParseError_En(out.GetParseError()) +
                                  " at offset " + std::to_string(out.GetErrorOffset()));
  }
  size_t surrogate = loneLowSurrogate(text);
  if (surrogate != std::string_view::npos) {
    throw ApiError::serialization(std::string("Malformed JSON: ") +
                                  rapidjson::GetParseError_En(rapidjson::kParseErrorStringUnicodeSurrogateInvalid) +
                                  " at offset " + std::to_string(surrogate));
  }
  if (!out.IsObject()) throw ApiError::serialization("Start of structure or map expected");
}

}  // namespace shoal
