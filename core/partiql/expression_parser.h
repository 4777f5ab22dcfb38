// The expression rules of the grammar, building the expression engine's own trees:
//   path      name ('.' name | '[' index ']' | '[' 'key' ']')*
//   operand   literal | ? | path | size(path) | '(' operand ')'
//   condition OR / AND / NOT over predicates: comparisons (= <> != < <= > >=), [NOT] BETWEEN,
//             [NOT] IN [...], IS [NOT] MISSING | NULL | <type>, attribute_exists,
//             attribute_not_exists, attribute_type, begins_with, contains
// IS MISSING becomes attribute_not_exists, IS NULL attribute_type(path, 'NULL'), and so on,
// so the one evaluator of expr/ answers every PartiQL condition.
#pragma once
#include "expr/ast.h"
#include "partiql/cursor.h"

namespace shoal::partiql {

expr::DocumentPath parsePath(Cursor& c);
// An operand of a comparison or function; `MISSING` is refused here, as DynamoDB refuses it
// anywhere but after IS.
expr::Operand parseOperand(Cursor& c);
// A whole condition (a WHERE clause).
expr::ConditionNode parseCondition(Cursor& c);

// A function name as the expression engine knows it ("begins_with"), from any case.
std::string lowerName(const std::string& name);

}  // namespace shoal::partiql
