// The legacy (pre-expression) parameters that DynamoDB still accepts, translated into the same
// trees the expressions compile to, so one evaluator serves both. The operation layer parses
// the JSON into these structs, in the order the request lists them, and refuses requests that
// mix legacy parameters with expressions.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "expr/condition.h"
#include "expr/key_condition.h"
#include "expr/projection.h"
#include "expr/update.h"

namespace shoal::expr {

// One entry of Expected, QueryFilter, ScanFilter or KeyConditions.
struct LegacyCondition {
  std::string attribute;
  std::optional<std::string> comparisonOperator;  // "EQ", "NE", "LE", "LT", "GE", "GT", "NULL", "NOT_NULL",
                                                  // "CONTAINS", "NOT_CONTAINS", "BEGINS_WITH", "IN", "BETWEEN"
  std::optional<std::vector<AttributeValue>> attributeValueList;
  std::optional<AttributeValue> value;  // Expected only
  std::optional<bool> exists;           // Expected only
};

// Expected (PutItem, UpdateItem, DeleteItem) with its ConditionalOperator ("AND", the
// default, or "OR"). An empty list is no condition.
Condition conditionFromExpected(const std::vector<LegacyCondition>& expected,
                                const std::optional<std::string>& conditionalOperator);
// QueryFilter and ScanFilter: every entry has a ComparisonOperator.
Condition conditionFromFilter(const std::vector<LegacyCondition>& filter,
                              const std::optional<std::string>& conditionalOperator);
// KeyConditions of Query.
KeyCondition keyConditionFromLegacy(const std::vector<LegacyCondition>& keyConditions, const KeySchema& schema);

// One entry of AttributeUpdates; action is "PUT" (the default), "ADD" or "DELETE".
struct LegacyAttributeUpdate {
  std::string attribute;
  std::optional<std::string> action;
  std::optional<AttributeValue> value;
};
UpdateExpression updateFromAttributeUpdates(const std::vector<LegacyAttributeUpdate>& updates);

// AttributesToGet.
Projection projectionFromAttributesToGet(const std::vector<std::string>& names);

}  // namespace shoal::expr
