#include "json/wire_value.h"

#include <algorithm>

#include "api/error.h"
#include "api/limits.h"
#include "json/base64.h"
#include "json/wire_text.h"

namespace shoal {
namespace {

const char* kInvalid = "One or more parameter values were invalid: ";

[[noreturn]] void wrongJsonType(const JsonValue& v, const char* expected) {
  throw ApiError::serialization(std::string(jsonKindName(v)) + " cannot be converted to " + expected);
}

const JsonValue& expectArray(const JsonValue& v) {
  if (!v.IsArray()) {
    if (v.IsObject()) throw ApiError::serialization("Start of structure or map found where not expected.");
    wrongJsonType(v, "List");
  }
  return v;
}

std::string parseStringMember(const JsonValue& v) {
  if (!v.IsString()) {
    if (v.IsObject()) throw ApiError::serialization("Start of structure or map found where not expected.");
    if (v.IsArray()) throw ApiError::serialization("Start of list found where not expected");
    wrongJsonType(v, "String");
  }
  return std::string(viewOf(v));
}

std::string parseBinaryMember(const JsonValue& v) {
  std::string text = parseStringMember(v);
  if (text.size() % 4 != 0)
    throw ApiError::serialization("Base64 encoded length is expected a multiple of 4 bytes but found: " +
                                  std::to_string(text.size()));
  auto bytes = base64Decode(text);
  if (!bytes) throw ApiError::serialization("Invalid Base64 character found in binary value");
  return std::move(*bytes);
}

bool parseBoolMember(const JsonValue& v) {
  if (!v.IsBool()) {
    if (v.IsObject()) throw ApiError::serialization("Start of structure or map found where not expected.");
    if (v.IsArray()) throw ApiError::serialization("Start of list found where not expected");
    wrongJsonType(v, "Boolean");
  }
  return v.GetBool();
}

std::string joinForMessage(const std::vector<std::string>& items) {
  std::string s = "[";
  for (size_t i = 0; i < items.size(); ++i) s += (i ? ", " : "") + items[i];
  return s + "]";
}

[[noreturn]] void duplicates(const std::vector<std::string>& shown) {
  throw ApiError::validation(std::string(kInvalid) + "Input collection " + joinForMessage(shown) +
                             " contains duplicates.");
}

AttributeValue parseValue(const JsonValue& json, int depth);

AttributeValue parseTyped(std::string_view type, const JsonValue& v, int depth) {
  if (type == "S") return AttributeValue::string(parseStringMember(v));
  if (type == "N") return AttributeValue::number(Number::parse(parseStringMember(v)));
  if (type == "B") return AttributeValue::binary(parseBinaryMember(v));
  if (type == "BOOL") return AttributeValue::boolean(parseBoolMember(v));
  if (type == "NULL") {
    if (!parseBoolMember(v))
      throw ApiError::validation(std::string(kInvalid) + "Null attribute value types must have the value of true");
    return AttributeValue::null();
  }
  if (type == "M") {
    if (!v.IsObject()) {
      if (v.IsArray()) throw ApiError::serialization("Start of list found where not expected");
      wrongJsonType(v, "Map");
    }
    Map m;
    for (auto it = v.MemberBegin(); it != v.MemberEnd(); ++it)
      m[std::string(viewOf(it->name))] = parseValue(it->value, depth + 1);
    return AttributeValue::map(std::move(m));
  }
  if (type == "L") {
    List l;
    for (const auto& e : expectArray(v).GetArray()) l.push_back(parseValue(e, depth + 1));
    return AttributeValue::list(std::move(l));
  }
  if (type == "SS" || type == "BS") {
    std::vector<std::string> items, shown;
    for (const auto& e : expectArray(v).GetArray()) {
      items.push_back(type == "SS" ? parseStringMember(e) : parseBinaryMember(e));
      shown.push_back(std::string(viewOf(e)));
    }
    if (items.empty())
      throw ApiError::validation(std::string(kInvalid) +
                                 (type == "SS" ? "An string set  may not be empty" : "Binary sets should not be empty"));
    std::vector<std::string> sorted = items;
    std::sort(sorted.begin(), sorted.end());
    if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end()) duplicates(shown);
    return type == "SS" ? AttributeValue::stringSet(std::move(items)) : AttributeValue::binarySet(std::move(items));
  }
  if (type == "NS") {
    std::vector<Number> items;
    std::vector<std::string> shown;
    for (const auto& e : expectArray(v).GetArray()) {
      shown.push_back(parseStringMember(e));
      items.push_back(Number::parse(shown.back()));
    }
    if (items.empty()) throw ApiError::validation(std::string(kInvalid) + "An number set  may not be empty");
    std::vector<Number> sorted = items;
    std::sort(sorted.begin(), sorted.end());
    for (size_t i = 1; i < sorted.size(); ++i)
      if (sorted[i - 1].compare(sorted[i]) == 0) duplicates(shown);
    return AttributeValue::numberSet(std::move(items));
  }
  throw std::logic_error("unreachable");
}

bool isKnownType(std::string_view t) {
  return t == "S" || t == "N" || t == "B" || t == "BOOL" || t == "NULL" || t == "M" || t == "L" || t == "SS" ||
         t == "NS" || t == "BS";
}

AttributeValue parseValue(const JsonValue& json, int depth) {
  if (depth > limits::kMaxNestingDepth) throw ApiError::validation("Nesting Levels have exceeded supported limits");
  if (!json.IsObject()) {
    if (json.IsArray()) throw ApiError::serialization("Start of list found where not expected");
    throw ApiError::serialization(std::string("Unexpected value type in payload: ") + jsonKindName(json));
  }
  const JsonValue* found = nullptr;
  std::string_view foundType;
  int count = 0;
  for (auto it = json.MemberBegin(); it != json.MemberEnd(); ++it) {
    std::string_view name = viewOf(it->name);
    if (!isKnownType(name)) continue;  // unknown members are ignored, as DynamoDB's deserializer does
    if (it->value.IsNull()) continue;  // an explicit null counts as not set
    ++count;
    found = &it->value;
    foundType = name;
  }
  if (count == 0)
    throw ApiError::validation(std::string(kInvalid) +
                               "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
  if (count > 1)
    throw ApiError::validation(std::string(kInvalid) +
                               "Supplied AttributeValue has more than one datatypes set, must contain exactly one of "
                               "the supported datatypes");
  return parseTyped(foundType, *found, depth);
}

}  // namespace

const char* jsonKindName(const JsonValue& v) {
  switch (v.GetType()) {
    case rapidjson::kNullType: return "VALUE_NULL";
    case rapidjson::kFalseType: return "VALUE_FALSE";
    case rapidjson::kTrueType: return "VALUE_TRUE";
    case rapidjson::kObjectType: return "START_OBJECT";
    case rapidjson::kArrayType: return "START_ARRAY";
    case rapidjson::kStringType: return "STRING_VALUE";
    case rapidjson::kNumberType: return "NUMBER_VALUE";
  }
  return "UNKNOWN";
}

AttributeValue parseAttributeValue(const JsonValue& json) { return parseValue(json, 1); }

Item parseAttributeMap(const JsonValue& json) {
  if (!json.IsObject()) {
    if (json.IsArray()) throw ApiError::serialization("Start of list found where not expected");
    throw ApiError::serialization(std::string("Unexpected value type in payload: ") + jsonKindName(json));
  }
  Item item;
  for (auto it = json.MemberBegin(); it != json.MemberEnd(); ++it)
    item[std::string(viewOf(it->name))] = parseValue(it->value, 1);
  return item;
}

// Through wire_text.h, which writes the same bytes as the Writer would, straight into its buffer.
void writeAttributeValue(JsonWriter& w, const AttributeValue& v) { appendAttributeValueJson(beginRawObject(w), v); }

void writeAttributeMap(JsonWriter& w, const Item& item) { appendAttributeMapJson(beginRawObject(w), item); }

}  // namespace shoal
