// UpdateTimeToLive / DescribeTimeToLive, expired items vanishing from reads, and the sweep that
// deletes them (with an injected engine clock: TestDb::now).
#include "api/test_db.h"

using shoal::testing::TestDb;

namespace {

// Engine time of TestDb: 1,700,000,000,000 ms, so epoch second 1,700,000,000.
const std::string kNow = "1700000000";

std::string put(const std::string& table, const std::string& pk, const std::string& extra = "") {
  return R"J({"TableName":")J" + table + R"J(","Item":{"pk":{"S":")J" + pk + R"J("})J" + extra + "}}";
}

std::string key(const std::string& table, const std::string& pk) {
  return R"J({"TableName":")J" + table + R"J(","Key":{"pk":{"S":")J" + pk + R"J("}}})J";
}

void enableTtl(TestDb& db, const std::string& table, const std::string& attribute = "exp") {
  db.ok("UpdateTimeToLive", R"J({"TableName":")J" + table + R"J(","TimeToLiveSpecification":{"Enabled":true,"AttributeName":")J" +
                                attribute + R"J("}})J");
}

std::string str(const shoal::JsonValue& v) { return std::string(v.GetString(), v.GetStringLength()); }

}  // namespace

TEST_CASE("UpdateTimeToLive and DescribeTimeToLive", "[api][ttl]") {
  TestDb db;
  db.createTable("Tbl");
  auto d = db.ok("DescribeTimeToLive", R"J({"TableName":"Tbl"})J");
  CHECK(str(d["TimeToLiveDescription"]["TimeToLiveStatus"]) == "DISABLED");
  CHECK_FALSE(d["TimeToLiveDescription"].HasMember("AttributeName"));

  auto u = db.ok("UpdateTimeToLive", R"J({"TableName":"Tbl","TimeToLiveSpecification":{"Enabled":true,"AttributeName":"exp"}})J");
  CHECK(u["TimeToLiveSpecification"]["Enabled"].GetBool());
  CHECK(str(u["TimeToLiveSpecification"]["AttributeName"]) == "exp");
  d = db.ok("DescribeTimeToLive", R"J({"TableName":"Tbl"})J");
  CHECK(str(d["TimeToLiveDescription"]["TimeToLiveStatus"]) == "ENABLED");
  CHECK(str(d["TimeToLiveDescription"]["AttributeName"]) == "exp");

  CHECK(db.err("UpdateTimeToLive", R"J({"TableName":"Tbl","TimeToLiveSpecification":{"Enabled":true,"AttributeName":"exp"}})J") ==
        "ValidationException: TimeToLive is already enabled");
  CHECK(db.err("UpdateTimeToLive", R"J({"TableName":"Tbl","TimeToLiveSpecification":{"Enabled":true,"AttributeName":"other"}})J") ==
        "ValidationException: TimeToLive is active on a different AttributeName: current AttributeName is exp");
  CHECK(db.err("UpdateTimeToLive", R"J({"TableName":"Tbl","TimeToLiveSpecification":{"Enabled":false,"AttributeName":"other"}})J") ==
        "ValidationException: TimeToLive is active on a different AttributeName: current AttributeName is exp");
  u = db.ok("UpdateTimeToLive", R"J({"TableName":"Tbl","TimeToLiveSpecification":{"Enabled":false,"AttributeName":"exp"}})J");
  CHECK_FALSE(u["TimeToLiveSpecification"]["Enabled"].GetBool());
  CHECK(str(db.ok("DescribeTimeToLive", R"J({"TableName":"Tbl"})J")["TimeToLiveDescription"]["TimeToLiveStatus"]) == "DISABLED");
  CHECK(db.err("UpdateTimeToLive", R"J({"TableName":"Tbl","TimeToLiveSpecification":{"Enabled":false,"AttributeName":"exp"}})J") ==
        "ValidationException: TimeToLive is already disabled");
  // Once disabled, another attribute may be chosen.
  enableTtl(db, "Tbl", "other");

  CHECK(db.err("UpdateTimeToLive", R"J({"TableName":"Tbl"})J") ==
        "ValidationException: 1 validation error detected: Value null at 'timeToLiveSpecification' failed to satisfy "
        "constraint: Member must not be null");
  CHECK(db.err("UpdateTimeToLive", R"J({"TableName":"Tbl","TimeToLiveSpecification":{"Enabled":true}})J") ==
        "ValidationException: 1 validation error detected: Value null at 'timeToLiveSpecification.attributeName' failed "
        "to satisfy constraint: Member must not be null");
  CHECK(db.err("UpdateTimeToLive", R"J({"TableName":"Tbl","TimeToLiveSpecification":{"Enabled":true,"AttributeName":""}})J") ==
        "ValidationException: 1 validation error detected: Value '' at 'timeToLiveSpecification.attributeName' failed "
        "to satisfy constraint: Member must have length greater than or equal to 1");
  CHECK(db.err("UpdateTimeToLive", R"J({"TableName":"Nope","TimeToLiveSpecification":{"Enabled":true,"AttributeName":"e"}})J") ==
        "ResourceNotFoundException: Requested resource not found");
  CHECK(db.err("DescribeTimeToLive", R"J({"TableName":"Nope"})J") == "ResourceNotFoundException: Requested resource not found");
}

