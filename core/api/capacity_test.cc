#include <string>

#include "api/test_db.h"

using shoal::testing::TestDb;

namespace {

// T(pk, sk); LSI byD(pk, d) KEYS_ONLY; GSI byG(g) INCLUDE [note]; GSI byH(h) ALL.
void createIndexed(TestDb& db, const std::string& billing = R"("BillingMode":"PAY_PER_REQUEST")") {
  db.ok("CreateTable", R"J({"TableName":"Tix",)J" + billing + R"J(,
    "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],
    "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"S"},
      {"AttributeName":"d","AttributeType":"S"},{"AttributeName":"g","AttributeType":"S"},
      {"AttributeName":"h","AttributeType":"S"}],
    "LocalSecondaryIndexes":[{"IndexName":"byD","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},
      {"AttributeName":"d","KeyType":"RANGE"}],"Projection":{"ProjectionType":"KEYS_ONLY"}}],
    "GlobalSecondaryIndexes":[{"IndexName":"byG","KeySchema":[{"AttributeName":"g","KeyType":"HASH"}],
      "Projection":{"ProjectionType":"INCLUDE","NonKeyAttributes":["note"]}},
      {"IndexName":"byH","KeySchema":[{"AttributeName":"h","KeyType":"HASH"}],
       "Projection":{"ProjectionType":"ALL"}}]})J");
}

std::string update(const std::string& expression, const std::string& values, const std::string& extra = "") {
  return R"J({"TableName":"Tix","Key":{"pk":{"S":"p"},"sk":{"S":"s"}},"UpdateExpression":")J" + expression + "\"" +
         (values.empty() ? "" : R"J(,"ExpressionAttributeValues":)J" + values) +
         R"J(,"ReturnConsumedCapacity":"INDEXES")J" + extra + "}";
}

double units(const shoal::JsonValue& capacity, const char* group, const char* index) {
  if (!capacity.HasMember(group) || !capacity[group].HasMember(index)) return 0;
  return capacity[group][index]["CapacityUnits"].GetDouble();
}

}  // namespace

TEST_CASE("ReturnConsumedCapacity TOTAL and INDEXES on a plain table", "[api][capacity]") {
  TestDb db;
  db.createTable("Plain");
  auto put = db.ok("PutItem", R"J({"TableName":"Plain","Item":{"pk":{"S":"a"},"x":{"S":")J" + std::string(1500, 'x') +
                                 R"J("}},"ReturnConsumedCapacity":"TOTAL"})J");
  const auto& c = put["ConsumedCapacity"];
  CHECK(std::string(c["TableName"].GetString()) == "Plain");
  CHECK(c["CapacityUnits"].GetDouble() == 2.0);  // 1.5 KB: two started KB
  CHECK(c["WriteCapacityUnits"].GetDouble() == 2.0);
  CHECK_FALSE(c.HasMember("ReadCapacityUnits"));
  CHECK_FALSE(c.HasMember("Table"));
  auto get = db.ok("GetItem", R"J({"TableName":"Plain","Key":{"pk":{"S":"a"}},"ReturnConsumedCapacity":"INDEXES"})J");
  CHECK(get["ConsumedCapacity"]["CapacityUnits"].GetDouble() == 0.5);  // eventually consistent: half a unit
  CHECK(get["ConsumedCapacity"]["ReadCapacityUnits"].GetDouble() == 0.5);
  CHECK(get["ConsumedCapacity"]["Table"]["CapacityUnits"].GetDouble() == 0.5);
  CHECK_FALSE(get["ConsumedCapacity"].HasMember("GlobalSecondaryIndexes"));
  db.ok("PutItem",
        R"J({"TableName":"Plain","Item":{"pk":{"S":"big"},"x":{"S":")J" + std::string(9000, 'x') + R"J("}}})J");
  auto strong = db.ok("GetItem", R"J({"TableName":"Plain","Key":{"pk":{"S":"big"}},"ConsistentRead":true,
    "ReturnConsumedCapacity":"TOTAL"})J");
  CHECK(strong["ConsumedCapacity"]["CapacityUnits"].GetDouble() == 3.0);  // 9 KB: three started 4 KB
  auto gone =
      db.ok("DeleteItem", R"J({"TableName":"Plain","Key":{"pk":{"S":"none"}},"ReturnConsumedCapacity":"TOTAL"})J");
  CHECK(gone["ConsumedCapacity"]["CapacityUnits"].GetDouble() == 1.0);  // a delete of nothing still costs a unit
  CHECK_FALSE(db.ok("GetItem", R"J({"TableName":"Plain","Key":{"pk":{"S":"a"}}})J").HasMember("ConsumedCapacity"));
  CHECK(db.err("PutItem", R"J({"TableName":"Plain","Item":{"pk":{"S":"a"}},"ReturnConsumedCapacity":"ALL"})J") ==
        "ValidationException: 1 validation error detected: Value 'ALL' at 'returnConsumedCapacity' failed to satisfy "
        "constraint: Member must satisfy enum value set: [INDEXES, TOTAL, NONE]");
  CHECK(db.err("Query", R"J({"TableName":"Plain","KeyConditionExpression":"pk = :p","ExpressionAttributeValues":
    {":p":{"S":"a"}},"ReturnConsumedCapacity":"ALL"})J") ==
        "ValidationException: 1 validation error detected: Value 'ALL' at 'returnConsumedCapacity' failed to satisfy "
        "constraint: Member must satisfy enum value set: [INDEXES, TOTAL, NONE]");
}

