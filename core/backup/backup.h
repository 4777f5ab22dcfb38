// An on-demand backup (CreateBackup), or the SYSTEM backup taken when a table with
// point-in-time recovery is deleted: one table's schema and items as they were at one moment.
// The items are kept as one zstd frame (backup/table_image.h), so a backup costs about what the
// table's snapshot share costs, not what the table costs in memory.
#pragma once
#include <cstdint>
#include <string>

#include "table/schema.h"

namespace shoal {

enum class BackupType : uint8_t {
  User = 1,    // CreateBackup
  System = 2,  // made by DeleteTable of a table with point-in-time recovery on; expires
};

struct Backup {
  std::string arn;   // arn:aws:dynamodb:<region>:<account>:table/<table>/backup/<14-digit ms>-<8 hex>
  std::string name;  // BackupName
  BackupType type = BackupType::User;
  int64_t createdMillis = 0;
  int64_t expiresMillis = 0;  // SYSTEM backups only; 0 = never
  TableSchema table;          // the source table's schema when the backup was taken
  uint64_t itemCount = 0;
  uint64_t tableSizeBytes = 0;  // DynamoDB's item sizes summed (BackupSizeBytes, TableSizeBytes)
  uint64_t imageRawBytes = 0;   // the image's size before compression
  std::string image;            // one zstd frame: the rows (backup/table_image.h)
};

const char* backupTypeName(BackupType type);

}  // namespace shoal
