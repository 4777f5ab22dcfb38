#include <string>

#include "api/test_db.h"
#include "table/change_set.h"

using shoal::testing::TestDb;

namespace {

struct CommitCounter : shoal::CommitObserver {
  int commits = 0;
  size_t lastWrites = 0;
  bool oneStamp = true;
  void onCommit(const shoal::ChangeSet& change, const shoal::PreviousItems&) override {
    ++commits;
    lastWrites = change.writes.size();
    // Every attribute a Put writes carries the change's one stamp (an Update keeps the
    // stamps of the attributes it leaves alone).
    for (const auto& w : change.writes)
      if (w.item && w.table == "Audit")
        for (const auto& [name, attr] : w.item->attributes)
          if (!(attr.stamp == change.stamp)) oneStamp = false;
  }
  void onCreateTable(const shoal::TableSchema&) override {}
  void onDeleteTable(const std::string&) override {}
};

std::string put(const std::string& table, const std::string& pk, const std::string& extra = "") {
  return R"({"Put":{"TableName":")" + table + R"(","Item":{"pk":{"S":")" + pk + R"("})" + extra + "}}}";
}

std::string check(const std::string& table, const std::string& pk, const std::string& condition) {
  return R"({"ConditionCheck":{"TableName":")" + table + R"(","Key":{"pk":{"S":")" + pk +
         R"("}},"ConditionExpression":")" + condition + R"("}})";
}

std::string get(const std::string& table, const std::string& pk) {
  return R"({"Get":{"TableName":")" + table + R"(","Key":{"pk":{"S":")" + pk + R"("}}}})";
}

// {"TransactItems":[a, b, ...]<more>}
std::string transact(const std::vector<std::string>& actions, const std::string& more = "") {
  std::string s = R"({"TransactItems":[)";
  for (size_t i = 0; i < actions.size(); ++i) s += (i ? "," : "") + actions[i];
  return s + "]" + more + "}";
}

std::vector<std::string> manyPuts(const std::string& table, int n) {
  std::vector<std::string> actions;
  for (int i = 0; i < n; ++i) actions.push_back(put(table, "p" + std::to_string(i)));
  return actions;
}

shoal::JsonDocument item(TestDb& db, const std::string& table, const std::string& pk) {
  return db.ok("GetItem", R"({"TableName":")" + table + R"(","Key":{"pk":{"S":")" + pk + R"("}},"ConsistentRead":true})");
}

bool exists(TestDb& db, const std::string& table, const std::string& pk) { return item(db, table, pk).HasMember("Item"); }

std::string numberOf(TestDb& db, const std::string& table, const std::string& pk, const char* attr) {
  auto d = item(db, table, pk);
  return d.HasMember("Item") && d["Item"].HasMember(attr) ? d["Item"][attr]["N"].GetString() : "";
}

void seed(TestDb& db) {
  db.createTable("Accounts");
  db.createTable("Audit");
  db.ok("PutItem", R"({"TableName":"Accounts","Item":{"pk":{"S":"alice"},"balance":{"N":"100"},"keep":{"S":"x"}}})");
  db.ok("PutItem", R"({"TableName":"Accounts","Item":{"pk":{"S":"bob"},"balance":{"N":"5"}}})");
  db.ok("PutItem", R"({"TableName":"Accounts","Item":{"pk":{"S":"carol"},"status":{"S":"closed"}}})");
}

std::string reasons(const shoal::JsonDocument& e) {
  std::string s;
  for (const auto& r : e["CancellationReasons"].GetArray()) s += std::string(s.empty() ? "" : ",") + r["Code"].GetString();
  return s;
}

const std::string kTransfer = R"({"Update":{"TableName":"Accounts","Key":{"pk":{"S":"alice"}},
  "UpdateExpression":"SET balance = balance - :amt","ConditionExpression":"balance >= :amt",
  "ExpressionAttributeValues":{":amt":{"N":"30"}}}})";
