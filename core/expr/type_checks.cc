#include "expr/type_checks.h"

#include "expr/ast_walk.h"
#include "expr/value_ops.h"

namespace shoal::expr {
namespace {

// The type an operand is known to have before any item is seen: a constant's own type, N for
// size(). Paths (and anything else) are unknown until evaluation.
std::optional<Type> staticType(const Operand& op) {
  if (const ValueRef* v = op.value()) return v->value.type();
  if (const FunctionCall* call = op.call(); call && call->function == Function::Size) return Type::N;
  return std::nullopt;
}

// The type of a constant only (DynamoDB's update checks look at nothing else).
std::optional<Type> constantType(const Operand& op) {
  if (const ValueRef* v = op.value()) return v->value.type();
  return std::nullopt;
}

[[noreturn]] void wrongOperandType(ExprKind kind, const std::string& fn, const std::string& type) {
  throwInvalid(kind, "Incorrect operand type for operator or function; operator or function: " + fn +
                         ", operand type: " + type);
}

size_t expectedArgs(Function f) {
  switch (f) {
    case Function::AttributeExists:
    case Function::AttributeNotExists:
    case Function::Size: return 1;
    default: return 2;
  }
}

void checkArity(const FunctionCall& call, ExprKind kind) {
  if (call.args.size() != expectedArgs(call.function))
    throwInvalid(kind, "Incorrect number of operands for operator or function; operator or function: " + call.name +
                           ", number of operands: " + std::to_string(call.args.size()));
}

void checkDistinct(const Operand& a, const Operand& b, const std::string& op, ExprKind kind) {
  const DocumentPath* pa = a.path();
  const DocumentPath* pb = b.path();
  if (pa && pb && *pa == *pb)
    throwInvalid(kind, "The first operand must be distinct from the remaining operands for this operator or function; "
                       "operator: " + op + ", first operand: " + pa->toString());
}

void checkFunctionTypes(const FunctionCall& call, ExprKind kind) {
  switch (call.function) {
    case Function::AttributeExists:
    case Function::AttributeNotExists:
      if (!call.args[0].path())
        throwInvalid(kind, "Operator or function requires a document path; operator or function: " + call.name);
      break;
    case Function::AttributeType: {
      std::optional<Type> t = staticType(call.args[1]);
      if (!t) wrongOperandType(kind, call.name, "{NS,SS,L,BS,N,M,B,BOOL,NULL,S}");
      if (*t != Type::S) wrongOperandType(kind, call.name, typeName(*t));
      const std::string& wanted = call.args[1].value()->value.asString();
      static const char* kTypes[] = {"S", "N", "B", "BOOL", "NULL", "M", "L", "SS", "NS", "BS"};
      bool known = false;
      for (const char* k : kTypes) known = known || wanted == k;
      if (!known)
        throwInvalid(kind, "Invalid attribute type name found; type: " + wanted +
                               ", valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}");
      break;
    }
    case Function::BeginsWith:
      for (const Operand& arg : call.args) {
        std::optional<Type> t = staticType(arg);
        if (t && *t != Type::S && *t != Type::B) wrongOperandType(kind, call.name, typeName(*t));
      }
      break;
    case Function::Size: {
      std::optional<Type> t = staticType(call.args[0]);
      if (t && (*t == Type::N || *t == Type::BOOL || *t == Type::NUL)) wrongOperandType(kind, call.name, typeName(*t));
      break;
    }
    default: break;
  }
}

void checkOrderable(const Operand& op, const char* name, ExprKind kind) {
  std::optional<Type> t = staticType(op);
  if (t && !isOrderable(*t)) wrongOperandType(kind, name, typeName(*t));
}

bool isOrdering(CompareOp op) { return op != CompareOp::Eq && op != CompareOp::Ne; }

}  // namespace

void checkConditionTypes(const ConditionNode& root, ExprKind kind) {
  auto arity = [&](const Operand& op, Slot) {
    if (const FunctionCall* call = op.call()) checkArity(*call, kind);
  };
  walkOperands(root, arity);

  auto distinct = [&](const auto& n) {
    using N = std::decay_t<decltype(n)>;
    if constexpr (std::is_same_v<N, Comparison>) {
      checkDistinct(n.left, n.right, compareOpSymbol(n.op), kind);
    }
    if constexpr (std::is_same_v<N, FunctionCondition>) {
      const FunctionCall& call = n.function();
      if (call.args.size() == 2) checkDistinct(call.args[0], call.args[1], call.name, kind);
    }
  };
  walkPrimitives(root, distinct);

  auto functionTypes = [&](const Operand& op, Slot) {
    if (const FunctionCall* call = op.call()) checkFunctionTypes(*call, kind);
  };
  walkOperands(root, functionTypes);

  auto comparisonTypes = [&](const auto& n) {
    using N = std::decay_t<decltype(n)>;
    if constexpr (std::is_same_v<N, Comparison>) {
      if (isOrdering(n.op)) {
        checkOrderable(n.left, compareOpSymbol(n.op), kind);
        checkOrderable(n.right, compareOpSymbol(n.op), kind);
      }
    }
    if constexpr (std::is_same_v<N, Between>) {
      checkOrderable(n.subject, "BETWEEN", kind);
      checkOrderable(n.lower, "BETWEEN", kind);
      checkOrderable(n.upper, "BETWEEN", kind);
      const ValueRef* lo = n.lower.value();
      const ValueRef* hi = n.upper.value();
      if (lo && hi) {
        std::string operands = "lower bound operand: AttributeValue: " + describeValue(lo->value) +
                               ", upper bound operand: AttributeValue: " + describeValue(hi->value);
        if (lo->value.type() != hi->value.type())
          throwInvalid(kind, "The BETWEEN operator requires same data type for lower and upper bounds; " + operands);
        if (compareValues(lo->value, hi->value).value_or(0) > 0)
          throwInvalid(kind,
                       "The BETWEEN operator requires upper bound to be greater than or equal to lower bound; " + operands);
      }
    }
  };
  walkPrimitives(root, comparisonTypes);
}

void checkUpdateTypes(const UpdateAst& ast) {
  std::vector<DocumentPath> targets;
  targets.reserve(ast.actions.size());
  for (const UpdateAction& action : ast.actions) targets.push_back(action.path);
  checkDisjointPaths(targets, ExprKind::Update);

  for (const UpdateAction& action : ast.actions) {
    if (action.kind != UpdateActionKind::Add && action.kind != UpdateActionKind::Delete) continue;
    Type t = action.value->value()->value.type();
    bool isSet = t == Type::SS || t == Type::NS || t == Type::BS;
    bool ok = isSet || (action.kind == UpdateActionKind::Add && t == Type::N);
    if (!ok)
      throwInvalid(ExprKind::Update, std::string("Incorrect operand type for operator or function; operator: ") +
                                         updateActionName(action.kind) + ", operand type: " + operandTypeWord(t));
  }

  auto functions = [&](const Operand& op, Slot) {
    const FunctionCall* call = op.call();
    if (!call) return;
    checkArity(*call, ExprKind::Update);
    switch (call->function) {
      case Function::IfNotExists:
        if (!call->args[0].path())
          throwInvalid(ExprKind::Update, "Operator or function requires a document path; operator or function: " + call->name);
        break;
      case Function::ListAppend:
        for (const Operand& arg : call->args)
          if (auto t = constantType(arg); t && *t != Type::L) wrongOperandType(ExprKind::Update, call->name, typeName(*t));
        break;
      case Function::Plus:
      case Function::Minus:
        for (const Operand& arg : call->args)
          if (auto t = constantType(arg); t && *t != Type::N) wrongOperandType(ExprKind::Update, call->name, typeName(*t));
        break;
      default: break;
    }
  };
  walkUpdateOperands(ast, functions);
}

void checkDisjointPaths(const std::vector<DocumentPath>& paths, ExprKind kind) {
  std::string conflict;
  for (size_t j = 1; j < paths.size(); ++j) {
    for (size_t i = 0; i < j; ++i) {
      const auto& a = paths[i].elements;
      const auto& b = paths[j].elements;
      size_t n = std::min(a.size(), b.size());
      size_t k = 0;
      bool conflicting = false;
      for (; k < n; ++k) {
        if (a[k].kind != b[k].kind) {
          conflicting = true;
          break;
        }
        if (a[k] != b[k]) break;
      }
      std::string pair = "must remove or rewrite one of these paths; path one: " + paths[i].toString() +
                         ", path two: " + paths[j].toString();
      if (conflicting) {
        if (conflict.empty()) conflict = "Two document paths conflict with each other; " + pair;
      } else if (k == n) {
        throwInvalid(kind, "Two document paths overlap with each other; " + pair);
      }
    }
  }
  if (!conflict.empty()) throwInvalid(kind, conflict);
}

}  // namespace shoal::expr
