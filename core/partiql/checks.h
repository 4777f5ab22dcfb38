// The expression engine's checks of constants (operand types of functions and comparators,
// overlapping update paths, ...) run on a statement's trees before anything executes, worded
// as PartiQL reports them: DynamoDB's expression messages without the "Invalid
// ConditionExpression: " in front.
#pragma once
#include <string>

#include "expr/ast.h"

namespace shoal::partiql {

void checkCondition(const expr::ConditionNode& where);
void checkUpdate(const expr::UpdateAst& update);

// "Invalid UpdateExpression: detail" (any expression parameter) -> "detail"; other messages
// unchanged.
std::string withoutExpressionPrefix(const std::string& message);

}  // namespace shoal::partiql
