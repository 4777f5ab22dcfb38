#include <string>

#include "api/test_db.h"
#include "table/change_set.h"

using shoal::testing::TestDb;

namespace {

// Counts the commits the catalog makes, to pin "one batch, one ChangeSet".
struct CommitCounter : shoal::CommitObserver {
  int commits = 0;
  size_t lastWrites = 0;
  void onCommit(const shoal::ChangeSet& change, const shoal::PreviousItems&) override {
    ++commits;
    lastWrites = change.writes.size();
  }
  void onCreateTable(const shoal::TableSchema&) override {}
  void onDeleteTable(const std::string&) override {}
};

std::string key(const std::string& pk) { return R"({"pk":{"S":")" + pk + R"("}})"; }

// {"Keys":[{"pk":{"S":"<prefix>0"}}, ...]} with n keys.
std::string keys(const std::string& prefix, int n, int from = 0) {
  std::string s = R"({"Keys":[)";
  for (int i = from; i < from + n; ++i) s += (i > from ? "," : "") + key(prefix + std::to_string(i));
  return s + "]}";
}

std::string putRequest(const std::string& pk, const std::string& extra = "") {
  return R"({"PutRequest":{"Item":{"pk":{"S":")" + pk + R"("})" + extra + "}}}";
}

// [PutRequest, ...] with n puts.
std::string puts(const std::string& prefix, int n) {
  std::string s = "[";
  for (int i = 0; i < n; ++i) s += (i ? "," : "") + putRequest(prefix + std::to_string(i));
  return s + "]";
}

bool exists(TestDb& db, const std::string& table, const std::string& pk) {
  return db.ok("GetItem", R"({"TableName":")" + table + R"(","Key":)" + key(pk) + "}").HasMember("Item");
}

void seed(TestDb& db) {
  db.createTable("Users");
  db.createTable("Orders", "N");
  db.ok("PutItem", R"({"TableName":"Users","Item":{"pk":{"S":"u1"},"name":{"S":"Ann"},"age":{"N":"31"}}})");
  db.ok("PutItem", R"({"TableName":"Users","Item":{"pk":{"S":"u2"},"name":{"S":"Bo"}}})");
  db.ok("PutItem", R"({"TableName":"Orders","Item":{"pk":{"S":"u1"},"sk":{"N":"1"},"total":{"N":"9.5"}}})");
}

}  // namespace

TEST_CASE("BatchGetItem reads several tables, with projections, and leaves missing keys out", "[api][batch]") {
  TestDb db;
  seed(db);
  auto r = db.ok("BatchGetItem", R"({"RequestItems":{
    "Users":{"Keys":[{"pk":{"S":"u1"}},{"pk":{"S":"nobody"}},{"pk":{"S":"u2"}}],
             "ProjectionExpression":"#n, pk","ExpressionAttributeNames":{"#n":"name"}},
    "Orders":{"Keys":[{"pk":{"S":"u1"},"sk":{"N":"1"}}],"ConsistentRead":true}},
    "ReturnConsumedCapacity":"TOTAL"})");
  REQUIRE(r["Responses"]["Users"].Size() == 2);
  for (const auto& item : r["Responses"]["Users"].GetArray()) {
    CHECK(item.HasMember("name"));
    CHECK_FALSE(item.HasMember("age"));
  }
  REQUIRE(r["Responses"]["Orders"].Size() == 1);
  CHECK(std::string(r["Responses"]["Orders"][0]["total"]["N"].GetString()) == "9.5");
  CHECK(r["UnprocessedKeys"].IsObject());
  CHECK(r["UnprocessedKeys"].MemberCount() == 0);
  // One entry per table: eventually consistent reads cost half a unit per key (found or not),
  // consistent ones a whole unit.
  REQUIRE(r["ConsumedCapacity"].IsArray());
  REQUIRE(r["ConsumedCapacity"].Size() == 2);
  CHECK(std::string(r["ConsumedCapacity"][0]["TableName"].GetString()) == "Users");
  CHECK(r["ConsumedCapacity"][0]["CapacityUnits"].GetDouble() == 1.5);
  CHECK(std::string(r["ConsumedCapacity"][1]["TableName"].GetString()) == "Orders");
  CHECK(r["ConsumedCapacity"][1]["CapacityUnits"].GetDouble() == 1.0);

  auto legacy = db.ok("BatchGetItem", R"({"RequestItems":{"Users":{"Keys":[{"pk":{"S":"u1"}}],"AttributesToGet":["age"]}},
    "ReturnConsumedCapacity":"INDEXES"})");
  CHECK(legacy["Responses"]["Users"][0].MemberCount() == 1);
  CHECK(legacy["ConsumedCapacity"][0]["Table"]["CapacityUnits"].GetDouble() == 0.5);
  CHECK_FALSE(db.ok("BatchGetItem", R"({"RequestItems":{"Users":{"Keys":[{"pk":{"S":"u1"}}]}}})").HasMember("ConsumedCapacity"));
}

