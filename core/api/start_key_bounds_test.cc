#include <set>
#include <string>

#include "api/test_db.h"

using shoal::testing::TestDb;

namespace {

const char* kOutside =
    "ValidationException: The provided starting key is outside query boundaries based on provided conditions";
const char* kPredicate = "ValidationException: The provided starting key does not match the range key predicate";

std::string query(const std::string& condition, const std::string& values, const std::string& start,
                  const std::string& extra = "") {
  return R"J({"TableName":"Tbl","KeyConditionExpression":")J" + condition + R"J(","ExpressionAttributeValues":)J" +
         values + R"J(,"ExclusiveStartKey":)J" + start + extra + "}";
}

std::string key(const std::string& pk, int sk) {
  return R"J({"pk":{"S":")J" + pk + R"J("},"sk":{"N":")J" + std::to_string(sk) + R"J("}})J";
}

}  // namespace

TEST_CASE("Query: a start key in another partition is outside the query's boundaries", "[api][query][start-key]") {
  TestDb db;
  db.createTable("Tbl", "N");
  const std::string p = R"J({":p":{"S":"p"}})J";
  CHECK(db.err("Query", query("pk = :p", p, key("q", 1))) == kOutside);
  // Same partition, any sort key: accepted, the page continues after it.
  for (int i = 0; i < 5; ++i)
    db.ok("PutItem", R"J({"TableName":"Tbl","Item":)J" + key("p", i) + "}");
  auto page = db.ok("Query", query("pk = :p", p, key("p", 2)));
  CHECK(page["Count"].GetInt() == 2);
  // The legacy KeyConditions go through the same check.
  CHECK(db.err("Query", R"J({"TableName":"Tbl","KeyConditions":{"pk":{"ComparisonOperator":"EQ",
    "AttributeValueList":[{"S":"p"}]}},"ExclusiveStartKey":)J" + key("q", 1) + "}") == kOutside);
  // Numbers compare as numbers: 2.0 is the partition 2.
  db.ok("CreateTable", R"J({"TableName":"Num","BillingMode":"PAY_PER_REQUEST",
    "KeySchema":[{"AttributeName":"n","KeyType":"HASH"}],
    "AttributeDefinitions":[{"AttributeName":"n","AttributeType":"N"}]})J");
  db.ok("Query", R"J({"TableName":"Num","KeyConditionExpression":"n = :n","ExpressionAttributeValues":{":n":{"N":"2"}},
    "ExclusiveStartKey":{"n":{"N":"2.0"}}})J");
  CHECK(db.err("Query", R"J({"TableName":"Num","KeyConditionExpression":"n = :n","ExpressionAttributeValues":
    {":n":{"N":"2"}},"ExclusiveStartKey":{"n":{"N":"3"}}})J") == kOutside);
}

TEST_CASE("Query: a start key outside the sort-key condition does not match the range key predicate",
          "[api][query][start-key]") {
  TestDb db;
  db.createTable("Tbl", "N");
  for (int i = 0; i < 10; ++i) db.ok("PutItem", R"J({"TableName":"Tbl","Item":)J" + key("p", i) + "}");
  const std::string v = R"J({":p":{"S":"p"},":a":{"N":"3"},":b":{"N":"6"}})J";
  const std::string a3 = R"J({":p":{"S":"p"},":a":{"N":"3"}})J";
  CHECK(db.err("Query", query("pk = :p AND sk > :a", a3, key("p", 1))) == kPredicate);
  CHECK(db.err("Query", query("pk = :p AND sk > :a", a3, key("p", 3))) == kPredicate);
  CHECK(db.err("Query", query("pk = :p AND sk < :a", a3, key("p", 7))) == kPredicate);
  CHECK(db.err("Query", query("pk = :p AND sk BETWEEN :a AND :b", v, key("p", 7))) == kPredicate);
  CHECK(db.err("Query", query("pk = :p AND sk = :a", a3, key("p", 4))) == kPredicate);
  // With a sort-key condition, another partition fails the predicate too (whatever its sort key).
  CHECK(db.err("Query", query("pk = :p AND sk BETWEEN :a AND :b", v, key("q", 4))) == kPredicate);
  // Inside the condition: the page continues after the key, in either direction.
  auto forward = db.ok("Query", query("pk = :p AND sk BETWEEN :a AND :b", v, key("p", 4)));
  CHECK(forward["Count"].GetInt() == 2);  // 5, 6
  auto backward =
      db.ok("Query", query("pk = :p AND sk BETWEEN :a AND :b", v, key("p", 4), R"J(,"ScanIndexForward":false)J"));
  CHECK(backward["Count"].GetInt() == 1);  // 3
  auto ge = db.ok("Query", query("pk = :p AND sk >= :a", a3, key("p", 3)));
  CHECK(ge["Count"].GetInt() == 6);  // 4..9
}

