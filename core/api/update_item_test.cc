#include "api/test_db.h"

using shoal::testing::TestDb;

namespace {

const char* kKey = R"J("TableName":"Tbl","Key":{"pk":{"S":"a"}})J";

std::string req(const std::string& rest) { return std::string("{") + kKey + "," + rest + "}"; }

}  // namespace

TEST_CASE("UpdateItem creates, changes and returns what ReturnValues asks", "[api][update]") {
  TestDb db;
  db.createTable("Tbl");
  auto created = db.ok("UpdateItem", req(R"J("UpdateExpression":"SET n = :one, tags = :t","ReturnValues":"ALL_NEW",
    "ExpressionAttributeValues":{":one":{"N":"0.1"},":t":{"SS":["x"]}})J"));
  CHECK(std::string(created["Attributes"]["pk"]["S"].GetString()) == "a");
  auto added = db.ok("UpdateItem", req(R"J("UpdateExpression":"SET n = n + :two ADD tags :y","ReturnValues":"UPDATED_NEW",
    "ExpressionAttributeValues":{":two":{"N":"0.2"},":y":{"SS":["y"]}})J"));
  CHECK(std::string(added["Attributes"]["n"]["N"].GetString()) == "0.3");  // exact decimal arithmetic
  CHECK(added["Attributes"]["tags"]["SS"].Size() == 2);
  CHECK_FALSE(added["Attributes"].HasMember("pk"));
  auto old = db.ok("UpdateItem", req(R"J("UpdateExpression":"REMOVE n DELETE tags :xy","ReturnValues":"UPDATED_OLD",
    "ExpressionAttributeValues":{":xy":{"SS":["x","y"]}})J"));
  CHECK(std::string(old["Attributes"]["n"]["N"].GetString()) == "0.3");
  auto now = db.ok("GetItem", std::string("{") + kKey + "}");
  CHECK(now["Item"].MemberCount() == 1);  // the emptied set is gone
  auto none = db.ok("UpdateItem", req(R"J("UpdateExpression":"SET z = :z","ExpressionAttributeValues":{":z":{"NULL":true}})J"));
  CHECK_FALSE(none.HasMember("Attributes"));
}

TEST_CASE("UpdateItem refuses key changes, failed conditions and oversize results untouched", "[api][update]") {
  TestDb db;
  db.createTable("Tbl");
  db.ok("PutItem", R"J({"TableName":"Tbl","Item":{"pk":{"S":"a"},"n":{"N":"1"}}})J");
  CHECK(db.err("UpdateItem", req(R"J("UpdateExpression":"SET pk = :v","ExpressionAttributeValues":{":v":{"S":"b"}})J")) ==
        "ValidationException: One or more parameter values were invalid: Cannot update attribute pk. This attribute is "
        "part of the key");
  CHECK(db.err("UpdateItem", req(R"J("UpdateExpression":"SET n = :v","ConditionExpression":"n > :v",
    "ExpressionAttributeValues":{":v":{"N":"5"}})J")) == "ConditionalCheckFailedException: The conditional request failed");
  std::string big(300 * 1024, 'x');
  db.ok("UpdateItem", req(R"J("UpdateExpression":"SET b1 = :b","ExpressionAttributeValues":{":b":{"S":")J" + big + R"J("}})J"));
  CHECK(db.err("UpdateItem", req(R"J("UpdateExpression":"SET b2 = :b","ExpressionAttributeValues":{":b":{"S":")J" + big +
                                 R"J("}})J")) == "ValidationException: Item size to update has exceeded the maximum allowed size");
  CHECK(db.err("UpdateItem", req(R"J("UpdateExpression":"SET n = n + :s","ExpressionAttributeValues":{":s":{"S":"x"}})J")) ==
        "ValidationException: Invalid UpdateExpression: Incorrect operand type for operator or function; operator or "
        "function: +, operand type: S");
  // A stored value of the wrong type is found only when the update runs.
  CHECK(db.err("UpdateItem", req(R"J("UpdateExpression":"SET n = b1 + :one","ExpressionAttributeValues":{":one":{"N":"1"}})J"))
            .rfind("ValidationException: An operand in the update expression has an incorrect data type", 0) == 0);
  auto item = db.ok("GetItem", std::string("{") + kKey + "}");
  CHECK(std::string(item["Item"]["n"]["N"].GetString()) == "1");
  CHECK_FALSE(item["Item"].HasMember("b2"));
}

TEST_CASE("legacy AttributeUpdates and Expected", "[api][update][legacy]") {
  TestDb db;
  db.createTable("Tbl");
  db.ok("UpdateItem", req(R"J("AttributeUpdates":{"n":{"Action":"ADD","Value":{"N":"5"}},"s":{"Value":{"S":"hi"}}})J"));
  db.ok("UpdateItem", req(R"J("AttributeUpdates":{"n":{"Action":"ADD","Value":{"N":"-2"}}},
    "Expected":{"s":{"Value":{"S":"hi"}}})J"));
  CHECK(db.err("UpdateItem", req(R"J("AttributeUpdates":{"s":{"Action":"DELETE"}},"Expected":{"s":{"Exists":false}})J")) ==
        "ConditionalCheckFailedException: The conditional request failed");
  auto item = db.ok("GetItem", std::string("{") + kKey + "}");
  CHECK(std::string(item["Item"]["n"]["N"].GetString()) == "3");
  CHECK(std::string(item["Item"]["s"]["S"].GetString()) == "hi");
  db.ok("PutItem", R"J({"TableName":"Tbl","Item":{"pk":{"S":"a"}},"Expected":{"n":{"ComparisonOperator":"GT",
    "AttributeValueList":[{"N":"2"}]}}})J");
  CHECK(db.ok("GetItem", std::string("{") + kKey + "}")["Item"].MemberCount() == 1);
}
