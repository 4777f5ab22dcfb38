// Opening a database: the newest valid snapshot, then the log records after it, stopping
// cleanly at the first torn or damaged record. Never applies part of a record, and never
// changes the catalog unless recovery as a whole succeeded.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "api/catalog.h"
#include "storage/log_reader.h"

namespace shoal::storage {

struct RecoveryResult {
  // False when snapshots were given and none could be loaded; then `error` says why and the
  // catalog is unchanged. Everything else (damage in the log included) still recovers.
  bool ok = true;
  std::string error;
  // One line per snapshot refused (damaged or newer), newest first. May be non-empty with ok:
  // an older snapshot was used instead.
  std::vector<std::string> refusedSnapshots;

  bool usedSnapshot = false;
  uint64_t snapshotSequence = 0;  // the last log sequence the used snapshot includes
  uint64_t recordsApplied = 0;
  uint64_t recordsSkipped = 0;    // already included in the snapshot
  uint64_t lastSequence = 0;      // of the recovered state; the next record is lastSequence + 1

  // The log's first logBytesValid bytes are whole records that were applied or skipped. The
  // rest (logBytesDropped) was not applied: before appending, the adapter truncates the log to
  // logBytesValid (after keeping a copy when `stop` is neither End nor Torn: that is damage).
  size_t logBytesValid = 0;
  size_t logBytesDropped = 0;
  LogStop stop = LogStop::End;
  std::string stopDetail;
};

// The part of recovery that belongs to sync (core/sync/sync_recovery.h implements it; storage
// knows nothing of sync but where its bytes are).
class SyncRecovery {
 public:
  virtual ~SyncRecovery() = default;
  // The snapshot's sync section (empty: none) was loaded with its tables into `catalog`.
  // Throws DecodeError when the section is refused, which refuses the snapshot.
  virtual void load(std::string_view section, Catalog& catalog) = 0;
  // Before the first log record is replayed into `catalog` (registers sync's observer).
  virtual void begin(Catalog& catalog) = 0;
  // A SyncUnit or SyncControl record; false with `why` when it does not fit the state.
  virtual bool replay(const LogRecord& record, Catalog& catalog, std::string& why) = 0;
};

// `snapshots`: candidate snapshot files, in any order; empty strings mean "none". The one with
// the highest sequence that loads is used. On success `catalog` is replaced (tables, site id,
// clock; observers dropped, as with loadSnapshot, except the one `sync` registered). Without
// `sync`, a log with sync records stops at the first (`inconsistent`). Throws only
// std::bad_alloc.
RecoveryResult recover(const std::vector<std::string_view>& snapshots, std::string_view log, Catalog& catalog,
                       SyncRecovery* sync = nullptr);
RecoveryResult recover(std::string_view snapshot, std::string_view log, Catalog& catalog);

}  // namespace shoal::storage
