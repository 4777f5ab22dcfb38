// The one write path of the engine. Every operation that changes items builds a ChangeSet
// (one item for PutItem, up to 100 for a transaction) after all validation, and the Catalog
// commits it at once: tables (and later their indexes) change, then every observer sees the
// whole set — the durability log writes it as one record, the change stream and sync read it
// from there. A ChangeSet is therefore all-or-nothing by construction.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "table/schema.h"
#include "table/stamp.h"
#include "table/stored_item.h"

namespace shoal {

struct Backup;

struct ItemWrite {
  std::string table;
  std::string key;                  // encoded primary key
  std::optional<StoredItem> item;   // the new item; nullopt deletes
};

struct ChangeSet {
  Stamp stamp;
  std::vector<ItemWrite> writes;
  // Set when the change merges a sync unit (core/sync): the unit's bytes, which the log stores
  // instead of the items (replay merges it again), and `stamp` is the unit's. Null for a change
  // made on this peer.
  const std::string* unit = nullptr;
};

// What a committed change replaced, in the order of ChangeSet::writes.
using PreviousItems = std::vector<std::optional<StoredItem>>;

class CommitObserver {
 public:
  virtual ~CommitObserver() = default;
  virtual void onCommit(const ChangeSet& change, const PreviousItems& previous) = 0;
  virtual void onCreateTable(const TableSchema& schema) = 0;
  virtual void onDeleteTable(const std::string& name) = 0;
  // UpdateTable changed the schema (billing, stream, indexes, ...); `schema` is the new one.
  virtual void onUpdateTable(const TableSchema& schema) {}
  // A table was created already holding `change`'s writes (a restore, backup/restore.h): one
  // change, so the log writes it as one record and recovery finds the table whole or not at all.
  // Observers that need no such unit see what it is made of: the table created, then the commit.
  virtual void onRestoreTable(const TableSchema& schema, const ChangeSet& change, const PreviousItems& previous) {
    onCreateTable(schema);
    onCommit(change, previous);
  }
  // A backup was kept (CreateBackup, DeleteTable's SYSTEM backup) or deleted (backup/).
  virtual void onCreateBackup(const Backup& backup) {}
  virtual void onDeleteBackup(const std::string& arn) {}
  // Sync changed its own state (core/sync/replicator.h: enabled, a peer's report, ...): an
  // opaque event for the log, which replay hands back to sync.
  virtual void onSyncControl(std::string_view event) {}
};

}  // namespace shoal
