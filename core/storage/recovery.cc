#include "storage/recovery.h"

#include <algorithm>

#include "api/error.h"
#include "storage/snapshot.h"

namespace shoal::storage {
namespace {

struct Candidate {
  std::string_view bytes;
  uint64_t sequence;
};

// Loads the newest snapshot that checks out into `catalog`. Header checks first (cheap, no
// decompression), so a damaged newest snapshot costs nothing before the older one is tried.
void loadNewestSnapshot(const std::vector<std::string_view>& snapshots, Catalog& catalog, SyncRecovery* sync,
                        RecoveryResult& r) {
  std::vector<Candidate> candidates;
  for (std::string_view s : snapshots) {
    if (s.empty()) continue;
    try {
      candidates.push_back({s, readSnapshotHeader(s).position.sequence});
    } catch (const DecodeError& e) {
      r.refusedSnapshots.push_back(e.what());
    }
  }
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const Candidate& a, const Candidate& b) { return a.sequence > b.sequence; });
  for (const Candidate& c : candidates) {
    try {
      SnapshotSections sections;
      loadSnapshot(c.bytes, catalog, &sections);
      if (sync) sync->load(sections[SnapshotSection::Sync], catalog);
      r.usedSnapshot = true;
      r.snapshotSequence = c.sequence;
      return;
    } catch (const DecodeError& e) {
      r.refusedSnapshots.push_back(e.what());
    }
  }
  if (sync) sync->load("", catalog);  // no snapshot used: sync starts from nothing
  if (!r.refusedSnapshots.empty()) {
    r.ok = false;
    r.error = "no snapshot could be loaded: " + r.refusedSnapshots.front();
  }
}

// Whether `record` fits the catalog, so that applying it cannot fail halfway.
bool fits(const LogRecord& record, Catalog& catalog, SyncRecovery* sync, std::string& why) {
  switch (record.type) {
    case RecordType::SyncUnit:
    case RecordType::SyncControl:
      if (sync) return true;
      why = "a sync record, but sync is not part of this recovery";
      return false;
    case RecordType::Commit:
      for (const ItemWrite& w : record.change.writes)
        if (!catalog.find(w.table)) {
          why = "write to missing table " + w.table;
          return false;
        }
      return true;
    case RecordType::CreateTable:
    case RecordType::RestoreTable:
      if (!catalog.find(record.schema.name)) return true;
      why = "table " + record.schema.name + " created twice";
      return false;
    case RecordType::DeleteTable:
      if (catalog.find(record.tableName)) return true;
      why = "delete of missing table " + record.tableName;
      return false;
    case RecordType::UpdateTable:
      if (catalog.find(record.schema.name)) return true;
      why = "update of missing table " + record.schema.name;
      return false;
    case RecordType::CreateBackup:
      if (!catalog.backups().find(record.backup.arn)) return true;
      why = "backup " + record.backup.arn + " created twice";
      return false;
    case RecordType::DeleteBackup:
      if (catalog.backups().find(record.backupArn)) return true;
      why = "delete of missing backup " + record.backupArn;
      return false;
  }
  return false;
}

// Whether two index definitions describe the same entries (status and throughput aside).
bool sameIndex(const IndexSchema& a, const IndexSchema& b) {
  auto sameKey = [](const KeySchema& x, const KeySchema& y) {
    return x.hash.name == y.hash.name && x.hash.type == y.hash.type && x.range.has_value() == y.range.has_value() &&
           (!x.range || (x.range->name == y.range->name && x.range->type == y.range->type));
  };
  return a.name == b.name && a.global == b.global && sameKey(a.key, b.key) &&
         a.projection.type == b.projection.type && a.projection.nonKeyAttributes == b.projection.nonKeyAttributes;
}

// Gives a table the schema an UpdateTable record carries. Settings change in place; when the
// set of indexes changed, the table is rebuilt from its items, which fills every index the
// same way a backfill did (UpdateTable is rare, so the copy does not matter).
void updateTable(const TableSchema& next, Catalog& catalog) {
  Table& table = catalog.require(next.name);
  const TableSchema& now = table.schema();
  bool sameIndexes = now.indexes.size() == next.indexes.size();
  for (size_t i = 0; sameIndexes && i < next.indexes.size(); ++i) sameIndexes = sameIndex(now.indexes[i], next.indexes[i]);
  if (sameIndexes) {
    // The indexes vector must keep its buffer: the table's indexes point into it. Move it
    // aside, take the whole new schema, move the buffer back, then update its elements.
    TableSchema& s = table.mutableSchema();
    std::vector<IndexSchema> live = std::move(s.indexes);
    s = next;
    s.indexes = std::move(live);
    for (size_t i = 0; i < next.indexes.size(); ++i) s.indexes[i] = next.indexes[i];
    return;
  }
  Table::Rows rows = table.rows();
  Table& rebuilt = catalog.create(next);  // replaces the table of that name
  for (auto& [key, item] : rows) rebuilt.put(key, std::move(item));
}

