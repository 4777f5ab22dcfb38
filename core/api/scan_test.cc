#include <set>

#include "api/test_db.h"

using shoal::testing::TestDb;

namespace {

void fill(TestDb& db, int n) {
  db.createTable("Tbl", "N");
  for (int i = 0; i < n; ++i)
    db.ok("PutItem", R"J({"TableName":"Tbl","Item":{"pk":{"S":"p)J" + std::to_string(i % 7) + R"J("},"sk":{"N":")J" +
                         std::to_string(i) + R"J("},"even":{"BOOL":)J" + (i % 2 ? "false" : "true") + "}}}");
}

}  // namespace

TEST_CASE("Scan pages with Limit and ExclusiveStartKey visit every item once", "[api][scan]") {
  TestDb db;
  fill(db, 50);
  std::set<std::string> seen;
  std::string start;
  int pages = 0;
  while (true) {
    std::string req = R"J({"TableName":"Tbl","Limit":7)J" + (start.empty() ? "" : R"J(,"ExclusiveStartKey":)J" + start) + "}";
    auto page = db.ok("Scan", req);
    ++pages;
    for (const auto& item : page["Items"].GetArray())
      CHECK(seen.insert(std::string(item["pk"]["S"].GetString()) + "/" + item["sk"]["N"].GetString()).second);
    if (!page.HasMember("LastEvaluatedKey")) break;
    rapidjson::StringBuffer buf;
    shoal::JsonWriter w(buf);
    page["LastEvaluatedKey"].Accept(w);
    start = buf.GetString();
    REQUIRE(pages < 20);
  }
  CHECK(seen.size() == 50);
  CHECK(pages == 8);  // 7 full pages of 7, then a page with the last item
}

TEST_CASE("Scan filters after reading: Count vs ScannedCount, and Select COUNT", "[api][scan]") {
  TestDb db;
  fill(db, 20);
  auto page = db.ok("Scan", R"J({"TableName":"Tbl","FilterExpression":"even = :t","ExpressionAttributeValues":{":t":{"BOOL":true}}})J");
  CHECK(page["Count"].GetInt() == 10);
  CHECK(page["ScannedCount"].GetInt() == 20);
  auto limited = db.ok("Scan", R"J({"TableName":"Tbl","Limit":4,"FilterExpression":"even = :t",
    "ExpressionAttributeValues":{":t":{"BOOL":true}}})J");
  CHECK(limited["ScannedCount"].GetInt() == 4);
  CHECK(limited.HasMember("LastEvaluatedKey"));
  auto counted = db.ok("Scan", R"J({"TableName":"Tbl","Select":"COUNT"})J");
  CHECK_FALSE(counted.HasMember("Items"));
  CHECK(counted["Count"].GetInt() == 20);
  CHECK(db.err("Scan", R"J({"TableName":"Tbl","Select":"COUNT","ProjectionExpression":"pk"})J") ==
        "ValidationException: Cannot specify the ProjectionExpression when choosing to get only the COUNT");
  CHECK(db.err("Scan", R"J({"TableName":"Tbl","Select":"ALL_PROJECTED_ATTRIBUTES"})J") ==
        "ValidationException: ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName");
}

TEST_CASE("parallel scan segments partition the table exactly", "[api][scan]") {
  TestDb db;
  fill(db, 60);
  for (int total : {1, 2, 3, 5}) {
    std::multiset<std::string> all;
    for (int seg = 0; seg < total; ++seg) {
      auto page = db.ok("Scan", R"J({"TableName":"Tbl","Segment":)J" + std::to_string(seg) + R"J(,"TotalSegments":)J" +
                                     std::to_string(total) + "}");
      CHECK_FALSE(page.HasMember("LastEvaluatedKey"));
      for (const auto& item : page["Items"].GetArray())
        all.insert(std::string(item["pk"]["S"].GetString()) + "/" + item["sk"]["N"].GetString());
    }
    CHECK(all.size() == 60);
    CHECK(std::set<std::string>(all.begin(), all.end()).size() == 60);
  }
  CHECK(db.err("Scan", R"J({"TableName":"Tbl","Segment":2,"TotalSegments":2})J") ==
        "ValidationException: The Segment parameter is zero-based and must be less than parameter TotalSegments: "
        "Segment: 2 is not less than TotalSegments: 2");
  CHECK(db.err("Scan", R"J({"TableName":"Tbl","Segment":0})J").find("TotalSegments parameter is required") != std::string::npos);
}

TEST_CASE("a Scan page stops at 1 MB read, before filtering", "[api][scan]") {
  TestDb db;
  db.createTable("Big");
  std::string body(100 * 1024, 'x');
  for (int i = 0; i < 25; ++i)
    db.ok("PutItem", R"J({"TableName":"Big","Item":{"pk":{"S":"k)J" + std::to_string(i) + R"J("},"d":{"S":")J" + body + R"J("}}})J");
  auto page = db.ok("Scan", R"J({"TableName":"Big","FilterExpression":"attribute_not_exists(d)"})J");
  CHECK(page["Count"].GetInt() == 0);
  CHECK(page["ScannedCount"].GetInt() == 11);  // the 11th item takes the page past 1 MB
  CHECK(page.HasMember("LastEvaluatedKey"));
}

TEST_CASE("a bad ExclusiveStartKey is refused", "[api][scan]") {
  TestDb db;
  fill(db, 3);
  CHECK(db.err("Scan", R"J({"TableName":"Tbl","ExclusiveStartKey":{"pk":{"S":"p1"}}})J") ==
        "ValidationException: The provided starting key is invalid: The provided key element does not match the schema");
}
