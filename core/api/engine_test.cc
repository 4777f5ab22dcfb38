#include "api/test_db.h"

using namespace shoal;

namespace {

using Db = shoal::testing::TestDb;

const std::string kCreate = R"({"TableName":"Music","KeySchema":[{"AttributeName":"Artist","KeyType":"HASH"},
  {"AttributeName":"Song","KeyType":"RANGE"}],"AttributeDefinitions":[{"AttributeName":"Artist","AttributeType":"S"},
  {"AttributeName":"Song","AttributeType":"S"}],"BillingMode":"PAY_PER_REQUEST"})";

}  // namespace

TEST_CASE("CreateTable returns DynamoDB's TableDescription", "[api][table]") {
  Db db;
  auto d = db.ok("CreateTable", kCreate);
  const auto& t = d["TableDescription"];
  CHECK(std::string(t["TableName"].GetString()) == "Music");
  CHECK(std::string(t["TableStatus"].GetString()) == "ACTIVE");
  CHECK(t["KeySchema"].Size() == 2);
  CHECK(std::string(t["KeySchema"][1]["KeyType"].GetString()) == "RANGE");
  CHECK(std::string(t["BillingModeSummary"]["BillingMode"].GetString()) == "PAY_PER_REQUEST");
  CHECK(t["CreationDateTime"].GetDouble() == 1'700'000'000.0);
  CHECK(t["ItemCount"].GetUint64() == 0);
  CHECK(std::string(t["TableArn"].GetString()).find(":table/Music") != std::string::npos);
  CHECK(std::string(t["TableId"].GetString()).size() == 36);
  CHECK(db.err("CreateTable", kCreate) == "ResourceInUseException: Table already exists: Music");
}

TEST_CASE("CreateTable validates as DynamoDB does", "[api][table]") {
  Db db;
  CHECK(db.err("CreateTable", "{}") ==
        "ValidationException: 3 validation errors detected: Value null at 'tableName' failed to satisfy constraint: "
        "Member must not be null; Value null at 'keySchema' failed to satisfy constraint: Member must not be null; "
        "Value null at 'attributeDefinitions' failed to satisfy constraint: Member must not be null");
  CHECK(db.err("CreateTable", R"({"TableName":"a!","KeySchema":[{"AttributeName":"k","KeyType":"HASH"}],
    "AttributeDefinitions":[{"AttributeName":"k","AttributeType":"S"}],"BillingMode":"PAY_PER_REQUEST"})") ==
        "ValidationException: 2 validation errors detected: Value 'a!' at 'tableName' failed to satisfy constraint: "
        "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; Value 'a!' at 'tableName' failed to satisfy "
        "constraint: Member must have length greater than or equal to 3");
  CHECK(db.err("CreateTable", R"({"TableName":"abc","KeySchema":[{"AttributeName":"k","KeyType":"HASH"}],
    "AttributeDefinitions":[{"AttributeName":"k","AttributeType":"S"},{"AttributeName":"x","AttributeType":"S"}],
    "BillingMode":"PAY_PER_REQUEST"})") ==
        "ValidationException: One or more parameter values were invalid: Number of attributes in KeySchema does not "
        "exactly match number of attributes defined in AttributeDefinitions");
  CHECK(db.err("CreateTable", R"({"TableName":"abc","KeySchema":[{"AttributeName":"k","KeyType":"HASH"}],
    "AttributeDefinitions":[{"AttributeName":"z","AttributeType":"S"}],"BillingMode":"PAY_PER_REQUEST"})") ==
        "ValidationException: One or more parameter values were invalid: Some index key attributes are not defined in "
        "AttributeDefinitions. Keys: [k], AttributeDefinitions: [z]");
  CHECK(db.err("CreateTable", R"({"TableName":"abc","KeySchema":[{"AttributeName":"k","KeyType":"RANGE"}],
    "AttributeDefinitions":[{"AttributeName":"k","AttributeType":"S"}],"BillingMode":"PAY_PER_REQUEST"})") ==
        "ValidationException: Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
  CHECK(db.err("CreateTable", R"({"TableName":"abc","KeySchema":[{"AttributeName":"k","KeyType":"HASH"}],
    "AttributeDefinitions":[{"AttributeName":"k","AttributeType":"X"}],"BillingMode":"PAY_PER_REQUEST"})")
            .find("Member must satisfy enum value set: [B, N, S]") != std::string::npos);
  CHECK(db.err("CreateTable", R"({"TableName":"abc","KeySchema":[{"AttributeName":"k","KeyType":"HASH"}],
    "AttributeDefinitions":[{"AttributeName":"k","AttributeType":"S"}]})") ==
        "ValidationException: One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits "
        "must both be specified when BillingMode is PROVISIONED");
  CHECK(db.err("CreateTable", R"({"TableName":"abc","KeySchema":[{"AttributeName":"k","KeyType":"HASH"},
    {"AttributeName":"k","KeyType":"RANGE"}],"AttributeDefinitions":[{"AttributeName":"k","AttributeType":"S"}],
    "BillingMode":"PAY_PER_REQUEST"})") ==
        "ValidationException: Both the Hash Key and the Range Key element in the KeySchema have the same name");
  CHECK(db.err("CreateTable", R"({"TableName":5})") == "SerializationException: NUMBER_VALUE cannot be converted to String");
  CHECK(db.ok("ListTables", "{}")["TableNames"].Size() == 0);  // nothing was half-created
}

