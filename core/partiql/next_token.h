// ExecuteStatement's NextToken: opaque to callers, it carries where the next page starts (the
// page's LastEvaluatedKey) and a fingerprint of the statement text and parameters, since
// DynamoDB refuses a token replayed with another statement, table, index or parameter set
// ("NextToken does not match request"). A different Limit is allowed, as in DynamoDB.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "value/attribute_value.h"

namespace shoal::partiql {

uint64_t statementFingerprint(std::string_view statement, const std::vector<AttributeValue>& parameters);

std::string encodeNextToken(uint64_t fingerprint, const Item& lastEvaluatedKey);
// The start key; ValidationException "Invalid NextToken" for anything this engine did not
// make, "NextToken does not match request" for a token of another statement.
Item decodeNextToken(std::string_view token, uint64_t fingerprint);

}  // namespace shoal::partiql
