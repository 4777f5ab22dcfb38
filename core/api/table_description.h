// The TableDescription object that CreateTable, DescribeTable, DeleteTable (and later
// UpdateTable) return, in DynamoDB's shape.
#pragma once
#include "json/json.h"
#include "table/table.h"

namespace shoal {

void writeTableDescription(JsonWriter& w, const Table& table, const char* status);
std::string tableArn(const std::string& tableName);
std::string streamArn(const std::string& tableName, int64_t streamCreatedMillis);

}  // namespace shoal
