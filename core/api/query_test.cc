#include <vector>

#include "api/test_db.h"

using shoal::testing::TestDb;

namespace {

void fill(TestDb& db) {
  db.createTable("Tbl", "N");
  for (int i = 0; i < 20; ++i)
    db.ok("PutItem", R"J({"TableName":"Tbl","Item":{"pk":{"S":"p"},"sk":{"N":")J" + std::to_string(i * 5 - 40) +
                         R"J("},"v":{"N":")J" + std::to_string(i % 3) + R"J("}}})J");
  db.ok("PutItem", R"J({"TableName":"Tbl","Item":{"pk":{"S":"other"},"sk":{"N":"0"}}})J");
}

std::vector<std::string> sortKeys(const shoal::JsonDocument& page) {
  std::vector<std::string> out;
  for (const auto& item : page["Items"].GetArray()) out.push_back(item["sk"]["N"].GetString());
  return out;
}

using V = std::vector<std::string>;

}  // namespace

TEST_CASE("Query reads one partition in numeric sort-key order, both directions", "[api][query]") {
  TestDb db;
  fill(db);
  auto page = db.ok("Query", R"J({"TableName":"Tbl","KeyConditionExpression":"pk = :p AND sk BETWEEN :a AND :b",
    "ExpressionAttributeValues":{":p":{"S":"p"},":a":{"N":"-10"},":b":{"N":"5"}}})J");
  CHECK(sortKeys(page) == V{"-10", "-5", "0", "5"});
  auto back = db.ok("Query", R"J({"TableName":"Tbl","KeyConditionExpression":"pk = :p AND sk < :a",
    "ScanIndexForward":false,"Limit":3,"ExpressionAttributeValues":{":p":{"S":"p"},":a":{"N":"-20"}}})J");
  CHECK(sortKeys(back) == V{"-25", "-30", "-35"});
  REQUIRE(back.HasMember("LastEvaluatedKey"));
  CHECK(std::string(back["LastEvaluatedKey"]["sk"]["N"].GetString()) == "-35");
  auto rest = db.ok("Query", R"J({"TableName":"Tbl","KeyConditionExpression":"pk = :p AND sk < :a",
    "ScanIndexForward":false,"ExclusiveStartKey":{"pk":{"S":"p"},"sk":{"N":"-35"}},
    "ExpressionAttributeValues":{":p":{"S":"p"},":a":{"N":"-20"}}})J");
  CHECK(sortKeys(rest) == V{"-40"});
  CHECK_FALSE(rest.HasMember("LastEvaluatedKey"));
  auto whole = db.ok("Query", R"J({"TableName":"Tbl","KeyConditionExpression":"pk = :p",
    "ExpressionAttributeValues":{":p":{"S":"p"}}})J");
  CHECK(whole["Count"].GetInt() == 20);
}

TEST_CASE("Query filter, projection and Select COUNT", "[api][query]") {
  TestDb db;
  fill(db);
  auto page = db.ok("Query", R"J({"TableName":"Tbl","KeyConditionExpression":"pk = :p","FilterExpression":"v = :z",
    "ProjectionExpression":"sk","ExpressionAttributeValues":{":p":{"S":"p"},":z":{"N":"0"}}})J");
  CHECK(page["Count"].GetInt() == 7);
  CHECK(page["ScannedCount"].GetInt() == 20);
  CHECK(page["Items"][0].MemberCount() == 1);
  auto counted = db.ok("Query", R"J({"TableName":"Tbl","KeyConditionExpression":"pk = :p","Select":"COUNT",
    "ExpressionAttributeValues":{":p":{"S":"p"}}})J");
  CHECK(counted["Count"].GetInt() == 20);
  CHECK(db.err("Query", R"J({"TableName":"Tbl","KeyConditionExpression":"pk = :p","FilterExpression":"sk > :z",
    "ExpressionAttributeValues":{":p":{"S":"p"},":z":{"N":"0"}}})J") ==
        "ValidationException: Filter Expression can only contain non-primary key attributes: Primary key attribute: sk");
}

TEST_CASE("Query validates its key condition against the schema", "[api][query]") {
  TestDb db;
  fill(db);
  CHECK(db.err("Query", R"J({"TableName":"Tbl"})J") ==
        "ValidationException: Either the KeyConditions or KeyConditionExpression parameter must be specified in the "
        "request.");
  CHECK(db.err("Query", R"J({"TableName":"Tbl","KeyConditionExpression":"sk = :z",
    "ExpressionAttributeValues":{":z":{"N":"0"}}})J") ==
        "ValidationException: Query condition missed key schema element: pk");
  CHECK(db.err("Query", R"J({"TableName":"Tbl","KeyConditionExpression":"pk = :p OR sk = :z",
    "ExpressionAttributeValues":{":p":{"S":"p"},":z":{"N":"0"}}})J")
            .find("OR") != std::string::npos);
  CHECK(db.err("Query", R"J({"TableName":"Nope","KeyConditionExpression":"pk = :p",
    "ExpressionAttributeValues":{":p":{"S":"p"}}})J") == "ResourceNotFoundException: Requested resource not found");
}

TEST_CASE("legacy KeyConditions and QueryFilter give the same answer as expressions", "[api][query][legacy]") {
  TestDb db;
  fill(db);
  auto legacy = db.ok("Query", R"J({"TableName":"Tbl","KeyConditions":{
    "pk":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"p"}]},
    "sk":{"ComparisonOperator":"GE","AttributeValueList":[{"N":"40"}]}},
    "QueryFilter":{"v":{"ComparisonOperator":"EQ","AttributeValueList":[{"N":"1"}]}}})J");
  auto modern = db.ok("Query", R"J({"TableName":"Tbl","KeyConditionExpression":"pk = :p AND sk >= :s",
    "FilterExpression":"v = :one","ExpressionAttributeValues":{":p":{"S":"p"},":s":{"N":"40"},":one":{"N":"1"}}})J");
  CHECK(sortKeys(legacy) == sortKeys(modern));
  CHECK(legacy["ScannedCount"].GetInt() == 4);
}
