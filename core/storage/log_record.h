// One log record: what changed, in which order (a log sequence number), and when (the HLC
// stamp and site id of the change). Encoding frames the record (length + checksum); decoding
// takes a payload whose checksum the reader already verified.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "backup/backup.h"
#include "storage/log_format.h"
#include "table/change_set.h"
#include "table/schema.h"

namespace shoal::storage {

struct LogRecord {
  RecordType type = RecordType::Commit;
  // Position in this database's log: 1 for the first record ever written, then +1 each.
  // Snapshots remember the last sequence they contain, which is what makes replay idempotent.
  uint64_t sequence = 0;
  Stamp stamp;
  ChangeSet change;       // Commit, RestoreTable (its puts); change.stamp == stamp
  TableSchema schema;     // CreateTable, UpdateTable, RestoreTable
  std::string tableName;  // DeleteTable
  Backup backup;          // CreateBackup
  std::string backupArn;  // DeleteBackup
  std::string sync;       // SyncUnit: the encoded unit; SyncControl: the event
};

// Append one framed record to `out`.
void appendCommitRecord(std::string& out, uint64_t sequence, const ChangeSet& change);
void appendCreateTableRecord(std::string& out, uint64_t sequence, const Stamp& stamp, const TableSchema& schema);
void appendDeleteTableRecord(std::string& out, uint64_t sequence, const Stamp& stamp, const std::string& name);
void appendUpdateTableRecord(std::string& out, uint64_t sequence, const Stamp& stamp, const TableSchema& schema);
void appendCreateBackupRecord(std::string& out, uint64_t sequence, const Stamp& stamp, const Backup& backup);
// `change`: puts into `schema.name` only, in strictly increasing key order (Table::Rows order).
void appendRestoreTableRecord(std::string& out, uint64_t sequence, const TableSchema& schema, const ChangeSet& change);
void appendDeleteBackupRecord(std::string& out, uint64_t sequence, const Stamp& stamp, const std::string& arn);
void appendSyncRecord(std::string& out, RecordType type, uint64_t sequence, const Stamp& stamp, std::string_view bytes);

// Decodes a payload (without the 8-byte frame header). Throws DecodeError.
LogRecord decodeLogPayload(std::string_view payload);

}  // namespace shoal::storage
