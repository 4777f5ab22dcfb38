#include <string>
#include <vector>

#include "api/test_db.h"

using shoal::testing::TestDb;

namespace {

// Orders(customer HASH, orderId RANGE); LSI byDate(customer, date) KEYS_ONLY;
// GSI byStatus(status, total) INCLUDE [note]; GSI byTotal(total) ALL.
void createOrders(TestDb& db) {
  db.ok("CreateTable", R"J({"TableName":"Orders","BillingMode":"PAY_PER_REQUEST",
    "KeySchema":[{"AttributeName":"customer","KeyType":"HASH"},{"AttributeName":"orderId","KeyType":"RANGE"}],
    "AttributeDefinitions":[{"AttributeName":"customer","AttributeType":"S"},{"AttributeName":"orderId","AttributeType":"S"},
      {"AttributeName":"date","AttributeType":"S"},{"AttributeName":"status","AttributeType":"S"},
      {"AttributeName":"total","AttributeType":"N"}],
    "LocalSecondaryIndexes":[{"IndexName":"byDate","KeySchema":[{"AttributeName":"customer","KeyType":"HASH"},
      {"AttributeName":"date","KeyType":"RANGE"}],"Projection":{"ProjectionType":"KEYS_ONLY"}}],
    "GlobalSecondaryIndexes":[{"IndexName":"byStatus","KeySchema":[{"AttributeName":"status","KeyType":"HASH"},
      {"AttributeName":"total","KeyType":"RANGE"}],"Projection":{"ProjectionType":"INCLUDE","NonKeyAttributes":["note"]}},
      {"IndexName":"byTotal","KeySchema":[{"AttributeName":"total","KeyType":"HASH"}],"Projection":{"ProjectionType":"ALL"}}]})J");
}

void putOrder(TestDb& db, const std::string& customer, const std::string& id, const std::string& date,
              const std::string& status, const std::string& total) {
  std::string item = R"J({"customer":{"S":")J" + customer + R"J("},"orderId":{"S":")J" + id + R"J("},"date":{"S":")J" +
                     date + R"J("},"note":{"S":"n)J" + id + R"J("},"secret":{"S":"s"})J";
  if (!status.empty()) item += R"J(,"status":{"S":")J" + status + R"J("})J";
  if (!total.empty()) item += R"J(,"total":{"N":")J" + total + R"J("})J";
  db.ok("PutItem", R"J({"TableName":"Orders","Item":)J" + item + "}}");
}

std::vector<std::string> ids(const shoal::JsonDocument& page) {
  std::vector<std::string> out;
  for (const auto& item : page["Items"].GetArray()) out.push_back(item["orderId"]["S"].GetString());
  return out;
}

using V = std::vector<std::string>;

}  // namespace

TEST_CASE("DescribeTable shows both kinds of index with counts", "[api][index]") {
  TestDb db;
  createOrders(db);
  putOrder(db, "c1", "o1", "2024-01-02", "open", "10");
  putOrder(db, "c1", "o2", "2024-01-01", "", "");  // sparse: in no GSI
  // The document must outlive `t`, a view into it (ASan caught a use after free here).
  shoal::JsonDocument described = db.ok("DescribeTable", R"J({"TableName":"Orders"})J");
  auto t = described["Table"].GetObject();
  REQUIRE(t["LocalSecondaryIndexes"].Size() == 1);
  REQUIRE(t["GlobalSecondaryIndexes"].Size() == 2);
  CHECK(t["LocalSecondaryIndexes"][0]["ItemCount"].GetInt() == 2);
  const auto& byStatus = t["GlobalSecondaryIndexes"][0];
  CHECK(std::string(byStatus["IndexName"].GetString()) == "byStatus");
  CHECK(std::string(byStatus["IndexStatus"].GetString()) == "ACTIVE");
  CHECK(std::string(byStatus["Projection"]["ProjectionType"].GetString()) == "INCLUDE");
  CHECK(byStatus["ItemCount"].GetInt() == 1);
  CHECK(std::string(byStatus["IndexArn"].GetString()).find("/index/byStatus") != std::string::npos);
}

