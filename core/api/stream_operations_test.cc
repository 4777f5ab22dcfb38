// Change streams through the DynamoDB Streams operations: records per StreamViewType, sequence
// numbers, the four iterator types, trimming after 24 hours and by size, expired iterators,
// disabled streams, deletions by time to live, and the db.subscribe feed.
#include <algorithm>
#include <string>
#include <vector>

#include "api/test_db.h"

using shoal::testing::TestDb;

namespace {

constexpr int64_t kHour = 3600 * 1000;

std::string str(const shoal::JsonValue& v) { return std::string(v.GetString(), v.GetStringLength()); }

std::string json(const shoal::JsonValue& v) {
  rapidjson::StringBuffer buf;
  shoal::JsonWriter w(buf);
  v.Accept(w);
  return buf.GetString();
}

void createStreamTable(TestDb& db, const std::string& name, const std::string& viewType, bool withSortKey = false) {
  std::string keys = R"J([{"AttributeName":"pk","KeyType":"HASH"})J";
  std::string defs = R"J([{"AttributeName":"pk","AttributeType":"S"})J";
  if (withSortKey) {
    keys += R"J(,{"AttributeName":"sk","KeyType":"RANGE"})J";
    defs += R"J(,{"AttributeName":"sk","AttributeType":"N"})J";
  }
  db.ok("CreateTable", R"J({"TableName":")J" + name + R"J(","BillingMode":"PAY_PER_REQUEST","KeySchema":)J" + keys +
                           R"J(],"AttributeDefinitions":)J" + defs + R"J(],"StreamSpecification":{"StreamEnabled":true,
                           "StreamViewType":")J" + viewType + R"J("}})J");
}

std::string put(const std::string& table, const std::string& pk, const std::string& extra = "") {
  return R"J({"TableName":")J" + table + R"J(","Item":{"pk":{"S":")J" + pk + R"J("})J" + extra + "}}";
}

std::string del(const std::string& table, const std::string& pk) {
  return R"J({"TableName":")J" + table + R"J(","Key":{"pk":{"S":")J" + pk + R"J("}}})J";
}

std::string streamArnOf(TestDb& db, const std::string& table) {
  return str(db.ok("DescribeTable", R"J({"TableName":")J" + table + R"J("})J")["Table"]["LatestStreamArn"]);
}

std::string shardOf(TestDb& db, const std::string& arn) {
  return str(db.ok("DescribeStream", R"J({"StreamArn":")J" + arn + R"J("})J")["StreamDescription"]["Shards"][0]["ShardId"]);
}

std::string iteratorRequest(const std::string& arn, const std::string& shard, const std::string& type,
                            const std::string& sequence = "") {
  std::string r = R"J({"StreamArn":")J" + arn + R"J(","ShardId":")J" + shard + R"J(","ShardIteratorType":")J" + type + "\"";
  if (!sequence.empty()) r += R"J(,"SequenceNumber":")J" + sequence + "\"";
  return r + "}";
}

std::string iterator(TestDb& db, const std::string& arn, const std::string& type, const std::string& sequence = "") {
  return str(db.ok("GetShardIterator", iteratorRequest(arn, shardOf(db, arn), type, sequence))["ShardIterator"]);
}

std::string recordsRequest(const std::string& it, int limit = 0) {
  return R"J({"ShardIterator":")J" + it + "\"" + (limit ? ",\"Limit\":" + std::to_string(limit) : std::string()) + "}";
}

// Every record from TRIM_HORIZON, as parsed documents.
shoal::JsonDocument allRecords(TestDb& db, const std::string& table) {
  return db.ok("GetRecords", recordsRequest(iterator(db, streamArnOf(db, table), "TRIM_HORIZON")));
}

std::vector<std::string> eventNames(const shoal::JsonDocument& r) {
  std::vector<std::string> names;
  for (const auto& rec : r["Records"].GetArray()) names.push_back(str(rec["eventName"]));
  return names;
}

}  // namespace

