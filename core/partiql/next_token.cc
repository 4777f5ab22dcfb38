#include "partiql/next_token.h"

#include "api/error.h"
#include "json/base64.h"
#include "json/json.h"
#include "json/wire_value.h"

namespace shoal::partiql {
namespace {

// FNV-1a, 64 bits: stable across runs and peers.
void mix(uint64_t& h, std::string_view bytes) {
  for (unsigned char c : bytes) h = (h ^ c) * 1099511628211ull;
}

std::string hex(uint64_t v) {
  static const char* kDigits = "0123456789abcdef";
  std::string s(16, '0');
  for (int i = 15; i >= 0; --i, v >>= 4) s[static_cast<size_t>(i)] = kDigits[v & 15];
  return s;
}

[[noreturn]] void invalid() { throw ApiError::validation("Invalid NextToken"); }

}  // namespace

uint64_t statementFingerprint(std::string_view statement, const std::vector<AttributeValue>& parameters) {
  uint64_t h = 1469598103934665603ull;
  mix(h, statement);
  rapidjson::StringBuffer buf;
  JsonWriter w(buf);
  w.StartArray();
  for (const AttributeValue& v : parameters) writeAttributeValue(w, v);
  w.EndArray();
  mix(h, std::string_view("\0", 1));
  mix(h, std::string_view(buf.GetString(), buf.GetSize()));
  return h;
}

std::string encodeNextToken(uint64_t fingerprint, const Item& lastEvaluatedKey) {
  rapidjson::StringBuffer buf;
  JsonWriter w(buf);
  w.StartObject();
  writeKey(w, "f");
  writeString(w, hex(fingerprint));
  writeKey(w, "k");
  writeAttributeMap(w, lastEvaluatedKey);
  w.EndObject();
  return base64Encode(std::string_view(buf.GetString(), buf.GetSize()));
}

Item decodeNextToken(std::string_view token, uint64_t fingerprint) {
  std::optional<std::string> json = base64Decode(token);
  if (!json) invalid();
  JsonDocument d;
  d.Parse(json->data(), json->size());
  if (d.HasParseError() || !d.IsObject() || !d.HasMember("f") || !d["f"].IsString() || !d.HasMember("k") ||
      !d["k"].IsObject())
    invalid();
  if (viewOf(d["f"]) != hex(fingerprint)) throw ApiError::validation("NextToken does not match request");
  try {
    return parseAttributeMap(d["k"]);
  } catch (const ApiError&) {
    invalid();
  }
}

}  // namespace shoal::partiql
