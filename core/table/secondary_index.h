// A local or global secondary index: an ordered set of entries, each the encoded index key
// followed by the encoded table key (so items sharing an index key stay distinct and ordered
// by table key), pointing back at the table row. Entries hold no copy of the item: a read
// through the index fetches the row and applies the index projection, so an index costs one
// small map entry per item it holds.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "table/schema.h"
#include "table/stored_item.h"

namespace shoal {

class SecondaryIndex {
 public:
  struct Entry {
    std::string tableKey;
    size_t projectedBytes = 0;  // the size DynamoDB counts for this item in the index
  };
  using Entries = std::map<std::string, Entry>;

  // The schema lives in the table's TableSchema (the one description that snapshots and
  // DescribeTable read); the table re-points it whenever that vector changes.
  explicit SecondaryIndex(const IndexSchema* schema) : schema_(schema) {}
  void rebind(const IndexSchema* schema) { schema_ = schema; }

  const IndexSchema& schema() const { return *schema_; }

  // The encoded index key of `item`, or nullopt when the item lacks an index key attribute
  // (a sparse index leaves it out). Precondition: validateKeys(item) passed. For an Item or a
  // StoredItem (the write path reads the stored row as it is, without a copy).
  template <class Attributes>
  std::optional<std::string> indexKeyOf(const Attributes& item) const;
  // ValidationException when `item` has an index key attribute of the wrong type, an empty
  // string/binary, or a key value over DynamoDB's size limits. For an Item or a StoredItem.
  template <class Attributes>
  void validateKeys(const Attributes& item) const;

  // The attributes of `item` this index holds (keys of table and index + the projection).
  Item project(const Item& item, const KeySchema& tableKey) const;

  // The size DynamoDB counts for `item` in this index: that of project(item.toItem(), ...).
  size_t projectedBytes(const StoredItem& item, const KeySchema& tableKey) const;

  void insert(const std::string& tableKey, const StoredItem& item, const KeySchema& tableKeySchema);
  // Replaces every entry with those of `rows` (a table's rows, keyed by table key): the entries
  // are computed and sorted first, then inserted in order, which costs far less than one
  // insert() per row in table-key order (Table::load).
  void rebuild(const std::map<std::string, StoredItem>& rows, const KeySchema& tableKeySchema);
  void remove(const std::string& tableKey, const StoredItem& item);

  const Entries& entries() const { return entries_; }
  size_t itemCount() const { return entries_.size(); }
  size_t sizeBytes() const { return sizeBytes_; }

 private:
  // The names of the attributes project() keeps, sorted and unique, and their size in `item`.
  std::vector<const std::string*> projectedNames(const KeySchema& tableKey) const;
  size_t projectedBytes(const StoredItem& item, const std::vector<const std::string*>& names) const;

  const IndexSchema* schema_;
  Entries entries_;
  size_t sizeBytes_ = 0;
};

}  // namespace shoal