TEST_CASE("Stream records carry Keys and the images their StreamViewType keeps", "[api][stream]") {
  for (const char* view : {"KEYS_ONLY", "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES"}) {
    INFO(view);
    TestDb db;
    createStreamTable(db, "Tbl", view, true);
    std::string item = R"J({"TableName":"Tbl","Item":{"pk":{"S":"a"},"sk":{"N":"1"},"v":{"S":"one"}}})J";
    db.ok("PutItem", item);
    db.ok("PutItem", item);  // identical: no record
    db.ok("UpdateItem", R"J({"TableName":"Tbl","Key":{"pk":{"S":"a"},"sk":{"N":"1"}},"UpdateExpression":"SET v = :v",
      "ExpressionAttributeValues":{":v":{"S":"two"}}})J");
    db.ok("UpdateItem", R"J({"TableName":"Tbl","Key":{"pk":{"S":"a"},"sk":{"N":"1"}},"UpdateExpression":"SET v = :v",
      "ExpressionAttributeValues":{":v":{"S":"two"}}})J");  // changes nothing: no record
    db.ok("DeleteItem", R"J({"TableName":"Tbl","Key":{"pk":{"S":"a"},"sk":{"N":"1"}}})J");
    db.ok("DeleteItem", R"J({"TableName":"Tbl","Key":{"pk":{"S":"a"},"sk":{"N":"1"}}})J");  // absent: no record
    db.ok("UpdateItem", R"J({"TableName":"Tbl","Key":{"pk":{"S":"b"},"sk":{"N":"2"}},"UpdateExpression":"SET w = :w",
      "ExpressionAttributeValues":{":w":{"N":"3"}}})J");  // creates: INSERT

    auto r = allRecords(db, "Tbl");
    REQUIRE(eventNames(r) == std::vector<std::string>{"INSERT", "MODIFY", "REMOVE", "INSERT"});
    std::string v = view;
    bool keepsNew = v == "NEW_IMAGE" || v == "NEW_AND_OLD_IMAGES";
    bool keepsOld = v == "OLD_IMAGE" || v == "NEW_AND_OLD_IMAGES";
    const auto& records = r["Records"];
    for (const auto& rec : records.GetArray()) {
      CHECK(str(rec["eventSource"]) == "aws:dynamodb");
      CHECK(str(rec["eventVersion"]) == "1.1");
      CHECK(str(rec["awsRegion"]) == "ddblocal");
      CHECK(str(rec["eventID"]).size() == 32);
      CHECK_FALSE(rec.HasMember("userIdentity"));
      const auto& d = rec["dynamodb"];
      CHECK(str(d["StreamViewType"]) == v);
      CHECK(d["ApproximateCreationDateTime"].GetInt64() == 1700000000);
      CHECK(d["SizeBytes"].GetInt() > 0);
      CHECK(d["Keys"].MemberCount() == 2);
    }
    CHECK(json(records[0]["dynamodb"]["Keys"]) == R"J({"pk":{"S":"a"},"sk":{"N":"1"}})J");
    CHECK(records[0]["dynamodb"].HasMember("NewImage") == keepsNew);
    CHECK_FALSE(records[0]["dynamodb"].HasMember("OldImage"));
    CHECK(records[1]["dynamodb"].HasMember("NewImage") == keepsNew);
    CHECK(records[1]["dynamodb"].HasMember("OldImage") == keepsOld);
    if (keepsNew) CHECK(str(records[1]["dynamodb"]["NewImage"]["v"]["S"]) == "two");
    if (keepsOld) CHECK(str(records[1]["dynamodb"]["OldImage"]["v"]["S"]) == "one");
    CHECK_FALSE(records[2]["dynamodb"].HasMember("NewImage"));
    CHECK(records[2]["dynamodb"].HasMember("OldImage") == keepsOld);
    // KEYS_ONLY: SizeBytes counts the keys alone.
    if (v == "KEYS_ONLY") CHECK(records[0]["dynamodb"]["SizeBytes"].GetInt() == 2 + 1 + 2 + 2);
  }
}

