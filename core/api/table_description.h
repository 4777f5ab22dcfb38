// The TableDescription object that CreateTable, DescribeTable, DeleteTable (and later
// UpdateTable) return, in DynamoDB's shape.
#pragma once
#include "json/json.h"
#include "table/table.h"

namespace shoal {

// A restored table's description carries its RestoreSummary, RestoreInProgress while `status`
// is CREATING (the response of the restore itself).
void writeTableDescription(JsonWriter& w, const Table& table, const char* status);
// Parts of it that backup descriptions share (backup/backup_description.h).
void writeKeySchema(JsonWriter& w, const KeySchema& key);
void writeProjection(JsonWriter& w, const IndexProjection& projection);
std::string tableArn(const std::string& tableName);
std::string streamArn(const std::string& tableName, int64_t streamCreatedMillis);

}  // namespace shoal