// Applies a record that fits. Catalog::commit checks every write (tables, index keys) before
// it changes anything, so a refusal there also leaves the catalog untouched; returns false
// with `why` then.
bool apply(const LogRecord& record, Catalog& catalog, SyncRecovery* sync, std::string& why) {
  switch (record.type) {
    case RecordType::SyncUnit:
    case RecordType::SyncControl:
      if (!sync->replay(record, catalog, why)) return false;
      break;
    case RecordType::Commit:
    case RecordType::RestoreTable:
      try {
        if (record.type == RecordType::Commit)
          catalog.commit(record.change);
        else
          catalog.createFilled(record.schema, record.change);
      } catch (const ApiError& e) {
        why = std::string("change refused: ") + e.what();
        return false;
      }
      // Lift the clock past every stamp replayed, so new writes after opening sort after them.
      for (const ItemWrite& w : record.change.writes)
        if (w.item)
          for (const auto& [name, attr] : w.item->attributes) catalog.clock().observe(attr.stamp.hlc);
      break;
    case RecordType::CreateTable: catalog.create(record.schema); break;
    case RecordType::DeleteTable: catalog.drop(record.tableName); break;
    case RecordType::UpdateTable: updateTable(record.schema, catalog); break;
    case RecordType::CreateBackup: catalog.backups().add(record.backup); break;
    case RecordType::DeleteBackup: catalog.backups().erase(record.backupArn); break;
  }
  catalog.clock().observe(record.stamp.hlc);
  return true;
}

// Applies the log after the snapshot. A record whose sequence the snapshot already includes
// is skipped (that is what makes replaying on top of a snapshot idempotent); the first record
// after must be the snapshot's sequence + 1, and each next one + 1 again.
void replay(std::string_view log, Catalog& catalog, SyncRecovery* sync, RecoveryResult& r) {
  LogReader reader(log);
  uint64_t last = r.snapshotSequence;
  bool applying = false;
  while (auto record = reader.next()) {
    std::string why;
    if (record->sequence <= last && !applying) {
      ++r.recordsSkipped;
    } else if (record->sequence <= last) {
      why = "sequence " + std::to_string(record->sequence) + " after " + std::to_string(last);
      r.stop = LogStop::Inconsistent;
    } else if (record->sequence != last + 1) {
      why = "expected sequence " + std::to_string(last + 1) + ", found " + std::to_string(record->sequence);
      r.stop = LogStop::SequenceGap;
    } else if (!fits(*record, catalog, sync, why) || !apply(*record, catalog, sync, why)) {
      r.stop = LogStop::Inconsistent;
    } else {
      applying = true;
      last = record->sequence;
      ++r.recordsApplied;
    }
    if (!why.empty()) {
      r.stopDetail = why + " at byte " + std::to_string(reader.recordStart());
      r.logBytesValid = reader.recordStart();
      r.logBytesDropped = log.size() - r.logBytesValid;
      r.lastSequence = last;
      return;
    }
  }
  r.stop = reader.stop();
  r.stopDetail = reader.detail();
  r.logBytesValid = reader.recordEnd();
  r.logBytesDropped = log.size() - r.logBytesValid;
  r.lastSequence = last;
}

}  // namespace

RecoveryResult recover(const std::vector<std::string_view>& snapshots, std::string_view log, Catalog& catalog,
                       SyncRecovery* sync) {
  RecoveryResult r;
  Catalog fresh(catalog.siteId());
  loadNewestSnapshot(snapshots, fresh, sync, r);
  if (!r.ok) {
    r.logBytesDropped = log.size();
    return r;
  }
  fresh.backups().setLimits(catalog.backups().limits());  // engine options, not stored
  if (sync) sync->begin(fresh);
  replay(log, fresh, sync, r);
  catalog = std::move(fresh);
  return r;
}

RecoveryResult recover(std::string_view snapshot, std::string_view log, Catalog& catalog) {
  return recover(std::vector<std::string_view>{snapshot}, log, catalog, nullptr);
}

}  // namespace shoal::storage