const std::string kCredit = R"({"Update":{"TableName":"Accounts","Key":{"pk":{"S":"bob"}},
  "UpdateExpression":"SET balance = balance + :amt","ExpressionAttributeValues":{":amt":{"N":"30"}}}})";

}  // namespace

TEST_CASE("TransactWriteItems applies Put, Update, Delete and ConditionCheck as one commit", "[api][transaction]") {
  TestDb db;
  seed(db);
  CommitCounter counter;
  db.engine.catalog().addObserver(&counter);
  auto r = db.ok("TransactWriteItems", transact({kTransfer, kCredit,
      R"({"Delete":{"TableName":"Accounts","Key":{"pk":{"S":"carol"}},"ConditionExpression":"#s = :c",
          "ExpressionAttributeNames":{"#s":"status"},"ExpressionAttributeValues":{":c":{"S":"closed"}}}})",
      put("Audit", "t1", R"(,"what":{"S":"transfer"})"), check("Accounts", "dave", "attribute_not_exists(pk)")}));
  CHECK(r.IsObject());
  CHECK(r.MemberCount() == 0);
  CHECK(counter.commits == 1);
  CHECK(counter.lastWrites == 4);
  CHECK(counter.oneStamp);
  CHECK(numberOf(db, "Accounts", "alice", "balance") == "70");
  CHECK(numberOf(db, "Accounts", "bob", "balance") == "35");
  CHECK_FALSE(exists(db, "Accounts", "carol"));
  CHECK(exists(db, "Audit", "t1"));
  CHECK_FALSE(exists(db, "Accounts", "dave"));
  db.engine.catalog().removeObserver(&counter);
}

TEST_CASE("a transaction whose third of four actions fails writes nothing", "[api][transaction]") {
  TestDb db;
  seed(db);
  CommitCounter counter;
  db.engine.catalog().addObserver(&counter);
  auto e = db.errDoc("TransactWriteItems", transact({kTransfer, kCredit, check("Accounts", "carol", "attribute_not_exists(pk)"),
                                                     put("Audit", "t1")}));
  CHECK(std::string(e["__type"].GetString()) == "com.amazonaws.dynamodb.v20120810#TransactionCanceledException");
  CHECK(std::string(e["Message"].GetString()) ==
        "Transaction cancelled, please refer cancellation reasons for specific reasons [None, None, "
        "ConditionalCheckFailed, None]");
  CHECK_FALSE(e.HasMember("message"));
  REQUIRE(e["CancellationReasons"].Size() == 4);
  CHECK(reasons(e) == "None,None,ConditionalCheckFailed,None");
  CHECK(e["CancellationReasons"][0].MemberCount() == 1);  // just {"Code":"None"}
  CHECK(std::string(e["CancellationReasons"][2]["Message"].GetString()) == "The conditional request failed");
  CHECK_FALSE(e["CancellationReasons"][2].HasMember("Item"));
  CHECK(counter.commits == 0);
  CHECK(numberOf(db, "Accounts", "alice", "balance") == "100");
  CHECK(numberOf(db, "Accounts", "bob", "balance") == "5");
  CHECK_FALSE(exists(db, "Audit", "t1"));
  db.engine.catalog().removeObserver(&counter);
}

TEST_CASE("conditions see the items as they were before the transaction", "[api][transaction]") {
  TestDb db;
  seed(db);
  // The Put of bob would satisfy the check on bob if the check ran after it: it must not.
  auto e = db.errDoc("TransactWriteItems", transact({
      put("Accounts", "erin", R"(,"balance":{"N":"1"})"),
      check("Accounts", "bob", "attribute_not_exists(pk)")}));
  CHECK(reasons(e) == "None,ConditionalCheckFailed");
  CHECK_FALSE(exists(db, "Accounts", "erin"));
}

