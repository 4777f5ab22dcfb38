// What a WHERE clause says about the primary key: the single item a write names, the exact
// key a batch or transaction read needs, or the partition and sort-key range a SELECT can
// read instead of the whole table. Only top-level conjuncts count (nested ANDs flattened):
// "pk = 'a' AND (sk = 1 OR sk = 2)" pins the partition, "pk = 'a' OR pk = 'b'" pins nothing.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "expr/ast.h"
#include "expr/key_condition.h"
#include "table/schema.h"
#include "value/attribute_value.h"

namespace shoal::partiql {

// The top-level conjuncts of `where` (none without a WHERE), in text order.
std::vector<const expr::ConditionNode*> conjuncts(const expr::ConditionNode& where);
std::vector<expr::ConditionNode> takeConjuncts(expr::ConditionNode where);
// The AND of `terms`: no node for none, the term itself for one.
expr::ConditionNode conjunction(std::vector<expr::ConditionNode> terms);

// `name = value` (either way round), or with `allowSingleIn` also `name IN [value]`, on a
// top-level attribute.
struct Equality {
  std::string attribute;
  const AttributeValue* value = nullptr;
};
std::optional<Equality> equalityOf(const expr::ConditionNode& node, bool allowSingleIn);

// The item an UPDATE, DELETE or EXISTS names, and the rest of its WHERE as a condition on it.
struct ItemTarget {
  Item key;
  expr::ConditionNode condition;  // no node: none
};
enum class KeyRule : uint8_t {
  // ExecuteStatement and BatchExecuteStatement writes: every key attribute needs exactly one
  // equality ("Where clause does not contain a mandatory equality on all key attributes",
  // "Multiple conditions on same key pk. Only single item Update/Insert/Delete are supported").
  Strict,
  // A transaction's writes: the key is whatever the equalities give, and TransactWriteItems
  // then refuses a wrong one as DynamoDB does (a cancellation reason, not an error). An
  // attribute given two values is left out, which makes the key wrong.
  Lenient,
  // EXISTS: the first equality of an attribute is the key, a later one joins the condition.
  FirstWins,
};
ItemTarget itemTarget(expr::ConditionNode where, const KeySchema& key, KeyRule rule);

// The key when the WHERE is nothing but equalities on every key attribute (one value each),
// as a BatchExecuteStatement or ExecuteTransaction read requires.
std::optional<Item> exactKey(const expr::ConditionNode& where, const KeySchema& key);

// The partition (and, if one conjunct constrains it as a Query can, the sort-key condition)
// a SELECT reads, when a conjunct pins the partition key with equality. The whole WHERE stays
// the filter, so picking a narrower range never changes the answer. ValidationException "Key
// attribute's data type should match its data type in table's schema: Key pk" when an equality
// on a key attribute has the wrong type.
struct KeyRange {
  AttributeValue partition;
  std::optional<expr::KeyTerm> sort;
};
std::optional<KeyRange> keyRange(const expr::ConditionNode& where, const KeySchema& key);

}  // namespace shoal::partiql
