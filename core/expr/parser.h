// The grammar of the three expression languages, as recursive descent over tokenize()'s
// tokens. Parsing enforces syntax and the expression limits (length, nesting, operators,
// path depth, IN operands) and reports DynamoDB's messages:
//   Invalid ConditionExpression: Syntax error; token: "<EOF>", near: "a ="
//   Invalid UpdateExpression: Expression size has exceeded the maximum allowed size; expression size: 4097
// It neither resolves placeholders nor checks meaning; see checks.h and resolver.h.
#pragma once
#include <string_view>
#include <vector>

#include "expr/ast.h"
#include "expr/expression_error.h"

namespace shoal::expr {

// ConditionExpression, FilterExpression and KeyConditionExpression share one grammar
// (DynamoDB uses one parser for all three; KeyConditionExpression restricts the tree later).
ConditionNode parseCondition(std::string_view text, ExprKind kind);
UpdateAst parseUpdate(std::string_view text);
std::vector<DocumentPath> parseProjection(std::string_view text);

}  // namespace shoal::expr