TEST_CASE("index entries follow puts, updates, overwrites and deletes", "[api][index]") {
  TestDb db;
  createOrders(db);
  putOrder(db, "c1", "o1", "d1", "open", "10");
  putOrder(db, "c2", "o2", "d2", "open", "20");
  auto q = [&](const std::string& status) {
    return ids(db.ok("Query", R"J({"TableName":"Orders","IndexName":"byStatus","KeyConditionExpression":"#s = :s",
      "ExpressionAttributeNames":{"#s":"status"},"ExpressionAttributeValues":{":s":{"S":")J" + status + R"J("}}})J"));
  };
  CHECK(q("open") == V{"o1", "o2"});
  db.ok("UpdateItem", R"J({"TableName":"Orders","Key":{"customer":{"S":"c1"},"orderId":{"S":"o1"}},
    "UpdateExpression":"SET #s = :c","ExpressionAttributeNames":{"#s":"status"},"ExpressionAttributeValues":{":c":{"S":"closed"}}})J");
  CHECK(q("open") == V{"o2"});
  CHECK(q("closed") == V{"o1"});
  putOrder(db, "c2", "o2", "d2", "closed", "5");  // overwrite moves it
  CHECK(q("open").empty());
  CHECK(q("closed") == V{"o2", "o1"});  // ordered by total: 5, 10
  db.ok("UpdateItem", R"J({"TableName":"Orders","Key":{"customer":{"S":"c2"},"orderId":{"S":"o2"}},"UpdateExpression":"REMOVE #s",
    "ExpressionAttributeNames":{"#s":"status"}})J");
  CHECK(q("closed") == V{"o1"});  // now sparse
  db.ok("DeleteItem", R"J({"TableName":"Orders","Key":{"customer":{"S":"c1"},"orderId":{"S":"o1"}}})J");
  CHECK(q("closed").empty());
  auto t = db.ok("DescribeTable", R"J({"TableName":"Orders"})J");
  CHECK(t["Table"]["GlobalSecondaryIndexes"][0]["ItemCount"].GetInt() == 0);
  CHECK(t["Table"]["GlobalSecondaryIndexes"][0]["IndexSizeBytes"].GetInt() == 0);
}

TEST_CASE("a wrong index key type is refused naming the index, and nothing is written", "[api][index]") {
  TestDb db;
  createOrders(db);
  CHECK(db.err("PutItem", R"J({"TableName":"Orders","Item":{"customer":{"S":"c"},"orderId":{"S":"o"},"total":{"S":"x"}}})J") ==
        "ValidationException: One or more parameter values were invalid: Type mismatch for Index Key total Expected: N "
        "Actual: S IndexName: byStatus");
  CHECK(db.err("PutItem", R"J({"TableName":"Orders","Item":{"customer":{"S":"c"},"orderId":{"S":"o"},"status":{"S":""}}})J")
            .find("IndexName: byStatus, IndexKey: status") != std::string::npos);
  CHECK(db.ok("Scan", R"J({"TableName":"Orders"})J")["Count"].GetInt() == 0);
}

TEST_CASE("projections through indexes", "[api][index]") {
  TestDb db;
  createOrders(db);
  putOrder(db, "c1", "o1", "d1", "open", "10");
  auto gsi = db.ok("Query", R"J({"TableName":"Orders","IndexName":"byStatus","KeyConditionExpression":"#s = :s",
    "ExpressionAttributeNames":{"#s":"status"},"ExpressionAttributeValues":{":s":{"S":"open"}}})J");
  const auto& item = gsi["Items"][0];
  CHECK(item.HasMember("note"));  // INCLUDE
  CHECK(item.HasMember("customer"));
  CHECK_FALSE(item.HasMember("secret"));
  CHECK(db.err("Query", R"J({"TableName":"Orders","IndexName":"byStatus","KeyConditionExpression":"#s = :s",
    "Select":"ALL_ATTRIBUTES","ExpressionAttributeNames":{"#s":"status"},"ExpressionAttributeValues":{":s":{"S":"open"}}})J") ==
        "ValidationException: One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for "
        "global secondary index byStatus because its projection type is not ALL");
  CHECK(db.err("Query", R"J({"TableName":"Orders","IndexName":"byStatus","KeyConditionExpression":"#s = :s",
    "ConsistentRead":true,"ExpressionAttributeNames":{"#s":"status"},"ExpressionAttributeValues":{":s":{"S":"open"}}})J") ==
        "ValidationException: Consistent reads are not supported on global secondary indexes");
  auto lsiKeys = db.ok("Query", R"J({"TableName":"Orders","IndexName":"byDate","KeyConditionExpression":"customer = :c",
    "ExpressionAttributeValues":{":c":{"S":"c1"}}})J");
  CHECK(lsiKeys["Items"][0].MemberCount() == 3);  // KEYS_ONLY: customer, orderId, date
  auto lsiAll = db.ok("Query", R"J({"TableName":"Orders","IndexName":"byDate","KeyConditionExpression":"customer = :c",
    "Select":"ALL_ATTRIBUTES","ConsistentRead":true,"ExpressionAttributeValues":{":c":{"S":"c1"}}})J");
  CHECK(lsiAll["Items"][0].HasMember("secret"));  // an LSI fetches from the table
  CHECK(db.err("Query", R"J({"TableName":"Orders","IndexName":"nope","KeyConditionExpression":"customer = :c",
    "ExpressionAttributeValues":{":c":{"S":"c1"}}})J") == "ValidationException: The table does not have the specified index: nope");
}

