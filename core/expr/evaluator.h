// Evaluates a resolved condition tree against one item. Missing attributes and mismatched
// types make a primitive condition false (and "<>" true); evaluation never throws.
#pragma once
#include "expr/ast.h"

namespace shoal::expr {

bool evaluateCondition(const ConditionNode& node, const Item& item);

}  // namespace shoal::expr
