// DynamoDB's table-name rule: 3 to 255 characters of [a-zA-Z0-9_.-].
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "api/violations.h"
#include "json/request_reader.h"

namespace shoal {

// True when `name` satisfies the rule; the storage decoder uses it to refuse crafted files.
bool isValidTableName(std::string_view name);

void checkTableName(Violations& v, const std::optional<std::string>& name, const std::string& field = "tableName");

// Reads "TableName" from a request that only needs a valid name (DescribeTable, GetItem, ...),
// reporting constraint violations together with `more` (other members' violations).
std::string requireTableName(const RequestReader& request, Violations& more);

}  // namespace shoal
