#include "expr/evaluator.h"

#include "expr/value_ops.h"

namespace shoal::expr {
namespace {

// An operand's value for one item: a reference into the item or the expression, or a value
// computed by size(); null when the attribute is missing or size() has no answer.
class OperandValue {
 public:
  static OperandValue ref(const AttributeValue* v) {
    OperandValue o;
    o.ref_ = v;
    return o;
  }
  static OperandValue owned(AttributeValue v) {
    OperandValue o;
    o.owned_ = std::move(v);
    return o;
  }
  const AttributeValue* get() const { return owned_ ? &*owned_ : ref_; }

 private:
  std::optional<AttributeValue> owned_;
  const AttributeValue* ref_ = nullptr;
};

OperandValue evaluateOperand(const Operand& op, const Item& item) {
  if (const DocumentPath* p = op.path()) return OperandValue::ref(findPath(item, *p));
  if (const ValueRef* v = op.value()) return OperandValue::ref(&v->value);
  // size() is the only function that yields a value inside a condition.
  OperandValue arg = evaluateOperand(op.call()->args[0], item);
  std::optional<size_t> n = arg.get() ? sizeOf(*arg.get()) : std::nullopt;
  if (!n) return OperandValue::ref(nullptr);
  return OperandValue::owned(AttributeValue::number(Number::fromInt(static_cast<int64_t>(*n))));
}

bool compare(CompareOp op, const AttributeValue* a, const AttributeValue* b) {
  if (op == CompareOp::Eq) return a && b && *a == *b;
  if (op == CompareOp::Ne) return !(a && b && *a == *b);
  if (!a || !b) return false;
  std::optional<int> c = compareValues(*a, *b);
  if (!c) return false;
  switch (op) {
    case CompareOp::Lt: return *c < 0;
    case CompareOp::Le: return *c <= 0;
    case CompareOp::Gt: return *c > 0;
    case CompareOp::Ge: return *c >= 0;
    default: return false;
  }
}

bool evaluateFunction(const FunctionCall& call, const Item& item) {
  OperandValue first = evaluateOperand(call.args[0], item);
  const AttributeValue* a = first.get();
  switch (call.function) {
    case Function::AttributeExists: return a != nullptr;
    case Function::AttributeNotExists: return a == nullptr;
    default: break;
  }
  OperandValue second = evaluateOperand(call.args[1], item);
  const AttributeValue* b = second.get();
  if (!a || !b) return false;
  switch (call.function) {
    case Function::AttributeType: return b->is(Type::S) && b->asString() == typeName(a->type());
    case Function::BeginsWith: return beginsWith(*a, *b);
    case Function::Contains: return contains(*a, *b);
    default: return false;
  }
}

struct Evaluate {
  const Item& item;

  bool operator()(const Comparison& c) const {
    OperandValue a = evaluateOperand(c.left, item);
    OperandValue b = evaluateOperand(c.right, item);
    return compare(c.op, a.get(), b.get());
  }
  bool operator()(const Between& c) const {
    OperandValue v = evaluateOperand(c.subject, item);
    OperandValue lo = evaluateOperand(c.lower, item);
    OperandValue hi = evaluateOperand(c.upper, item);
    return compare(CompareOp::Ge, v.get(), lo.get()) && compare(CompareOp::Le, v.get(), hi.get());
  }
  bool operator()(const In& c) const {
    OperandValue v = evaluateOperand(c.subject, item);
    if (!v.get()) return false;
    for (const Operand& candidate : c.candidates) {
      OperandValue w = evaluateOperand(candidate, item);
      if (w.get() && *w.get() == *v.get()) return true;
    }
    return false;
  }
  bool operator()(const FunctionCondition& c) const { return evaluateFunction(c.function(), item); }
  bool operator()(const Logical& l) const {
    switch (l.op) {
      case Logical::Op::Not: return !evaluateCondition(l.terms[0], item);
      case Logical::Op::And:
        for (const ConditionNode& t : l.terms)
          if (!evaluateCondition(t, item)) return false;
        return true;
      case Logical::Op::Or:
        for (const ConditionNode& t : l.terms)
          if (evaluateCondition(t, item)) return true;
        return false;
    }
    return false;
  }
};

}  // namespace

bool evaluateCondition(const ConditionNode& node, const Item& item) { return std::visit(Evaluate{item}, *node.node); }

}  // namespace shoal::expr