TEST_CASE("Sequence numbers are 21-digit decimals that increase, across tables too", "[api][stream]") {
  TestDb db;
  createStreamTable(db, "One", "KEYS_ONLY");
  createStreamTable(db, "Two", "KEYS_ONLY");
  for (int i = 0; i < 5; ++i) {
    db.ok("PutItem", put("One", "k" + std::to_string(i)));
    db.ok("PutItem", put("Two", "k" + std::to_string(i)));
    db.now += (i % 2) * 7;  // several records in the same millisecond, and some later
  }
  db.ok("BatchWriteItem", R"J({"RequestItems":{"One":[{"PutRequest":{"Item":{"pk":{"S":"b1"}}}},
    {"PutRequest":{"Item":{"pk":{"S":"b2"}}}}],"Two":[{"DeleteRequest":{"Key":{"pk":{"S":"k0"}}}}]}})J");
  db.ok("TransactWriteItems", R"J({"TransactItems":[{"Put":{"TableName":"One","Item":{"pk":{"S":"t1"}}}},
    {"Delete":{"TableName":"Two","Key":{"pk":{"S":"k1"}}}}]})J");
  std::vector<std::string> all;
  for (const char* table : {"One", "Two"}) {
    auto r = allRecords(db, table);
    std::string previous;
    for (const auto& rec : r["Records"].GetArray()) {
      std::string s = str(rec["dynamodb"]["SequenceNumber"]);
      CHECK(s.size() == 21);
      CHECK(s.find_first_not_of("0123456789") == std::string::npos);
      CHECK(s > previous);
      previous = s;
      all.push_back(s);
    }
  }
  CHECK(all.size() == 8 + 7);
  std::sort(all.begin(), all.end());
  CHECK(std::unique(all.begin(), all.end()) == all.end());
}

