// Every table's change stream, fed from the one write path: a CommitObserver of the Catalog
// (table/change_set.h). It turns each committed write into INSERT, MODIFY or REMOVE records:
//   - no record for a write that changes nothing (a PutItem of the identical item, a delete
//     of an absent key), as in DynamoDB;
//   - a write that replaces or deletes an item whose time to live had passed first records
//     that item's deletion by the service (userIdentity dynamodb.amazonaws.com), since for
//     readers it was already gone; the TTL sweep's own deletes are exactly such writes.
// Records exist only while a table's stream is enabled, and for the tables db.subscribe
// watches (those get every record with both images, whatever the stream setting).
//
// Streams live in memory only: reopening a database from storage starts every enabled stream
// empty (its ARN and label are the schema's, so they stay the same). Sequence numbers keep
// increasing across a reopen because the counter never falls below 1000 x engine millis.
#pragma once
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <set>
#include <string>

#include "api/catalog.h"
#include "stream/change_stream.h"

namespace shoal {

class StreamRegistry : public CommitObserver {
 public:
  explicit StreamRegistry(Catalog& catalog) : catalog_(catalog) {}

  // Engine time of the request being executed: record times, trimming, closing.
  void setClock(int64_t nowMillis) { now_ = nowMillis; }
  int64_t clock() const { return now_; }
  // After the catalog was replaced (recovery): forgets every stream and opens an empty one for
  // each table whose stream is enabled. Watched tables stay watched.
  void reset();

  void onCommit(const ChangeSet& change, const PreviousItems& previous) override;
  void onCreateTable(const TableSchema& schema) override;
  void onDeleteTable(const std::string& name) override;
  void onUpdateTable(const TableSchema& schema) override;

  // Trims every stream to its retention and forgets streams closed more than 24 hours ago.
  void trim();
  // Every stream by ARN (ListStreams order: table name, then creation time).
  const std::map<std::string, std::unique_ptr<ChangeStream>>& streams() const { return streams_; }
  ChangeStream* find(const std::string& arn);
  // The newest sequence number issued on any stream (LATEST reads after it).
  uint64_t lastSequence() const { return lastSequence_; }

  // --- db.subscribe: the records of watched tables since the last take, as a JSON array of
  // {"TableName": ..., "OriginSite": <the site whose write it was: this peer's, or the peer a
  // synced unit came from>, "Record": <a GetRecords record, NEW_AND_OLD_IMAGES>}. Bounded like a
  // stream (oldest dropped past limits::kStreamMaxRetainedBytes) in case nobody takes them.
  void watch(const std::string& table, bool on);
  bool watching() const { return !watched_.empty(); }
  std::string takeWatched();

 private:
  ChangeStream* openStreamOf(const TableSchema& schema);
  void closeStreamOf(const std::string& table);
  uint64_t nextSequence();
  void emit(const Table& table, ChangeStream* stream, bool watched, StreamEventName event, bool byService,
            uint64_t originSite, const StoredItem* before, const StoredItem* after);

  Catalog& catalog_;
  int64_t now_ = 0;
  uint64_t lastSequence_ = 0;
  std::map<std::string, std::unique_ptr<ChangeStream>> streams_;  // by ARN
  std::map<std::string, std::string> open_;                       // table name -> ARN of its enabled stream
  std::set<std::string> watched_;
  std::deque<std::string> watchedRecords_;  // rendered JSON
  size_t watchedBytes_ = 0;
};

}  // namespace shoal