TEST_CASE("ListTables pages by name", "[api][table]") {
  Db db;
  for (const char* name : {"ccc", "aaa", "bbb", "ddd"}) {
    db.ok("CreateTable", std::string(R"({"TableName":")") + name +
                             R"(","KeySchema":[{"AttributeName":"k","KeyType":"HASH"}],
      "AttributeDefinitions":[{"AttributeName":"k","AttributeType":"S"}],
      "ProvisionedThroughput":{"ReadCapacityUnits":5,"WriteCapacityUnits":5}})");
  }
  auto p1 = db.ok("ListTables", R"({"Limit":3})");
  REQUIRE(p1["TableNames"].Size() == 3);
  CHECK(std::string(p1["TableNames"][0].GetString()) == "aaa");
  CHECK(std::string(p1["LastEvaluatedTableName"].GetString()) == "ccc");
  auto p2 = db.ok("ListTables", R"({"Limit":3,"ExclusiveStartTableName":"ccc"})");
  REQUIRE(p2["TableNames"].Size() == 1);
  CHECK(std::string(p2["TableNames"][0].GetString()) == "ddd");
  CHECK_FALSE(p2.HasMember("LastEvaluatedTableName"));
  CHECK(db.err("ListTables", R"({"Limit":0})").find("greater than or equal to 1") != std::string::npos);
  CHECK(db.err("ListTables", R"({"Limit":101})").find("less than or equal to 100") != std::string::npos);
}

TEST_CASE("PutItem, GetItem and DeleteItem with ReturnValues", "[api][item]") {
  Db db;
  db.ok("CreateTable", kCreate);
  db.ok("PutItem", R"({"TableName":"Music","Item":{"Artist":{"S":"A"},"Song":{"S":"s1"},"Year":{"N":"1999.0"}}})");
  auto got = db.ok("GetItem", R"({"TableName":"Music","Key":{"Artist":{"S":"A"},"Song":{"S":"s1"}}})");
  CHECK(std::string(got["Item"]["Year"]["N"].GetString()) == "1999");

  auto put = db.ok("PutItem", R"({"TableName":"Music","ReturnValues":"ALL_OLD",
    "Item":{"Artist":{"S":"A"},"Song":{"S":"s1"},"Year":{"N":"2000"}}})");
  CHECK(std::string(put["Attributes"]["Year"]["N"].GetString()) == "1999");

  auto desc = db.ok("DescribeTable", R"({"TableName":"Music"})");
  CHECK(desc["Table"]["ItemCount"].GetUint64() == 1);
  CHECK(desc["Table"]["TableSizeBytes"].GetUint64() > 0);

  auto del = db.ok("DeleteItem", R"({"TableName":"Music","ReturnValues":"ALL_OLD",
    "Key":{"Artist":{"S":"A"},"Song":{"S":"s1"}}})");
  CHECK(std::string(del["Attributes"]["Year"]["N"].GetString()) == "2000");
  auto gone = db.ok("GetItem", R"({"TableName":"Music","Key":{"Artist":{"S":"A"},"Song":{"S":"s1"}}})");
  CHECK_FALSE(gone.HasMember("Item"));
  auto again = db.ok("DeleteItem", R"({"TableName":"Music","ReturnValues":"ALL_OLD",
    "Key":{"Artist":{"S":"A"},"Song":{"S":"s1"}}})");
  CHECK_FALSE(again.HasMember("Attributes"));
  CHECK(db.ok("DescribeTable", R"({"TableName":"Music"})")["Table"]["TableSizeBytes"].GetUint64() == 0);
}

