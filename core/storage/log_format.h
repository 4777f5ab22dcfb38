// On-disk constants of the write-ahead log, shared by LogWriter and LogReader; the prose spec
// is FORMAT.md. NEVER renumber or reuse a RecordType: files outlive builds.
#pragma once
#include <cstddef>
#include <cstdint>

namespace shoal::storage {

// Every record: fixed32 payload length, fixed32 CRC-32C of (those four length bytes +
// payload), then the payload. Little-endian.
inline constexpr size_t kLogHeaderBytes = 8;

// The first payload byte. Bumped when a payload layout (or the value codec inside it)
// changes; a reader refuses versions newer than its own and keeps reading older ones.
inline constexpr uint8_t kLogFormatVersion = 1;

enum class RecordType : uint8_t {
  Commit = 1,       // one ChangeSet: a whole PutItem, DeleteItem, transaction or batch
  CreateTable = 2,  // a TableSchema
  DeleteTable = 3,  // a table name
  UpdateTable = 4,  // the table's whole new TableSchema (UpdateTable, UpdateTimeToLive, ...)
  // 5-9 belong to sync (issue 6); 10-19 to backups (issue 5).
  CreateBackup = 10,  // a Backup, its compressed items included (storage/backup_codec.h)
  DeleteBackup = 11,  // a backup ARN
  // A restored table: its schema and its rows in one record, so that a crash never leaves the
  // table without its items (RestoreTableFromBackup, RestoreTableToPointInTime). Logs written
  // before it hold a restore as CreateTable + Commit, which still replay.
  RestoreTable = 12,
  SyncUnit = 5,     // a unit merged from another peer (core/sync), as its bytes: replay merges it
  SyncControl = 6,  // a change of sync's own state (core/sync/replicator.h), as an opaque event
};

// Smallest possible payload: version, type, and one-byte varints for sequence, hlc and site.
inline constexpr size_t kMinLogPayloadBytes = 5;

}  // namespace shoal::storage