TEST_CASE("BatchGetItem takes up to 100 keys in all", "[api][batch]") {
  TestDb db;
  seed(db);
  auto r = db.ok("BatchGetItem", R"({"RequestItems":{"Users":)" + keys("k", 100) + "}}");
  CHECK(r["Responses"]["Users"].Size() == 0);
  CHECK(db.err("BatchGetItem", R"({"RequestItems":{"Users":)" + keys("k", 101) + "}}") ==
        "ValidationException: 1 validation error detected: Value at 'RequestItems.Users.member.Keys' failed to "
        "satisfy constraint: Member must have length less than or equal to 100");
  db.ok("BatchGetItem", R"({"RequestItems":{"Users":)" + keys("k", 60) + R"(,"Orders":{"Keys":[{"pk":{"S":"x"},"sk":{"N":"1"}}]}}})");
  CHECK(db.err("BatchGetItem", R"({"RequestItems":{"Users":)" + keys("k", 60) + R"(,"Orders":)" + keys("k", 41) + "}}") ==
        "ValidationException: Too many items requested for the BatchGetItem call");
}

TEST_CASE("BatchGetItem rejects duplicates, unknown tables and malformed requests", "[api][batch]") {
  TestDb db;
  seed(db);
  CHECK(db.err("BatchGetItem", R"({"RequestItems":{"Users":{"Keys":[{"pk":{"S":"a"}},{"pk":{"S":"a"}}]}}})") ==
        "ValidationException: Provided list of item keys contains duplicates");
  CHECK(db.err("BatchGetItem", R"({"RequestItems":{"Users":{"Keys":[{"pk":{"S":"a"}}]},"Nope":{"Keys":[{"pk":{"S":"a"}}]}}})") ==
        "ResourceNotFoundException: Requested resource not found");
  CHECK(db.err("BatchGetItem", R"({"RequestItems":{"Users":{"Keys":[{"pk":{"N":"1"}}]}}})") ==
        "ValidationException: The provided key element does not match the schema");
  CHECK(db.err("BatchGetItem", R"({"RequestItems":{"Users":{"Keys":[{"pk":{"S":""}}]}}})") ==
        "ValidationException: One or more parameter values are not valid. The AttributeValue for a key attribute "
        "cannot contain an empty string value. Key: pk");
  CHECK(db.err("BatchGetItem", R"({"RequestItems":{}})") ==
        "ValidationException: 1 validation error detected: Value at 'RequestItems' failed to satisfy constraint: "
        "Member must have length greater than or equal to 1");
  CHECK(db.err("BatchGetItem", R"({})") ==
        "ValidationException: 1 validation error detected: Value null at 'requestItems' failed to satisfy "
        "constraint: Member must not be null");
  CHECK(db.err("BatchGetItem", R"({"RequestItems":{"Users":{"Keys":[]}}})") ==
        "ValidationException: 1 validation error detected: Value at 'RequestItems.Users.member.Keys' failed to "
        "satisfy constraint: Member must have length greater than or equal to 1");
  CHECK(db.err("BatchGetItem", R"({"RequestItems":{"bad!name":{"Keys":[{"pk":{"S":"a"}}]}},"ReturnConsumedCapacity":"BOGUS"})") ==
        "ValidationException: 2 validation errors detected: Value '{\"bad!name\":{\"Keys\":[{\"pk\":{\"S\":\"a\"}}]}}' "
        "at 'requestItems' failed to satisfy constraint: Map keys must satisfy constraint: [Member must have length "
        "less than or equal to 255, Member must have length greater than or equal to 3, Member must satisfy regular "
        "expression pattern: [a-zA-Z0-9_.-]+]; Value 'BOGUS' at 'returnConsumedCapacity' failed to satisfy "
        "constraint: Member must satisfy enum value set: [INDEXES, TOTAL, NONE]");
  CHECK(db.err("BatchGetItem", R"({"RequestItems":{"Users":{"Keys":[{"pk":{"S":"a"}}],"ProjectionExpression":"pk"},
    "Orders":{"Keys":[{"pk":{"S":"a"},"sk":{"N":"1"}}],"AttributesToGet":["pk"]}}})") ==
        "ValidationException: Can not use both expression and non-expression parameters in the same request: "
        "Non-expression parameters: {AttributesToGet} Expression parameters: {ProjectionExpression}");
  CHECK(db.err("BatchGetItem", R"({"RequestItems":{"Users":{"Keys":[{"pk":{"S":"a"}}],"ProjectionExpression":"a, a"}}})") ==
        "ValidationException: Invalid ProjectionExpression: Two document paths overlap with each other; must "
        "remove or rewrite one of these paths; path one: [a], path two: [a]");
  CHECK(db.err("BatchGetItem", R"({"RequestItems":{"Users":{"Keys":[{"pk":{"S":"a"}}],"ExpressionAttributeNames":{"#x":"x"},
    "ProjectionExpression":"pk"}}})") ==
        "ValidationException: Value provided in ExpressionAttributeNames unused in expressions: keys: {#x}");
}