TEST_CASE("item operations validate keys, sizes and names", "[api][item]") {
  Db db;
  db.ok("CreateTable", kCreate);
  CHECK(db.err("PutItem", R"({"TableName":"Music","Item":{"Artist":{"S":"A"}}})") ==
        "ValidationException: One or more parameter values were invalid: Missing the key Song in the item");
  CHECK(db.err("PutItem", R"({"TableName":"Music","Item":{"Artist":{"N":"1"},"Song":{"S":"x"}}})") ==
        "ValidationException: One or more parameter values were invalid: Type mismatch for key Artist expected: S "
        "actual: N");
  CHECK(db.err("PutItem", R"({"TableName":"Music","Item":{"Artist":{"S":""},"Song":{"S":"x"}}})") ==
        "ValidationException: One or more parameter values are not valid. The AttributeValue for a key attribute "
        "cannot contain an empty string value. Key: Artist");
  CHECK(db.err("GetItem", R"({"TableName":"Music","Key":{"Artist":{"S":"A"}}})") ==
        "ValidationException: The provided key element does not match the schema");
  CHECK(db.err("GetItem", R"({"TableName":"Music","Key":{"Artist":{"S":"A"},"Song":{"N":"1"}}})") ==
        "ValidationException: The provided key element does not match the schema");
  CHECK(db.err("GetItem", R"({"TableName":"Music","Key":{"Artist":{"S":"A"},"Song":{"S":"s"},"X":{"S":"y"}}})") ==
        "ValidationException: The provided key element does not match the schema");
  CHECK(db.err("GetItem", R"({"TableName":"Nope","Key":{"Artist":{"S":"A"}}})") ==
        "ResourceNotFoundException: Requested resource not found");
  CHECK(db.err("PutItem", R"({"TableName":"Music"})") ==
        "ValidationException: 1 validation error detected: Value null at 'item' failed to satisfy constraint: Member "
        "must not be null");
  CHECK(db.err("PutItem", R"({"TableName":"Music","ReturnValues":"ALL_NEW",
    "Item":{"Artist":{"S":"A"},"Song":{"S":"x"}}})") == "ValidationException: ReturnValues can only be ALL_OLD or NONE");

  std::string big(400 * 1024, 'x');
  CHECK(db.err("PutItem", R"({"TableName":"Music","Item":{"Artist":{"S":"A"},"Song":{"S":"x"},"D":{"S":")" + big +
                              R"("}}})") == "ValidationException: Item size has exceeded the maximum allowed size");
  std::string longKey(2049, 'k');
  CHECK(db.err("PutItem", R"({"TableName":"Music","Item":{"Artist":{"S":")" + longKey + R"("},"Song":{"S":"x"}}})") ==
        "ValidationException: One or more parameter values were invalid: Size of hashkey has exceeded the maximum "
        "size limit of 2048 bytes");
  // None of the failed writes left anything behind.
  CHECK(db.ok("DescribeTable", R"({"TableName":"Music"})")["Table"]["ItemCount"].GetUint64() == 0);
}

TEST_CASE("an item just under 400 KB is accepted", "[api][item]") {
  Db db;
  db.ok("CreateTable", kCreate);
  // names: Artist(6)+Song(4)+D(1); values: 1 + 1 + body
  std::string body(400 * 1024 - 13, 'x');
  db.ok("PutItem", R"({"TableName":"Music","Item":{"Artist":{"S":"A"},"Song":{"S":"x"},"D":{"S":")" + body + R"("}}})");
}

TEST_CASE("the entry point turns every failure into a DynamoDB error", "[api]") {
  Db db;
  CHECK(db.err("Frobnicate", "{}") == "UnknownOperationException: An unknown operation was requested.");
  CHECK(db.err("ListTables", "not json").rfind("SerializationException", 0) == 0);
  CHECK(db.err("ListTables", "[]").rfind("SerializationException", 0) == 0);
  CHECK(db.call("ListTables", "{}").status == 200);
  CHECK(db.err("DeleteTable", R"({"TableName":"Music"})") == "ResourceNotFoundException: Requested resource not found");
  Response r = db.call("Nope", "{}");
  CHECK(r.body.find("com.amazon.coral.service#UnknownOperationException") != std::string::npos);
}

TEST_CASE("DeleteTable removes the table and its items", "[api][table]") {
  Db db;
  db.ok("CreateTable", kCreate);
  db.ok("PutItem", R"({"TableName":"Music","Item":{"Artist":{"S":"A"},"Song":{"S":"x"}}})");
  auto d = db.ok("DeleteTable", R"({"TableName":"Music"})");
  CHECK(std::string(d["TableDescription"]["TableStatus"].GetString()) == "DELETING");
  CHECK(db.err("DescribeTable", R"({"TableName":"Music"})") == "ResourceNotFoundException: Requested resource not found");
  db.ok("CreateTable", kCreate);
  CHECK(db.ok("DescribeTable", R"({"TableName":"Music"})")["Table"]["ItemCount"].GetUint64() == 0);
}