TEST_CASE("ListStreams and DescribeStream", "[api][stream]") {
  TestDb db;
  createStreamTable(db, "Alpha", "NEW_IMAGE", true);
  createStreamTable(db, "Beta", "KEYS_ONLY");
  db.createTable("Plain");
  auto l = db.ok("ListStreams", "{}");
  REQUIRE(l["Streams"].Size() == 2);
  CHECK(str(l["Streams"][0]["TableName"]) == "Alpha");
  CHECK(str(l["Streams"][0]["StreamArn"]) == streamArnOf(db, "Alpha"));
  CHECK(str(l["Streams"][0]["StreamLabel"]) == "2023-11-14T22:13:20.000");
  CHECK_FALSE(l.HasMember("LastEvaluatedStreamArn"));

  auto p = db.ok("ListStreams", R"J({"Limit":1})J");
  REQUIRE(p["Streams"].Size() == 1);
  CHECK(str(p["LastEvaluatedStreamArn"]) == streamArnOf(db, "Alpha"));
  auto p2 = db.ok("ListStreams", R"J({"Limit":1,"ExclusiveStartStreamArn":")J" + str(p["LastEvaluatedStreamArn"]) + "\"}");
  REQUIRE(p2["Streams"].Size() == 1);
  CHECK(str(p2["Streams"][0]["TableName"]) == "Beta");
  CHECK_FALSE(p2.HasMember("LastEvaluatedStreamArn"));
  CHECK(db.ok("ListStreams", R"J({"TableName":"Beta"})J")["Streams"].Size() == 1);
  CHECK(db.ok("ListStreams", R"J({"TableName":"Plain"})J")["Streams"].Size() == 0);
  CHECK(db.err("ListStreams", R"J({"TableName":"Nope"})J") ==
        "ResourceNotFoundException: Requested resource not found: Table: Nope not found");
  CHECK(db.err("ListStreams", R"J({"Limit":0})J") ==
        "ValidationException: 1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member "
        "must have value greater than or equal to 1");
  CHECK(db.err("ListStreams", R"J({"Limit":101})J").find("less than or equal to 100") != std::string::npos);
  CHECK(db.err("ListStreams", R"J({"ExclusiveStartStreamArn":"kossaapaaasdafsdaasdasdasdasasdasfadfadfasdasdas"})J")
            .rfind("ValidationException", 0) == 0);

  std::string arn = streamArnOf(db, "Alpha");
  auto d = db.ok("DescribeStream", R"J({"StreamArn":")J" + arn + "\"}");
  const auto& s = d["StreamDescription"];
  CHECK(str(s["StreamArn"]) == arn);
  CHECK(str(s["StreamLabel"]) == "2023-11-14T22:13:20.000");
  CHECK(str(s["StreamStatus"]) == "ENABLED");
  CHECK(str(s["StreamViewType"]) == "NEW_IMAGE");
  CHECK(str(s["TableName"]) == "Alpha");
  CHECK(s["CreationRequestDateTime"].GetDouble() == 1700000000.0);
  CHECK(json(s["KeySchema"]) == R"J([{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}])J");
  REQUIRE(s["Shards"].Size() == 1);
  std::string shard = str(s["Shards"][0]["ShardId"]);
  CHECK(shard.rfind("shardId-00000001700000000000-", 0) == 0);
  CHECK(shard.size() >= 28);
  CHECK(shard.size() <= 65);
  CHECK(str(s["Shards"][0]["SequenceNumberRange"]["StartingSequenceNumber"]).size() == 21);
  CHECK_FALSE(s["Shards"][0]["SequenceNumberRange"].HasMember("EndingSequenceNumber"));
  auto after = db.ok("DescribeStream", R"J({"StreamArn":")J" + arn + R"J(","ExclusiveStartShardId":")J" + shard + "\"}");
  CHECK(after["StreamDescription"]["Shards"].Size() == 0);

  std::string missing = "arn:aws:dynamodb:ddblocal:000000000000:table/Gone/stream/2020-01-01T00:00:00.000";
  CHECK(db.err("DescribeStream", R"J({"StreamArn":")J" + missing + "\"}") ==
        "ResourceNotFoundException: Requested resource not found: Stream: " + missing + " not found");
  CHECK(db.err("DescribeStream", R"J({"StreamArn":"sdfadfsdfnlfkajakfgjalksfgklasjklasdjfklasdfasdfgasf"})J")
            .rfind("ValidationException", 0) == 0);
  CHECK(db.err("DescribeStream", "{}") ==
        "ValidationException: 1 validation error detected: Value null at 'streamArn' failed to satisfy constraint: "
        "Member must not be null");
}

