#include "expr/key_condition.h"

#include <vector>

#include "api/error.h"
#include "expr/condition.h"
#include "expr/value_ops.h"

namespace shoal::expr {
namespace {

[[noreturn]] void fail(const std::string& message) { throw ApiError::validation(message); }

SortKeyOp fromCompare(CompareOp op, bool flipped) {
  switch (op) {
    case CompareOp::Lt: return flipped ? SortKeyOp::Gt : SortKeyOp::Lt;
    case CompareOp::Le: return flipped ? SortKeyOp::Ge : SortKeyOp::Le;
    case CompareOp::Gt: return flipped ? SortKeyOp::Lt : SortKeyOp::Gt;
    case CompareOp::Ge: return flipped ? SortKeyOp::Le : SortKeyOp::Ge;
    default: return SortKeyOp::Eq;
  }
}

// Collects the key terms of a KeyConditionExpression tree: primitive conditions joined by
// AND, each naming exactly one top-level attribute once.
class TermCollector {
 public:
  std::vector<KeyTerm> terms;

  void collect(const ConditionNode& node) {
    std::visit([&](const auto& n) { (*this)(n); }, *node.node);
  }

 private:
  void operator()(const Logical& l) {
    if (l.op == Logical::Op::Or) fail("Invalid operator used in KeyConditionExpression: OR");
    if (l.op == Logical::Op::Not) fail("Invalid operator used in KeyConditionExpression: NOT");
    for (const ConditionNode& t : l.terms) collect(t);
  }
  void operator()(const In&) { fail("Invalid operator used in KeyConditionExpression: IN"); }
  void operator()(const Comparison& c) {
    if (c.op == CompareOp::Ne) fail("Invalid operator used in KeyConditionExpression: <>");
    const Operand* operands[] = {&c.left, &c.right};
    size_t at = keyOperand(operands, 2);
    add(attributeOf(*operands[at]), fromCompare(c.op, at == 1), valueOf(*operands[1 - at]), nullptr);
  }
  void operator()(const Between& b) {
    if (!b.subject.path())
      fail("Invalid condition in KeyConditionExpression: BETWEEN operator must have the key attribute as its first operand");
    const Operand* operands[] = {&b.subject, &b.lower, &b.upper};
    keyOperand(operands, 3);
    add(attributeOf(b.subject), SortKeyOp::Between, valueOf(b.lower), &valueOf(b.upper));
  }
  void operator()(const FunctionCondition& f) {
    const FunctionCall& call = f.function();
    if (call.function != Function::BeginsWith) fail("Invalid operator used in KeyConditionExpression: " + call.name);
    if (!call.args[0].path())
      fail("Invalid condition in KeyConditionExpression: begins_with operator must have the key attribute as its first operand");
    const Operand* operands[] = {&call.args[0], &call.args[1]};
    keyOperand(operands, 2);
    add(attributeOf(call.args[0]), SortKeyOp::BeginsWith, valueOf(call.args[1]), nullptr);
  }

  // The index of the one operand that is a key attribute.
  size_t keyOperand(const Operand* const* operands, size_t n) {
    std::optional<size_t> found;
    for (size_t i = 0; i < n; ++i) {
      if (operands[i]->call()) fail("KeyConditionExpressions cannot contain nested operations");
      const DocumentPath* p = operands[i]->path();
      if (!p) continue;
      if (found) fail("Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition");
      if (p->nested()) fail("KeyConditionExpressions cannot have conditions on nested attributes");
      found = i;
    }
    if (!found) fail("Invalid condition in KeyConditionExpression: No key attribute specified");
    return *found;
  }
  static const std::string& attributeOf(const Operand& op) { return op.path()->topLevel(); }
  static const AttributeValue& valueOf(const Operand& op) { return op.value()->value; }

  void add(const std::string& attribute, SortKeyOp op, const AttributeValue& value, const AttributeValue* upper) {
    for (const KeyTerm& seen : terms)
      if (seen.attribute == attribute) fail("KeyConditionExpressions must only contain one condition per key");
    KeyTerm& t = terms.emplace_back();
    t.attribute = attribute;
    t.op = op;
    t.value = value;
    if (upper) t.upper = *upper;
  }
};

const KeyTerm* findTerm(const std::vector<KeyTerm>& terms, const std::string& name) {
  for (const KeyTerm& t : terms)
    if (t.attribute == name) return &t;
  return nullptr;
}

void checkType(const AttributeValue& v, Type expected) {
  if (v.type() != expected)
    fail("One or more parameter values were invalid: Condition parameter type does not match schema type");
}

}  // namespace

bool SortKeyCondition::matches(const AttributeValue& v) const {
  if (op == SortKeyOp::BeginsWith) return beginsWith(v, value);
  std::optional<int> c = compareValues(v, value);
  if (!c) return false;
  switch (op) {
    case SortKeyOp::Eq: return *c == 0;
    case SortKeyOp::Lt: return *c < 0;
    case SortKeyOp::Le: return *c <= 0;
    case SortKeyOp::Gt: return *c > 0;
    case SortKeyOp::Ge: return *c >= 0;
    case SortKeyOp::Between: {
      std::optional<int> hi = compareValues(v, upper);
      return *c >= 0 && hi && *hi <= 0;
    }
    default: return false;
  }
}

bool KeyCondition::matches(const Item& item) const {
  auto pk = item.find(partitionKey);
  if (pk == item.end() || pk->second != partitionValue) return false;
  if (!sortKey) return true;
  auto sk = item.find(sortKey->attribute);
  return sk != item.end() && sortKey->matches(sk->second);
}

KeyCondition compileKeyCondition(std::string_view text, ExpressionContext& ctx, const KeySchema& schema) {
  ConditionNode root = compileConditionTree(text, ExprKind::KeyCondition, ctx);
  TermCollector collector;
  collector.collect(root);
  return keyConditionFromTerms(collector.terms, schema);
}

KeyCondition keyConditionFromTerms(const std::vector<KeyTerm>& terms, const KeySchema& schema) {
  if (terms.empty() || terms.size() > 2) fail("Conditions can be of length 1 or 2 only");
  const KeyTerm* hash = findTerm(terms, schema.hash.name);
  if (!hash) fail("Query condition missed key schema element: " + schema.hash.name);
  const KeyTerm* range = nullptr;
  if (terms.size() == 2) {
    if (!schema.range) fail("Query key condition not supported");
    range = findTerm(terms, schema.range->name);
    if (!range) fail("Query condition missed key schema element: " + schema.range->name);
  }
  if (hash->op != SortKeyOp::Eq) fail("Query key condition not supported");
  checkType(hash->value, schema.hash.type);
  if (hash->value.is(Type::S) && hash->value.asString().empty())
    fail("One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty "
         "string value. Key: " + schema.hash.name);

  KeyCondition out;
  out.partitionKey = schema.hash.name;
  out.partitionValue = hash->value;
  if (range) {
    checkType(range->value, schema.range->type);
    if (range->op == SortKeyOp::Between) checkType(range->upper, schema.range->type);
    out.sortKey = SortKeyCondition{range->attribute, range->op, range->value, range->upper};
  }
  return out;
}

}  // namespace shoal::expr