TEST_CASE("Index writes: a put, a changed key (delete + put), changed projections, a removal", "[api][capacity]") {
  TestDb db;
  createIndexed(db);
  // A new item with every index key: the table, the LSI and both GSIs each take one write.
  auto put = db.ok("PutItem", R"J({"TableName":"Tix","Item":{"pk":{"S":"p"},"sk":{"S":"s"},"d":{"S":"d1"},
    "g":{"S":"g1"},"h":{"S":"h1"},"note":{"S":"n"},"xtra":{"S":"o"}},"ReturnConsumedCapacity":"INDEXES"})J");
  const auto& c = put["ConsumedCapacity"];
  CHECK(c["CapacityUnits"].GetDouble() == 4.0);
  CHECK(c["WriteCapacityUnits"].GetDouble() == 4.0);
  CHECK(c["Table"]["CapacityUnits"].GetDouble() == 1.0);
  CHECK(units(c, "LocalSecondaryIndexes", "byD") == 1.0);
  CHECK(units(c, "GlobalSecondaryIndexes", "byG") == 1.0);
  CHECK(units(c, "GlobalSecondaryIndexes", "byH") == 1.0);
  CHECK(c["GlobalSecondaryIndexes"]["byG"]["WriteCapacityUnits"].GetDouble() == 1.0);

  // A changed GSI key: that index deletes the old entry and puts the new one (2); the ALL
  // index holds the attribute too, so it rewrites its entry (1); the KEYS_ONLY LSI is untouched.
  auto moved = db.ok("UpdateItem", update("SET g = :g", R"J({":g":{"S":"g2"}})J"));
  CHECK(moved["ConsumedCapacity"]["Table"]["CapacityUnits"].GetDouble() == 1.0);
  CHECK(units(moved["ConsumedCapacity"], "GlobalSecondaryIndexes", "byG") == 2.0);
  CHECK(units(moved["ConsumedCapacity"], "GlobalSecondaryIndexes", "byH") == 1.0);
  CHECK_FALSE(moved["ConsumedCapacity"].HasMember("LocalSecondaryIndexes"));
  CHECK(moved["ConsumedCapacity"]["CapacityUnits"].GetDouble() == 4.0);

  // An attribute no index but byH projects: only the table and byH write.
  auto other = db.ok("UpdateItem", update("SET xtra = :o", R"J({":o":{"S":"o2"}})J"));
  CHECK(other["ConsumedCapacity"]["CapacityUnits"].GetDouble() == 2.0);
  CHECK(units(other["ConsumedCapacity"], "GlobalSecondaryIndexes", "byH") == 1.0);
  CHECK(units(other["ConsumedCapacity"], "GlobalSecondaryIndexes", "byG") == 0.0);

  // A projected attribute of byG: one write there under the same key.
  auto note = db.ok("UpdateItem", update("SET note = :n", R"J({":n":{"S":"n2"}})J"));
  CHECK(units(note["ConsumedCapacity"], "GlobalSecondaryIndexes", "byG") == 1.0);

  // Removing an index key takes the item out of that index: one delete.
  auto removed = db.ok("UpdateItem", update("REMOVE d", ""));
  CHECK(units(removed["ConsumedCapacity"], "LocalSecondaryIndexes", "byD") == 1.0);
  CHECK(units(removed["ConsumedCapacity"], "GlobalSecondaryIndexes", "byH") == 1.0);
  CHECK(removed["ConsumedCapacity"]["CapacityUnits"].GetDouble() == 3.0);

  // A table write that changes nothing an index holds costs the indexes nothing; neither does
  // a write of an item absent from an index before and after.
  auto same = db.ok("UpdateItem", update("SET xtra = :o", R"J({":o":{"S":"o2"}})J"));
  CHECK(same["ConsumedCapacity"]["CapacityUnits"].GetDouble() == 1.0);
  CHECK_FALSE(same["ConsumedCapacity"].HasMember("GlobalSecondaryIndexes"));

  // Deleting the item deletes its entry from every index that holds it (byG, byH; not byD).
  auto del = db.ok("DeleteItem", R"J({"TableName":"Tix","Key":{"pk":{"S":"p"},"sk":{"S":"s"}},
    "ReturnConsumedCapacity":"INDEXES"})J");
  CHECK(del["ConsumedCapacity"]["CapacityUnits"].GetDouble() == 3.0);
  CHECK_FALSE(del["ConsumedCapacity"].HasMember("LocalSecondaryIndexes"));
}

