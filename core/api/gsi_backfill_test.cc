#include <chrono>
#include <string>
#include <vector>

#include "api/test_db.h"

using shoal::testing::TestDb;

namespace {

constexpr int kItems = 100000;

// Item i: pk "k<i>", n = i, and grp "g<i % 1000>" on every item but each tenth (a sparse index
// leaves those out).
std::string item(int i) {
  std::string s = R"J({"PutRequest":{"Item":{"pk":{"S":"k)J" + std::to_string(i) + R"J("},"n":{"N":")J" +
                  std::to_string(i) + R"J("},"pad":{"S":"abcdefghijklmnopqrstuvwxyz0123456789"})J";
  if (i % 10 != 0) s += R"J(,"grp":{"S":"g)J" + std::to_string(i % 1000) + R"J("})J";
  return s + "}}}";
}

std::string lastKeyJson(const shoal::JsonValue& key) {
  rapidjson::StringBuffer buf;
  shoal::JsonWriter w(buf);
  key.Accept(w);
  return buf.GetString();
}

}  // namespace

TEST_CASE("UpdateTable backfills a new GSI from 100,000 items", "[api][update_table][backfill]") {
  TestDb db;
  db.createTable("Big");
  for (int first = 0; first < kItems; first += 25) {
    std::string batch = R"J({"RequestItems":{"Big":[)J";
    for (int i = first; i < first + 25; ++i) batch += (i == first ? "" : ",") + item(i);
    db.ok("BatchWriteItem", batch + "]}}");
  }

  auto started = std::chrono::steady_clock::now();
  auto created = db.ok("UpdateTable", R"J({"TableName":"Big","AttributeDefinitions":[
    {"AttributeName":"grp","AttributeType":"S"},{"AttributeName":"n","AttributeType":"N"}],
    "GlobalSecondaryIndexUpdates":[{"Create":{"IndexName":"byGroup","KeySchema":[{"AttributeName":"grp",
    "KeyType":"HASH"},{"AttributeName":"n","KeyType":"RANGE"}],"Projection":{"ProjectionType":"KEYS_ONLY"}}}]})J");
  double backfillSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  INFO("backfill of " << kItems << " items: " << backfillSeconds << " s");
  const auto& creating = created["TableDescription"]["GlobalSecondaryIndexes"][0];
  CHECK(std::string(creating["IndexStatus"].GetString()) == "CREATING");
  CHECK(creating["Backfilling"].GetBool());

  auto described = db.ok("DescribeTable", R"J({"TableName":"Big"})J");
  const auto& active = described["Table"]["GlobalSecondaryIndexes"][0];
  CHECK(std::string(active["IndexStatus"].GetString()) == "ACTIVE");
  CHECK_FALSE(active.HasMember("Backfilling"));
  CHECK(active["ItemCount"].GetInt() == kItems / 10 * 9);  // every item with a grp

  // One group: exactly its 100 items, in numeric order of n, over pages of 30.
  std::vector<int> seen;
  std::string start;
  do {
    auto page = db.ok("Query", R"J({"TableName":"Big","IndexName":"byGroup","KeyConditionExpression":"grp = :g",
      "ExpressionAttributeValues":{":g":{"S":"g7"}},"Limit":30)J" +
                                   (start.empty() ? "" : R"J(,"ExclusiveStartKey":)J" + start) + "}");
    for (const auto& it : page["Items"].GetArray()) seen.push_back(std::stoi(it["n"]["N"].GetString()));
    start = page.HasMember("LastEvaluatedKey") ? lastKeyJson(page["LastEvaluatedKey"]) : "";
  } while (!start.empty());
  REQUIRE(seen.size() == 100);
  for (size_t i = 0; i < seen.size(); ++i) CHECK(seen[i] == 7 + 1000 * static_cast<int>(i));

  // A range condition on the index sort key, and a group that only unindexed items would have.
  auto range = db.ok("Query", R"J({"TableName":"Big","IndexName":"byGroup","KeyConditionExpression":
    "grp = :g AND n BETWEEN :a AND :b","ExpressionAttributeValues":{":g":{"S":"g123"},":a":{"N":"5000"},
    ":b":{"N":"9123"}},"Select":"COUNT"})J");
  CHECK(range["Count"].GetInt() == 5);  // 5123, 6123, 7123, 8123, 9123
  auto sparse = db.ok("Query", R"J({"TableName":"Big","IndexName":"byGroup","KeyConditionExpression":"grp = :g",
    "ExpressionAttributeValues":{":g":{"S":"g10"}}})J");
  CHECK(sparse["Count"].GetInt() == 0);

  // Every indexed item is in the index exactly once.
  int scanned = 0;
  start.clear();
  do {
    auto page = db.ok("Scan", R"J({"TableName":"Big","IndexName":"byGroup","Select":"COUNT")J" +
                                  (start.empty() ? "" : R"J(,"ExclusiveStartKey":)J" + start) + "}");
    scanned += page["Count"].GetInt();
    start = page.HasMember("LastEvaluatedKey") ? lastKeyJson(page["LastEvaluatedKey"]) : "";
  } while (!start.empty());
  CHECK(scanned == kItems / 10 * 9);

  // Writes after the backfill maintain the index.
  db.ok("PutItem", R"J({"TableName":"Big","Item":{"pk":{"S":"k7"},"n":{"N":"7"},"grp":{"S":"g8"}}})J");
  auto moved = db.ok("Query", R"J({"TableName":"Big","IndexName":"byGroup","KeyConditionExpression":"grp = :g",
    "ExpressionAttributeValues":{":g":{"S":"g7"}},"Select":"COUNT"})J");
  CHECK(moved["Count"].GetInt() == 99);
}
