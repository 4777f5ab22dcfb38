#include "sync/merge_batch.h"

#include "api/error.h"
#include "value/key_encoding.h"

namespace shoal::sync {
namespace {

// A synced key, checked against this peer's schema: decodes it and encodes it again from the
// decoded attributes, which applies every key rule (types, sizes, no extra bytes).
Item keyAttributesOf(const Table& table, const std::string& key) {
  const KeySchema& schema = table.schema().key;
  Item attrs;
  size_t pos = 0;
  attrs.emplace(schema.hash.name, decodeKey(key, pos));
  if (schema.range) attrs.emplace(schema.range->name, decodeKey(key, pos));
  if (pos != key.size() || table.keyOfItem(attrs) != key)
    throw ApiError::validation("The key of a synced write does not match the schema of table " + table.schema().name);
  return attrs;
}

bool sameStored(const StoredItem* a, const std::optional<StoredItem>& b) {
  if (!a || !b) return !a && !b;
  if (a->attributes.size() != b->attributes.size()) return false;
  auto x = a->attributes.begin();
  for (auto y = b->attributes.begin(); y != b->attributes.end(); ++x, ++y)
    if (x->first != y->first || !(x->second.stamp == y->second.stamp) || x->second.value != y->second.value)
      return false;
  return true;
}

}  // namespace

void MergeBatch::add(const KeyDelta& delta, const SawFn& saw) {
  Table* table = catalog_.find(delta.table);
  if (!table) throw ApiError::validation("table " + delta.table + " does not exist here");
  auto id = std::make_pair(delta.table, delta.key);
  auto it = pending_.find(id);
  if (it == pending_.end()) {
    Item keyAttrs = keyAttributesOf(*table, delta.key);
    KeyState state = loadKeyState(table->findStored(delta.key), hidden_.find(delta.table, delta.key),
                                  table->schema().key);
    it = pending_.emplace(id, Pending{table, std::move(keyAttrs), std::move(state)}).first;
    order_.push_back(id);
  }
  Pending& p = it->second;
  ConflictFn onConflict;
  if (saw)
    onConflict = [&](const std::string& attribute, const ConflictSide& winner, const ConflictSide& loser) {
      conflicts_.push_back(Conflict{0, delta.table, p.keyAttributes, attribute, winner, loser});
    };
  mergeDelta(p.state, delta, table->schema().key, saw, onConflict);
}

void MergeBatch::commit(const Stamp& stamp, const std::string& syncBytes) {
  ChangeSet change{stamp, {}, &syncBytes};
  for (const auto& id : order_) {
    Pending& p = pending_.at(id);
    std::optional<StoredItem> next = materialize(p.state, p.keyAttributes);
    if (sameStored(p.table->findStored(id.second), next)) continue;
    change.writes.push_back({id.first, id.second, std::move(next)});
  }
  catalog_.commit(change);  // validates every index key before it changes anything
  for (const auto& id : order_) hidden_.set(id.first, id.second, hiddenOf(pending_.at(id).state));
}

}  // namespace shoal::sync