TEST_CASE("Index write units follow the size of the index entry, not of the item", "[api][capacity]") {
  TestDb db;
  createIndexed(db);
  std::string big(3000, 'b');
  auto put = db.ok("PutItem", R"J({"TableName":"Tix","Item":{"pk":{"S":"p"},"sk":{"S":"s"},"d":{"S":"d"},
    "g":{"S":"g"},"h":{"S":"h"},"blob":{"S":")J" + big + R"J("}},"ReturnConsumedCapacity":"INDEXES"})J");
  const auto& c = put["ConsumedCapacity"];
  CHECK(c["Table"]["CapacityUnits"].GetDouble() == 3.0);            // ~3 KB item
  CHECK(units(c, "GlobalSecondaryIndexes", "byH") == 3.0);            // ALL: the whole item
  CHECK(units(c, "GlobalSecondaryIndexes", "byG") == 1.0);            // INCLUDE [note]: keys only here
  CHECK(units(c, "LocalSecondaryIndexes", "byD") == 1.0);             // KEYS_ONLY
  CHECK(c["CapacityUnits"].GetDouble() == 8.0);
}

TEST_CASE("Reads through an index are charged to the index; an LSI fetch also to the table", "[api][capacity]") {
  TestDb db;
  createIndexed(db);
  db.ok("PutItem", R"J({"TableName":"Tix","Item":{"pk":{"S":"p"},"sk":{"S":"s"},"d":{"S":"d"},"g":{"S":"g"},
    "h":{"S":"h"},"blob":{"S":")J" + std::string(6000, 'b') + R"J("}}})J");
  auto gsi = db.ok("Query", R"J({"TableName":"Tix","IndexName":"byH","KeyConditionExpression":"h = :h",
    "ExpressionAttributeValues":{":h":{"S":"h"}},"ReturnConsumedCapacity":"INDEXES"})J");
  const auto& g = gsi["ConsumedCapacity"];
  CHECK(units(g, "GlobalSecondaryIndexes", "byH") == 1.0);  // ~6 KB entry, eventually consistent: 2 / 2
  CHECK(g["GlobalSecondaryIndexes"]["byH"]["ReadCapacityUnits"].GetDouble() == 1.0);
  CHECK(g["Table"]["CapacityUnits"].GetDouble() == 0.0);
  CHECK(g["CapacityUnits"].GetDouble() == 1.0);
  auto total = db.ok("Query", R"J({"TableName":"Tix","IndexName":"byH","KeyConditionExpression":"h = :h",
    "ExpressionAttributeValues":{":h":{"S":"h"}},"ReturnConsumedCapacity":"TOTAL"})J");
  CHECK(total["ConsumedCapacity"]["CapacityUnits"].GetDouble() == 1.0);
  CHECK_FALSE(total["ConsumedCapacity"].HasMember("GlobalSecondaryIndexes"));

  // byD projects keys only: the index read is small; ALL_ATTRIBUTES fetches the item.
  auto projected = db.ok("Query", R"J({"TableName":"Tix","IndexName":"byD","KeyConditionExpression":"pk = :p",
    "ExpressionAttributeValues":{":p":{"S":"p"}},"ConsistentRead":true,"ReturnConsumedCapacity":"INDEXES"})J");
  CHECK(units(projected["ConsumedCapacity"], "LocalSecondaryIndexes", "byD") == 1.0);
  CHECK(projected["ConsumedCapacity"]["Table"]["CapacityUnits"].GetDouble() == 0.0);
  auto fetched = db.ok("Query", R"J({"TableName":"Tix","IndexName":"byD","KeyConditionExpression":"pk = :p",
    "ExpressionAttributeValues":{":p":{"S":"p"}},"ConsistentRead":true,"Select":"ALL_ATTRIBUTES",
    "ReturnConsumedCapacity":"INDEXES"})J");
  CHECK(units(fetched["ConsumedCapacity"], "LocalSecondaryIndexes", "byD") == 1.0);
  CHECK(fetched["ConsumedCapacity"]["Table"]["CapacityUnits"].GetDouble() == 2.0);  // the ~6 KB item
  CHECK(fetched["ConsumedCapacity"]["CapacityUnits"].GetDouble() == 3.0);

  auto scan = db.ok("Scan", R"J({"TableName":"Tix","ReturnConsumedCapacity":"INDEXES","ConsistentRead":true})J");
  CHECK(scan["ConsumedCapacity"]["Table"]["CapacityUnits"].GetDouble() == 2.0);
  CHECK_FALSE(scan["ConsumedCapacity"].HasMember("LocalSecondaryIndexes"));
}

