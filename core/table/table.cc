#include "table/table.h"

#include "api/error.h"
#include "api/limits.h"
#include "value/key_encoding.h"

namespace shoal {
namespace {

const char* kInvalid = "One or more parameter values were invalid: ";

size_t keyValueBytes(const AttributeValue& v) {
  switch (v.type()) {
    case Type::S: return v.asString().size();
    case Type::B: return v.asBinary().size();
    default: return v.sizeBytes();
  }
}

// Checks a key attribute's value for PutItem-style input and appends its encoding.
void appendCheckedKeyValue(std::string& out, const KeyAttribute& attr, const AttributeValue& v, bool isHash) {
  if (v.type() != attr.type)
    throw ApiError::validation(std::string(kInvalid) + "Type mismatch for key " + attr.name + " expected: " +
                               typeName(attr.type) + " actual: " + typeName(v.type()));
  if ((v.is(Type::S) && v.asString().empty()) || (v.is(Type::B) && v.asBinary().empty()))
    throw ApiError::validation(
        std::string("One or more parameter values are not valid. The AttributeValue for a key attribute cannot "
                    "contain an empty ") +
        (v.is(Type::S) ? "string" : "binary") + " value. Key: " + attr.name);
  size_t bytes = keyValueBytes(v);
  if (isHash && bytes > limits::kMaxPartitionKeyBytes)
    throw ApiError::validation(std::string(kInvalid) + "Size of hashkey has exceeded the maximum size limit of " +
                               std::to_string(limits::kMaxPartitionKeyBytes) + " bytes");
  if (!isHash && bytes > limits::kMaxSortKeyBytes)
    throw ApiError::validation(std::string(kInvalid) +
                               "Aggregated size of all range keys has exceeded the size limit of " +
                               std::to_string(limits::kMaxSortKeyBytes) + " bytes");
  appendKeyEncoding(out, v);
}

}  // namespace

Table::Table(TableSchema schema) : schema_(std::move(schema)) {
  for (const auto& index : schema_.indexes) indexes_.emplace_back(&index);
}

void Table::rebindIndexes() {
  for (size_t i = 0; i < indexes_.size(); ++i) indexes_[i].rebind(&schema_.indexes[i]);
}

const SecondaryIndex* Table::findIndex(const std::string& name) const {
  for (const auto& index : indexes_)
    if (index.schema().name == name) return &index;
  return nullptr;
}

void Table::addIndex(IndexSchema schema) {
  schema_.indexes.push_back(std::move(schema));
  indexes_.emplace_back(&schema_.indexes.back());
  rebindIndexes();
  SecondaryIndex& index = indexes_.back();
  for (const auto& [key, stored] : rows_) index.insert(key, stored, schema_.key);
}

void Table::dropIndex(const std::string& name) {
  for (size_t i = 0; i < indexes_.size(); ++i) {
    if (schema_.indexes[i].name != name) continue;
    indexes_.erase(indexes_.begin() + static_cast<std::ptrdiff_t>(i));
    schema_.indexes.erase(schema_.indexes.begin() + static_cast<std::ptrdiff_t>(i));
    rebindIndexes();
    return;
  }
}

void Table::validateIndexKeys(const Item& item) const {
  for (const auto& index : indexes_) index.validateKeys(item);
}

void Table::validateIndexKeys(const StoredItem& item) const {
  for (const auto& index : indexes_) index.validateKeys(item);
}

std::string Table::keyOfItem(const Item& item) const {
  std::string key;
  const KeyAttribute* attrs[2] = {&schema_.key.hash, schema_.key.range ? &*schema_.key.range : nullptr};
  for (int i = 0; i < 2 && attrs[i]; ++i) {
    auto it = item.find(attrs[i]->name);
    if (it == item.end())
      throw ApiError::validation(std::string(kInvalid) + "Missing the key " + attrs[i]->name + " in the item");
    appendCheckedKeyValue(key, *attrs[i], it->second, i == 0);
  }
  return key;
}

std::string Table::keyOfKeyArgument(const Item& keyArg) const {
  size_t expected = schema_.key.range ? 2 : 1;
  const KeyAttribute* attrs[2] = {&schema_.key.hash, schema_.key.range ? &*schema_.key.range : nullptr};
  bool matches = keyArg.size() == expected;
  for (int i = 0; matches && i < 2 && attrs[i]; ++i) {
    auto it = keyArg.find(attrs[i]->name);
    matches = it != keyArg.end() && it->second.type() == attrs[i]->type;
  }
  if (!matches) throw ApiError::validation("The provided key element does not match the schema");
  std::string key;
  for (int i = 0; i < 2 && attrs[i]; ++i) appendCheckedKeyValue(key, *attrs[i], keyArg.at(attrs[i]->name), i == 0);
  return key;
}

Item Table::keyAttributes(const Item& item) const {
  Item key;
  if (auto it = item.find(schema_.key.hash.name); it != item.end()) key.insert(*it);
  if (schema_.key.range)
    if (auto it = item.find(schema_.key.range->name); it != item.end()) key.insert(*it);
  return key;
}

const StoredItem* Table::find(const std::string& key) const {
  const StoredItem* stored = findStored(key);
  return stored && isExpired(*stored) ? nullptr : stored;
}

const StoredItem* Table::findStored(const std::string& key) const {
  auto it = rows_.find(key);
  return it == rows_.end() ? nullptr : &it->second;
}

void Table::setClock(int64_t nowMillis) {
  // Only a table with TTL on pays for the window's two exact decimals.
  if (schema_.ttl.enabled && (!window_.valid() || nowMillis != window_.nowMillis())) window_ = ExpiryWindow(nowMillis);
}

bool Table::isExpired(const StoredItem& item) const {
  return schema_.ttl.enabled && window_.valid() && shoal::isExpired(schema_.ttl, item, window_);
}

void Table::syncExpiryIndex() {
  const std::string& attribute = schema_.ttl.enabled ? schema_.ttl.attribute : std::string();
  if (expiry_.attribute() == attribute) return;
  expiry_.reset(attribute);
  if (attribute.empty()) return;
  for (const auto& [key, stored] : rows_) expiry_.update(key, nullptr, &stored);
}

std::vector<std::string> Table::expiredKeys(size_t limit) {
  std::vector<std::string> keys;
  syncExpiryIndex();
  if (!schema_.ttl.enabled || !window_.valid() || limit == 0) return keys;
  expiry_.forEachBetween(window_.oldestSecond(), window_.nowSecond(), [&](const std::string& key) {
    const StoredItem* stored = findStored(key);
    if (stored && isExpired(*stored)) keys.push_back(key);
    return keys.size() < limit;
  });
  return keys;
}

void Table::load(Rows rows) {
  rows_ = std::move(rows);
  sizeBytes_ = 0;
  for (const auto& [key, item] : rows_) sizeBytes_ += item.sizeBytes;
  expiry_.reset("");
  syncExpiryIndex();
  for (auto& index : indexes_) index.rebuild(rows_, schema_.key);
}

std::optional<StoredItem> Table::put(const std::string& key, StoredItem item) {
  sizeBytes_ += item.sizeBytes;
  auto [it, inserted] = rows_.try_emplace(key);
  std::optional<StoredItem> old;
  if (!inserted) {
    sizeBytes_ -= it->second.sizeBytes;
    old = std::move(it->second);
  }
  it->second = std::move(item);
  syncExpiryIndex();
  expiry_.update(key, old ? &*old : nullptr, &it->second);
  for (auto& index : indexes_) {
    if (old) index.remove(key, *old);
    index.insert(key, it->second, schema_.key);
  }
  return old;
}

std::optional<StoredItem> Table::erase(const std::string& key) {
  auto it = rows_.find(key);
  if (it == rows_.end()) return std::nullopt;
  std::optional<StoredItem> old = std::move(it->second);
  sizeBytes_ -= old->sizeBytes;
  rows_.erase(it);
  syncExpiryIndex();
  expiry_.update(key, &*old, nullptr);
  for (auto& index : indexes_) index.remove(key, *old);
  return old;
}

}  // namespace shoal
