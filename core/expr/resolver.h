// Resolution: substitutes #name and :value placeholders in a parsed tree, in place, from the
// request's ExpressionContext, and records which ones were used. Reports DynamoDB's messages
// for a missing substitution:
//   An expression attribute name used in the document path is not defined; attribute name: #x
//   An expression attribute value used in expression is not defined; attribute value: :x
// Conditions resolve names and values in text order; updates all names first, then values
// (the order in which DynamoDB reports them).
#pragma once
#include <vector>

#include "expr/ast.h"
#include "expr/context.h"
#include "expr/expression_error.h"

namespace shoal::expr {

void resolveCondition(ConditionNode& root, ExprKind kind, ExpressionContext& ctx);
void resolveUpdate(UpdateAst& ast, ExpressionContext& ctx);
void resolvePaths(std::vector<DocumentPath>& paths, ExprKind kind, ExpressionContext& ctx);

}  // namespace shoal::expr
