// The database: every table by name, the site id of this peer, and its hybrid clock.
#pragma once
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "backup/backup_catalog.h"
#include "table/change_set.h"
#include "table/stamp.h"
#include "table/table.h"

namespace shoal {

class Catalog {
 public:
  explicit Catalog(uint64_t siteId) : siteId_(siteId) {}

  // ResourceNotFoundException when absent.
  Table& require(const std::string& name);
  Table* find(const std::string& name);
  Table& create(TableSchema schema);  // caller has checked the name is free
  // Creates a table that already holds `change`'s writes (puts into `schema.name`): a restore.
  // Every write is checked against the new table first, so a refusal (ApiError) leaves nothing
  // behind; observers see one onRestoreTable. The caller has checked the name is free.
  Table& createFilled(TableSchema schema, const ChangeSet& change);
  void drop(const std::string& name);

  // Applies a fully validated change to the tables and tells every observer. Returns the
  // items the writes replaced, in order.
  PreviousItems commit(const ChangeSet& change);
  // Tells observers that `table`'s schema changed (UpdateTable, UpdateTimeToLive).
  void schemaChanged(const Table& table);
  // Tells observers of a sync state change (see CommitObserver::onSyncControl).
  void notifySyncControl(std::string_view event);
  // Global secondary indexes report CREATING (backfilling) in the response of the UpdateTable
  // that made them and ACTIVE from the next request on; called before every request.
  void activateCreatedIndexes();
  void noteIndexCreated() { indexesCreating_ = true; }
  void addObserver(CommitObserver* observer) { observers_.push_back(observer); }
  void removeObserver(CommitObserver* observer);
  const std::map<std::string, std::unique_ptr<Table>>& tables() const { return tables_; }

  // Backups and point-in-time recovery histories (backup/backup_catalog.h): part of the database,
  // so snapshots and recovery carry them along with the tables. Changes to backups go through
  // addBackup/deleteBackup, which tell the observers (the log) as commit() does.
  BackupCatalog& backups() { return backups_; }
  const BackupCatalog& backups() const { return backups_; }
  void addBackup(Backup backup);  // the caller checked that its ARN is new
  void deleteBackup(const std::string& arn);

  uint64_t siteId() const { return siteId_; }
  void setSiteId(uint64_t site) { siteId_ = site; }
  // A fresh stamp for a write made now on this peer.
  Stamp stamp(int64_t nowMillis) { return Stamp{clock_.tick(nowMillis), siteId_}; }
  HybridClock& clock() { return clock_; }

 private:
  std::map<std::string, std::unique_ptr<Table>> tables_;  // ordered: ListTables pages by name
  std::vector<CommitObserver*> observers_;
  BackupCatalog backups_;
  bool indexesCreating_ = false;  // lets activateCreatedIndexes skip the walk on every request
  uint64_t siteId_;
  HybridClock clock_;
};

}  // namespace shoal
