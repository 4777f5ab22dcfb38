// The DynamoDB Streams API: ListStreams, DescribeStream, GetShardIterator, GetRecords. The
// HTTP endpoint routes X-Amz-Target "DynamoDBStreams_20120810.<Operation>" here. Streams and
// their records are stream/stream_registry.h's; every stream has one shard.
#include <algorithm>

#include "api/error.h"
#include "api/limits.h"
#include "api/operation.h"
#include "api/table_name.h"
#include "api/violations.h"
#include "stream/sequence_number.h"
#include "stream/shard_iterator.h"
#include "stream/stream_registry.h"

namespace shoal {
namespace {

// DynamoDB Streams' member constraints.
constexpr size_t kStreamArnMin = 37, kStreamArnMax = 1024;
constexpr size_t kShardIdMin = 28, kShardIdMax = 65;
constexpr size_t kShardIteratorMin = 1, kShardIteratorMax = 2048;
constexpr size_t kSequenceNumberMin = 21, kSequenceNumberMax = 40;

void checkLength(Violations& v, const std::optional<std::string>& value, const char* field, size_t min, size_t max) {
  if (!value) return;
  if (value->size() < min)
    v.add("'" + *value + "'", field, "Member must have length greater than or equal to " + std::to_string(min));
  if (value->size() > max)
    v.add("'" + *value + "'", field, "Member must have length less than or equal to " + std::to_string(max));
}

void checkLimit(Violations& v, const std::optional<int64_t>& limit, int max) {
  if (!limit) return;
  std::string shown = "'" + std::to_string(*limit) + "'";
  if (*limit < 1) v.add(shown, "limit", "Member must have value greater than or equal to 1");
  if (*limit > max) v.add(shown, "limit", "Member must have value less than or equal to " + std::to_string(max));
}

bool looksLikeStreamArn(const std::string& arn) {
  return arn.rfind("arn:", 0) == 0 && arn.find(":table/") != std::string::npos &&
         arn.find("/stream/") != std::string::npos;
}

ChangeStream& requireStream(OperationContext& ctx, const std::string& arn) {
  if (!looksLikeStreamArn(arn)) throw ApiError::validation("Invalid StreamArn");
  ctx.streams.trim();
  ChangeStream* stream = ctx.streams.find(arn);
  if (!stream) throw ApiError::resourceNotFound("Requested resource not found: Stream: " + arn + " not found");
  return *stream;
}

ApiError trimmed() {
  return ApiError("TrimmedDataAccessException", "The data you are trying to access has been trimmed.");
}

void writeKeySchemaOf(JsonWriter& w, const KeySchema& key) {
  w.StartArray();
  auto element = [&w](const std::string& name, const char* type) {
    w.StartObject();
    writeKey(w, "AttributeName");
    writeString(w, name);
    writeKey(w, "KeyType");
    w.String(type);
    w.EndObject();
  };
  element(key.hash.name, "HASH");
  if (key.range) element(key.range->name, "RANGE");
  w.EndArray();
}

}  // namespace

void listStreams(OperationContext& ctx) {
  const RequestReader& req = ctx.request;
  Violations v;
  auto tableName = req.string("TableName");
  auto limit = req.integer("Limit");
  auto exclusiveStart = req.string("ExclusiveStartStreamArn");
  if (tableName) checkTableName(v, tableName);
  checkLimit(v, limit, limits::kListStreamsMaxLimit);
  checkLength(v, exclusiveStart, "exclusiveStartStreamArn", kStreamArnMin, kStreamArnMax);
  v.throwIfAny();
  if (exclusiveStart && !looksLikeStreamArn(*exclusiveStart)) throw ApiError::validation("Invalid ExclusiveStartStreamArn");

  ctx.streams.trim();
  const auto& streams = ctx.streams.streams();
  if (tableName && !ctx.catalog.find(*tableName) &&
      std::none_of(streams.begin(), streams.end(), [&](const auto& s) { return s.second->tableName() == *tableName; }))
    throw ApiError::resourceNotFound("Requested resource not found: Table: " + *tableName + " not found");

  size_t max = static_cast<size_t>(limit.value_or(limits::kListStreamsMaxLimit));
  JsonWriter& w = ctx.out;
  w.StartObject();
  writeKey(w, "Streams");
  w.StartArray();
  size_t listed = 0;
  std::string last;
  bool more = false;
  for (auto it = exclusiveStart ? streams.upper_bound(*exclusiveStart) : streams.begin(); it != streams.end(); ++it) {
    const ChangeStream& s = *it->second;
    if (tableName && s.tableName() != *tableName) continue;
    if (listed == max) {
      more = true;
      break;
    }
    w.StartObject();
    writeKey(w, "StreamArn");
    writeString(w, s.arn());
    writeKey(w, "TableName");
    writeString(w, s.tableName());
    writeKey(w, "StreamLabel");
    writeString(w, s.label());
    w.EndObject();
    last = s.arn();
    ++listed;
  }
  w.EndArray();
  if (more) {
    writeKey(w, "LastEvaluatedStreamArn");
    writeString(w, last);
  }
  w.EndObject();
}

void describeStream(OperationContext& ctx) {
  const RequestReader& req = ctx.request;
  Violations v;
  auto arn = req.string("StreamArn");
  auto limit = req.integer("Limit");
  auto exclusiveStart = req.string("ExclusiveStartShardId");
  v.notNull(arn.has_value(), "streamArn");
  checkLength(v, arn, "streamArn", kStreamArnMin, kStreamArnMax);
  checkLimit(v, limit, limits::kDescribeStreamMaxLimit);
  checkLength(v, exclusiveStart, "exclusiveStartShardId", kShardIdMin, kShardIdMax);
  v.throwIfAny();
  const ChangeStream& s = requireStream(ctx, *arn);

  JsonWriter& w = ctx.out;
  w.StartObject();
  writeKey(w, "StreamDescription");
  w.StartObject();
  writeKey(w, "StreamArn");
  writeString(w, s.arn());
  writeKey(w, "StreamLabel");
  writeString(w, s.label());
  writeKey(w, "StreamStatus");
  w.String(s.enabled() ? "ENABLED" : "DISABLED");
  writeKey(w, "StreamViewType");
  w.String(streamViewName(s.view()));
  writeKey(w, "CreationRequestDateTime");
  w.Double(static_cast<double>(s.createdMillis()) / 1000.0);
  writeKey(w, "TableName");
  writeString(w, s.tableName());
  writeKey(w, "KeySchema");
  writeKeySchemaOf(w, s.keySchema());
  writeKey(w, "Shards");
  w.StartArray();
  // Shards are listed in ShardId order; ExclusiveStartShardId resumes after the one named.
  if (!exclusiveStart || s.shardId() > *exclusiveStart) {
    w.StartObject();
    writeKey(w, "ShardId");
    writeString(w, s.shardId());
    writeKey(w, "SequenceNumberRange");
    w.StartObject();
    writeKey(w, "StartingSequenceNumber");
    writeString(w, formatSequenceNumber(s.startingSequence()));
    if (s.endingSequence()) {
      writeKey(w, "EndingSequenceNumber");
      writeString(w, formatSequenceNumber(*s.endingSequence()));
    }
    w.EndObject();
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  w.EndObject();
}

void getShardIterator(OperationContext& ctx) {
  const RequestReader& req = ctx.request;
  Violations v;
  auto arn = req.string("StreamArn");
  auto shardId = req.string("ShardId");
  auto type = req.string("ShardIteratorType");
  auto sequenceText = req.string("SequenceNumber");
  v.notNull(arn.has_value(), "streamArn");
  checkLength(v, arn, "streamArn", kStreamArnMin, kStreamArnMax);
  v.notNull(shardId.has_value(), "shardId");
  checkLength(v, shardId, "shardId", kShardIdMin, kShardIdMax);
  v.notNull(type.has_value(), "shardIteratorType");
  bool atOrAfter = type && (*type == "AT_SEQUENCE_NUMBER" || *type == "AFTER_SEQUENCE_NUMBER");
  if (type && !atOrAfter && *type != "TRIM_HORIZON" && *type != "LATEST")
    v.add("'" + *type + "'", "shardIteratorType",
          "Member must satisfy enum value set: [AFTER_SEQUENCE_NUMBER, LATEST, AT_SEQUENCE_NUMBER, TRIM_HORIZON]");
  checkLength(v, sequenceText, "sequenceNumber", kSequenceNumberMin, kSequenceNumberMax);
  v.throwIfAny();

  std::optional<uint64_t> sequence;
  if (sequenceText) {
    sequence = parseSequenceNumber(*sequenceText);
    if (!sequence) throw ApiError::validation("Invalid SequenceNumber: " + *sequenceText);
  }
  if (atOrAfter && !sequence)
    throw ApiError::validation("SequenceNumber must be provided for ShardIteratorType " + *type);
  if (!atOrAfter && sequence)
    throw ApiError::validation("SequenceNumber must not be provided for ShardIteratorType " + *type);

  const ChangeStream& s = requireStream(ctx, *arn);
  if (*shardId != s.shardId()) throw ApiError::resourceNotFound("Requested resource not found: Shard does not exist");

  uint64_t position;
  if (*type == "TRIM_HORIZON") {
    position = s.horizon();
  } else if (*type == "LATEST") {
    position = std::max(s.endingSequence().value_or(ctx.streams.lastSequence()), s.horizon());
  } else {
    uint64_t last = s.endingSequence().value_or(ctx.streams.lastSequence());
    if (*sequence < s.startingSequence() || *sequence > last)
      throw ApiError::validation("SequenceNumber " + *sequenceText + " is not in the range of shard " + s.shardId());
    position = *type == "AT_SEQUENCE_NUMBER" ? *sequence - 1 : *sequence;
    if (position < s.trimmedThrough()) throw trimmed();
  }
  ctx.out.StartObject();
  writeKey(ctx.out, "ShardIterator");
  writeString(ctx.out, encodeShardIterator({s.arn(), position, ctx.nowMillis}));
  ctx.out.EndObject();
}

void getRecords(OperationContext& ctx) {
  const RequestReader& req = ctx.request;
  Violations v;
  auto iteratorText = req.string("ShardIterator");
  auto limit = req.integer("Limit");
  v.notNull(iteratorText.has_value(), "shardIterator");
  checkLength(v, iteratorText, "shardIterator", kShardIteratorMin, kShardIteratorMax);
  checkLimit(v, limit, limits::kGetRecordsMaxLimit);
  v.throwIfAny();

  std::optional<ShardIterator> iterator = decodeShardIterator(*iteratorText);
  if (!iterator) throw ApiError::validation("Invalid ShardIterator");
  const ChangeStream& s = requireStream(ctx, iterator->streamArn);
  if (ctx.nowMillis - iterator->issuedMillis > limits::kShardIteratorLifetimeMillis)
    throw ApiError("ExpiredIteratorException", "The provided iterator exceeds the maximum age allowed.");
  if (iterator->position < s.trimmedThrough()) throw trimmed();

  size_t max = static_cast<size_t>(limit.value_or(limits::kGetRecordsMaxLimit));
  uint64_t position = iterator->position;
  size_t bytes = 0, count = 0;
  JsonWriter& w = ctx.out;
  w.StartObject();
  writeKey(w, "Records");
  w.StartArray();
  auto it = s.after(position);
  // At most Limit records and 1 MB (at least one record, whatever its size).
  for (; it != s.records().end() && count < max; ++it) {
    if (count > 0 && bytes + it->sizeBytes > limits::kGetRecordsMaxBytes) break;
    writeStreamRecord(w, *it, s.tableName());
    bytes += it->sizeBytes;
    position = it->sequence;
    ++count;
  }
  w.EndArray();
  // A closed shard read to its end has no next iterator: that is how a reader learns it.
  bool atEnd = s.endingSequence() && it == s.records().end();
  if (!atEnd) {
    writeKey(w, "NextShardIterator");
    writeString(w, encodeShardIterator({s.arn(), position, ctx.nowMillis}));
  }
  w.EndObject();
}

}  // namespace shoal
