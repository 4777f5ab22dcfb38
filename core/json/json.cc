#include "json/json.h"

#include <rapidjson/error/en.h>

#include "api/error.h"

namespace shoal {

void parseJsonObject(std::string_view text, JsonDocument& out) {
  constexpr unsigned kFlags = rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag;
  out.Parse<kFlags>(text.data(), text.size());
  if (out.HasParseError()) {
    throw ApiError::serialization(std::string("Malformed JSON: ") + rapidjson::GetParseError_En(out.GetParseError()) +
                                  " at offset " + std::to_string(out.GetErrorOffset()));
  }
  if (!out.IsObject()) throw ApiError::serialization("Start of structure or map expected");
}

}  // namespace shoal
