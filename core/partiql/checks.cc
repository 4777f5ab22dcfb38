#include "partiql/checks.h"

#include "api/error.h"
#include "expr/type_checks.h"

namespace shoal::partiql {
namespace {

template <typename F>
void reworded(F check) {
  try {
    check();
  } catch (const ApiError& e) {
    if (e.type() != "ValidationException") throw;
    throw ApiError::validation(withoutExpressionPrefix(e.what()));
  }
}

}  // namespace

std::string withoutExpressionPrefix(const std::string& message) {
  static const char* kParameters[] = {"ConditionExpression", "FilterExpression", "KeyConditionExpression",
                                      "UpdateExpression", "ProjectionExpression"};
  for (const char* p : kParameters) {
    std::string prefix = std::string("Invalid ") + p + ": ";
    if (message.compare(0, prefix.size(), prefix) == 0) return message.substr(prefix.size());
  }
  return message;
}

void checkCondition(const expr::ConditionNode& where) {
  if (where.node) reworded([&] { expr::checkConditionTypes(where, expr::ExprKind::Condition); });
}

void checkUpdate(const expr::UpdateAst& update) {
  reworded([&] { expr::checkUpdateTypes(update); });
}

}  // namespace shoal::partiql
