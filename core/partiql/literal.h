// PartiQL literals as DynamoDB values: 'text' (S), numbers (N, exact), TRUE/FALSE (BOOL),
// NULL, [ ... ] (L), { 'name': value, ... } (M) and << ... >> (SS or NS; DynamoDB calls them
// bags). Errors name the place inside the literal as DynamoDB does: "... under root.m[1]".
#pragma once
#include <string>

#include "partiql/cursor.h"
#include "value/attribute_value.h"

namespace shoal::partiql {

// Whether the next tokens start a literal (a sign counts when a number follows it).
bool startsLiteral(const Cursor& c);

// The literal at the cursor. `place` names it in messages ("root" for a whole value), `depth`
// is its nesting level (1 for a whole value; DynamoDB allows 32). A `?` is taken as the next
// parameter only at depth 1: inside a collection literal DynamoDB refuses it.
AttributeValue parseLiteral(Cursor& c, const std::string& place = "root", int depth = 1);

// A number token, negated when `negative`, checked against DynamoDB's number rules.
AttributeValue numberLiteral(const Token& t, bool negative, const std::string& place);

}  // namespace shoal::partiql
