// The one JSON library of the engine (RapidJSON, see README "Dependencies"), behind a few
// aliases so that the rest of the core names it in one way.
#pragma once
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <string>
#include <string_view>

namespace shoal {

using JsonValue = rapidjson::Value;
using JsonDocument = rapidjson::Document;
using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

// Parses a request body strictly (valid UTF-8, one JSON value, an object at the top).
// Throws ApiError SerializationException on anything else. Parsing is iterative, so deeply
// nested input cannot exhaust the stack.
void parseJsonObject(std::string_view text, JsonDocument& out);

inline void writeString(JsonWriter& w, std::string_view s) {
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}
inline void writeKey(JsonWriter& w, std::string_view s) {
  w.Key(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}
inline std::string_view viewOf(const JsonValue& v) { return {v.GetString(), v.GetStringLength()}; }

}  // namespace shoal