TEST_CASE("Expired items disappear from every read before the sweep deletes them", "[api][ttl]") {
  TestDb db;
  db.ok("CreateTable", R"J({"TableName":"Tbl","BillingMode":"PAY_PER_REQUEST",
    "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],
    "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"g","AttributeType":"S"}],
    "GlobalSecondaryIndexes":[{"IndexName":"byG","KeySchema":[{"AttributeName":"g","KeyType":"HASH"}],
      "Projection":{"ProjectionType":"ALL"}}]})J");
  enableTtl(db, "Tbl");
  // At 1,700,000,000.000 s: "soon" expires 200 ms later; the others never do, or not yet.
  db.ok("PutItem", put("Tbl", "soon", R"J(,"g":{"S":"x"},"exp":{"N":")J" + kNow + R"J(.2"})J"));
  db.ok("PutItem", put("Tbl", "later", R"J(,"g":{"S":"x"},"exp":{"N":")J" + std::to_string(1700000000 + 3600) + R"J("})J"));
  db.ok("PutItem", put("Tbl", "text", R"J(,"g":{"S":"x"},"exp":{"S":"1"})J"));
  db.ok("PutItem", put("Tbl", "none", R"J(,"g":{"S":"x"})J"));
  // More than five years in the past: DynamoDB never expires such values.
  db.ok("PutItem", put("Tbl", "ancient", R"J(,"g":{"S":"x"},"exp":{"N":"1000"})J"));
  // Milliseconds instead of seconds: far in the future, never expires.
  db.ok("PutItem", put("Tbl", "millis", R"J(,"g":{"S":"x"},"exp":{"N":"1700000000000"})J"));
  CHECK(db.ok("GetItem", key("Tbl", "soon")).HasMember("Item"));

  // 500 ms later: "soon" has expired. Less than the sweep interval has passed, so it is still
  // stored, yet no read returns it.
  db.now += 500;
  CHECK_FALSE(db.ok("GetItem", key("Tbl", "soon")).HasMember("Item"));
  CHECK(db.ok("GetItem", key("Tbl", "later")).HasMember("Item"));
  CHECK(db.ok("Scan", R"J({"TableName":"Tbl"})J")["Count"].GetInt() == 5);
  CHECK(db.ok("Scan", R"J({"TableName":"Tbl","IndexName":"byG"})J")["Count"].GetInt() == 5);
  CHECK(db.ok("Query", R"J({"TableName":"Tbl","KeyConditionExpression":"pk = :p","ExpressionAttributeValues":{":p":{"S":"soon"}}})J")
            ["Count"].GetInt() == 0);
  CHECK(db.ok("Query", R"J({"TableName":"Tbl","IndexName":"byG","KeyConditionExpression":"g = :g",
    "ExpressionAttributeValues":{":g":{"S":"x"}}})J")["Count"].GetInt() == 5);
  auto b = db.ok("BatchGetItem", R"J({"RequestItems":{"Tbl":{"Keys":[{"pk":{"S":"soon"}},{"pk":{"S":"later"}}]}}})J");
  CHECK(b["Responses"]["Tbl"].Size() == 1);
  auto t = db.ok("TransactGetItems", R"J({"TransactItems":[{"Get":{"TableName":"Tbl","Key":{"pk":{"S":"soon"}}}}]})J");
  CHECK_FALSE(t["Responses"][0].HasMember("Item"));
  // A condition sees it absent too.
  db.ok("PutItem", put("Tbl", "soon", R"J(,"v":{"S":"again"})J").insert(1, R"J("ConditionExpression":"attribute_not_exists(pk)",)J"));
  db.now += 1;
  CHECK(str(db.ok("GetItem", key("Tbl", "soon"))["Item"]["v"]["S"]) == "again");
  CHECK(db.engine.sweepExpired(db.now) == 0);
}

