#include "sync/key_state.h"

#include "value/item_size.h"

namespace shoal::sync {
namespace {

bool isKeyName(const KeySchema& key, const std::string& name) {
  return name == key.hash.name || (key.range && name == key.range->name);
}

// A register survives the latest replace when it is newer, or it is that PutItem's own.
bool alive(const KeyState& s, const Stamp& stamp) {
  return s.replaced < stamp || (stamp == s.replaced && s.replacedByPut);
}

}  // namespace

bool KeyState::exists() const {
  if (replacedByPut) return true;
  for (const auto& [name, reg] : registers)
    if (replaced < reg.stamp) return true;
  return false;
}

KeyState loadKeyState(const StoredItem* item, const HiddenState* hidden, const KeySchema& key) {
  KeyState s;
  if (!item) {
    if (hidden) s.replaced = hidden->deleted;
    return s;
  }
  auto keyAttr = item->attributes.find(key.hash.name);
  if (keyAttr != item->attributes.end()) s.replaced = keyAttr->second.stamp;
  s.replacedByPut = !(hidden && hidden->byUpdatesOnly);
  // An item that exists through updates only keeps its latest replace (a delete) in the hidden
  // state; its key attributes carry a zero stamp. Files written before that kept it on the key.
  if (!s.replacedByPut && hidden->deleted.hlc) s.replaced = hidden->deleted;
  for (const auto& [name, attr] : item->attributes)
    if (!isKeyName(key, name)) s.registers.emplace(name, Register{attr.stamp, attr.value});
  if (hidden)
    for (const auto& [name, stamp] : hidden->removed) s.registers.emplace(name, Register{stamp, std::nullopt});
  return s;
}

void mergeDelta(KeyState& s, const KeyDelta& d, const KeySchema& key, const SawFn& saw, const ConflictFn& onConflict) {
  bool replaces = d.replace != Replace::None && !(d.replaced == s.replaced);
  if (replaces && onConflict) {
    // Values the replace overwrites (older than it) and values that outlive it (newer), each
    // against a write that had not seen it. Attributes the delta writes itself are judged below.
    for (const auto& [name, reg] : s.registers) {
      if (!reg.value) continue;
      auto arriving = d.registers.find(name);
      if (arriving != d.registers.end()) {
        // Judged below, unless this replace erases the value first (a newer PutItem over an
        // older one): then the arriving value beats it here, and both peers record the pair.
        const Register& theirs = arriving->second;
        if (reg.stamp < d.replaced && s.replaced < d.replaced && !(theirs.value == reg.value) &&
            !saw(theirs.stamp, reg.stamp))
          onConflict(name, {theirs.stamp, theirs.value}, {reg.stamp, reg.value});
        continue;
      }
      if (reg.stamp < d.replaced && s.replaced < d.replaced) {
        if (!saw(d.replaced, reg.stamp)) onConflict(name, {d.replaced, std::nullopt}, {reg.stamp, reg.value});
      } else if (d.replaced < reg.stamp) {
        if (!saw(reg.stamp, d.replaced)) onConflict(name, {reg.stamp, reg.value}, {d.replaced, std::nullopt});
      }
    }
  }
  if (replaces && s.replaced < d.replaced) {
    s.replaced = d.replaced;
    s.replacedByPut = d.replace == Replace::Put;
    for (auto it = s.registers.begin(); it != s.registers.end();)
      it = alive(s, it->second.stamp) ? std::next(it) : s.registers.erase(it);
  }
  for (const auto& [name, reg] : d.registers) {
    if (isKeyName(key, name)) continue;  // key attributes are the key's; never registers
    auto local = s.registers.find(name);
    if (local == s.registers.end()) {
      if (alive(s, reg.stamp)) {
        s.registers.emplace(name, reg);
      } else if (onConflict && reg.value && !saw(s.replaced, reg.stamp)) {
        // Dead on arrival: an older write than the replace that had not seen it.
        std::optional<AttributeValue> none;
        onConflict(name, {s.replaced, none}, {reg.stamp, reg.value});
      }
      continue;
    }
    Register& mine = local->second;
    if (mine.stamp == reg.stamp) continue;
    bool arrivingWins = mine.stamp < reg.stamp;
    if (onConflict && !(mine.value == reg.value)) {
      const Register& winner = arrivingWins ? reg : mine;
      const Register& loser = arrivingWins ? mine : reg;
      if (!saw(winner.stamp, loser.stamp)) onConflict(name, {winner.stamp, winner.value}, {loser.stamp, loser.value});
    }
    if (arrivingWins) mine = reg;
  }
}

std::optional<StoredItem> materialize(const KeyState& s, const Item& keyAttributes) {
  if (!s.exists()) return std::nullopt;
  StoredItem item;
  // Key attributes show the latest PutItem. An item that exists through updates only shows
  // none (a zero stamp), so the item looks the same whether or not the delete before those
  // updates is still known here or was collected (SYNC.md, "Tombstone collection").
  Stamp keyStamp = s.replacedByPut ? s.replaced : Stamp{};
  for (const auto& [name, value] : keyAttributes) item.attributes.emplace(name, StoredAttribute{value, keyStamp});
  for (const auto& [name, reg] : s.registers)
    if (reg.value) item.attributes.emplace(name, StoredAttribute{*reg.value, reg.stamp});
  item.sizeBytes = itemSizeBytes(item.toItem());
  return item;
}

HiddenState hiddenOf(const KeyState& s) {
  HiddenState h;
  if (!s.exists()) {
    h.deleted = s.replaced;
    return h;
  }
  // With no delete to remember (updates arrived before any put or delete of the item, or
  // after its delete was collected) the item is the same as one put at stamp zero: nothing hidden.
  h.byUpdatesOnly = !s.replacedByPut && s.replaced.hlc != 0;
  if (h.byUpdatesOnly) h.deleted = s.replaced;
  for (const auto& [name, reg] : s.registers)
    if (!reg.value) h.removed.emplace(name, reg.stamp);
  return h;
}

}  // namespace shoal::sync
