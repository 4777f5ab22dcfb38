#include "table/secondary_index.h"

#include <algorithm>
#include <cstdint>
#include <vector>

#include "api/error.h"
#include "api/limits.h"
#include "value/item_size.h"
#include "value/key_encoding.h"

namespace shoal {
namespace {

const KeyAttribute* const* keyAttributes(const KeySchema& k, const KeyAttribute* (&out)[2]) {
  out[0] = &k.hash;
  out[1] = k.range ? &*k.range : nullptr;
  return out;
}

const AttributeValue* attributeOf(const Item& item, const std::string& name) {
  auto it = item.find(name);
  return it == item.end() ? nullptr : &it->second;
}

const AttributeValue* attributeOf(const StoredItem& item, const std::string& name) {
  auto it = item.attributes.find(name);
  return it == item.attributes.end() ? nullptr : &it->second.value;
}

size_t keyBytes(const AttributeValue& v) {
  return v.is(Type::S) ? v.asString().size() : v.is(Type::B) ? v.asBinary().size() : v.sizeBytes();
}

}  // namespace

template <class Attributes>
void SecondaryIndex::validateKeys(const Attributes& item) const {
  const KeyAttribute* attrs[2];
  keyAttributes(schema_->key, attrs);
  for (int i = 0; i < 2 && attrs[i]; ++i) {
    const AttributeValue* found = attributeOf(item, attrs[i]->name);
    if (!found) continue;
    const AttributeValue& v = *found;
    if (v.type() != attrs[i]->type)
      throw ApiError::validation("One or more parameter values were invalid: Type mismatch for Index Key " +
                                 attrs[i]->name + " Expected: " + typeName(attrs[i]->type) +
                                 " Actual: " + typeName(v.type()) + " IndexName: " + schema_->name);
    if ((v.is(Type::S) && v.asString().empty()) || (v.is(Type::B) && v.asBinary().empty()))
      throw ApiError::validation(
          "One or more parameter values are not valid. A value specified for a secondary index key is not "
          "supported. The AttributeValue for a key attribute cannot contain an empty " +
          std::string(v.is(Type::S) ? "string" : "binary") + " value. IndexName: " + schema_->name +
          ", IndexKey: " + attrs[i]->name);
    size_t limit = i == 0 ? limits::kMaxPartitionKeyBytes : limits::kMaxSortKeyBytes;
    if (keyBytes(v) > limit)
      throw ApiError::validation("One or more parameter values were invalid: Size of " +
                                 std::string(i == 0 ? "hashkey" : "rangekey") + " of index " + schema_->name +
                                 " has exceeded the maximum size limit of " + std::to_string(limit) + " bytes");
  }
}

template <class Attributes>
std::optional<std::string> SecondaryIndex::indexKeyOf(const Attributes& item) const {
  const KeyAttribute* attrs[2];
  keyAttributes(schema_->key, attrs);
  std::string key;
  for (int i = 0; i < 2 && attrs[i]; ++i) {
    const AttributeValue* v = attributeOf(item, attrs[i]->name);
    if (!v || v->type() != attrs[i]->type) return std::nullopt;
    appendKeyEncoding(key, *v);
  }
  return key;
}

template void SecondaryIndex::validateKeys<Item>(const Item&) const;
template void SecondaryIndex::validateKeys<StoredItem>(const StoredItem&) const;
template std::optional<std::string> SecondaryIndex::indexKeyOf<Item>(const Item&) const;
template std::optional<std::string> SecondaryIndex::indexKeyOf<StoredItem>(const StoredItem&) const;

Item SecondaryIndex::project(const Item& item, const KeySchema& tableKey) const {
  if (schema_->projection.type == IndexProjection::Type::All) return item;
  Item out;
  auto copy = [&](const std::string& name) {
    auto it = item.find(name);
    if (it != item.end()) out.insert(*it);
  };
  copy(tableKey.hash.name);
  if (tableKey.range) copy(tableKey.range->name);
  copy(schema_->key.hash.name);
  if (schema_->key.range) copy(schema_->key.range->name);
  for (const auto& name : schema_->projection.nonKeyAttributes) copy(name);
  return out;
}

std::vector<const std::string*> SecondaryIndex::projectedNames(const KeySchema& tableKey) const {
  // The attributes project() keeps, each counted once (an LSI shares the table's hash key).
  std::vector<const std::string*> names = {&tableKey.hash.name, &schema_->key.hash.name};
  if (tableKey.range) names.push_back(&tableKey.range->name);
  if (schema_->key.range) names.push_back(&schema_->key.range->name);
  for (const auto& name : schema_->projection.nonKeyAttributes) names.push_back(&name);
  auto less = [](const std::string* a, const std::string* b) { return *a < *b; };
  auto same = [](const std::string* a, const std::string* b) { return *a == *b; };
  std::sort(names.begin(), names.end(), less);
  names.erase(std::unique(names.begin(), names.end(), same), names.end());
  return names;
}

size_t SecondaryIndex::projectedBytes(const StoredItem& item, const std::vector<const std::string*>& names) const {
  if (schema_->projection.type == IndexProjection::Type::All) return item.sizeBytes;
  size_t bytes = 0;
  for (const std::string* name : names)
    if (const AttributeValue* v = attributeOf(item, *name)) bytes += name->size() + valueSizeBytes(*v);
  return bytes;
}

size_t SecondaryIndex::projectedBytes(const StoredItem& item, const KeySchema& tableKey) const {
  if (schema_->projection.type == IndexProjection::Type::All) return item.sizeBytes;
  return projectedBytes(item, projectedNames(tableKey));
}

void SecondaryIndex::insert(const std::string& tableKey, const StoredItem& item, const KeySchema& tableKeySchema) {
  auto indexKey = indexKeyOf(item);
  if (!indexKey) return;
  size_t bytes = projectedBytes(item, tableKeySchema);
  Entry& entry = entries_[*indexKey + tableKey];
  sizeBytes_ = sizeBytes_ - entry.projectedBytes + bytes;
  entry = Entry{tableKey, bytes};
}

void SecondaryIndex::rebuild(const std::map<std::string, StoredItem>& rows, const KeySchema& tableKeySchema) {
  struct Built {
    std::string key;  // index key + table key: the entry's key
    const std::string* tableKey;
    size_t bytes;
  };
  // What the sort moves: the key's first 16 bytes as two big-endian integers (zero-padded,
  // which orders exactly as the bytes do) and where the entry is. Index keys share long
  // prefixes (the same partition key value, numbers of one magnitude), so 8 bytes are not
  // enough; with 16 most comparisons end on the integers.
  struct Slot {
    uint64_t high, low;
    uint32_t at;
  };
  auto bigEndian = [](const std::string& key, size_t from) {
    uint64_t v = 0;
    for (size_t i = from; i < from + 8; ++i) v = v << 8 | (i < key.size() ? static_cast<uint8_t>(key[i]) : 0);
    return v;
  };
  std::vector<const std::string*> names = projectedNames(tableKeySchema);  // once, not per row
  std::vector<Built> built;
  std::vector<Slot> order;
  built.reserve(rows.size());
  order.reserve(rows.size());
  for (const auto& [tableKey, item] : rows) {
    auto indexKey = indexKeyOf(item);
    if (!indexKey) continue;
    indexKey->append(tableKey);
    order.push_back(Slot{bigEndian(*indexKey, 0), bigEndian(*indexKey, 8), static_cast<uint32_t>(built.size())});
    built.push_back(Built{std::move(*indexKey), &tableKey, projectedBytes(item, names)});
  }
  // Keys are distinct: table keys are, and an encoded index key is self-delimiting.
  std::sort(order.begin(), order.end(), [&](const Slot& a, const Slot& b) {
    if (a.high != b.high) return a.high < b.high;
    if (a.low != b.low) return a.low < b.low;
    return built[a.at].key < built[b.at].key;
  });
  entries_.clear();
  sizeBytes_ = 0;
  for (const Slot& slot : order) {
    Built& b = built[slot.at];
    sizeBytes_ += b.bytes;
    entries_.emplace_hint(entries_.end(), std::move(b.key), Entry{*b.tableKey, b.bytes});
  }
}

void SecondaryIndex::remove(const std::string& tableKey, const StoredItem& item) {
  auto indexKey = indexKeyOf(item);
  if (!indexKey) return;
  auto it = entries_.find(*indexKey + tableKey);
  if (it == entries_.end()) return;
  sizeBytes_ -= it->second.projectedBytes;
  entries_.erase(it);
}

}  // namespace shoal
