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
  if (!out.IsObject()) throw ApiError::serialization("Start of structure or map expected");
}

}  // namespace shoal
