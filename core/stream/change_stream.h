// One stream of one table: what a StreamSpecification enabled at one moment (its label), with
// one shard that holds the records in sequence order. Disabling the stream (or deleting the
// table) closes the shard; a closed stream stays readable for 24 hours, as in DynamoDB.
//
// Retention: a record is trimmed once it is 24 hours old in engine time, or earlier when the
// records held pass limits::kStreamMaxRetainedBytes (their SizeBytes summed), oldest first.
#pragma once
#include <cstdint>
#include <deque>
#include <optional>
#include <string>

#include "stream/stream_record.h"
#include "table/schema.h"

namespace shoal {

class ChangeStream {
 public:
  // `startingSequence`: a fresh sequence number, the shard's StartingSequenceNumber; every
  // record appended later has a larger one.
  ChangeStream(const TableSchema& schema, uint64_t startingSequence);

  const std::string& arn() const { return arn_; }
  const std::string& label() const { return label_; }
  const std::string& tableName() const { return tableName_; }
  const KeySchema& keySchema() const { return keySchema_; }
  StreamView view() const { return view_; }
  int64_t createdMillis() const { return createdMillis_; }

  const std::string& shardId() const { return shardId_; }
  uint64_t startingSequence() const { return startingSequence_; }
  // Set once the shard is closed: no sequence number of this shard is larger.
  const std::optional<uint64_t>& endingSequence() const { return endingSequence_; }

  bool enabled() const { return !closedMillis_; }
  const std::optional<int64_t>& closedMillis() const { return closedMillis_; }
  // `lastIssued`: the newest sequence number the engine has issued, on any stream.
  void close(int64_t nowMillis, uint64_t lastIssued);

  // Appends a record (its view already applied), then trims.
  void append(StreamRecord record, int64_t nowMillis);
  void trim(int64_t nowMillis);

  // The sequence number of the newest record trimmed so far, 0 when none: a reader positioned
  // before it has lost records (TrimmedDataAccessException).
  uint64_t trimmedThrough() const { return trimmedThrough_; }
  // The position just before the oldest record still held (TRIM_HORIZON).
  uint64_t horizon() const;
  // The records after `position` (sequence > position), in order.
  std::deque<StreamRecord>::const_iterator after(uint64_t position) const;
  const std::deque<StreamRecord>& records() const { return records_; }
  size_t retainedBytes() const { return bytes_; }

 private:
  void dropOldest();

  std::string arn_, label_, tableName_, shardId_;
  KeySchema keySchema_;
  StreamView view_;
  int64_t createdMillis_;
  uint64_t startingSequence_;
  std::optional<uint64_t> endingSequence_;
  std::optional<int64_t> closedMillis_;
  std::deque<StreamRecord> records_;
  size_t bytes_ = 0;
  uint64_t trimmedThrough_ = 0;
};

}  // namespace shoal