TEST_CASE("Transactions and batches break capacity down by index too", "[api][capacity]") {
  TestDb db;
  createIndexed(db);
  auto tx = db.ok("TransactWriteItems", R"J({"TransactItems":[{"Put":{"TableName":"Tix","Item":{"pk":{"S":"p"},
    "sk":{"S":"1"},"g":{"S":"g"}}}},{"ConditionCheck":{"TableName":"Tix","Key":{"pk":{"S":"p"},"sk":{"S":"2"}},
    "ConditionExpression":"attribute_not_exists(pk)"}}],"ReturnConsumedCapacity":"INDEXES"})J");
  REQUIRE(tx["ConsumedCapacity"].Size() == 1);
  const auto& t = tx["ConsumedCapacity"][0];
  CHECK(t["Table"]["WriteCapacityUnits"].GetDouble() == 2.0);  // transactional: double
  CHECK(t["Table"]["ReadCapacityUnits"].GetDouble() == 2.0);   // the ConditionCheck
  CHECK(units(t, "GlobalSecondaryIndexes", "byG") == 2.0);
  CHECK(t["CapacityUnits"].GetDouble() == 6.0);
  CHECK(t["WriteCapacityUnits"].GetDouble() == 4.0);
  CHECK(t["ReadCapacityUnits"].GetDouble() == 2.0);

  auto batch = db.ok("BatchWriteItem", R"J({"RequestItems":{"Tix":[{"PutRequest":{"Item":{"pk":{"S":"p"},"sk":{"S":"3"},
    "h":{"S":"h"},"d":{"S":"d"}}}},{"DeleteRequest":{"Key":{"pk":{"S":"p"},"sk":{"S":"1"}}}}]},
    "ReturnConsumedCapacity":"INDEXES"})J");
  const auto& b = batch["ConsumedCapacity"][0];
  CHECK(b["Table"]["CapacityUnits"].GetDouble() == 2.0);
  CHECK(units(b, "GlobalSecondaryIndexes", "byH") == 1.0);  // the put
  CHECK(units(b, "GlobalSecondaryIndexes", "byG") == 1.0);  // the delete of item 1
  CHECK(units(b, "LocalSecondaryIndexes", "byD") == 1.0);
  CHECK(b["CapacityUnits"].GetDouble() == 5.0);
}

