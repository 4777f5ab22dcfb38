// KeyConditionExpression (and the legacy KeyConditions): the partition key value a Query
// reads and the optional range condition on the sort key, checked against the key schema of
// the table or index being queried.
//
//   KeyCondition k = compileKeyCondition("pk = :p AND begins_with(sk, :prefix)", ctx, schema);
//   // walk partition k.partitionValue; keep items whose sort key k.sortKey->matches(...)
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "expr/context.h"
#include "table/schema.h"
#include "value/attribute_value.h"

namespace shoal::expr {

enum class SortKeyOp : uint8_t { Eq, Lt, Le, Gt, Ge, Between, BeginsWith };

struct SortKeyCondition {
  std::string attribute;
  SortKeyOp op = SortKeyOp::Eq;
  AttributeValue value;  // the operand; BETWEEN's lower bound
  AttributeValue upper;  // BETWEEN's upper bound
  bool matches(const AttributeValue& sortKeyValue) const;
};

struct KeyCondition {
  std::string partitionKey;
  AttributeValue partitionValue;
  std::optional<SortKeyCondition> sortKey;
  // True when `item` has the partition value and its sort key satisfies sortKey.
  bool matches(const Item& item) const;
};

// `schema` is the key schema of the table or of the index named by IndexName. Errors are
// DynamoDB's: "Invalid KeyConditionExpression: ..." for parse and resolve errors, then
// "Invalid operator used in KeyConditionExpression: OR", "Conditions can be of length 1 or 2
// only", "Query condition missed key schema element: sk", "Query key condition not
// supported", "One or more parameter values were invalid: Condition parameter type does not
// match schema type", ...
KeyCondition compileKeyCondition(std::string_view text, ExpressionContext& ctx, const KeySchema& schema);

// The schema checks shared with the legacy KeyConditions: `terms` holds one condition per
// attribute named, in the order written.
struct KeyTerm {
  std::string attribute;
  SortKeyOp op = SortKeyOp::Eq;
  AttributeValue value;
  AttributeValue upper;
};
KeyCondition keyConditionFromTerms(const std::vector<KeyTerm>& terms, const KeySchema& schema);

}  // namespace shoal::expr
