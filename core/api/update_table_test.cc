#include "api/test_db.h"

using shoal::testing::TestDb;

TEST_CASE("UpdateTable adds a GSI backfilled from existing items, then deletes it", "[api][update_table]") {
  TestDb db;
  db.createTable("Tbl");
  for (int i = 0; i < 30; ++i)
    db.ok("PutItem", R"J({"TableName":"Tbl","Item":{"pk":{"S":"k)J" + std::to_string(i) + R"J("},"color":{"S":")J" +
                         (i % 3 ? "red" : "blue") + R"J("}}})J");
  auto r = db.ok("UpdateTable", R"J({"TableName":"Tbl","AttributeDefinitions":[{"AttributeName":"color","AttributeType":"S"}],
    "GlobalSecondaryIndexUpdates":[{"Create":{"IndexName":"byColor","KeySchema":[{"AttributeName":"color","KeyType":"HASH"}],
    "Projection":{"ProjectionType":"KEYS_ONLY"}}}]})J");
  const auto& gsi = r["TableDescription"]["GlobalSecondaryIndexes"][0];
  CHECK(std::string(gsi["IndexStatus"].GetString()) == "CREATING");
  CHECK(gsi["Backfilling"].GetBool());
  auto d = db.ok("DescribeTable", R"J({"TableName":"Tbl"})J");
  CHECK(std::string(d["Table"]["GlobalSecondaryIndexes"][0]["IndexStatus"].GetString()) == "ACTIVE");
  CHECK(d["Table"]["GlobalSecondaryIndexes"][0]["ItemCount"].GetInt() == 30);
  auto q = db.ok("Query", R"J({"TableName":"Tbl","IndexName":"byColor","KeyConditionExpression":"color = :c",
    "ExpressionAttributeValues":{":c":{"S":"blue"}}})J");
  CHECK(q["Count"].GetInt() == 10);
  auto del = db.ok("UpdateTable", R"J({"TableName":"Tbl","GlobalSecondaryIndexUpdates":[{"Delete":{"IndexName":"byColor"}}]})J");
  CHECK(std::string(del["TableDescription"]["GlobalSecondaryIndexes"][0]["IndexStatus"].GetString()) == "DELETING");
  CHECK_FALSE(db.ok("DescribeTable", R"J({"TableName":"Tbl"})J")["Table"].HasMember("GlobalSecondaryIndexes"));
  CHECK(db.err("Query", R"J({"TableName":"Tbl","IndexName":"byColor","KeyConditionExpression":"color = :c",
    "ExpressionAttributeValues":{":c":{"S":"blue"}}})J") == "ValidationException: The table does not have the specified index: byColor");
}

TEST_CASE("UpdateTable changes billing and streams, and refuses empty or bad updates", "[api][update_table]") {
  TestDb db;
  db.createTable("Tbl");
  auto r = db.ok("UpdateTable", R"J({"TableName":"Tbl","BillingMode":"PROVISIONED",
    "ProvisionedThroughput":{"ReadCapacityUnits":7,"WriteCapacityUnits":3},
    "StreamSpecification":{"StreamEnabled":true,"StreamViewType":"NEW_AND_OLD_IMAGES"}})J");
  const auto& t = r["TableDescription"];
  CHECK(t["ProvisionedThroughput"]["ReadCapacityUnits"].GetInt() == 7);
  CHECK_FALSE(t.HasMember("BillingModeSummary"));
  CHECK(std::string(t["StreamSpecification"]["StreamViewType"].GetString()) == "NEW_AND_OLD_IMAGES");
  CHECK(std::string(t["LatestStreamArn"].GetString()).find("/stream/2023-11-14T22:13:20.000") != std::string::npos);
  CHECK(db.err("UpdateTable", R"J({"TableName":"Tbl"})J").rfind("ValidationException: At least one of", 0) == 0);
  CHECK(db.err("UpdateTable", R"J({"TableName":"Tbl","GlobalSecondaryIndexUpdates":[{"Delete":{"IndexName":"zzz"}}]})J") ==
        "ResourceNotFoundException: Requested resource not found: Index: zzz not found");
  CHECK(db.err("UpdateTable", R"J({"TableName":"Tbl","StreamSpecification":{"StreamEnabled":true,"StreamViewType":"KEYS_ONLY"}})J") ==
        "ValidationException: Table already has an enabled stream");
  CHECK(db.err("UpdateTable", R"J({"TableName":"Nope","BillingMode":"PAY_PER_REQUEST"})J") ==
        "ResourceNotFoundException: Requested resource not found");
}
