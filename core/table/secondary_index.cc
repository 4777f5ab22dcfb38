#include "table/secondary_index.h"

#include <algorithm>

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

size_t keyBytes(const AttributeValue& v) {
  return v.is(Type::S) ? v.asString().size() : v.is(Type::B) ? v.asBinary().size() : v.sizeBytes();
}

}  // namespace

void SecondaryIndex::validateKeys(const Item& item) const {
  const KeyAttribute* attrs[2];
  keyAttributes(schema_->key, attrs);
  for (int i = 0; i < 2 && attrs[i]; ++i) {
    auto it = item.find(attrs[i]->name);
    if (it == item.end()) continue;
    const AttributeValue& v = it->second;
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

std::optional<std::string> SecondaryIndex::indexKeyOf(const Item& item) const {
  const KeyAttribute* attrs[2];
  keyAttributes(schema_->key, attrs);
  std::string key;
  for (int i = 0; i < 2 && attrs[i]; ++i) {
    auto it = item.find(attrs[i]->name);
    if (it == item.end() || it->second.type() != attrs[i]->type) return std::nullopt;
    appendKeyEncoding(key, it->second);
  }
  return key;
}

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

void SecondaryIndex::insert(const std::string& tableKey, const Item& item, const KeySchema& tableKeySchema) {
  auto indexKey = indexKeyOf(item);
  if (!indexKey) return;
  size_t bytes = itemSizeBytes(project(item, tableKeySchema));
  Entry& entry = entries_[*indexKey + tableKey];
  sizeBytes_ = sizeBytes_ - entry.projectedBytes + bytes;
  entry = Entry{tableKey, bytes};
}

void SecondaryIndex::remove(const std::string& tableKey, const Item& item) {
  auto indexKey = indexKeyOf(item);
  if (!indexKey) return;
  auto it = entries_.find(*indexKey + tableKey);
  if (it == entries_.end()) return;
  sizeBytes_ -= it->second.projectedBytes;
  entries_.erase(it);
}

}  // namespace shoal
