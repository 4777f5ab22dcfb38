// The sync state of one peer and the two ways units enter it:
//   - local commits (a CommitObserver of the Catalog): every ChangeSet a request commits
//     becomes one unit, stamped with the commit's stamp;
//   - units from other peers: applyUnit() merges one (key_state.h) into the items it touches
//     and commits the result through Catalog::commit, the engine's one write path, so indexes
//     are maintained, the log records it (as the unit itself: replay merges it again), the
//     change stream shows it with its origin site, and TTL applies to it as to any item.
// Besides the tables it keeps the version vector, the units retained for peers (unit_log.h),
// the hidden merge state (hidden_store.h) and the conflicts resolved (conflict_log.h).
//
// Off until enable(): a database that never syncs pays one test per commit.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "api/catalog.h"
#include "sync/conflict_log.h"
#include "sync/hidden_store.h"
#include "sync/seen_matrix.h"
#include "sync/unit_log.h"
#include "sync/version_vector.h"

namespace shoal::sync {

enum class ApplyStatus {
  Applied,    // merged and committed
  Duplicate,  // already here (idempotent: nothing changed)
  Gap,        // an earlier unit of the same origin is missing: ask for changes again
  Refused,    // cannot be applied here (malformed, unknown table, key or index mismatch)
  Voided,     // writes a table its sender may not write: recorded without its writes (hub)
};
const char* applyStatusName(ApplyStatus status);

struct ApplyResult {
  ApplyStatus status = ApplyStatus::Applied;
  std::string reason;
  size_t conflicts = 0;
};

// Which tables a peer may read or write (the hub's permissions); null means all.
using TableFilter = std::function<bool(const std::string& table)>;

// Whether bytes of a SyncUnit log record are a state page (state_transfer.cc) or a unit.
bool isStatePage(std::string_view bytes);

// One page of a state transfer and where the next starts (empty: this was the last page).
struct StatePage {
  std::string bytes;
  std::string nextCursor;
};

class Replicator : public CommitObserver {
 public:
  // The catalog it reads and commits to; rebind after recovery replaced the catalog object.
  void bind(Catalog& catalog) { catalog_ = &catalog; }

  bool enabled() const { return enabled_; }
  // The site id of this peer's units (the catalog's when sync was enabled).
  uint64_t site() const { return site_; }
  // Starts turning local commits into units. Items present before are in no unit: they reach
  // other peers by state transfer, because the retained units start after them. Tells the
  // catalog's observers (the log records it). Idempotent.
  void enable();

  void onCommit(const ChangeSet& change, const PreviousItems& previous) override;
  void onCreateTable(const TableSchema&) override {}
  void onDeleteTable(const std::string& name) override { hidden_.dropTable(name); }

  // Merges one encoded unit made by another peer. All or nothing: on any status but Applied
  // (and Voided) nothing changed. The caller creates missing tables first (protocol.h carries
  // schemas). With `writable`, a unit that writes any other table is Voided: recorded with no
  // writes, so the origin's later units still apply and peers relay the void in its place.
  ApplyResult applyUnit(const std::string& bytes, const TableFilter& writable = nullptr);

  // --- What other peers lack. The units a peer at `theirs` lacks (readable tables only: a unit
  // with other writes is sent without them), in order, as long as their bytes fit `maxBytes`
  // (at least one). Empty when it lacks none, or when it is behind (isBehind: send the state).
  std::vector<std::string> unitsFor(const VersionVector& theirs, size_t maxBytes,
                                    const TableFilter& readable = nullptr) const;
  bool isBehind(const VersionVector& theirs) const { return units_.isBehind(theirs); }

  // --- State transfer (state_transfer.cc): the merge state of every item, in pages of about
  // maxBytes, for a peer behind the collection point. `cursor`: empty for the first page, then
  // the previous page's nextCursor (it carries the vector the transfer started at, so the
  // sender keeps nothing between pages).
  StatePage statePage(const std::string& cursor, size_t maxBytes, const TableFilter& readable = nullptr) const;
  // Merges a page (all of it or nothing); after the last page raises the vector to the one the
  // transfer started at. Tables must exist (the caller creates them from the schemas sent).
  // With `writable`, items of other tables are left out.
  ApplyResult applyStatePage(const std::string& bytes, const TableFilter& writable = nullptr);

  // --- Peers. A peer reports its vector (protocol Hello); units every known peer has are
  // collected. forgetPeer(): a peer that will not come back (it will get the state if it does).
  void noteReport(uint64_t site, const VersionVector& vector);
  void forgetPeer(uint64_t site);
  const std::map<uint64_t, VersionVector>& reports() const { return reports_; }
  // What `site` has seen: its whole vector at some moment (a Hello's, the start of a state
  // transfer it sent), told by itself or passed on by another peer (Hellos carry seen()). Never
  // the units of one Changes message: those show what it relayed, not all of its own writes,
  // which rule 2 of seen_matrix.h relies on. Tombstones are collected once every site known here
  // has seen them. A forgotten peer stays in it: its absence frees units, not tombstones. Takes
  // effect at the next noteReport.
  void noteSeen(uint64_t site, const VersionVector& vector);
  const SeenMatrix& seen() const { return seen_; }
  // Drops the tombstones the seen matrix allows (noteReport does it too).
  void collectTombstones();
  // Tombstones dropped since this replicator was created or loaded.
  size_t tombstonesCollected() const { return tombstonesCollected_; }

  // A sync control event from the log (what enable() and later control changes record).
  void replayControl(std::string_view event);

  const VersionVector& vector() const { return vector_; }
  const UnitLog& units() const { return units_; }
  const HiddenStore& hidden() const { return hidden_; }
  const ConflictLog& conflicts() const { return conflicts_; }

  // The snapshot section: everything above. decode() replaces this replicator's state.
  void encode(std::string& out) const;
  void decode(std::string_view bytes);

 private:
  void enableAt(uint64_t site, uint64_t base);
  void record(std::string event);
  void collect();

  Catalog* catalog_ = nullptr;
  bool enabled_ = false;
  uint64_t site_ = 0;
  VersionVector vector_;
  UnitLog units_;
  HiddenStore hidden_;
  ConflictLog conflicts_;
  std::map<uint64_t, VersionVector> reports_;  // by site: the latest vector each peer reported
  SeenMatrix seen_;
  TombstoneCut lastCut_;           // the hidden state was collected at this cut already,
  uint64_t lastHiddenChanges_ = 0;  // when it had seen this many changes
  size_t tombstonesCollected_ = 0;
};

}  // namespace shoal::sync
