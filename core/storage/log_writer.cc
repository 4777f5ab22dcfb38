#include "storage/log_writer.h"

#include "storage/log_record.h"

namespace shoal::storage {

// Table records carry the clock's current value: it keeps the HLC monotonic across a restart
// even when the log's last records create or delete tables.
Stamp LogWriter::tableStamp() const { return Stamp{catalog_.clock().last(), catalog_.siteId()}; }

void LogWriter::onCommit(const ChangeSet& change, const PreviousItems&) {
  if (change.unit)
    appendSyncRecord(pending_, RecordType::SyncUnit, lastSequence_ + 1, change.stamp, *change.unit);
  else
    appendCommitRecord(pending_, lastSequence_ + 1, change);
  ++lastSequence_;
}

void LogWriter::onSyncControl(std::string_view event) {
  appendSyncRecord(pending_, RecordType::SyncControl, lastSequence_ + 1, tableStamp(), event);
  ++lastSequence_;
}

void LogWriter::onCreateTable(const TableSchema& schema) {
  appendCreateTableRecord(pending_, lastSequence_ + 1, tableStamp(), schema);
  ++lastSequence_;
}

void LogWriter::onRestoreTable(const TableSchema& schema, const ChangeSet& change, const PreviousItems&) {
  appendRestoreTableRecord(pending_, lastSequence_ + 1, schema, change);
  ++lastSequence_;
}

void LogWriter::onDeleteTable(const std::string& name) {
  appendDeleteTableRecord(pending_, lastSequence_ + 1, tableStamp(), name);
  ++lastSequence_;
}

void LogWriter::onUpdateTable(const TableSchema& schema) {
  appendUpdateTableRecord(pending_, lastSequence_ + 1, tableStamp(), schema);
  ++lastSequence_;
}

void LogWriter::onCreateBackup(const Backup& backup) {
  appendCreateBackupRecord(pending_, lastSequence_ + 1, tableStamp(), backup);
  ++lastSequence_;
}

void LogWriter::onDeleteBackup(const std::string& arn) {
  appendDeleteBackupRecord(pending_, lastSequence_ + 1, tableStamp(), arn);
  ++lastSequence_;
}

std::string LogWriter::takePending() {
  std::string out;
  out.swap(pending_);
  return out;
}

}  // namespace shoal::storage