TEST_CASE("BatchGetItem stops at 16 MB and returns the rest as UnprocessedKeys", "[api][batch]") {
  TestDb db;
  db.createTable("Big");
  const std::string blob(399 * 1024, 'x');
  for (int i = 0; i < 50; ++i)
    db.ok("PutItem", R"({"TableName":"Big","Item":{"pk":{"S":"k)" + std::to_string(i) + R"("},"d":{"S":")" + blob + R"("}}})");
  db.createTable("Small");
  db.ok("PutItem", R"({"TableName":"Small","Item":{"pk":{"S":"s"}}})");

  std::string bigKeys = keys("k", 50);
  bigKeys.pop_back();  // keep the object open for ConsistentRead, which UnprocessedKeys must carry
  std::string request = R"({"RequestItems":{"Big":)" + bigKeys +
                        R"(,"ConsistentRead":true},"Small":{"Keys":[{"pk":{"S":"s"}}]}},"ReturnConsumedCapacity":"TOTAL"})";
  auto r = db.ok("BatchGetItem", request);
  // 41 items of ~400 KB fit in 16 MB.
  size_t got = r["Responses"]["Big"].Size();
  CHECK(got == 41);
  CHECK(r["Responses"]["Small"].Size() == 0);  // after the stop: not read
  const auto& unprocessed = r["UnprocessedKeys"];
  REQUIRE(unprocessed.HasMember("Big"));
  REQUIRE(unprocessed.HasMember("Small"));
  CHECK(unprocessed["Big"]["Keys"].Size() == 50 - got);
  CHECK(unprocessed["Big"]["ConsistentRead"].GetBool());
  CHECK(std::string(unprocessed["Big"]["Keys"][0]["pk"]["S"].GetString()) == "k41");
  CHECK(unprocessed["Small"]["Keys"].Size() == 1);
  // Only what was read is charged: 41 consistent reads of 100 units each.
  CHECK(r["ConsumedCapacity"][0]["CapacityUnits"].GetDouble() == 41 * 100.0);

  // Sending UnprocessedKeys back reads the rest.
  rapidjson::StringBuffer buf;
  shoal::JsonWriter w(buf);
  w.StartObject();
  w.Key("RequestItems");
  unprocessed.Accept(w);
  w.EndObject();
  auto rest = db.ok("BatchGetItem", buf.GetString());
  CHECK(rest["Responses"]["Big"].Size() == 50 - got);
  CHECK(rest["Responses"]["Small"].Size() == 1);
  CHECK(rest["UnprocessedKeys"].MemberCount() == 0);
}

