#include "api/item_collection_metrics.h"

#include <cmath>

#include "json/wire_value.h"
#include "value/key_encoding.h"

namespace shoal {
namespace {

bool hasLocalIndex(const Table& table) {
  for (const IndexSchema& index : table.schema().indexes)
    if (!index.global) return true;
  return false;
}

template <typename Map, typename Size>
size_t sumWithPrefix(const Map& map, const std::string& prefix, Size size) {
  size_t total = 0;
  for (auto it = map.lower_bound(prefix); it != map.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it)
    total += size(it->second);
  return total;
}

// DynamoDB gives a range of whole gigabytes around the collection's size.
void writeEntry(JsonWriter& w, const Item& key, size_t bytes) {
  w.StartObject();
  writeKey(w, "ItemCollectionKey");
  writeAttributeMap(w, key);
  double gb = std::floor(static_cast<double>(bytes) / (1024.0 * 1024.0 * 1024.0));
  writeKey(w, "SizeEstimateRangeGB");
  w.StartArray();
  w.Double(gb);
  w.Double(gb + 1);
  w.EndArray();
  w.EndObject();
}

}  // namespace

bool readReturnItemCollectionMetrics(const RequestReader& request, Violations& v) {
  auto value = request.string("ReturnItemCollectionMetrics");
  if (!value || *value == "NONE") return false;
  if (*value == "SIZE") return true;
  v.add("'" + *value + "'", "returnItemCollectionMetrics", "Member must satisfy enum value set: [SIZE, NONE]");
  return false;
}

size_t itemCollectionBytes(const Table& table, const std::string& encodedPartition) {
  size_t bytes = sumWithPrefix(table.rows(), encodedPartition, [](const StoredItem& s) { return s.sizeBytes; });
  for (const SecondaryIndex& index : table.indexes())
    if (!index.schema().global)  // a local index shares the table's partition key, so its prefix
      bytes += sumWithPrefix(index.entries(), encodedPartition,
                             [](const SecondaryIndex::Entry& e) { return e.projectedBytes; });
  return bytes;
}

void ItemCollectionMetrics::add(const std::string& tableName, const Table& table, const Item& item) {
  if (!hasLocalIndex(table)) return;
  const KeyAttribute& hash = table.schema().key.hash;
  auto it = item.find(hash.name);
  if (it == item.end()) return;
  std::string partition = encodeKey(it->second);
  for (const Entry& e : entries_)
    if (e.table == tableName && e.partition == partition) return;
  entries_.push_back({tableName, partition, Item{{hash.name, it->second}}, itemCollectionBytes(table, partition)});
}

void ItemCollectionMetrics::write(JsonWriter& w) const {
  if (entries_.empty()) return;
  writeKey(w, "ItemCollectionMetrics");
  w.StartObject();
  std::vector<bool> written(entries_.size(), false);
  for (size_t i = 0; i < entries_.size(); ++i) {
    if (written[i]) continue;
    writeKey(w, entries_[i].table);
    w.StartArray();
    for (size_t j = i; j < entries_.size(); ++j) {
      if (entries_[j].table != entries_[i].table) continue;
      written[j] = true;
      writeEntry(w, entries_[j].key, entries_[j].bytes);
    }
    w.EndArray();
  }
  w.EndObject();
}

void ItemCollectionMetrics::writeSingle(JsonWriter& w) const {
  if (entries_.empty()) return;
  writeKey(w, "ItemCollectionMetrics");
  writeEntry(w, entries_.front().key, entries_.front().bytes);
}

}  // namespace shoal