TEST_CASE("ReturnItemCollectionMetrics SIZE on single-item writes to a table with a local index", "[api][capacity]") {
  TestDb db;
  createIndexed(db);
  auto put = db.ok("PutItem", R"J({"TableName":"Tix","Item":{"pk":{"S":"p"},"sk":{"S":"s"},"d":{"S":"d"}},
    "ReturnItemCollectionMetrics":"SIZE"})J");
  REQUIRE(put.HasMember("ItemCollectionMetrics"));
  const auto& m = put["ItemCollectionMetrics"];
  CHECK(std::string(m["ItemCollectionKey"]["pk"]["S"].GetString()) == "p");
  CHECK(m["ItemCollectionKey"].MemberCount() == 1);
  CHECK(m["SizeEstimateRangeGB"][0].GetDouble() == 0.0);
  CHECK(m["SizeEstimateRangeGB"][1].GetDouble() == 1.0);
  auto updated = db.ok("UpdateItem", R"J({"TableName":"Tix","Key":{"pk":{"S":"p"},"sk":{"S":"s"}},
    "UpdateExpression":"SET x = :x","ExpressionAttributeValues":{":x":{"N":"1"}},
    "ReturnItemCollectionMetrics":"SIZE"})J");
  CHECK(std::string(updated["ItemCollectionMetrics"]["ItemCollectionKey"]["pk"]["S"].GetString()) == "p");
  auto deleted = db.ok("DeleteItem", R"J({"TableName":"Tix","Key":{"pk":{"S":"p"},"sk":{"S":"s"}},
    "ReturnItemCollectionMetrics":"SIZE"})J");
  CHECK(deleted.HasMember("ItemCollectionMetrics"));
  CHECK_FALSE(db.ok("PutItem", R"J({"TableName":"Tix","Item":{"pk":{"S":"p"},"sk":{"S":"s"}}})J")
                  .HasMember("ItemCollectionMetrics"));
  // No local index, no item collections.
  db.createTable("Plain");
  CHECK_FALSE(
      db.ok("PutItem", R"J({"TableName":"Plain","Item":{"pk":{"S":"a"}},"ReturnItemCollectionMetrics":"SIZE"})J")
          .HasMember("ItemCollectionMetrics"));
  CHECK(db.err("PutItem", R"J({"TableName":"Plain","Item":{"pk":{"S":"a"}},"ReturnItemCollectionMetrics":"ALL"})J") ==
        "ValidationException: 1 validation error detected: Value 'ALL' at 'returnItemCollectionMetrics' failed to "
        "satisfy constraint: Member must satisfy enum value set: [SIZE, NONE]");
}