TEST_CASE("BatchWriteItem puts and deletes over several tables as one commit", "[api][batch]") {
  TestDb db;
  seed(db);
  CommitCounter counter;
  db.engine.catalog().addObserver(&counter);
  auto r = db.ok("BatchWriteItem", R"({"RequestItems":{
    "Users":[{"PutRequest":{"Item":{"pk":{"S":"u3"},"name":{"S":"Cy"}}}},{"DeleteRequest":{"Key":{"pk":{"S":"u1"}}}},
             {"DeleteRequest":{"Key":{"pk":{"S":"ghost"}}}}],
    "Orders":[{"PutRequest":{"Item":{"pk":{"S":"u3"},"sk":{"N":"7"}}}}]},
    "ReturnConsumedCapacity":"TOTAL","ReturnItemCollectionMetrics":"SIZE"})");
  CHECK(counter.commits == 1);
  CHECK(counter.lastWrites == 3);  // the delete of an absent item writes nothing
  REQUIRE(r["UnprocessedItems"].IsObject());
  CHECK(r["UnprocessedItems"].MemberCount() == 0);
  REQUIRE(r["ConsumedCapacity"].Size() == 2);
  CHECK(std::string(r["ConsumedCapacity"][0]["TableName"].GetString()) == "Users");
  CHECK(r["ConsumedCapacity"][0]["CapacityUnits"].GetDouble() == 3.0);
  CHECK(r["ConsumedCapacity"][1]["CapacityUnits"].GetDouble() == 1.0);
  CHECK(exists(db, "Users", "u3"));
  CHECK_FALSE(exists(db, "Users", "u1"));
  CHECK(db.ok("GetItem", R"({"TableName":"Orders","Key":{"pk":{"S":"u3"},"sk":{"N":"7"}}})").HasMember("Item"));
  db.engine.catalog().removeObserver(&counter);
}

TEST_CASE("BatchWriteItem takes up to 25 requests in all", "[api][batch]") {
  TestDb db;
  seed(db);
  db.ok("BatchWriteItem", R"({"RequestItems":{"Users":)" + puts("a", 25) + "}}");
  CHECK(exists(db, "Users", "a24"));
  CHECK(db.err("BatchWriteItem", R"({"RequestItems":{"Users":)" + puts("b", 26) + "}}") ==
        "ValidationException: 1 validation error detected: Value at 'RequestItems.Users.member' failed to satisfy "
        "constraint: Member must have length less than or equal to 25");
  std::string orders = "[";
  for (int i = 0; i < 13; ++i)
    orders += (i ? "," : "") + std::string(R"({"PutRequest":{"Item":{"pk":{"S":"c"},"sk":{"N":")") +
              std::to_string(i) + R"("}}}})";
  orders += "]";
  db.ok("BatchWriteItem", R"({"RequestItems":{"Users":)" + puts("c", 12) + R"(,"Orders":)" + orders + "}}");
  CHECK(db.err("BatchWriteItem", R"({"RequestItems":{"Users":)" + puts("d", 13) + R"(,"Orders":)" + orders + "}}") ==
        "ValidationException: Too many items requested for the BatchWriteItem call");
  CHECK_FALSE(exists(db, "Users", "d0"));
}