TEST_CASE("GetShardIterator: TRIM_HORIZON, LATEST, AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER", "[api][stream]") {
  TestDb db;
  createStreamTable(db, "Tbl", "KEYS_ONLY");
  std::string arn = streamArnOf(db, "Tbl");
  std::string shard = shardOf(db, arn);
  std::string latestBefore = iterator(db, arn, "LATEST");
  for (int i = 0; i < 3; ++i) db.ok("PutItem", put("Tbl", "k" + std::to_string(i)));

  auto all = db.ok("GetRecords", recordsRequest(iterator(db, arn, "TRIM_HORIZON")));
  REQUIRE(all["Records"].Size() == 3);
  std::string first = str(all["Records"][0]["dynamodb"]["SequenceNumber"]);
  std::string second = str(all["Records"][1]["dynamodb"]["SequenceNumber"]);
  // A LATEST iterator taken before the writes reads them; one taken now reads nothing.
  CHECK(db.ok("GetRecords", recordsRequest(latestBefore))["Records"].Size() == 3);
  auto none = db.ok("GetRecords", recordsRequest(iterator(db, arn, "LATEST")));
  CHECK(none["Records"].Size() == 0);
  CHECK(none.HasMember("NextShardIterator"));

  auto at = db.ok("GetRecords", recordsRequest(iterator(db, arn, "AT_SEQUENCE_NUMBER", second)));
  REQUIRE(at["Records"].Size() == 2);
  CHECK(str(at["Records"][0]["dynamodb"]["SequenceNumber"]) == second);
  auto afterFirst = db.ok("GetRecords", recordsRequest(iterator(db, arn, "AFTER_SEQUENCE_NUMBER", first)));
  REQUIRE(afterFirst["Records"].Size() == 2);
  CHECK(str(afterFirst["Records"][0]["dynamodb"]["SequenceNumber"]) == second);
  // The shard's StartingSequenceNumber reads everything.
  std::string start = str(db.ok("DescribeStream", R"J({"StreamArn":")J" + arn + "\"}")["StreamDescription"]["Shards"][0]
                              ["SequenceNumberRange"]["StartingSequenceNumber"]);
  CHECK(db.ok("GetRecords", recordsRequest(iterator(db, arn, "AT_SEQUENCE_NUMBER", start)))["Records"].Size() == 3);

  // Paging with Limit and NextShardIterator, then new records appear on the same iterator.
  auto page = db.ok("GetRecords", recordsRequest(iterator(db, arn, "TRIM_HORIZON"), 2));
  CHECK(page["Records"].Size() == 2);
  auto rest = db.ok("GetRecords", recordsRequest(str(page["NextShardIterator"]), 2));
  CHECK(rest["Records"].Size() == 1);
  std::string next = str(rest["NextShardIterator"]);
  CHECK(db.ok("GetRecords", recordsRequest(next))["Records"].Size() == 0);
  db.ok("PutItem", put("Tbl", "k9"));
  CHECK(db.ok("GetRecords", recordsRequest(next))["Records"].Size() == 1);

  CHECK(db.err("GetShardIterator", iteratorRequest(arn, shard, "AT_SEQUENCE_NUMBER")).rfind("ValidationException", 0) == 0);
  CHECK(db.err("GetShardIterator", iteratorRequest(arn, shard, "LATEST", first)).rfind("ValidationException", 0) == 0);
  CHECK(db.err("GetShardIterator", iteratorRequest(arn, shard, "bulle")) ==
        "ValidationException: 1 validation error detected: Value 'bulle' at 'shardIteratorType' failed to satisfy "
        "constraint: Member must satisfy enum value set: [AFTER_SEQUENCE_NUMBER, LATEST, AT_SEQUENCE_NUMBER, TRIM_HORIZON]");
  CHECK(db.err("GetShardIterator", iteratorRequest(arn, shard, "AT_SEQUENCE_NUMBER", "x00000000000000000000000"))
            .rfind("ValidationException", 0) == 0);
  CHECK(db.err("GetShardIterator", iteratorRequest(arn, "shardId-00000000000000000000-00000000", "LATEST")) ==
        "ResourceNotFoundException: Requested resource not found: Shard does not exist");
  CHECK(db.err("GetShardIterator", iteratorRequest("sdfadfsddafgdafsgjnadflkgnalngalsdfnlkasnlkasdfasdfasf", shard, "LATEST"))
            .rfind("ValidationException", 0) == 0);
  CHECK(db.err("GetRecords", recordsRequest("sdfsdfsgagaddafgagasgasgasdfasdfasdfasdfasdgasdasdgasdg")) ==
        "ValidationException: Invalid ShardIterator");
  std::string tampered = next;
  tampered[tampered.size() - 20] = tampered[tampered.size() - 20] == '0' ? '1' : '0';
  CHECK(db.err("GetRecords", recordsRequest(tampered)) == "ValidationException: Invalid ShardIterator");
  CHECK(db.err("GetRecords", recordsRequest(next, 1001)).find("less than or equal to 1000") != std::string::npos);
}

TEST_CASE("Shard iterators expire after 15 minutes of engine time", "[api][stream]") {
  TestDb db;
  createStreamTable(db, "Tbl", "KEYS_ONLY");
  std::string arn = streamArnOf(db, "Tbl");
  std::string it = iterator(db, arn, "TRIM_HORIZON");
  db.now += 15 * 60 * 1000;
  auto r = db.ok("GetRecords", recordsRequest(it));  // exactly 15 minutes: still valid
  std::string next = str(r["NextShardIterator"]);
  db.now += 1;
  CHECK(db.err("GetRecords", recordsRequest(it)) ==
        "ExpiredIteratorException: The provided iterator exceeds the maximum age allowed.");
  CHECK(db.ok("GetRecords", recordsRequest(next)).HasMember("NextShardIterator"));  // renewed by each GetRecords
}

