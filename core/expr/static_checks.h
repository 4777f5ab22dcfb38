// Checks of meaning that need no substitutions, run right after parsing and in DynamoDB's
// order of reporting. Conditions: redundant parentheses (reported by the parser), unknown
// functions, functions in the wrong place, reserved words. Updates: reserved words, unknown
// functions, a clause keyword used twice. Projections: reserved words.
#pragma once
#include <vector>

#include "expr/ast.h"
#include "expr/expression_error.h"

namespace shoal::expr {

void checkConditionStatic(const ConditionNode& root, ExprKind kind);
void checkUpdateStatic(const UpdateAst& ast);
void checkProjectionStatic(const std::vector<DocumentPath>& paths);

}  // namespace shoal::expr
