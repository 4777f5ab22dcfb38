// Splits an expression into tokens. Never fails: a character no grammar accepts becomes an
// Invalid token, so the parser reports it with DynamoDB's "Syntax error; token: ..." message
// at the point it reaches it. The last token is always End.
#pragma once
#include <string_view>
#include <vector>

#include "expr/token.h"

namespace shoal::expr {

std::vector<Token> tokenize(std::string_view text);

}  // namespace shoal::expr
