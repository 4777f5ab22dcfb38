#include "api/legacy_params.h"

#include "api/error.h"
#include "api/violations.h"
#include "expr/legacy.h"
#include "json/wire_value.h"

namespace shoal {
namespace {

const JsonValue& requireObject(const JsonValue& v, const char* what) {
  if (!v.IsObject()) throw ApiError::serialization(std::string("Unexpected value type in ") + what);
  return v;
}

// Entries of Expected / QueryFilter / ScanFilter / KeyConditions, in the order written.
std::vector<expr::LegacyCondition> readConditions(const JsonValue& map, const char* member) {
  std::vector<expr::LegacyCondition> out;
  for (auto it = requireObject(map, member).MemberBegin(); it != map.MemberEnd(); ++it) {
    RequestReader entry(requireObject(it->value, member));
    expr::LegacyCondition c;
    c.attribute = std::string(viewOf(it->name));
    c.comparisonOperator = entry.string("ComparisonOperator");
    if (const JsonValue* list = entry.array("AttributeValueList")) {
      std::vector<AttributeValue> values;
      for (const auto& v : list->GetArray()) values.push_back(parseAttributeValue(v));
      c.attributeValueList = std::move(values);
    }
    if (const JsonValue* value = entry.member("Value")) c.value = parseAttributeValue(*value);
    c.exists = entry.boolean("Exists");
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace

expr::Condition legacyExpected(const RequestReader& request) {
  const JsonValue* expected = request.object("Expected");
  if (!expected) return {};
  return expr::conditionFromExpected(readConditions(*expected, "Expected"), request.string("ConditionalOperator"));
}

expr::Condition legacyFilter(const JsonValue& filter, const std::optional<std::string>& conditionalOperator,
                             const char* member) {
  return expr::conditionFromFilter(readConditions(filter, member), conditionalOperator);
}

expr::KeyCondition legacyKeyConditions(const JsonValue& keyConditions, const KeySchema& schema) {
  return expr::keyConditionFromLegacy(readConditions(keyConditions, "KeyConditions"), schema);
}

expr::UpdateExpression legacyAttributeUpdates(const JsonValue& updates) {
  std::vector<expr::LegacyAttributeUpdate> out;
  for (auto it = requireObject(updates, "AttributeUpdates").MemberBegin(); it != updates.MemberEnd(); ++it) {
    RequestReader entry(requireObject(it->value, "AttributeUpdates"));
    expr::LegacyAttributeUpdate u;
    u.attribute = std::string(viewOf(it->name));
    u.action = entry.string("Action");
    if (const JsonValue* value = entry.member("Value")) u.value = parseAttributeValue(*value);
    out.push_back(std::move(u));
  }
  return expr::updateFromAttributeUpdates(out);
}

expr::Projection legacyAttributesToGet(const JsonValue& list) {
  std::vector<std::string> names;
  for (const auto& e : list.GetArray()) {
    if (!e.IsString()) throw ApiError::serialization("Unexpected value type in AttributesToGet");
    names.emplace_back(viewOf(e));
  }
  if (names.empty()) {
    Violations v;
    v.add("[]", "attributesToGet", "Member must have length greater than or equal to 1");
    v.throwIfAny();
  }
  return expr::projectionFromAttributesToGet(names);
}

}  // namespace shoal