TEST_CASE("cancellation reasons carry the old item and every failure in order", "[api][transaction]") {
  TestDb db;
  seed(db);
  auto e = db.errDoc("TransactWriteItems", transact({
      R"J({"Put":{"TableName":"Accounts","Item":{"pk":{"S":"alice"}},"ConditionExpression":"attribute_not_exists(pk)",
          "ReturnValuesOnConditionCheckFailure":"ALL_OLD"}})J",
      R"({"Update":{"TableName":"Accounts","Key":{"pk":{"S":"carol"}},"UpdateExpression":"SET n = #s + :one",
          "ExpressionAttributeNames":{"#s":"status"},"ExpressionAttributeValues":{":one":{"N":"1"}}}})",
      R"({"Delete":{"TableName":"Accounts","Key":{"pk":{"S":"bob"}},"ConditionExpression":"balance > :v",
          "ExpressionAttributeValues":{":v":{"N":"10"}},"ReturnValuesOnConditionCheckFailure":"ALL_OLD"}})",
      R"({"Update":{"TableName":"Accounts","Key":{"pk":{"S":"frank"}},"UpdateExpression":"SET d = :big",
          "ExpressionAttributeValues":{":big":{"S":")" + std::string(400 * 1024, 'x') + R"("}}}})",
      check("Accounts", "ghost", "attribute_exists(pk)")}));
  CHECK(std::string(e["Message"].GetString()) ==
        "Transaction cancelled, please refer cancellation reasons for specific reasons [ConditionalCheckFailed, "
        "ValidationError, ConditionalCheckFailed, ValidationError, ConditionalCheckFailed]");
  const auto& r = e["CancellationReasons"];
  REQUIRE(r[0].HasMember("Item"));
  CHECK(std::string(r[0]["Item"]["balance"]["N"].GetString()) == "100");
  CHECK(std::string(r[1]["Message"].GetString()).find("An operand in the update expression has an incorrect data type") == 0);
  CHECK(std::string(r[2]["Item"]["pk"]["S"].GetString()) == "bob");
  CHECK(std::string(r[3]["Message"].GetString()) == "Item size to update has exceeded the maximum allowed size");
  CHECK_FALSE(r[4].HasMember("Item"));  // no item to return
  CHECK(numberOf(db, "Accounts", "alice", "balance") == "100");
  CHECK(exists(db, "Accounts", "bob"));
}

TEST_CASE("a key that does not fit the table's schema cancels with a ValidationError", "[api][transaction]") {
  TestDb db;
  seed(db);
  auto e = db.errDoc("TransactWriteItems", transact({put("Accounts", "new1"),
      R"({"Put":{"TableName":"Accounts","Item":{"pk":{"N":"5"}}}})",
      R"({"Delete":{"TableName":"Accounts","Key":{"pk":{"N":"5"}}}})",
      R"({"Update":{"TableName":"Accounts","Key":{"pk":{"S":"a"},"sk":{"S":"b"}},"UpdateExpression":"SET x = :v",
          "ExpressionAttributeValues":{":v":{"S":"x"}}}})",
      R"({"Put":{"TableName":"Accounts","Item":{"other":{"S":"x"}}}})"}));
  CHECK(reasons(e) == "None,ValidationError,ValidationError,ValidationError,ValidationError");
  const auto& r = e["CancellationReasons"];
  CHECK(std::string(r[1]["Message"].GetString()) ==
        "One or more parameter values were invalid: Type mismatch for key pk expected: S actual: N");
  CHECK(std::string(r[2]["Message"].GetString()) == "The provided key element does not match the schema");
  CHECK(std::string(r[3]["Message"].GetString()) == "The provided key element does not match the schema");
  CHECK(std::string(r[4]["Message"].GetString()) ==
        "One or more parameter values were invalid: Missing the key pk in the item");
  CHECK_FALSE(exists(db, "Accounts", "new1"));

  auto g = db.errDoc("TransactGetItems", transact({get("Accounts", "alice"), R"({"Get":{"TableName":"Accounts","Key":{}}})"}));
  CHECK(reasons(g) == "None,ValidationError");
}

