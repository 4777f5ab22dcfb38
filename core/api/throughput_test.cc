#include <string>

#include "api/test_db.h"

using shoal::testing::TestDb;

namespace {

const char* kTableThrottled =
    "ProvisionedThroughputExceededException: The level of configured provisioned throughput for the table was "
    "exceeded. Consider increasing your provisioning level with the UpdateTable API.";
const char* kIndexThrottled =
    "ProvisionedThroughputExceededException: The level of configured provisioned throughput for one or more global "
    "secondary indexes of the table was exceeded. Consider increasing your provisioning level for the "
    "under-provisioned global secondary indexes with the UpdateTable API.";

void createProvisioned(TestDb& db, int read, int write, const std::string& extra = "") {
  db.ok("CreateTable", R"J({"TableName":"Prov","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],
    "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"})J" +
                           std::string(extra.empty() ? "" : R"J(,{"AttributeName":"g","AttributeType":"S"})J") +
                           R"J(],"ProvisionedThroughput":{"ReadCapacityUnits":)J" + std::to_string(read) +
                           R"J(,"WriteCapacityUnits":)J" + std::to_string(write) + "}" + extra + "}");
}

std::string put(int i, const std::string& more = "") {
  return R"J({"TableName":"Prov","Item":{"pk":{"S":"k)J" + std::to_string(i) + "\"}" + more + "}}";
}

}  // namespace

TEST_CASE("Throughput emulation is off by default", "[api][throughput]") {
  TestDb db;
  createProvisioned(db, 1, 1);
  for (int i = 0; i < 50; ++i) db.ok("PutItem", put(i));
  for (int i = 0; i < 50; ++i) db.ok("GetItem", R"J({"TableName":"Prov","Key":{"pk":{"S":"k1"}}})J");
  CHECK_FALSE(db.engine.throughputEmulation());
}

TEST_CASE("A provisioned table's write bucket refills at its units per second", "[api][throughput]") {
  TestDb db;
  db.engine.setThroughputEmulation(true);
  createProvisioned(db, 5, 5);
  // A fresh bucket holds one second's worth: five 1-unit writes, then throttled.
  for (int i = 0; i < 5; ++i) db.ok("PutItem", put(i));
  CHECK(db.err("PutItem", put(5)) == kTableThrottled);
  auto error = db.errDoc("PutItem", put(5));
  REQUIRE(error["ThrottlingReasons"].Size() == 1);
  CHECK(std::string(error["ThrottlingReasons"][0]["reason"].GetString()) == "TableWriteProvisionedThroughputExceeded");
  CHECK(std::string(error["ThrottlingReasons"][0]["resource"].GetString()).find(":table/Prov") != std::string::npos);
  // A throttled write changed nothing.
  CHECK(db.ok("Scan", R"J({"TableName":"Prov","Select":"COUNT"})J")["Count"].GetInt() == 5);
  // 200 ms later one unit is back: one more write, then throttled again.
  db.now += 200;
  db.ok("PutItem", put(5));
  CHECK(db.err("PutItem", put(6)) == kTableThrottled);
  // Reads draw from their own bucket.
  db.ok("GetItem", R"J({"TableName":"Prov","Key":{"pk":{"S":"k1"}}})J");
}

TEST_CASE("Unused capacity accumulates for bursts, up to 300 seconds' worth", "[api][throughput]") {
  TestDb db;
  db.engine.setThroughputEmulation(true);
  createProvisioned(db, 1, 2);
  db.ok("PutItem", put(0));  // the bucket starts now
  db.now += 1000 * 1000;     // 1000 s idle: capped at 300 s x 2 units
  int admitted = 0;
  for (int i = 1; i <= 700; ++i) {
    if (db.call("PutItem", put(i)).status != 200) break;
    ++admitted;
  }
  CHECK(admitted == 600);
}

TEST_CASE("Reads are charged what they consumed; a large write overdraws the bucket", "[api][throughput]") {
  TestDb db;
  db.engine.setThroughputEmulation(true);
  createProvisioned(db, 1, 1);
  db.ok("PutItem", R"J({"TableName":"Prov","Item":{"pk":{"S":"big"},"x":{"S":")J" + std::string(4500, 'x') + R"J("}}})J");
  // 5 KB written with one unit in the bucket: admitted, the bucket owes four units.
  CHECK(db.err("PutItem", put(1)) == kTableThrottled);
  db.now += 4000;
  CHECK(db.err("PutItem", put(1)) == kTableThrottled);  // back to zero: not positive yet
  db.now += 500;
  db.ok("PutItem", put(1));
  // Eventually consistent reads of a small item cost half a unit: two fit in one unit.
  db.ok("GetItem", R"J({"TableName":"Prov","Key":{"pk":{"S":"k1"}}})J");
  db.ok("GetItem", R"J({"TableName":"Prov","Key":{"pk":{"S":"k1"}}})J");
  auto error = db.errDoc("GetItem", R"J({"TableName":"Prov","Key":{"pk":{"S":"k1"}}})J");
  CHECK(std::string(error["ThrottlingReasons"][0]["reason"].GetString()) == "TableReadProvisionedThroughputExceeded");
  CHECK(db.err("Query", R"J({"TableName":"Prov","KeyConditionExpression":"pk = :p",
    "ExpressionAttributeValues":{":p":{"S":"k1"}}})J") == kTableThrottled);
}

