// ReturnItemCollectionMetrics=SIZE of PutItem, UpdateItem, DeleteItem, BatchWriteItem and
// TransactWriteItems: for every item collection (the items sharing one partition key) a write
// touched in a table with a local secondary index, its key and an estimate of its size in GB.
// Tables without a local index have no item collections, and the response then carries none.
#pragma once
#include <string>
#include <vector>

#include "api/violations.h"
#include "json/json.h"
#include "json/request_reader.h"
#include "table/table.h"

namespace shoal {

// ReturnItemCollectionMetrics: true for SIZE, false for NONE (the default); an unknown value
// is a member constraint violation, added to `v`.
bool readReturnItemCollectionMetrics(const RequestReader& request, Violations& v);

class ItemCollectionMetrics {
 public:
  // Records the collection of `item` (a written item, or the key of a deleted one). Call after
  // the commit: the size counts the collection as the write left it.
  void add(const std::string& tableName, const Table& table, const Item& item);
  // "ItemCollectionMetrics": {table: [{ItemCollectionKey, SizeEstimateRangeGB}, ...]}, only
  // when a collection was recorded.
  void write(JsonWriter& w) const;
  // "ItemCollectionMetrics": {ItemCollectionKey, SizeEstimateRangeGB} of a single-item write
  // (PutItem, UpdateItem, DeleteItem), when its collection was recorded.
  void writeSingle(JsonWriter& w) const;

 private:
  struct Entry {
    std::string table;
    std::string partition;  // encoded partition key, to record each collection once
    Item key;
    size_t bytes = 0;
  };
  std::vector<Entry> entries_;
};

// The bytes DynamoDB counts for one item collection: its items plus their local index entries.
size_t itemCollectionBytes(const Table& table, const std::string& encodedPartition);

}  // namespace shoal