TEST_CASE("TransactWriteItems request-level errors", "[api][transaction]") {
  TestDb db;
  seed(db);
  CHECK(db.err("TransactWriteItems", transact({put("Accounts", "x"), check("Accounts", "x", "attribute_exists(pk)")})) ==
        "ValidationException: Transaction request cannot include multiple operations on one item");
  // The same key in another table is another item.
  db.ok("TransactWriteItems", transact({put("Accounts", "same"), put("Audit", "same")}));
  CHECK(db.err("TransactWriteItems", transact({put("Accounts", "x2"), put("Nowhere", "x")})) ==
        "ResourceNotFoundException: Requested resource not found");
  CHECK(db.err("TransactWriteItems", transact({})) ==
        "ValidationException: 1 validation error detected: Value '[]' at 'transactItems' failed to satisfy "
        "constraint: Member must have length greater than or equal to 1");
  CHECK(db.err("TransactWriteItems", "{}") ==
        "ValidationException: 1 validation error detected: Value null at 'transactItems' failed to satisfy "
        "constraint: Member must not be null");
  CHECK(db.err("TransactWriteItems", transact({R"({"Put":{"TableName":"Accounts","Item":{"pk":{"S":"a"}}},
      "Delete":{"TableName":"Accounts","Key":{"pk":{"S":"a"}}}})"})) ==
        "ValidationException: TransactItems can only contain one of Check, Put, Update or Delete");
  CHECK(db.err("TransactWriteItems", transact({R"({"Update":{"TableName":"Accounts","Key":{"pk":{"S":"a"}}}})",
                                               R"({"ConditionCheck":{"TableName":"ab","Key":{"pk":{"S":"b"}}}})"})) ==
        "ValidationException: 3 validation errors detected: Value null at 'transactItems.1.member.update."
        "updateExpression' failed to satisfy constraint: Member must not be null; Value null at "
        "'transactItems.2.member.conditionCheck.conditionExpression' failed to satisfy constraint: Member must not "
        "be null; Value 'ab' at 'transactItems.2.member.conditionCheck.tableName' failed to satisfy constraint: "
        "Member must have length greater than or equal to 3");
  CHECK(db.err("TransactWriteItems", transact({put("Accounts", "a")},
                                              R"(,"ClientRequestToken":")" + std::string(37, 't') +
                                                  R"(","ReturnConsumedCapacity":"BOGUS")")) ==
        "ValidationException: 2 validation errors detected: Value '" + std::string(37, 't') +
            "' at 'clientRequestToken' failed to satisfy constraint: Member must have length less than or equal to "
            "36; Value 'BOGUS' at 'returnConsumedCapacity' failed to satisfy constraint: Member must satisfy enum "
            "value set: [INDEXES, TOTAL, NONE]");
  CHECK(db.err("TransactWriteItems", transact({put("Accounts", "a")}, R"(,"ReturnItemCollectionMetrics":"BOGUS2")")) ==
        "ValidationException: 1 validation error detected: Value 'BOGUS2' at 'returnItemCollectionMetrics' failed "
        "to satisfy constraint: Member must satisfy enum value set: [SIZE, NONE]");
  // Expressions of every action are checked before any table is looked up.
  CHECK(db.err("TransactWriteItems", transact({put("Nowhere", "a"), check("Accounts", "a", "attribute_not_exists(")})) ==
        "ValidationException: Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"(\"");
  CHECK(db.err("TransactWriteItems", transact({put("Nowhere", "a"), R"J({"ConditionCheck":{"TableName":"Accounts",
      "Key":{"pk":{"S":"a"}},"ConditionExpression":"attribute_not_exists(pk)","ExpressionAttributeValues":{":v":{"S":"x"}}}})J"})) ==
        "ValidationException: Value provided in ExpressionAttributeValues unused in expressions: keys: {:v}");
  // What the request alone shows to be invalid is a plain ValidationException.
  CHECK(db.err("TransactWriteItems", transact({put("Accounts", "")})) ==
        "ValidationException: One or more parameter values are not valid. The AttributeValue for a key attribute "
        "cannot contain an empty string value. Key: pk");
  CHECK(db.err("TransactWriteItems", transact({R"({"Delete":{"TableName":"Accounts","Key":{"pk":{"S":""}}}})"})) ==
        "ValidationException: One or more parameter values are not valid. The AttributeValue for a key attribute "
        "cannot contain an empty string value. Key: pk");
  CHECK(db.err("TransactWriteItems", transact({put("Accounts", "big", R"(,"d":{"S":")" + std::string(400 * 1024, 'x') + R"("})")})) ==
        "ValidationException: Item size has exceeded the maximum allowed size");
  CHECK(db.err("TransactWriteItems", transact({R"({"Update":{"TableName":"Accounts","Key":{"pk":{"S":"a"}},
      "UpdateExpression":"SET pk = :v","ExpressionAttributeValues":{":v":{"S":"b"}}}})"})) ==
        "ValidationException: One or more parameter values were invalid: Cannot update attribute pk. This attribute "
        "is part of the key");
  CHECK_FALSE(exists(db, "Accounts", "x"));
  CHECK_FALSE(exists(db, "Accounts", "x2"));
}

TEST_CASE("TransactWriteItems takes up to 100 actions and 4 MB", "[api][transaction]") {
  TestDb db;
  seed(db);
  db.ok("TransactWriteItems", transact(manyPuts("Audit", 100)));
  CHECK(exists(db, "Audit", "p99"));
  CHECK(db.err("TransactWriteItems", transact(manyPuts("Accounts", 101))) ==
        "ValidationException: 1 validation error detected: Value at 'TransactItems' failed to satisfy constraint: "
        "Member must have length less than or equal to 100");
  CHECK_FALSE(exists(db, "Accounts", "p0"));

  const std::string blob(399 * 1024, 'x');
  std::vector<std::string> big;
  for (int i = 0; i < 10; ++i) big.push_back(put("Accounts", "b" + std::to_string(i), R"(,"d":{"S":")" + blob + R"("})"));
  db.ok("TransactWriteItems", transact(big));  // 10 x 399 KB: under 4 MB
  big.push_back(put("Accounts", "b10", R"(,"d":{"S":")" + blob + R"("})"));
  CHECK(db.err("TransactWriteItems", transact(big)) ==
        "ValidationException: The aggregate size of the items in the transaction exceeds 4 MB");
  CHECK_FALSE(exists(db, "Accounts", "b10"));
}

TEST_CASE("ClientRequestToken makes a transaction idempotent for 10 minutes", "[api][transaction]") {
  TestDb db;
  seed(db);
  const std::string add = R"({"Update":{"TableName":"Accounts","Key":{"pk":{"S":"bob"}},"UpdateExpression":"ADD visits :one",
    "ExpressionAttributeValues":{":one":{"N":"1"}}}})";
  const std::string request = transact({add}, R"(,"ClientRequestToken":"token-1")");
  db.ok("TransactWriteItems", request);
  CHECK(numberOf(db, "Accounts", "bob", "visits") == "1");

  // The same request again, even with its members in another order: success, no second write.
  db.now += 60'000;
  db.ok("TransactWriteItems", request);
  db.ok("TransactWriteItems", R"({"ClientRequestToken":"token-1","TransactItems":[)" + add + "]}");
  CHECK(numberOf(db, "Accounts", "bob", "visits") == "1");
  // A replay reports what reading the items costs.
  auto replay = db.ok("TransactWriteItems", transact({add}, R"(,"ClientRequestToken":"token-2","ReturnConsumedCapacity":"TOTAL")"));
  CHECK(replay["ConsumedCapacity"][0]["WriteCapacityUnits"].GetDouble() == 2.0);
  replay = db.ok("TransactWriteItems", transact({add}, R"(,"ClientRequestToken":"token-2","ReturnConsumedCapacity":"TOTAL")"));
  CHECK(replay["ConsumedCapacity"][0]["ReadCapacityUnits"].GetDouble() == 1.0);
  CHECK_FALSE(replay["ConsumedCapacity"][0].HasMember("WriteCapacityUnits"));
  CHECK(numberOf(db, "Accounts", "bob", "visits") == "2");

  // The same token with another request.
  auto e = db.errDoc("TransactWriteItems", transact({put("Accounts", "zed")}, R"(,"ClientRequestToken":"token-1")"));
  CHECK(std::string(e["__type"].GetString()) == "com.amazonaws.dynamodb.v20120810#IdempotentParameterMismatchException");
  CHECK(std::string(e["Message"].GetString()).find("idempotent token that was already used") != std::string::npos);
  CHECK_FALSE(exists(db, "Accounts", "zed"));

  // Ten minutes after the first request completed, the token names nothing any more.
  db.now += 9 * 60'000;
  db.ok("TransactWriteItems", request);
  CHECK(numberOf(db, "Accounts", "bob", "visits") == "3");
  db.ok("TransactWriteItems", request);
  CHECK(numberOf(db, "Accounts", "bob", "visits") == "3");

  // A cancelled transaction does not use its token up.
  const std::string guarded = transact({check("Accounts", "newbie", "attribute_exists(pk)"), put("Audit", "g1")},
                                       R"(,"ClientRequestToken":"token-3")");
  db.errDoc("TransactWriteItems", guarded);
  db.ok("PutItem", R"({"TableName":"Accounts","Item":{"pk":{"S":"newbie"}}})");
  db.ok("TransactWriteItems", guarded);
  CHECK(exists(db, "Audit", "g1"));
}

