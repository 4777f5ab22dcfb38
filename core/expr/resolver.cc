#include "expr/resolver.h"

#include "expr/ast_walk.h"

namespace shoal::expr {
namespace {

void resolveNames(DocumentPath& path, ExprKind kind, ExpressionContext& ctx) {
  for (PathElement& e : path.elements) {
    if (!e.placeholder) continue;
    const std::string* name = nullptr;
    if (ctx.names) {
      auto it = ctx.names->find(e.name);
      if (it != ctx.names->end()) name = &it->second;
    }
    if (!name)
      throwInvalid(kind, "An expression attribute name used in the document path is not defined; attribute name: " + e.name);
    ctx.usedNames.insert(e.name);
    e.name = *name;
  }
}

void resolveValue(ValueRef& ref, ExprKind kind, ExpressionContext& ctx) {
  const AttributeValue* value = nullptr;
  if (ctx.values) {
    auto it = ctx.values->find(ref.placeholder);
    if (it != ctx.values->end()) value = &it->second;
  }
  if (!value)
    throwInvalid(kind, "An expression attribute value used in expression is not defined; attribute value: " + ref.placeholder);
  ctx.usedValues.insert(ref.placeholder);
  ref.value = *value;
}

}  // namespace

void resolveCondition(ConditionNode& root, ExprKind kind, ExpressionContext& ctx) {
  auto visit = [&](Operand& op, Slot) {
    if (auto* p = std::get_if<DocumentPath>(&op.node)) resolveNames(*p, kind, ctx);
    else if (auto* v = std::get_if<ValueRef>(&op.node)) resolveValue(*v, kind, ctx);
  };
  walkOperands(root, visit);
}

void resolveUpdate(UpdateAst& ast, ExpressionContext& ctx) {
  auto names = [&](Operand& op, Slot) {
    if (auto* p = std::get_if<DocumentPath>(&op.node)) resolveNames(*p, ExprKind::Update, ctx);
  };
  for (UpdateAction& action : ast.actions) {
    resolveNames(action.path, ExprKind::Update, ctx);
    if (action.value) walkOperand(*action.value, Slot::Operand, names);
  }
  auto values = [&](Operand& op, Slot) {
    if (auto* v = std::get_if<ValueRef>(&op.node)) resolveValue(*v, ExprKind::Update, ctx);
  };
  walkUpdateOperands(ast, values);
}

void resolvePaths(std::vector<DocumentPath>& paths, ExprKind kind, ExpressionContext& ctx) {
  for (DocumentPath& p : paths) resolveNames(p, kind, ctx);
}

}  // namespace shoal::expr