TEST_CASE("A global secondary index throttles the table writes that reach it", "[api][throughput]") {
  TestDb db;
  db.engine.setThroughputEmulation(true);
  createProvisioned(db, 100, 100, R"J(,"GlobalSecondaryIndexes":[{"IndexName":"byG","KeySchema":[{"AttributeName":"g",
    "KeyType":"HASH"}],"Projection":{"ProjectionType":"ALL"},"ProvisionedThroughput":{"ReadCapacityUnits":1,
    "WriteCapacityUnits":1}}])J");
  db.ok("PutItem", put(0, R"J(,"g":{"S":"a"})J"));
  CHECK(db.err("PutItem", put(1, R"J(,"g":{"S":"a"})J")) == kIndexThrottled);
  auto error = db.errDoc("PutItem", put(1, R"J(,"g":{"S":"a"})J"));
  CHECK(std::string(error["ThrottlingReasons"][0]["reason"].GetString()) == "IndexWriteProvisionedThroughputExceeded");
  CHECK(std::string(error["ThrottlingReasons"][0]["resource"].GetString()).find(":table/Prov/index/byG") !=
        std::string::npos);
  db.ok("PutItem", put(2));  // not in the index: the index's bucket is not drawn from
  db.ok("Query", R"J({"TableName":"Prov","IndexName":"byG","KeyConditionExpression":"g = :g",
    "ExpressionAttributeValues":{":g":{"S":"a"}}})J");
  db.ok("Query", R"J({"TableName":"Prov","IndexName":"byG","KeyConditionExpression":"g = :g",
    "ExpressionAttributeValues":{":g":{"S":"a"}}})J");
  CHECK(db.err("Query", R"J({"TableName":"Prov","IndexName":"byG","KeyConditionExpression":"g = :g",
    "ExpressionAttributeValues":{":g":{"S":"a"}}})J") == kIndexThrottled);
}

TEST_CASE("Throttled batches return their unprocessed part; throttled transactions cancel", "[api][throughput]") {
  TestDb db;
  db.engine.setThroughputEmulation(true);
  createProvisioned(db, 2, 2);
  std::string batch = R"J({"RequestItems":{"Prov":[)J";
  for (int i = 0; i < 5; ++i) batch += std::string(i ? "," : "") + R"J({"PutRequest":{"Item":{"pk":{"S":"b)J" +
                                       std::to_string(i) + R"J("}}}})J";
  batch += "]}}";
  auto first = db.ok("BatchWriteItem", batch);
  REQUIRE(first["UnprocessedItems"].HasMember("Prov"));
  CHECK(first["UnprocessedItems"]["Prov"].Size() == 3);
  CHECK(std::string(first["UnprocessedItems"]["Prov"][0]["PutRequest"]["Item"]["pk"]["S"].GetString()) == "b2");
  CHECK(db.ok("Scan", R"J({"TableName":"Prov","Select":"COUNT","ConsistentRead":true})J")["Count"].GetInt() == 2);
  // Nothing processable at all: the whole batch is refused.
  CHECK(db.err("BatchWriteItem", batch) == kTableThrottled);

  // One read unit left after the scan: two keys at half a unit each, then unprocessed.
  auto keys = db.ok("BatchGetItem", R"J({"RequestItems":{"Prov":{"Keys":[{"pk":{"S":"b0"}},{"pk":{"S":"b1"}},
    {"pk":{"S":"b2"}},{"pk":{"S":"b3"}},{"pk":{"S":"b4"}},{"pk":{"S":"b5"}}]}}})J");
  CHECK(keys["Responses"]["Prov"].Size() == 2);
  CHECK(keys["UnprocessedKeys"]["Prov"]["Keys"].Size() == 4);
  CHECK(std::string(keys["UnprocessedKeys"]["Prov"]["Keys"][0]["pk"]["S"].GetString()) == "b2");

  // The write bucket is still empty: a transaction is cancelled, and writes nothing.
  auto cancelled = db.errDoc("TransactWriteItems", R"J({"TransactItems":[{"Put":{"TableName":"Prov",
    "Item":{"pk":{"S":"t1"},
    "x":{"S":")J" + std::string(1500, 'x') + R"J("}}}},{"Put":{"TableName":"Prov","Item":{"pk":{"S":"t2"}}}}]})J");
  CHECK(std::string(cancelled["__type"].GetString()).find("TransactionCanceledException") != std::string::npos);
  CHECK(std::string(cancelled["CancellationReasons"][0]["Code"].GetString()) == "ProvisionedThroughputExceeded");
  CHECK(std::string(cancelled["CancellationReasons"][1]["Code"].GetString()) == "ProvisionedThroughputExceeded");
  db.now += 10000;
  CHECK(db.ok("GetItem", R"J({"TableName":"Prov","Key":{"pk":{"S":"t2"}},"ConsistentRead":true})J").HasMember("Item") ==
        false);
}

TEST_CASE("On-demand tables are never throttled; UpdateTable's new capacity applies at once", "[api][throughput]") {
  TestDb db;
  db.engine.setThroughputEmulation(true);
  db.createTable("OnDemand");
  for (int i = 0; i < 200; ++i)
    db.ok("PutItem", R"J({"TableName":"OnDemand","Item":{"pk":{"S":"k)J" + std::to_string(i) + R"J("}}})J");
  createProvisioned(db, 1, 1);
  db.ok("PutItem", put(0));
  CHECK(db.err("PutItem", put(1)) == kTableThrottled);
  db.ok("UpdateTable",
        R"J({"TableName":"Prov","ProvisionedThroughput":{"ReadCapacityUnits":1,"WriteCapacityUnits":50}})J");
  db.now += 100;  // 5 units at the new rate
  for (int i = 1; i <= 5; ++i) db.ok("PutItem", put(i));
  CHECK(db.err("PutItem", put(6)) == kTableThrottled);
  db.ok("UpdateTable", R"J({"TableName":"Prov","BillingMode":"PAY_PER_REQUEST"})J");
  db.ok("PutItem", put(6));
}