TEST_CASE("transactional writes cost twice the units, per table", "[api][transaction]") {
  TestDb db;
  seed(db);
  auto r = db.ok("TransactWriteItems", transact({put("Audit", "c1", R"(,"d":{"S":")" + std::string(1500, 'x') + R"("})"),
      kCredit, check("Accounts", "alice", "attribute_exists(pk)")}, R"(,"ReturnConsumedCapacity":"INDEXES")"));
  REQUIRE(r["ConsumedCapacity"].Size() == 2);
  const auto& audit = r["ConsumedCapacity"][0];
  CHECK(std::string(audit["TableName"].GetString()) == "Audit");
  CHECK(audit["CapacityUnits"].GetDouble() == 4.0);  // 2 KB item: 2 units, doubled
  CHECK(audit["Table"]["CapacityUnits"].GetDouble() == 4.0);
  const auto& accounts = r["ConsumedCapacity"][1];
  CHECK(accounts["WriteCapacityUnits"].GetDouble() == 2.0);
  CHECK(accounts["ReadCapacityUnits"].GetDouble() == 2.0);  // the ConditionCheck: a transactional read
  CHECK(accounts["CapacityUnits"].GetDouble() == 4.0);
}

TEST_CASE("TransactGetItems reads items in order, {} for missing ones", "[api][transaction]") {
  TestDb db;
  seed(db);
  auto r = db.ok("TransactGetItems", transact({
      R"({"Get":{"TableName":"Accounts","Key":{"pk":{"S":"alice"}},"ProjectionExpression":"#b","ExpressionAttributeNames":{"#b":"balance"}}})",
      get("Accounts", "nobody"), get("Accounts", "bob")}, R"(,"ReturnConsumedCapacity":"TOTAL")"));
  REQUIRE(r["Responses"].Size() == 3);
  CHECK(r["Responses"][0]["Item"].MemberCount() == 1);
  CHECK(std::string(r["Responses"][0]["Item"]["balance"]["N"].GetString()) == "100");
  CHECK(r["Responses"][1].IsObject());
  CHECK(r["Responses"][1].MemberCount() == 0);
  CHECK(std::string(r["Responses"][2]["Item"]["pk"]["S"].GetString()) == "bob");
  CHECK(r["ConsumedCapacity"][0]["CapacityUnits"].GetDouble() == 6.0);

  std::vector<std::string> gets;
  for (int i = 0; i < 100; ++i) gets.push_back(get("Accounts", "k" + std::to_string(i)));
  CHECK(db.ok("TransactGetItems", transact(gets))["Responses"].Size() == 100);
  gets.push_back(get("Accounts", "k100"));
  CHECK(db.err("TransactGetItems", transact(gets)) ==
        "ValidationException: 1 validation error detected: Value at 'TransactItems' failed to satisfy constraint: "
        "Member must have length less than or equal to 100");
  CHECK(db.err("TransactGetItems", transact({get("Accounts", "a"), get("Accounts", "a")})) ==
        "ValidationException: Transaction request cannot include multiple operations on one item");
  CHECK(db.err("TransactGetItems", transact({get("Nowhere", "a")})) ==
        "ResourceNotFoundException: Requested resource not found");
  CHECK(db.err("TransactGetItems", transact({R"({"Get":{"TableName":"Accounts","Key":{"pk":{"S":"a"}},"ProjectionExpression":"!!!"}})"})) ==
        "ValidationException: Invalid ProjectionExpression: Syntax error; token: \"!\", near: \"!!\"");
  CHECK(db.err("TransactGetItems", transact({R"({"Get":{"TableName":"Accounts"}})", R"({})"})) ==
        "ValidationException: 2 validation errors detected: Value null at 'transactItems.1.member.get.key' failed "
        "to satisfy constraint: Member must not be null; Value null at 'transactItems.2.member.get' failed to "
        "satisfy constraint: Member must not be null");
  CHECK(db.err("TransactGetItems", transact({get("Accounts", "a"), get("Accounts", "a")}, R"(,"ReturnConsumedCapacity":"BOGUS")")) ==
        "ValidationException: 1 validation error detected: Value 'BOGUS' at 'returnConsumedCapacity' failed to "
        "satisfy constraint: Member must satisfy enum value set: [INDEXES, TOTAL, NONE]");
}

