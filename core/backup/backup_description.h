// The JSON shapes of backups in DynamoDB's responses: BackupDetails (CreateBackup),
// BackupDescription (DescribeBackup, DeleteBackup), BackupSummary (ListBackups) and the
// ContinuousBackupsDescription of a table (Describe/UpdateContinuousBackups).
#pragma once
#include <cstdint>

#include "backup/backup.h"
#include "backup/backup_catalog.h"
#include "json/json.h"
#include "table/table.h"

namespace shoal {

// `status`: AVAILABLE, or DELETED in DeleteBackup's answer.
void writeBackupDetails(JsonWriter& w, const Backup& backup, const char* status);
void writeBackupDescription(JsonWriter& w, const Backup& backup, const char* status);
void writeBackupSummary(JsonWriter& w, const Backup& backup);
// The table's point-in-time recovery as of engine time `nowMillis`.
void writeContinuousBackupsDescription(JsonWriter& w, BackupCatalog& backups, const Table& table, int64_t nowMillis);

}  // namespace shoal
