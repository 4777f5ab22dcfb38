#include "expr/update.h"

#include "expr/parser.h"
#include "expr/projection.h"
#include "expr/resolver.h"
#include "expr/static_checks.h"
#include "expr/type_checks.h"

namespace shoal::expr {

UpdateExpression UpdateExpression::compile(std::string_view text, ExpressionContext& ctx) {
  UpdateAst ast = parseUpdate(text);
  checkUpdateStatic(ast);
  resolveUpdate(ast, ctx);
  checkUpdateTypes(ast);
  return fromAst(std::move(ast), false);
}

UpdateExpression UpdateExpression::fromAst(UpdateAst ast, bool legacy) {
  auto plan = std::make_shared<Plan>();
  for (const UpdateAction& a : ast.actions) plan->paths.push_back(a.path);
  plan->ast = std::move(ast);
  plan->legacy = legacy;
  UpdateExpression u;
  u.plan_ = std::move(plan);
  return u;
}

void UpdateExpression::apply(Item& item) const {
  if (!empty()) applyUpdate(plan_->ast, plan_->legacy, item);
}

const std::vector<DocumentPath>& UpdateExpression::paths() const {
  static const std::vector<DocumentPath> kNone;
  return plan_ ? plan_->paths : kNone;
}

std::set<std::string> UpdateExpression::targetAttributes() const {
  std::set<std::string> names;
  for (const DocumentPath& p : paths()) names.insert(p.topLevel());
  return names;
}

Item UpdateExpression::updatedAttributes(const Item& item) const { return projectPaths(item, paths()); }

}  // namespace shoal::expr
