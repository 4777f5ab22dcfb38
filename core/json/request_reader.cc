#include "json/request_reader.h"

#include "api/error.h"
#include "json/wire_value.h"

namespace shoal {

const JsonValue* RequestReader::member(const char* name) const {
  auto it = obj_.FindMember(name);
  if (it == obj_.MemberEnd() || it->value.IsNull()) return nullptr;
  return &it->value;
}

std::optional<std::string> RequestReader::string(const char* name) const {
  const JsonValue* v = member(name);
  if (!v) return std::nullopt;
  if (!v->IsString()) {
    if (v->IsObject()) throw ApiError::serialization("Start of structure or map found where not expected.");
    if (v->IsArray()) throw ApiError::serialization("Start of list found where not expected");
    throw ApiError::serialization(std::string(jsonKindName(*v)) + " cannot be converted to String");
  }
  return std::string(viewOf(*v));
}

std::optional<int64_t> RequestReader::integer(const char* name) const {
  const JsonValue* v = member(name);
  if (!v) return std::nullopt;
  if (v->IsInt64()) return v->GetInt64();
  if (v->IsNumber()) throw ApiError::serialization("NUMBER_VALUE cannot be converted to Long: out of range or fractional");
  if (v->IsString()) throw ApiError::serialization("STRING_VALUE cannot be converted to Long");
  throw ApiError::serialization(std::string("Unexpected token for a number: ") + jsonKindName(*v));
}

std::optional<bool> RequestReader::boolean(const char* name) const {
  const JsonValue* v = member(name);
  if (!v) return std::nullopt;
  if (!v->IsBool()) throw ApiError::serialization(std::string(jsonKindName(*v)) + " cannot be converted to Boolean");
  return v->GetBool();
}

const JsonValue* RequestReader::object(const char* name) const {
  const JsonValue* v = member(name);
  if (v && !v->IsObject()) {
    if (v->IsArray()) throw ApiError::serialization("Start of list found where not expected");
    throw ApiError::serialization(std::string("Unexpected value type in payload: ") + jsonKindName(*v));
  }
  return v;
}

const JsonValue* RequestReader::array(const char* name) const {
  const JsonValue* v = member(name);
  if (v && !v->IsArray()) {
    if (v->IsObject()) throw ApiError::serialization("Start of structure or map found where not expected.");
    throw ApiError::serialization(std::string("Unexpected value type in payload: ") + jsonKindName(*v));
  }
  return v;
}

}  // namespace shoal