TEST_CASE("Records are trimmed after 24 hours and past the size bound", "[api][stream]") {
  TestDb db;
  createStreamTable(db, "Tbl", "NEW_IMAGE");
  std::string arn = streamArnOf(db, "Tbl");
  db.ok("PutItem", put("Tbl", "old"));
  std::string oldIterator = iterator(db, arn, "TRIM_HORIZON");
  std::string oldSequence = str(db.ok("GetRecords", recordsRequest(oldIterator))["Records"][0]["dynamodb"]["SequenceNumber"]);
  db.now += 12 * kHour;
  db.ok("PutItem", put("Tbl", "newer"));
  db.now += 12 * kHour;  // "old" is now 24 hours old

  std::string fresh = iterator(db, arn, "TRIM_HORIZON");
  auto r = db.ok("GetRecords", recordsRequest(fresh));
  REQUIRE(r["Records"].Size() == 1);
  CHECK(str(r["Records"][0]["dynamodb"]["Keys"]["pk"]["S"]) == "newer");
  CHECK(db.err("GetShardIterator", iteratorRequest(arn, shardOf(db, arn), "AT_SEQUENCE_NUMBER", oldSequence)) ==
        "TrimmedDataAccessException: The data you are trying to access has been trimmed.");

  // Size: 8 MB of SizeBytes at most per stream, oldest records first out.
  TestDb big;
  createStreamTable(big, "Big", "NEW_IMAGE");
  std::string blob(100 * 1024, 'x');
  for (int i = 0; i < 100; ++i)
    big.ok("PutItem", put("Big", "k" + std::to_string(i), R"J(,"blob":{"S":")J" + blob + "\"}"));
  // GetRecords returns at most 1 MB per call: page to the end.
  std::string it = iterator(big, streamArnOf(big, "Big"), "TRIM_HORIZON");
  size_t count = 0, total = 0, pages = 0;
  std::string lastKey;
  for (;;) {
    auto page = big.ok("GetRecords", recordsRequest(it));
    if (page["Records"].Empty()) break;
    ++pages;
    size_t pageBytes = 0;
    for (const auto& rec : page["Records"].GetArray()) {
      pageBytes += rec["dynamodb"]["SizeBytes"].GetUint64();
      lastKey = str(rec["dynamodb"]["Keys"]["pk"]["S"]);
      ++count;
    }
    CHECK(pageBytes <= 1024 * 1024);
    total += pageBytes;
    it = str(page["NextShardIterator"]);
  }
  CHECK(count < 100);
  CHECK(count >= 70);
  CHECK(pages > 1);
  CHECK(lastKey == "k99");
  CHECK(total <= 8 * 1024 * 1024);
}

TEST_CASE("A trimmed position fails GetRecords with TrimmedDataAccessException", "[api][stream]") {
  TestDb db;
  createStreamTable(db, "Tbl", "KEYS_ONLY");
  std::string arn = streamArnOf(db, "Tbl");
  db.ok("PutItem", put("Tbl", "a"));
  db.now += 24 * kHour - 10 * 60 * 1000;
  std::string it = iterator(db, arn, "TRIM_HORIZON");  // before "a", which is 10 minutes from trimming
  db.now += 10 * 60 * 1000;
  CHECK(db.err("GetRecords", recordsRequest(it)) ==
        "TrimmedDataAccessException: The data you are trying to access has been trimmed.");
}