namespace {

// Events(pk HASH, sk RANGE) with a local index on `day` (S) and a global one on `kind` (S).
void createIndexed(TestDb& db) {
  db.ok("CreateTable", R"J({"TableName":"Events","BillingMode":"PAY_PER_REQUEST",
    "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],
    "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"S"},
      {"AttributeName":"day","AttributeType":"S"},{"AttributeName":"kind","AttributeType":"S"}],
    "LocalSecondaryIndexes":[{"IndexName":"byDay","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},
      {"AttributeName":"day","KeyType":"RANGE"}],"Projection":{"ProjectionType":"ALL"}}],
    "GlobalSecondaryIndexes":[{"IndexName":"byKind","KeySchema":[{"AttributeName":"kind","KeyType":"HASH"}],
      "Projection":{"ProjectionType":"KEYS_ONLY"}}]})J");
}

std::string event(const std::string& pk, const std::string& sk, const std::string& extra) {
  return R"J({"Put":{"TableName":"Events","Item":{"pk":{"S":")J" + pk + R"J("},"sk":{"S":")J" + sk + R"J("})J" +
         extra + "}}}";
}

}  // namespace

TEST_CASE("index keys: a wrong type cancels the action, an empty value fails the request", "[api][transaction]") {
  TestDb db;
  createIndexed(db);
  auto e = db.errDoc("TransactWriteItems", transact({event("a", "1", R"J(,"day":{"S":"mon"})J"),
                                                     event("a", "2", R"J(,"kind":{"N":"5"})J")}));
  CHECK(reasons(e) == "None,ValidationError");
  CHECK(std::string(e["CancellationReasons"][1]["Message"].GetString()).find("Type mismatch for Index Key kind") !=
        std::string::npos);
  e = db.errDoc("TransactWriteItems", transact({R"J({"Update":{"TableName":"Events","Key":{"pk":{"S":"a"},"sk":{"S":"3"}},
      "UpdateExpression":"SET #d = :v","ExpressionAttributeNames":{"#d":"day"},"ExpressionAttributeValues":{":v":{"N":"1"}}}})J"}));
  CHECK(reasons(e) == "ValidationError");
  CHECK(db.err("TransactWriteItems", transact({event("a", "4", R"J(,"day":{"S":""})J")})).find(
            "ValidationException: One or more parameter values are not valid. A value specified for a secondary "
            "index key is not supported.") == 0);
  CHECK(db.err("TransactWriteItems", transact({R"J({"Update":{"TableName":"Events","Key":{"pk":{"S":"a"},"sk":{"S":"5"}},
      "UpdateExpression":"SET kind = :v","ExpressionAttributeValues":{":v":{"S":""}}}})J"})).find(
            "A value specified for a secondary index key is not supported") != std::string::npos);
  CHECK(db.ok("Query", R"J({"TableName":"Events","KeyConditionExpression":"pk = :a",
      "ExpressionAttributeValues":{":a":{"S":"a"}}})J")["Count"].GetInt() == 0);

  // A transaction maintains the indexes of what it writes.
  db.ok("TransactWriteItems", transact({event("a", "1", R"J(,"day":{"S":"mon"},"kind":{"S":"click"})J"),
                                        event("b", "1", R"J(,"kind":{"S":"click"})J")}));
  CHECK(db.ok("Query", R"J({"TableName":"Events","IndexName":"byKind","KeyConditionExpression":"kind = :k",
      "ExpressionAttributeValues":{":k":{"S":"click"}}})J")["Count"].GetInt() == 2);
}