TEST_CASE("BatchWriteItem rejects the whole batch when one request is bad", "[api][batch]") {
  TestDb db;
  seed(db);
  auto check = [&](const std::string& requestItems, const std::string& expected) {
    CHECK(db.err("BatchWriteItem", R"({"RequestItems":)" + requestItems + "}") == expected);
    CHECK_FALSE(exists(db, "Users", "fresh"));
  };
  const std::string fresh = putRequest("fresh");
  check(R"({"Users":[)" + fresh + R"(,{"PutRequest":{"Item":{"pk":{"S":"u1"}}}},{"DeleteRequest":{"Key":{"pk":{"S":"u1"}}}}]})",
        "ValidationException: Provided list of item keys contains duplicates");
  check(R"({"Users":[)" + fresh + R"(],"Missing":[{"PutRequest":{"Item":{"pk":{"S":"x"}}}}]})",
        "ResourceNotFoundException: Requested resource not found");
  check(R"({"Users":[)" + fresh + R"(,{"PutRequest":{"Item":{"pk":{"N":"5"}}}}]})",
        "ValidationException: The provided key element does not match the schema");
  check(R"({"Users":[)" + fresh + R"(,{"PutRequest":{"Item":{"other":{"S":"x"}}}}]})",
        "ValidationException: The provided key element does not match the schema");
  check(R"({"Users":[)" + fresh + R"(,{"DeleteRequest":{"Key":{"pk":{"S":"u1"},"x":{"S":"y"}}}}]})",
        "ValidationException: The provided key element does not match the schema");
  check(R"({"Users":[)" + fresh + R"(,{"PutRequest":{"Item":{"pk":{"S":""}}}}]})",
        "ValidationException: One or more parameter values are not valid. The AttributeValue for a key attribute "
        "cannot contain an empty string value. Key: pk");
  check(R"({"Users":[)" + fresh + "," + putRequest("big", R"(,"d":{"S":")" + std::string(400 * 1024, 'x') + R"("})") + "]}",
        "ValidationException: Item size has exceeded the maximum allowed size");
  check(R"({"Users":[)" + fresh + R"(,{}]})",
        "ValidationException: Supplied AttributeValue has more than one datatypes set, must contain exactly one of "
        "the supported datatypes");
  check(R"({"Users":[)" + fresh + R"(,{"PutRequest":{"Item":{"pk":{"S":"a"}}},"DeleteRequest":{"Key":{"pk":{"S":"b"}}}}]})",
        "ValidationException: Supplied AttributeValue has more than one datatypes set, must contain exactly one of "
        "the supported datatypes");
  check(R"({"Users":[)" + fresh + R"(],"Orders":[]})",
        "ValidationException: 1 validation error detected: Value '{Orders=[]}' at 'requestItems' failed to satisfy "
        "constraint: Map value must satisfy constraint: [Member must have length less than or equal to 25, Member "
        "must have length greater than or equal to 1]");
  CHECK(db.err("BatchWriteItem", R"({"RequestItems":{}})") ==
        "ValidationException: The requestItems parameter is required for BatchWriteItem");
  // Enum members come first and alone, ahead of a malformed table name.
  CHECK(db.err("BatchWriteItem", R"({"RequestItems":{"bad!name":[)" + fresh + R"(]},"ReturnConsumedCapacity":"BOGUS",
    "ReturnItemCollectionMetrics":"BOGUS2"})") ==
        "ValidationException: 2 validation errors detected: Value 'BOGUS' at 'returnConsumedCapacity' failed to "
        "satisfy constraint: Member must satisfy enum value set: [INDEXES, TOTAL, NONE]; Value 'BOGUS2' at "
        "'returnItemCollectionMetrics' failed to satisfy constraint: Member must satisfy enum value set: [SIZE, NONE]");
  CHECK(db.err("BatchWriteItem", R"({"RequestItems":{"bad!name":[)" + fresh + "]}}").find(
            "at 'requestItems' failed to satisfy constraint: Map keys must satisfy constraint") != std::string::npos);
  CHECK(exists(db, "Users", "u1"));
}
