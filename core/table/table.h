// A table: its schema and its items in one ordered index keyed by the order-preserving
// encoding of (partition key, sort key). All items of one partition are therefore one
// contiguous range, sorted by sort key, which is what Query walks.
#pragma once
#include <map>
#include <optional>
#include <string>

#include "table/schema.h"
#include "table/secondary_index.h"
#include "table/stored_item.h"
#include "table/time_to_live.h"

namespace shoal {

class Table {
 public:
  using Rows = std::map<std::string, StoredItem>;

  explicit Table(TableSchema schema);
  Table(const Table&) = delete;
  Table& operator=(const Table&) = delete;
  Table(Table&& other) noexcept
      : schema_(std::move(other.schema_)), rows_(std::move(other.rows_)), indexes_(std::move(other.indexes_)),
        sizeBytes_(other.sizeBytes_), window_(std::move(other.window_)), expiry_(std::move(other.expiry_)) {
    rebindIndexes();
  }

  const TableSchema& schema() const { return schema_; }
  // Billing, throughput and similar settings; indexes change only through add/dropIndex.
  TableSchema& mutableSchema() { return schema_; }

  // The encoded primary key of a whole item (PutItem): every key attribute present, of its
  // declared type, non-empty and within the key size limits; else ValidationException.
  std::string keyOfItem(const Item& item) const;
  // The encoded primary key from a Key argument (GetItem, DeleteItem, ...): exactly the key
  // attributes, of their declared types; else "The provided key element does not match the
  // schema".
  std::string keyOfKeyArgument(const Item& key) const;
  // The key attributes of an item, as a Key for responses (LastEvaluatedKey, ...).
  Item keyAttributes(const Item& item) const;

  // The item at `key` as reads see it: nullptr when absent or expired (see setClock).
  const StoredItem* find(const std::string& key) const;
  // The stored item even when it has expired (the TTL sweep, the change stream).
  const StoredItem* findStored(const std::string& key) const;
  // Secondary indexes, in schema order.
  const std::vector<SecondaryIndex>& indexes() const { return indexes_; }
  const SecondaryIndex* findIndex(const std::string& name) const;
  // Adds a global secondary index and fills it from every existing item (backfill).
  void addIndex(IndexSchema schema);
  void dropIndex(const std::string& name);

  // ValidationException when `item` cannot be written because of an index key (wrong type,
  // empty, too long). Called for every write of a ChangeSet before any is applied.
  void validateIndexKeys(const Item& item) const;
  void validateIndexKeys(const StoredItem& item) const;

  // Bulk load of an empty table (a snapshot, a backup's image): takes `rows` whole and builds
  // every index once, each in one sorted pass, instead of one put() per item. Items are not
  // checked against the indexes: callers load rows a table of this schema held.
  void load(Rows rows);

  // Inserts or replaces (maintaining every index); returns the previous item, if any.
  std::optional<StoredItem> put(const std::string& key, StoredItem item);
  std::optional<StoredItem> erase(const std::string& key);

  // Every stored item, expired ones included: readers skip those with isExpired().
  const Rows& rows() const { return rows_; }
  size_t itemCount() const { return rows_.size(); }
  size_t sizeBytes() const { return sizeBytes_; }

  // --- Time to live. The engine sets its clock on every table before each request; from then
  // on an item whose TTL attribute has passed (table/time_to_live.h) is expired: find() and
  // every read skip it, and the engine's sweep (api/ttl_sweep.h) deletes it. DynamoDB itself
  // keeps expired items readable until its background process deletes them (up to days later);
  // ShoalDB hides them at once, as issue 4 asks, so that what an app reads never depends on
  // when the sweep last ran.
  void setClock(int64_t nowMillis);
  bool isExpired(const StoredItem& item) const;
  // Keys of up to `limit` expired items, earliest expiry first.
  std::vector<std::string> expiredKeys(size_t limit);

 private:
  void rebindIndexes();
  // Follows the TTL setting of the schema (UpdateTimeToLive changes it in place).
  void syncExpiryIndex();

  TableSchema schema_;
  Rows rows_;
  std::vector<SecondaryIndex> indexes_;
  size_t sizeBytes_ = 0;
  ExpiryWindow window_;
  ExpiryIndex expiry_;
};

}  // namespace shoal
