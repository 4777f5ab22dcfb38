// The durability log's writer: a CommitObserver that turns every committed change and every
// created, updated or deleted table into one framed record (log_record.h) appended to a pending buffer.
// It decides what is written; whoever persists (the JS storage adapters) takes the bytes with
// takePending() and only stores them, in order, append-only.
//
// Not thread-safe (the engine is single-threaded). Holds a reference to the catalog it
// observes, for the clock and site id of table records; the catalog must outlive it.
#pragma once
#include <cstdint>
#include <string>

#include "api/catalog.h"

namespace shoal::storage {

class LogWriter : public CommitObserver {
 public:
  // `lastSequence`: the sequence of the last record already in the log (or in the snapshot
  // the catalog was loaded from); the next record gets lastSequence + 1.
  LogWriter(Catalog& catalog, uint64_t lastSequence) : catalog_(catalog), lastSequence_(lastSequence) {}

  void onCommit(const ChangeSet& change, const PreviousItems& previous) override;
  void onCreateTable(const TableSchema& schema) override;
  void onRestoreTable(const TableSchema& schema, const ChangeSet& change, const PreviousItems& previous) override;
  void onDeleteTable(const std::string& name) override;
  void onUpdateTable(const TableSchema& schema) override;
  void onCreateBackup(const Backup& backup) override;
  void onDeleteBackup(const std::string& arn) override;
  void onSyncControl(std::string_view event) override;

  // Hands over every record appended since the last call (whole records only) and empties
  // the buffer.
  std::string takePending();
  size_t pendingBytes() const { return pending_.size(); }
  uint64_t lastSequence() const { return lastSequence_; }

 private:
  Stamp tableStamp() const;

  Catalog& catalog_;
  uint64_t lastSequence_;
  std::string pending_;
};

}  // namespace shoal::storage