TEST_CASE("Disabled streams: no records, DISABLED and closed, readable for 24 hours; re-enabling makes a new stream",
          "[api][stream]") {
  TestDb db;
  db.createTable("Tbl");
  db.ok("PutItem", put("Tbl", "before"));
  CHECK(db.ok("ListStreams", "{}")["Streams"].Size() == 0);

  db.ok("UpdateTable", R"J({"TableName":"Tbl","StreamSpecification":{"StreamEnabled":true,"StreamViewType":"NEW_AND_OLD_IMAGES"}})J");
  std::string first = streamArnOf(db, "Tbl");
  db.ok("PutItem", put("Tbl", "during"));
  std::string latest = iterator(db, first, "LATEST");
  db.now += 1000;
  db.ok("UpdateTable", R"J({"TableName":"Tbl","StreamSpecification":{"StreamEnabled":false}})J");
  db.ok("PutItem", put("Tbl", "after"));

  auto described = db.ok("DescribeStream", R"J({"StreamArn":")J" + first + "\"}");
  const auto& d = described["StreamDescription"];
  CHECK(str(d["StreamStatus"]) == "DISABLED");
  CHECK(d["Shards"][0]["SequenceNumberRange"].HasMember("EndingSequenceNumber"));
  auto r = db.ok("GetRecords", recordsRequest(iterator(db, first, "TRIM_HORIZON")));
  REQUIRE(r["Records"].Size() == 1);  // only the write made while enabled
  CHECK(str(r["Records"][0]["dynamodb"]["Keys"]["pk"]["S"]) == "during");
  CHECK_FALSE(r.HasMember("NextShardIterator"));  // a closed shard read to its end
  auto l = db.ok("GetRecords", recordsRequest(latest));
  CHECK(l["Records"].Size() == 0);
  CHECK_FALSE(l.HasMember("NextShardIterator"));

  db.now += 1000;
  db.ok("UpdateTable", R"J({"TableName":"Tbl","StreamSpecification":{"StreamEnabled":true,"StreamViewType":"KEYS_ONLY"}})J");
  std::string second = streamArnOf(db, "Tbl");
  CHECK(second != first);
  CHECK(db.ok("ListStreams", R"J({"TableName":"Tbl"})J")["Streams"].Size() == 2);
  db.ok("DeleteItem", del("Tbl", "before"));
  auto s = db.ok("GetRecords", recordsRequest(iterator(db, second, "TRIM_HORIZON")));
  CHECK(eventNames(s) == std::vector<std::string>{"REMOVE"});

  // Deleting the table closes its stream; 24 hours after closing, a stream is gone.
  db.ok("DeleteTable", R"J({"TableName":"Tbl"})J");
  CHECK(str(db.ok("DescribeStream", R"J({"StreamArn":")J" + second + "\"}")["StreamDescription"]["StreamStatus"]) == "DISABLED");
  CHECK(db.ok("ListStreams", R"J({"TableName":"Tbl"})J")["Streams"].Size() == 2);
  db.now += 24 * kHour;
  CHECK(db.err("DescribeStream", R"J({"StreamArn":")J" + first + "\"}").rfind("ResourceNotFoundException", 0) == 0);
  CHECK(db.ok("ListStreams", "{}")["Streams"].Size() == 0);
}