TEST_CASE("ReturnItemCollectionMetrics=SIZE reports the collections of tables with a local index", "[api][transaction][batch]") {
  TestDb db;
  createIndexed(db);
  db.createTable("Plain");
  auto r = db.ok("TransactWriteItems", transact({event("a", "1", R"J(,"day":{"S":"mon"})J"), event("a", "2", ""),
      event("b", "1", ""), put("Plain", "p")}, R"J(,"ReturnItemCollectionMetrics":"SIZE")J"));
  REQUIRE(r.HasMember("ItemCollectionMetrics"));
  CHECK_FALSE(r["ItemCollectionMetrics"].HasMember("Plain"));
  const auto& events = r["ItemCollectionMetrics"]["Events"];
  REQUIRE(events.Size() == 2);  // one per collection: partitions a and b
  CHECK(std::string(events[0]["ItemCollectionKey"]["pk"]["S"].GetString()) == "a");
  CHECK(events[0]["ItemCollectionKey"].MemberCount() == 1);
  CHECK(events[0]["SizeEstimateRangeGB"][0].GetDouble() == 0.0);
  CHECK(events[0]["SizeEstimateRangeGB"][1].GetDouble() == 1.0);
  CHECK_FALSE(db.ok("TransactWriteItems", transact({put("Plain", "q")}, R"J(,"ReturnItemCollectionMetrics":"SIZE")J"))
                  .HasMember("ItemCollectionMetrics"));

  auto b = db.ok("BatchWriteItem", R"J({"RequestItems":{"Events":[{"DeleteRequest":{"Key":{"pk":{"S":"b"},"sk":{"S":"1"}}}}],
    "Plain":[{"PutRequest":{"Item":{"pk":{"S":"z"}}}}]},"ReturnItemCollectionMetrics":"SIZE"})J");
  REQUIRE(b["ItemCollectionMetrics"]["Events"].Size() == 1);
  CHECK(std::string(b["ItemCollectionMetrics"]["Events"][0]["ItemCollectionKey"]["pk"]["S"].GetString()) == "b");
  CHECK_FALSE(db.ok("BatchWriteItem", R"J({"RequestItems":{"Events":[{"DeleteRequest":{"Key":{"pk":{"S":"c"},"sk":{"S":"1"}}}}]}})J")
                  .HasMember("ItemCollectionMetrics"));
}
