// Checks that need the substituted values, run after resolution in DynamoDB's order of
// reporting. A wrong type among the request's own constants is a ValidationException; a wrong
// type in stored data only makes a condition false (or an update fail at apply time).
//   Conditions: operand counts of functions, the same path on both sides, then operand types
//     (begins_with, size, attribute_type, ordering comparators, BETWEEN bounds).
//   Updates: overlapping or conflicting paths, ADD/DELETE operand types, then functions.
//   Projections: overlapping or conflicting paths.
#pragma once
#include <vector>

#include "expr/ast.h"
#include "expr/expression_error.h"

namespace shoal::expr {

void checkConditionTypes(const ConditionNode& root, ExprKind kind);
void checkUpdateTypes(const UpdateAst& ast);
// "Two document paths overlap with each other; ..." / "Two document paths conflict with each
// other; ...", comparing each path with every earlier one. An overlap is reported before a
// conflict even when the conflict comes first.
void checkDisjointPaths(const std::vector<DocumentPath>& paths, ExprKind kind);

}  // namespace shoal::expr