TEST_CASE("Deletions by time to live are REMOVE records by the service", "[api][stream][ttl]") {
  TestDb db;
  createStreamTable(db, "Tbl", "NEW_AND_OLD_IMAGES");
  db.ok("UpdateTimeToLive", R"J({"TableName":"Tbl","TimeToLiveSpecification":{"Enabled":true,"AttributeName":"exp"}})J");
  db.ok("PutItem", put("Tbl", "a", R"J(,"exp":{"N":"1700000001"})J"));
  db.ok("PutItem", put("Tbl", "b", R"J(,"exp":{"N":"1700000001"})J"));
  db.ok("PutItem", put("Tbl", "keep", R"J(,"exp":{"N":"1800000000"})J"));
  db.now += 5000;
  CHECK(db.engine.sweepExpired(db.now) == 2);
  // A write over an expired item that no sweep has reached yet (600 ms after the last
  // automatic sweep, under the 1 s interval): first its deletion by the service, then an INSERT.
  db.ok("PutItem", put("Tbl", "c", R"J(,"exp":{"N":"1700000005.5"})J"));
  db.now += 600;
  db.ok("PutItem", put("Tbl", "c", R"J(,"v":{"S":"new"})J"));

  auto r = allRecords(db, "Tbl");
  CHECK(eventNames(r) == std::vector<std::string>{"INSERT", "INSERT", "INSERT", "REMOVE", "REMOVE", "INSERT", "REMOVE", "INSERT"});
  for (size_t i : {3u, 4u, 6u}) {
    const auto& rec = r["Records"][static_cast<rapidjson::SizeType>(i)];
    REQUIRE(rec.HasMember("userIdentity"));
    CHECK(json(rec["userIdentity"]) == R"J({"principalId":"dynamodb.amazonaws.com","type":"Service"})J");
    CHECK(rec["dynamodb"].HasMember("OldImage"));
    CHECK_FALSE(rec["dynamodb"].HasMember("NewImage"));
  }
  CHECK(str(r["Records"][6]["dynamodb"]["Keys"]["pk"]["S"]) == "c");
  CHECK_FALSE(r["Records"][7].HasMember("userIdentity"));
  CHECK_FALSE(r["Records"][7]["dynamodb"].HasMember("OldImage"));
}

TEST_CASE("The subscribe feed: watched tables' records with both images, stream or not", "[api][stream]") {
  TestDb db;
  db.createTable("Tbl");
  createStreamTable(db, "Keys", "KEYS_ONLY");
  db.ok("PutItem", put("Tbl", "unwatched"));
  CHECK(db.engine.takeWatchedRecords() == "[]");
  db.engine.watchTable("Tbl", true);
  db.engine.watchTable("Keys", true);
  db.ok("PutItem", put("Tbl", "a", R"J(,"v":{"N":"1"})J"));
  db.ok("PutItem", put("Keys", "b"));
  shoal::JsonDocument feed;
  feed.Parse(db.engine.takeWatchedRecords().c_str());
  REQUIRE(feed.IsArray());
  REQUIRE(feed.Size() == 2);
  CHECK(str(feed[0]["TableName"]) == "Tbl");
  CHECK(str(feed[0]["Record"]["eventName"]) == "INSERT");
  CHECK(str(feed[0]["Record"]["dynamodb"]["NewImage"]["v"]["N"]) == "1");
  CHECK(str(feed[1]["TableName"]) == "Keys");
  CHECK(str(feed[1]["Record"]["dynamodb"]["StreamViewType"]) == "NEW_AND_OLD_IMAGES");
  // The same change has the same sequence number in the feed and in the table's stream.
  CHECK(str(feed[1]["Record"]["dynamodb"]["SequenceNumber"]) ==
        str(allRecords(db, "Keys")["Records"][0]["dynamodb"]["SequenceNumber"]));
  CHECK(db.engine.takeWatchedRecords() == "[]");
  db.engine.watchTable("Tbl", false);
  db.ok("DeleteItem", del("Tbl", "a"));
  CHECK(db.engine.takeWatchedRecords() == "[]");
}

TEST_CASE("Reopening from a snapshot keeps streams listed, empty, with increasing sequence numbers", "[api][stream]") {
  TestDb db;
  createStreamTable(db, "Tbl", "KEYS_ONLY");
  db.ok("PutItem", put("Tbl", "a"));
  std::string before = str(allRecords(db, "Tbl")["Records"][0]["dynamodb"]["SequenceNumber"]);
  std::string snapshot = db.engine.snapshot();
  TestDb reopened;
  reopened.now = db.now + 1;
  REQUIRE(reopened.engine.open(snapshot, "").ok);
  CHECK(reopened.ok("ListStreams", "{}")["Streams"].Size() == 1);
  CHECK(allRecords(reopened, "Tbl")["Records"].Size() == 0);
  reopened.ok("PutItem", put("Tbl", "b"));
  auto r = allRecords(reopened, "Tbl");
  REQUIRE(r["Records"].Size() == 1);
  CHECK(str(r["Records"][0]["dynamodb"]["SequenceNumber"]) > before);
}
