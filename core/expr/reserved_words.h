// DynamoDB's reserved words: an attribute name that is one of them (in any letter case) must
// be written through an ExpressionAttributeNames placeholder in every expression.
#pragma once
#include <cstddef>
#include <string_view>

namespace shoal::expr {

bool isReservedWord(std::string_view word);
size_t reservedWordCount();

}  // namespace shoal::expr
