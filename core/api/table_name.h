// DynamoDB's table-name rule: 3 to 255 characters of [a-zA-Z0-9_.-].
#pragma once
#include <optional>
#include <string>

#include "api/violations.h"
#include "json/request_reader.h"

namespace shoal {

void checkTableName(Violations& v, const std::optional<std::string>& name, const std::string& field = "tableName");

// Reads "TableName" from a request that only needs a valid name (DescribeTable, GetItem, ...),
// reporting constraint violations together with `more` (other members' violations).
std::string requireTableName(const RequestReader& request, Violations& more);

}  // namespace shoal
