// The pieces of a stream that have rules of their own: sequence number text, shard iterator
// strings, one stream's retention.
#include <catch2/catch_test_macros.hpp>

#include "api/limits.h"
#include "stream/change_stream.h"
#include "stream/sequence_number.h"
#include "stream/shard_iterator.h"

using namespace shoal;

TEST_CASE("Sequence numbers: 21 to 40 digits, zero-padded to 21", "[stream]") {
  CHECK(formatSequenceNumber(1) == "000000000000000000001");
  CHECK(formatSequenceNumber(1700000000000000) == "000001700000000000000");
  CHECK(formatSequenceNumber(UINT64_MAX) == "018446744073709551615");
  CHECK(parseSequenceNumber("000000000000000000042") == 42u);
  CHECK(parseSequenceNumber(formatSequenceNumber(UINT64_MAX)) == UINT64_MAX);
  CHECK(parseSequenceNumber("9999999999999999999999999") == UINT64_MAX);  // beyond any shard
  CHECK_FALSE(parseSequenceNumber("42"));
  CHECK_FALSE(parseSequenceNumber("00000000000000000004x"));
  CHECK_FALSE(parseSequenceNumber(std::string(41, '1')));
}

TEST_CASE("Shard iterators round-trip and refuse edits", "[stream]") {
  ShardIterator it{"arn:aws:dynamodb:ddblocal:000000000000:table/T|x/stream/2024-01-01T00:00:00.000", 123456789, 1700000000000};
  std::string text = encodeShardIterator(it);
  CHECK(text.rfind(it.streamArn, 0) == 0);
  auto back = decodeShardIterator(text);
  REQUIRE(back);
  CHECK(back->streamArn == it.streamArn);
  CHECK(back->position == it.position);
  CHECK(back->issuedMillis == it.issuedMillis);
  for (size_t i = 0; i < text.size(); i += 7) {
    std::string edited = text;
    edited[i] = edited[i] == 'a' ? 'b' : 'a';
    CHECK_FALSE(decodeShardIterator(edited));
  }
  CHECK_FALSE(decodeShardIterator(text.substr(1)));
  CHECK_FALSE(decodeShardIterator(""));
  CHECK_FALSE(decodeShardIterator("|1|"));
}

TEST_CASE("A stream keeps 24 hours of records and trims the oldest first", "[stream]") {
  TableSchema schema;
  schema.name = "Tbl";
  schema.key.hash = {"pk", Type::S};
  schema.stream = {true, "KEYS_ONLY", 1000};
  ChangeStream s(schema, 10);
  CHECK(s.horizon() == 9);
  auto record = [](uint64_t seq, int64_t at) {
    StreamRecord r;
    r.sequence = seq;
    r.createdMillis = at;
    r.keys["pk"] = AttributeValue::string("k");
    r.applyView(StreamView::KeysOnly);
    return r;
  };
  s.append(record(11, 1000), 1000);
  s.append(record(15, 2000), 2000);
  CHECK(s.after(9)->sequence == 11);
  CHECK(s.after(11)->sequence == 15);
  CHECK(s.after(12)->sequence == 15);
  CHECK(s.after(15) == s.records().end());
  s.trim(1000 + limits::kStreamRetentionMillis);
  CHECK(s.records().size() == 1);
  CHECK(s.trimmedThrough() == 11);
  CHECK(s.horizon() == 11);
  s.close(3000, 20);
  CHECK_FALSE(s.enabled());
  CHECK(s.endingSequence() == 20u);
}
