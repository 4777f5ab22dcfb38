#include "expr/condition.h"

#include "expr/ast_walk.h"
#include "expr/evaluator.h"
#include "expr/parser.h"
#include "expr/resolver.h"
#include "expr/static_checks.h"
#include "expr/type_checks.h"

namespace shoal::expr {

ConditionNode compileConditionTree(std::string_view text, ExprKind kind, ExpressionContext& ctx) {
  ConditionNode root = parseCondition(text, kind);
  checkConditionStatic(root, kind);
  resolveCondition(root, kind, ctx);
  checkConditionTypes(root, kind);
  return root;
}

Condition Condition::compile(std::string_view text, ExprKind kind, ExpressionContext& ctx) {
  return fromTree(compileConditionTree(text, kind, ctx));
}

Condition Condition::fromTree(ConditionNode root) {
  Condition c;
  c.root_ = std::make_shared<const ConditionNode>(std::move(root));
  return c;
}

bool Condition::evaluate(const Item& item) const { return !root_ || evaluateCondition(*root_, item); }

std::set<std::string> Condition::topLevelAttributes() const {
  std::set<std::string> names;
  if (!root_) return names;
  auto visit = [&](const Operand& op, Slot) {
    if (const DocumentPath* p = op.path()) names.insert(p->topLevel());
  };
  walkOperands(*root_, visit);
  return names;
}

}  // namespace shoal::expr
