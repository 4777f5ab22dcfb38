#include "expr/legacy.h"

#include "api/error.h"
#include "expr/value_ops.h"

namespace shoal::expr {
namespace {

const std::string kInvalid = "One or more parameter values were invalid: ";

[[noreturn]] void fail(const std::string& message) { throw ApiError::validation(message); }

enum class Op { EQ, NE, LE, LT, GE, GT, NUL, NOT_NULL, CONTAINS, NOT_CONTAINS, BEGINS_WITH, IN, BETWEEN };

Op parseOp(const std::string& name) {
  static const std::pair<const char*, Op> kOps[] = {
      {"EQ", Op::EQ}, {"NE", Op::NE}, {"LE", Op::LE}, {"LT", Op::LT}, {"GE", Op::GE}, {"GT", Op::GT},
      {"NULL", Op::NUL}, {"NOT_NULL", Op::NOT_NULL}, {"CONTAINS", Op::CONTAINS}, {"NOT_CONTAINS", Op::NOT_CONTAINS},
      {"BEGINS_WITH", Op::BEGINS_WITH}, {"IN", Op::IN}, {"BETWEEN", Op::BETWEEN},
  };
  for (const auto& [n, op] : kOps)
    if (name == n) return op;
  fail("1 validation error detected: Value '" + name +
       "' at 'comparisonOperator' failed to satisfy constraint: Member must satisfy enum value set: "
       "[IN, NULL, BETWEEN, LT, NOT_CONTAINS, EQ, GT, NOT_NULL, NE, LE, BEGINS_WITH, GE, CONTAINS]");
}

bool argumentCountOk(Op op, size_t n) {
  switch (op) {
    case Op::NUL:
    case Op::NOT_NULL: return n == 0;
    case Op::IN: return n >= 1;
    case Op::BETWEEN: return n == 2;
    default: return n == 1;
  }
}

bool typeAllowed(Op op, Type t) {
  switch (op) {
    case Op::EQ:
    case Op::NE: return true;
    case Op::BEGINS_WITH: return t == Type::S || t == Type::B;
    default: return isOrderable(t);  // ordering, CONTAINS, NOT_CONTAINS, IN, BETWEEN: S, N or B
  }
}

// The operator and its values after DynamoDB's checks on one legacy condition.
struct Checked {
  Op op;
  std::vector<AttributeValue> values;
};

Checked checkComparison(const LegacyCondition& c) {
  const std::string& name = *c.comparisonOperator;
  Op op = parseOp(name);
  std::vector<AttributeValue> values;
  if (c.attributeValueList) values = *c.attributeValueList;
  else if (c.value) values.push_back(*c.value);
  if (!argumentCountOk(op, values.size()))
    fail(kInvalid + "Invalid number of argument(s) for the " + name + " ComparisonOperator");
  for (const AttributeValue& v : values)
    if (v.type() != values.front().type())
      fail(kInvalid + "AttributeValues inside AttributeValueList must be of same type");
  for (const AttributeValue& v : values)
    if (!typeAllowed(op, v.type()))
      fail(kInvalid + "ComparisonOperator " + name + " is not valid for " + typeName(v.type()) + " AttributeValue type");
  if (op == Op::BETWEEN && compareValues(values[0], values[1]).value_or(0) > 0)
    fail("The BETWEEN condition was provided a range where the lower bound is greater than the upper bound");
  return Checked{op, std::move(values)};
}

Operand pathOperand(const std::string& attribute) {
  Operand o;
  o.node = DocumentPath::attribute(attribute);
  return o;
}

Operand valueOperand(AttributeValue v) {
  Operand o;
  o.node = ValueRef{std::string(), std::move(v)};
  return o;
}

ConditionNode functionNode(const char* name, std::vector<Operand> args) {
  FunctionCall call;
  call.name = name;
  call.function = functionByName(call.name);
  call.args = std::move(args);
  Operand op;
  op.node = std::move(call);
  return ConditionNode(FunctionCondition{std::move(op)});
}

ConditionNode comparisonNode(CompareOp op, const std::string& attribute, AttributeValue v) {
  return ConditionNode(Comparison{op, pathOperand(attribute), valueOperand(std::move(v))});
}

ConditionNode logicalNode(Logical::Op op, std::vector<ConditionNode> terms) {
  return ConditionNode(Logical{op, std::move(terms)});
}

// DynamoDB's meaning of each legacy operator, in expression terms. NE is true for a missing
// attribute (as <> is); NOT_CONTAINS is false for one, so it also requires the attribute.
ConditionNode translate(const std::string& attribute, Checked c) {
  auto& v = c.values;
  switch (c.op) {
    case Op::EQ: return comparisonNode(CompareOp::Eq, attribute, v[0]);
    case Op::NE: return comparisonNode(CompareOp::Ne, attribute, v[0]);
    case Op::LE: return comparisonNode(CompareOp::Le, attribute, v[0]);
    case Op::LT: return comparisonNode(CompareOp::Lt, attribute, v[0]);
    case Op::GE: return comparisonNode(CompareOp::Ge, attribute, v[0]);
    case Op::GT: return comparisonNode(CompareOp::Gt, attribute, v[0]);
    case Op::NUL: return functionNode("attribute_not_exists", {pathOperand(attribute)});
    case Op::NOT_NULL: return functionNode("attribute_exists", {pathOperand(attribute)});
    case Op::CONTAINS: return functionNode("contains", {pathOperand(attribute), valueOperand(v[0])});
    case Op::NOT_CONTAINS: {
      std::vector<ConditionNode> negated;
      negated.push_back(functionNode("contains", {pathOperand(attribute), valueOperand(v[0])}));
      std::vector<ConditionNode> both;
      both.push_back(functionNode("attribute_exists", {pathOperand(attribute)}));
      both.push_back(logicalNode(Logical::Op::Not, std::move(negated)));
      return logicalNode(Logical::Op::And, std::move(both));
    }
    case Op::BEGINS_WITH: return functionNode("begins_with", {pathOperand(attribute), valueOperand(v[0])});
    case Op::IN: {
      In in{pathOperand(attribute), {}};
      for (AttributeValue& x : v) in.candidates.push_back(valueOperand(std::move(x)));
      return ConditionNode(std::move(in));
    }
    case Op::BETWEEN: {
      return ConditionNode(Between{pathOperand(attribute), valueOperand(v[0]), valueOperand(v[1])});
    }
  }
  fail("unreachable");
}

Logical::Op joiner(const std::optional<std::string>& conditionalOperator) {
  if (!conditionalOperator || *conditionalOperator == "AND") return Logical::Op::And;
  if (*conditionalOperator == "OR") return Logical::Op::Or;
  fail("1 validation error detected: Value '" + *conditionalOperator +
       "' at 'conditionalOperator' failed to satisfy constraint: Member must satisfy enum value set: [OR, AND]");
}

Condition join(std::vector<ConditionNode> terms, Logical::Op op) {
  if (terms.empty()) return Condition();
  if (terms.size() == 1) return Condition::fromTree(std::move(terms[0]));
  return Condition::fromTree(logicalNode(op, std::move(terms)));
}

}  // namespace

Condition conditionFromExpected(const std::vector<LegacyCondition>& expected,
                                const std::optional<std::string>& conditionalOperator) {
  Logical::Op op = joiner(conditionalOperator);
  std::vector<ConditionNode> terms;
  for (const LegacyCondition& c : expected) {
    const std::string& a = c.attribute;
    if (c.attributeValueList && c.value)
      fail(kInvalid + "Value and AttributeValueList cannot be used together for Attribute: " + a);
    if (c.comparisonOperator) {
      if (c.exists) fail(kInvalid + "Exists and ComparisonOperator cannot be used together for Attribute: " + a);
      const std::string& name = *c.comparisonOperator;
      if (name != "NULL" && name != "NOT_NULL" && !c.attributeValueList && !c.value)
        fail(kInvalid + "Value or AttributeValueList must be used with ComparisonOperator: " + name +
             " for Attribute: " + a);
      terms.push_back(translate(a, checkComparison(c)));
    } else if (c.attributeValueList) {
      fail(kInvalid + "AttributeValueList can only be used with a ComparisonOperator for Attribute: " + a);
    } else {
      bool exists = !c.exists || *c.exists;
      if (exists && !c.value)
        fail(kInvalid + "Value must be provided when Exists is " + (c.exists ? "true" : "null") + " for Attribute: " + a);
      if (!exists && c.value) fail(kInvalid + "Value cannot be used when Exists is false for Attribute: " + a);
      terms.push_back(exists ? comparisonNode(CompareOp::Eq, a, *c.value)
                             : functionNode("attribute_not_exists", {pathOperand(a)}));
    }
  }
  return join(std::move(terms), op);
}

Condition conditionFromFilter(const std::vector<LegacyCondition>& filter,
                              const std::optional<std::string>& conditionalOperator) {
  Logical::Op op = joiner(conditionalOperator);
  std::vector<ConditionNode> terms;
  for (const LegacyCondition& c : filter) {
    if (!c.comparisonOperator)
      fail("1 validation error detected: Value null at 'comparisonOperator' failed to satisfy constraint: Member "
           "must not be null");
    terms.push_back(translate(c.attribute, checkComparison(c)));
  }
  return join(std::move(terms), op);
}

KeyCondition keyConditionFromLegacy(const std::vector<LegacyCondition>& keyConditions, const KeySchema& schema) {
  std::vector<Checked> checked;
  for (const LegacyCondition& c : keyConditions) {
    if (!c.comparisonOperator)
      fail("1 validation error detected: Value null at 'comparisonOperator' failed to satisfy constraint: Member "
           "must not be null");
    checked.push_back(checkComparison(c));
  }
  if (checked.empty() || checked.size() > 2) fail("Conditions can be of length 1 or 2 only");
  auto named = [&](const std::string& n) {
    for (const LegacyCondition& c : keyConditions)
      if (c.attribute == n) return true;
    return false;
  };
  if (!named(schema.hash.name)) fail("Query condition missed key schema element: " + schema.hash.name);
  if (checked.size() == 2 && schema.range && !named(schema.range->name))
    fail("Query condition missed key schema element: " + schema.range->name);

  std::vector<KeyTerm> terms;
  for (size_t i = 0; i < checked.size(); ++i) {
    Checked& c = checked[i];
    KeyTerm t{keyConditions[i].attribute, SortKeyOp::Eq, AttributeValue(), AttributeValue()};
    switch (c.op) {
      case Op::EQ: t.op = SortKeyOp::Eq; break;
      case Op::LT: t.op = SortKeyOp::Lt; break;
      case Op::LE: t.op = SortKeyOp::Le; break;
      case Op::GT: t.op = SortKeyOp::Gt; break;
      case Op::GE: t.op = SortKeyOp::Ge; break;
      case Op::BEGINS_WITH: t.op = SortKeyOp::BeginsWith; break;
      case Op::BETWEEN: t.op = SortKeyOp::Between; break;
      default: fail("Attempted conditional constraint is not an indexable operation");
    }
    t.value = c.values[0];
    if (c.op == Op::BETWEEN) t.upper = c.values[1];
    terms.push_back(std::move(t));
  }
  return keyConditionFromTerms(terms, schema);
}

UpdateExpression updateFromAttributeUpdates(const std::vector<LegacyAttributeUpdate>& updates) {
  UpdateAst ast;
  for (const LegacyAttributeUpdate& u : updates) {
    std::string action = u.action.value_or("PUT");
    if (action != "PUT" && action != "ADD" && action != "DELETE")
      fail("1 validation error detected: Value '" + action + "' at 'attributeUpdates." + u.attribute +
           ".member.action' failed to satisfy constraint: Member must satisfy enum value set: [ADD, PUT, DELETE]");
    if (!u.value && action != "DELETE")
      fail(kInvalid + "Only DELETE action is allowed when no attribute value is specified");
    UpdateAction a{UpdateActionKind::Set, DocumentPath::attribute(u.attribute), std::nullopt};
    if (u.value) a.value = valueOperand(*u.value);
    if (action == "DELETE") {
      if (!u.value) {
        a.kind = UpdateActionKind::Remove;
      } else {
        Type t = u.value->type();
        if (t != Type::SS && t != Type::NS && t != Type::BS)
          fail(kInvalid + "DELETE action with value is not supported for the type " + typeName(t));
        a.kind = UpdateActionKind::Delete;
      }
    } else if (action == "ADD") {
      Type t = u.value->type();
      if (t != Type::N && t != Type::SS && t != Type::NS && t != Type::BS && t != Type::L)
        fail(kInvalid + "ADD action is not supported for the type " + typeName(t));
      a.kind = UpdateActionKind::Add;
    }
    ast.actions.push_back(std::move(a));
  }
  return UpdateExpression::fromAst(std::move(ast), true);
}

Projection projectionFromAttributesToGet(const std::vector<std::string>& names) {
  for (size_t i = 0; i < names.size(); ++i)
    for (size_t j = 0; j < i; ++j)
      if (names[i] == names[j]) fail(kInvalid + "Duplicate value in attribute name: " + names[i]);
  return Projection::ofAttributes(names);
}

}  // namespace shoal::expr