TEST_CASE("A write over an expired item does not see it", "[api][ttl]") {
  TestDb db;
  db.createTable("Tbl");
  enableTtl(db, "Tbl");
  db.ok("PutItem", put("Tbl", "a", R"J(,"exp":{"N":")J" + kNow + R"J(.1"},"v":{"N":"1"})J"));
  db.now += 300;
  auto r = db.ok("PutItem", put("Tbl", "a", R"J(,"v":{"N":"2"})J").insert(1, R"J("ReturnValues":"ALL_OLD",)J"));
  CHECK_FALSE(r.HasMember("Attributes"));
  db.ok("PutItem", put("Tbl", "b", R"J(,"exp":{"N":")J" + kNow + R"J(.1"})J"));
  db.now += 300;
  db.ok("PutItem", std::string(R"J({"TableName":"Tbl","Item":{"pk":{"S":"b"}},"ConditionExpression":"attribute_not_exists(pk)"})J"));
  db.ok("PutItem", put("Tbl", "c", R"J(,"exp":{"N":")J" + kNow + R"J(.7"},"old":{"S":"x"})J"));
  db.now += 300;
  auto u = db.ok("UpdateItem", R"J({"TableName":"Tbl","Key":{"pk":{"S":"c"}},"UpdateExpression":"SET n = :n",
    "ExpressionAttributeValues":{":n":{"N":"5"}},"ReturnValues":"ALL_OLD"})J");
  CHECK_FALSE(u.HasMember("Attributes"));
  auto c = db.ok("GetItem", key("Tbl", "c"));
  CHECK_FALSE(c["Item"].HasMember("old"));  // a new item, not the expired one updated
}

TEST_CASE("The sweep deletes expired items, bounded per call, and runs from execute", "[api][ttl]") {
  TestDb db;
  db.createTable("Tbl");
  db.createTable("Other");
  enableTtl(db, "Tbl");
  enableTtl(db, "Other");
  for (int i = 0; i < 1500; ++i)
    db.ok("PutItem", put("Tbl", "k" + std::to_string(i), R"J(,"exp":{"N":")J" + std::to_string(1700000001 + i % 7) + R"J("})J"));
  db.ok("PutItem", put("Other", "x", R"J(,"exp":{"N":")J" + std::to_string(1700000002) + R"J("})J"));
  db.ok("PutItem", put("Tbl", "keep", R"J(,"exp":{"N":"1800000000"})J"));
  auto itemCount = [&](const char* table) {
    return db.ok("DescribeTable", std::string(R"J({"TableName":")J") + table + R"J("})J")["Table"]["ItemCount"].GetInt();
  };
  CHECK(itemCount("Tbl") == 1501);

  db.now += 10'000;
  CHECK(db.engine.sweepExpired(db.now) == 1000);
  CHECK(db.engine.sweepExpired(db.now) == 501);  // the rest, and the other table's
  CHECK(db.engine.sweepExpired(db.now) == 0);
  CHECK(itemCount("Tbl") == 1);
  CHECK(itemCount("Other") == 0);

  // Without an explicit sweep: execute sweeps once the interval has passed.
  db.ok("PutItem", put("Tbl", "y", R"J(,"exp":{"N":")J" + std::to_string(1700000011) + R"J("})J"));
  db.now += 2'000;
  CHECK(itemCount("Tbl") == 1);  // this DescribeTable's execute swept "y" first
}

TEST_CASE("Disabling time to live makes expired items readable again", "[api][ttl]") {
  TestDb db;
  db.createTable("Tbl");
  enableTtl(db, "Tbl");
  db.ok("PutItem", put("Tbl", "a", R"J(,"exp":{"N":")J" + kNow + R"J(.1"})J"));
  db.now += 200;
  CHECK_FALSE(db.ok("GetItem", key("Tbl", "a")).HasMember("Item"));
  db.ok("UpdateTimeToLive", R"J({"TableName":"Tbl","TimeToLiveSpecification":{"Enabled":false,"AttributeName":"exp"}})J");
  CHECK(db.ok("GetItem", key("Tbl", "a")).HasMember("Item"));
  db.now += 5'000;
  CHECK(db.engine.sweepExpired(db.now) == 0);
  CHECK(db.ok("GetItem", key("Tbl", "a")).HasMember("Item"));
  // Enabling again finds the items that already carry the attribute.
  enableTtl(db, "Tbl");
  CHECK(db.engine.sweepExpired(db.now) == 1);
}
