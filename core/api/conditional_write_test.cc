#include "api/test_db.h"

using shoal::testing::TestDb;

namespace {

void seed(TestDb& db) {
  db.createTable("Tbl");
  db.ok("PutItem", R"J({"TableName":"Tbl","Item":{"pk":{"S":"a"},"n":{"N":"5"},"tags":{"SS":["x","y"]}}})J");
}

}  // namespace

TEST_CASE("PutItem with a condition that holds writes; one that fails changes nothing", "[api][condition]") {
  TestDb db;
  seed(db);
  db.ok("PutItem", R"J({"TableName":"Tbl","Item":{"pk":{"S":"a"},"n":{"N":"6"}},
    "ConditionExpression":"#n = :five AND contains(tags, :x)","ExpressionAttributeNames":{"#n":"n"},
    "ExpressionAttributeValues":{":five":{"N":"5.0"},":x":{"S":"x"}}})J");
  CHECK(db.err("PutItem", R"J({"TableName":"Tbl","Item":{"pk":{"S":"a"},"n":{"N":"7"}},
    "ConditionExpression":"attribute_not_exists(pk)"})J") ==
        "ConditionalCheckFailedException: The conditional request failed");
  auto got = db.ok("GetItem", R"J({"TableName":"Tbl","Key":{"pk":{"S":"a"}}})J");
  CHECK(std::string(got["Item"]["n"]["N"].GetString()) == "6");
  // A condition on a missing item sees an empty item.
  db.ok("PutItem", R"J({"TableName":"Tbl","Item":{"pk":{"S":"b"}},"ConditionExpression":"attribute_not_exists(pk)"})J");
}

TEST_CASE("ReturnValuesOnConditionCheckFailure returns the item as it was", "[api][condition]") {
  TestDb db;
  seed(db);
  auto e = db.errDoc("DeleteItem", R"J({"TableName":"Tbl","Key":{"pk":{"S":"a"}},"ConditionExpression":"n > :v",
    "ExpressionAttributeValues":{":v":{"N":"10"}},"ReturnValuesOnConditionCheckFailure":"ALL_OLD"})J");
  CHECK(std::string(e["__type"].GetString()).find("ConditionalCheckFailedException") != std::string::npos);
  REQUIRE(e.HasMember("Item"));
  CHECK(std::string(e["Item"]["n"]["N"].GetString()) == "5");
  db.ok("DeleteItem", R"J({"TableName":"Tbl","Key":{"pk":{"S":"a"}},"ConditionExpression":"n < :v",
    "ExpressionAttributeValues":{":v":{"N":"10"}}})J");
  CHECK_FALSE(db.ok("GetItem", R"J({"TableName":"Tbl","Key":{"pk":{"S":"a"}}})J").HasMember("Item"));
}

TEST_CASE("expression parameters are validated before anything runs", "[api][condition]") {
  TestDb db;
  seed(db);
  CHECK(db.err("PutItem", R"J({"TableName":"Tbl","Item":{"pk":{"S":"a"}},"ConditionExpression":"pk = :v",
    "ExpressionAttributeValues":{":v":{"S":"a"},":unused":{"S":"b"}}})J") ==
        "ValidationException: Value provided in ExpressionAttributeValues unused in expressions: keys: {:unused}");
  CHECK(db.err("PutItem", R"J({"TableName":"Tbl","Item":{"pk":{"S":"a"}},
    "ExpressionAttributeValues":{":v":{"S":"a"}}})J") ==
        "ValidationException: ExpressionAttributeValues can only be specified when using expressions");
  CHECK(db.err("PutItem", R"J({"TableName":"Tbl","Item":{"pk":{"S":"a"}},"ConditionExpression":"attribute_exists(pk)",
    "Expected":{"pk":{"Exists":true}}})J") ==
        "ValidationException: Can not use both expression and non-expression parameters in the same request: "
        "Non-expression parameters: {Expected} Expression parameters: {ConditionExpression}");
  CHECK(db.err("PutItem", R"J({"TableName":"Tbl","Item":{"pk":{"S":"a"}},"ConditionExpression":"size = :v",
    "ExpressionAttributeValues":{":v":{"N":"1"}}})J")
            .rfind("ValidationException: Invalid ConditionExpression: Attribute name is a reserved keyword", 0) == 0);
  CHECK(db.err("PutItem", R"J({"TableName":"Tbl","Item":{"pk":{"S":"a"}},"ConditionExpression":"pk = = :v",
    "ExpressionAttributeValues":{":v":{"N":"1"}}})J")
            .rfind("ValidationException: Invalid ConditionExpression: Syntax error; token:", 0) == 0);
  auto got = db.ok("GetItem", R"J({"TableName":"Tbl","Key":{"pk":{"S":"a"}}})J");
  CHECK(std::string(got["Item"]["n"]["N"].GetString()) == "5");
}

TEST_CASE("GetItem returns only the projected paths", "[api][projection]") {
  TestDb db;
  db.createTable("Tbl");
  db.ok("PutItem", R"J({"TableName":"Tbl","Item":{"pk":{"S":"a"},"m":{"M":{"x":{"N":"1"},"y":{"L":[{"S":"p"},{"S":"q"}]}}},
    "other":{"S":"z"}}})J");
  auto got = db.ok("GetItem", R"J({"TableName":"Tbl","Key":{"pk":{"S":"a"}},"ProjectionExpression":"#m.y[1], pk",
    "ExpressionAttributeNames":{"#m":"m"}})J");
  CHECK_FALSE(got["Item"].HasMember("other"));
  CHECK(std::string(got["Item"]["pk"]["S"].GetString()) == "a");
  REQUIRE(got["Item"]["m"]["M"]["y"]["L"].Size() == 1);
  CHECK(std::string(got["Item"]["m"]["M"]["y"]["L"][0]["S"].GetString()) == "q");
  auto legacy = db.ok("GetItem", R"J({"TableName":"Tbl","Key":{"pk":{"S":"a"}},"AttributesToGet":["other"]})J");
  CHECK(legacy["Item"].MemberCount() == 1);
  CHECK(db.err("GetItem", R"J({"TableName":"Tbl","Key":{"pk":{"S":"a"}},"AttributesToGet":["a","a"]})J")
            .find("Duplicate value in attribute name: a") != std::string::npos);
}