TEST_CASE("Query on an index checks the start key against the index key condition", "[api][query][start-key]") {
  TestDb db;
  db.ok("CreateTable", R"J({"TableName":"Tbl","BillingMode":"PAY_PER_REQUEST",
    "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],
    "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"N"},
      {"AttributeName":"g","AttributeType":"S"},{"AttributeName":"d","AttributeType":"N"}],
    "LocalSecondaryIndexes":[{"IndexName":"byD","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},
      {"AttributeName":"d","KeyType":"RANGE"}],"Projection":{"ProjectionType":"ALL"}}],
    "GlobalSecondaryIndexes":[{"IndexName":"byG","KeySchema":[{"AttributeName":"g","KeyType":"HASH"},
      {"AttributeName":"d","KeyType":"RANGE"}],"Projection":{"ProjectionType":"ALL"}}]})J");
  auto esk = [](const std::string& pk, int sk, const std::string& g, int d) {
    return R"J({"pk":{"S":")J" + pk + R"J("},"sk":{"N":")J" + std::to_string(sk) + R"J("},"g":{"S":")J" + g +
           R"J("},"d":{"N":")J" + std::to_string(d) + R"J("}})J";
  };
  auto gsi = [&](const std::string& condition, const std::string& start) {
    return R"J({"TableName":"Tbl","IndexName":"byG","KeyConditionExpression":")J" + condition +
           R"J(","ExpressionAttributeValues":{":g":{"S":"a"},":d":{"N":"5"}},"ExclusiveStartKey":)J" + start + "}";
  };
  // Only the index's own key matters: the table partition of the start key may be anything.
  db.ok("Query", gsi("g = :g AND d > :d", esk("x", 1, "a", 6)));
  CHECK(db.err("Query", gsi("g = :g AND d > :d", esk("x", 1, "a", 5))) == kPredicate);
  CHECK(db.err("Query", gsi("g = :g AND d > :d", esk("x", 1, "b", 6))) == kPredicate);
  CHECK(db.err("Query", R"J({"TableName":"Tbl","IndexName":"byG","KeyConditionExpression":"g = :g",
    "ExpressionAttributeValues":{":g":{"S":"a"}},"ExclusiveStartKey":)J" + esk("x", 1, "b", 6) + "}") == kOutside);
  // A local index shares the table's partition key.
  auto lsiKey = [](const std::string& pk, int d) {
    return R"J({"pk":{"S":")J" + pk + R"J("},"sk":{"N":"1"},"d":{"N":")J" + std::to_string(d) + R"J("}})J";
  };
  CHECK(db.err("Query", R"J({"TableName":"Tbl","IndexName":"byD","KeyConditionExpression":"pk = :p",
    "ExpressionAttributeValues":{":p":{"S":"p"}},"ExclusiveStartKey":)J" + lsiKey("q", 6) + "}") == kOutside);
  CHECK(db.err("Query", R"J({"TableName":"Tbl","IndexName":"byD","KeyConditionExpression":"pk = :p AND d < :d",
    "ExpressionAttributeValues":{":p":{"S":"p"},":d":{"N":"5"}},"ExclusiveStartKey":)J" + lsiKey("p", 6) + "}") ==
        kPredicate);
  db.ok("Query", R"J({"TableName":"Tbl","IndexName":"byD","KeyConditionExpression":"pk = :p AND d < :d",
    "ExpressionAttributeValues":{":p":{"S":"p"},":d":{"N":"5"}},"ExclusiveStartKey":)J" + lsiKey("p", 4) + "}");
}

TEST_CASE("Paging a query through LastEvaluatedKey never trips the start-key checks", "[api][query][start-key]") {
  TestDb db;
  db.createTable("Tbl", "N");
  for (int i = 0; i < 30; ++i) db.ok("PutItem", R"J({"TableName":"Tbl","Item":)J" + key("p", i) + "}");
  for (const char* direction : {"true", "false"}) {
    std::string start;
    int seen = 0;
    for (int pages = 0; pages < 40; ++pages) {
      std::string request = R"J({"TableName":"Tbl","KeyConditionExpression":"pk = :p AND sk BETWEEN :a AND :b",
        "ExpressionAttributeValues":{":p":{"S":"p"},":a":{"N":"4"},":b":{"N":"20"}},"Limit":4,"ScanIndexForward":)J";
      request += direction;
      if (!start.empty()) request += R"J(,"ExclusiveStartKey":)J" + start;
      auto page = db.ok("Query", request + "}");
      seen += page["Count"].GetInt();
      if (!page.HasMember("LastEvaluatedKey")) break;
      rapidjson::StringBuffer buf;
      rapidjson::Writer<rapidjson::StringBuffer> w(buf);
      page["LastEvaluatedKey"].Accept(w);
      start = buf.GetString();
    }
    CHECK(seen == 17);
  }
}

TEST_CASE("Parallel scan: a start key outside the requested segment is refused", "[api][scan][start-key]") {
  TestDb db;
  db.createTable("Tbl");
  for (int i = 0; i < 40; ++i)
    db.ok("PutItem", R"J({"TableName":"Tbl","Item":{"pk":{"S":"k)J" + std::to_string(i) + R"J("}}})J");
  // Find each item's segment of 4 from full segment scans, then restart segment 0 from a key of
  // segment 0 (fine) and from a key of another segment (refused).
  std::string inZero, notInZero;
  for (int s = 0; s < 4; ++s) {
    auto page = db.ok("Scan", R"J({"TableName":"Tbl","Segment":)J" + std::to_string(s) + R"J(,"TotalSegments":4})J");
    for (const auto& item : page["Items"].GetArray()) {
      std::string pk = item["pk"]["S"].GetString();
      (s == 0 ? inZero : notInZero) = pk;
    }
  }
  REQUIRE_FALSE(inZero.empty());
  REQUIRE_FALSE(notInZero.empty());
  auto scan0 = [&](const std::string& pk) {
    return R"J({"TableName":"Tbl","Segment":0,"TotalSegments":4,"ExclusiveStartKey":{"pk":{"S":")J" + pk + R"J("}}})J";
  };
  db.ok("Scan", scan0(inZero));
  CHECK(db.err("Scan", scan0(notInZero)) ==
        "ValidationException: The provided starting key is invalid: Invalid ExclusiveStartKey. Please use "
        "ExclusiveStartKey with correct Segment. TotalSegments: 4 Segment: 0");
  // One segment is the whole table: any key is inside it.
  db.ok("Scan", R"J({"TableName":"Tbl","Segment":0,"TotalSegments":1,"ExclusiveStartKey":{"pk":{"S":")J" + notInZero +
                    R"J("}}})J");
}
