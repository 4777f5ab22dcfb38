// The merge rules, for one item (SYNC.md states them for users). An item's merge state:
//   - `replaced`: the stamp of the latest PutItem or DeleteItem of the item, and which it was;
//   - a register per non-key attribute: the stamp of its latest write and its value, or
//     "removed" (an attribute tombstone).
// Merging is a join: the latest replace wins; per attribute the latest register wins; a
// register older than the latest replace is dead (the PutItem or DeleteItem overwrote it).
// Stamps order by (hybrid-clock time, site), so there are no ties between different writes.
// The item exists when its latest replace was a PutItem or some register is newer than it
// (an update made after a delete it had not seen brings the item back with what it wrote).
// The join is commutative, associative and idempotent, so every peer that merged the same
// writes holds the same state, whatever the order, duplication or batching of delivery.
//
// Where the state lives: what the table shows (the item; its key attributes carry the stamp
// of the latest PutItem, zero when it exists through updates only) plus the HiddenState kept by
// sync (what the item does not show).
#pragma once
#include <functional>
#include <map>
#include <optional>
#include <string>

#include "sync/sync_unit.h"
#include "table/schema.h"
#include "table/stored_item.h"

namespace shoal::sync {

// What an item's stored form does not show. Empty for an item last written by a PutItem with
// no attribute removed since: the common case costs nothing.
struct HiddenState {
  Stamp deleted;              // the DeleteItem that removed the item (absent, or byUpdatesOnly)
  bool byUpdatesOnly = false; // present item: exists through updates made after that delete
  std::map<std::string, Stamp> removed;  // present item: attributes removed after its latest replace

  bool empty() const { return deleted.hlc == 0 && !byUpdatesOnly && removed.empty(); }
  bool operator==(const HiddenState& o) const {
    return deleted == o.deleted && byUpdatesOnly == o.byUpdatesOnly && removed == o.removed;
  }
};

struct KeyState {
  Stamp replaced;                  // zero: no PutItem or DeleteItem known
  bool replacedByPut = false;
  Registers registers;

  bool exists() const;
};

// One side of a conflict: a value, or nullopt when that side deleted the item or removed the
// attribute.
struct ConflictSide {
  Stamp stamp;
  std::optional<AttributeValue> value;
};

// Whether the write with stamp `writer` had seen the write with stamp `write` when it was
// made. Merge calls it only for writes of different stamps; the replicator answers from the
// units' dependencies.
using SawFn = std::function<bool(const Stamp& writer, const Stamp& write)>;
// Called for each value a merge discarded, or kept, against a write that had not seen it.
using ConflictFn = std::function<void(const std::string& attribute, const ConflictSide& winner,
                                      const ConflictSide& loser)>;

// The merge state of an item from its stored form (nullptr: none) and hidden state.
KeyState loadKeyState(const StoredItem* item, const HiddenState* hidden, const KeySchema& key);

// Joins `delta` into `state`. With `onConflict`, reports every concurrent write the rules
// resolved (see SYNC.md, "Conflicts"); `saw` must be given with it.
void mergeDelta(KeyState& state, const KeyDelta& delta, const KeySchema& key, const SawFn& saw = nullptr,
                const ConflictFn& onConflict = nullptr);

// The item the state shows, or nullopt when it does not exist. `keyAttributes`: the item's
// key attributes (decoded from its key); they carry the stamp of the latest replace.
std::optional<StoredItem> materialize(const KeyState& state, const Item& keyAttributes);
HiddenState hiddenOf(const KeyState& state);

}  // namespace shoal::sync