TEST_CASE("index queries page with keys of index and table", "[api][index]") {
  TestDb db;
  createOrders(db);
  for (int i = 0; i < 9; ++i)
    putOrder(db, "c" + std::to_string(i % 2), "o" + std::to_string(i), "d" + std::to_string(9 - i), "open", "7");
  std::vector<std::string> all;
  std::string start;
  for (int page = 0; page < 10; ++page) {
    auto r = db.ok("Query", R"J({"TableName":"Orders","IndexName":"byStatus","Limit":4,"KeyConditionExpression":"#s = :s",
      "ExpressionAttributeNames":{"#s":"status"},"ExpressionAttributeValues":{":s":{"S":"open"}})J" +
                                (start.empty() ? "" : R"J(,"ExclusiveStartKey":)J" + start) + "}");
    for (auto& id : ids(r)) all.push_back(id);
    if (!r.HasMember("LastEvaluatedKey")) break;
    const auto& lek = r["LastEvaluatedKey"];
    CHECK(lek.MemberCount() == 4);  // status, total, customer, orderId
    rapidjson::StringBuffer buf;
    shoal::JsonWriter w(buf);
    lek.Accept(w);
    start = buf.GetString();
  }
  CHECK(all.size() == 9);
  // Same index key everywhere: entries are in table-key order.
  CHECK(all == V{"o0", "o2", "o4", "o6", "o8", "o1", "o3", "o5", "o7"});
  auto lsi = db.ok("Query", R"J({"TableName":"Orders","IndexName":"byDate","KeyConditionExpression":"customer = :c AND #d < :d",
    "ExpressionAttributeNames":{"#d":"date"},"ExpressionAttributeValues":{":c":{"S":"c0"},":d":{"S":"d5"}}})J");
  CHECK(ids(lsi) == V{"o8", "o6"});  // dates d1, d3
  auto scan = db.ok("Scan", R"J({"TableName":"Orders","IndexName":"byTotal"})J");
  CHECK(scan["Count"].GetInt() == 9);
}

TEST_CASE("index definitions are validated", "[api][index]") {
  TestDb db;
  auto create = [&](const std::string& extra, const std::string& defs = R"J({"AttributeName":"g","AttributeType":"S"})J") {
    return db.err("CreateTable", R"J({"TableName":"Bad","BillingMode":"PAY_PER_REQUEST",
      "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],
      "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},)J" + defs + "]," + extra + "}");
  };
  CHECK(create(R"J("LocalSecondaryIndexes":[{"IndexName":"lsi","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},
    {"AttributeName":"g","KeyType":"RANGE"}],"Projection":{"ProjectionType":"ALL"}}])J") ==
        "ValidationException: One or more parameter values were invalid: Table KeySchema does not have a range key, "
        "which is required when specifying a LocalSecondaryIndex");
  CHECK(create(R"J("GlobalSecondaryIndexes":[{"IndexName":"gsi","KeySchema":[{"AttributeName":"h","KeyType":"HASH"}],
    "Projection":{"ProjectionType":"ALL"}}])J") ==
        "ValidationException: One or more parameter values were invalid: Some index key attributes are not defined in "
        "AttributeDefinitions. Keys: [h, pk], AttributeDefinitions: [pk, g]");
  CHECK(create(R"J("GlobalSecondaryIndexes":[{"IndexName":"gsi","KeySchema":[{"AttributeName":"g","KeyType":"HASH"}],
    "Projection":{"ProjectionType":"ALL"}},{"IndexName":"gsi","KeySchema":[{"AttributeName":"g","KeyType":"HASH"}],
    "Projection":{"ProjectionType":"ALL"}}])J") ==
        "ValidationException: One or more parameter values were invalid: Duplicate index name: gsi");
  CHECK(create(R"J("GlobalSecondaryIndexes":[{"IndexName":"gsi","KeySchema":[{"AttributeName":"g","KeyType":"HASH"}],
    "Projection":{"ProjectionType":"KEYS_ONLY","NonKeyAttributes":["x"]}}])J") ==
        "ValidationException: One or more parameter values were invalid: ProjectionType is KEYS_ONLY, but "
        "NonKeyAttributes is specified");
  std::string many;
  for (int i = 0; i < 21; ++i)
    many += std::string(i ? "," : "") + R"J({"IndexName":"gsi)J" + std::to_string(i) +
            R"J(","KeySchema":[{"AttributeName":"g","KeyType":"HASH"}],"Projection":{"ProjectionType":"ALL"}})J";
  CHECK(create(R"J("GlobalSecondaryIndexes":[)J" + many + "]") ==
        "ValidationException: One or more parameter values were invalid: Number of GlobalSecondaryIndexes exceeds "
        "per-table limit of 20");
  CHECK(db.ok("ListTables", "{}")["TableNames"].Size() == 0);
}
