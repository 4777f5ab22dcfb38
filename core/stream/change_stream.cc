#include "stream/change_stream.h"

#include <algorithm>

#include "api/limits.h"
#include "api/table_description.h"
#include "api/time_format.h"
#include "value/fixed_digits.h"

namespace shoal {
namespace {

uint64_t fnv1a(const std::string& text) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : text) h = (h ^ c) * 1099511628211ull;
  return h;
}

// DynamoDB's shape: "shardId-" + 20 digits of the shard's creation time + "-" + 8 hex digits.
std::string makeShardId(int64_t createdMillis, const std::string& arn) {
  std::string id = "shardId-";
  appendDecimal(id, createdMillis < 0 ? 0 : createdMillis, 20);
  id += '-';
  appendHex(id, fnv1a(arn) & 0xffffffffu, 8);
  return id;
}

}  // namespace

ChangeStream::ChangeStream(const TableSchema& schema, uint64_t startingSequence)
    : arn_(streamArn(schema.name, schema.stream.createdMillis)),
      label_(isoTimestamp(schema.stream.createdMillis)),
      tableName_(schema.name),
      shardId_(makeShardId(schema.stream.createdMillis, arn_)),
      keySchema_(schema.key),
      view_(parseStreamView(schema.stream.viewType)),
      createdMillis_(schema.stream.createdMillis),
      startingSequence_(startingSequence) {}

void ChangeStream::close(int64_t nowMillis, uint64_t lastIssued) {
  if (closedMillis_) return;
  closedMillis_ = nowMillis;
  endingSequence_ = std::max(lastIssued, startingSequence_);
}

void ChangeStream::append(StreamRecord record, int64_t nowMillis) {
  bytes_ += record.sizeBytes;
  records_.push_back(std::move(record));
  trim(nowMillis);
}

void ChangeStream::dropOldest() {
  trimmedThrough_ = records_.front().sequence;
  bytes_ -= records_.front().sizeBytes;
  records_.pop_front();
}

void ChangeStream::trim(int64_t nowMillis) {
  while (!records_.empty() && records_.front().createdMillis <= nowMillis - limits::kStreamRetentionMillis) dropOldest();
  // The newest record always stays, even alone above the bound (an item is at most 400 KB).
  while (records_.size() > 1 && bytes_ > limits::kStreamMaxRetainedBytes) dropOldest();
}

uint64_t ChangeStream::horizon() const { return std::max(trimmedThrough_, startingSequence_ - 1); }

std::deque<StreamRecord>::const_iterator ChangeStream::after(uint64_t position) const {
  return std::upper_bound(records_.begin(), records_.end(), position,
                          [](uint64_t p, const StreamRecord& r) { return p < r.sequence; });
}

}  // namespace shoal
