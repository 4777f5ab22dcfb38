// ExecuteStatement, BatchExecuteStatement and ExecuteTransaction through Engine::execute.
#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "api/test_db.h"

using shoal::JsonDocument;
using shoal::JsonValue;
using shoal::testing::TestDb;

namespace {

// {"Statement": text[, "Parameters": params][, more members]}
std::string statement(const std::string& text, const std::string& params = "", const std::string& more = "") {
  rapidjson::StringBuffer buf;
  shoal::JsonWriter w(buf);
  w.String(text.c_str());
  std::string body = std::string(R"({"Statement":)") + buf.GetString();
  if (!params.empty()) body += R"(,"Parameters":)" + params;
  if (!more.empty()) body += "," + more;
  return body + "}";
}

JsonDocument run(TestDb& db, const std::string& text, const std::string& params = "", const std::string& more = "") {
  return db.ok("ExecuteStatement", statement(text, params, more));
}

std::string fails(TestDb& db, const std::string& text, const std::string& params = "", const std::string& more = "") {
  return db.err("ExecuteStatement", statement(text, params, more));
}

// The S values of attribute `name` in Items (or "-" where absent), in order.
std::vector<std::string> column(const JsonValue& items, const char* name) {
  std::vector<std::string> out;
  for (const JsonValue& item : items.GetArray()) {
    if (!item.HasMember(name)) {
      out.push_back("-");
    } else if (item[name].HasMember("S")) {
      out.push_back(item[name]["S"].GetString());
    } else {
      out.push_back(item[name]["N"].GetString());
    }
  }
  return out;
}

std::string getItem(TestDb& db, const std::string& table, const std::string& key) {
  JsonDocument d = db.ok("GetItem", R"({"TableName":")" + table + R"(","Key":)" + key + "}");
  if (!d.HasMember("Item")) return "none";
  rapidjson::StringBuffer buf;
  shoal::JsonWriter w(buf);
  d["Item"].Accept(w);
  return buf.GetString();
}

// Partitions a, b, c of "Orders" (pk S, sk N), sk 1..3 each, with a few attributes.
void fillOrders(TestDb& db) {
  db.createTable("Orders", "N");
  for (const char* pk : {"a", "b", "c"})
    for (int sk = 1; sk <= 3; ++sk)
      run(db, "INSERT INTO Orders VALUE {'pk': ?, 'sk': ?, 'total': ?, 'tags': <<'x', 'y'>>, 'm': {'l': [1, 2]}}",
          std::string(R"([{"S":")") + pk + R"("},{"N":")" + std::to_string(sk) + R"("},{"N":")" +
              std::to_string(sk * 10) + R"("}])");
}

using V = std::vector<std::string>;

}  // namespace

TEST_CASE("PartiQL INSERT writes a new item and refuses an existing key", "[partiql][api]") {
  TestDb db;
  db.createTable("Music", "S");
  JsonDocument r = run(db, "INSERT INTO \"Music\" VALUE {'pk': 'Acme', 'sk': 'Rocks', 'year': 2020, 'ok': true}");
  CHECK(r["Items"].Size() == 0);
  CHECK(getItem(db, "Music", R"({"pk":{"S":"Acme"},"sk":{"S":"Rocks"}})") ==
        R"({"ok":{"BOOL":true},"pk":{"S":"Acme"},"sk":{"S":"Rocks"},"year":{"N":"2020"}})");
  CHECK(fails(db, "INSERT INTO Music VALUE {'pk': 'Acme', 'sk': 'Rocks'}") ==
        "DuplicateItemException: Duplicate primary key exists in table");
  CHECK(fails(db, "INSERT INTO Music VALUE {'pk': 'Acme'}") ==
        "ValidationException: One or more parameter values were invalid: Missing the key sk in the item");
  CHECK(fails(db, "INSERT INTO Nope VALUE {'pk': 'a'}").rfind("ResourceNotFoundException: ", 0) == 0);
}

TEST_CASE("PartiQL SELECT with the partition key reads that partition, as Query does", "[partiql][api]") {
  TestDb db;
  fillOrders(db);
  JsonDocument all = run(db, "SELECT * FROM Orders WHERE pk = 'b'");
  CHECK(column(all["Items"], "sk") == V{"1", "2", "3"});
  CHECK_FALSE(all.HasMember("NextToken"));

  // Limit counts items read: through the partition, the first two of 'c'; a Scan would have
  // read two items of 'a' and matched none.
  JsonDocument page = run(db, "SELECT sk FROM Orders WHERE pk = 'c'", "", R"("Limit":2)");
  CHECK(column(page["Items"], "sk") == V{"1", "2"});
  REQUIRE(page.HasMember("NextToken"));
  CHECK(page["LastEvaluatedKey"]["sk"]["N"].GetString() == std::string("2"));
  JsonDocument rest = run(db, "SELECT sk FROM Orders WHERE pk = 'c'", "",
                          std::string(R"("Limit":2,"NextToken":")") + page["NextToken"].GetString() + "\"");
  CHECK(column(rest["Items"], "sk") == V{"3"});

  CHECK(column(run(db, "SELECT sk FROM Orders WHERE pk = 'a' AND sk >= 2")["Items"], "sk") == V{"2", "3"});
  CHECK(column(run(db, "SELECT sk FROM Orders WHERE pk = 'a' AND sk BETWEEN 1 AND 2 ORDER BY sk DESC")["Items"],
               "sk") == V{"2", "1"});
  CHECK(column(run(db, "SELECT sk FROM Orders WHERE pk = 'a' AND sk <> 2")["Items"], "sk") == V{"1", "3"});
  CHECK(column(run(db, "SELECT sk FROM Orders WHERE pk = 'a' AND (sk = 1 OR sk = 3)")["Items"], "sk") == V{"1", "3"});
  CHECK(column(run(db, "SELECT sk FROM Orders WHERE pk = 'a' AND sk = 2 AND total > 10")["Items"], "sk") == V{"2"});
  CHECK(run(db, "SELECT * FROM Orders WHERE pk = 'zz'")["Items"].Size() == 0);

  CHECK(fails(db, "SELECT * FROM Orders WHERE pk = 1") ==
        "ValidationException: Key attribute's data type should match its data type in table's schema: Key pk");
  CHECK(fails(db, "SELECT * FROM Orders ORDER BY sk") ==
        "ValidationException: Must have WHERE clause in the statement when using ORDER BY clause.");
  CHECK(fails(db, "SELECT * FROM Orders WHERE pk = 'a' ORDER BY total") ==
        "ValidationException: Attribute total in ORDER BY clause must be part of the primary key");
  CHECK(fails(db, "SELECT * FROM Orders WHERE pk > 'a' ORDER BY sk") ==
        "ValidationException: Must have at least one non-optional hash key condition in WHERE clause when using ORDER "
        "BY clause.");
}

TEST_CASE("PartiQL SELECT without the partition key scans with the WHERE as filter, paging by NextToken",
          "[partiql][api]") {
  TestDb db;
  fillOrders(db);
  CHECK(column(run(db, "SELECT pk, sk FROM Orders WHERE total >= 20 AND sk < 3")["Items"], "pk") == V{"a", "b", "c"});
  CHECK(run(db, "SELECT * FROM Orders")["Items"].Size() == 9);
  CHECK(column(run(db, "SELECT pk FROM Orders WHERE pk = 'a' OR pk = 'c'")["Items"], "pk").size() == 6);
  CHECK(column(run(db, "SELECT sk FROM Orders WHERE pk IN ['b'] AND sk = 2")["Items"], "sk") == V{"2"});

  // Limit 2 over 9 items: pages of at most two evaluated items, the filter keeping sk = 3 only.
  std::vector<std::string> seen;
  std::string more;
  int pages = 0;
  for (;;) {
    JsonDocument page = run(db, "SELECT pk FROM Orders WHERE sk = 3", "", R"("Limit":2)" + more);
    for (const std::string& pk : column(page["Items"], "pk")) seen.push_back(pk);
    ++pages;
    if (!page.HasMember("NextToken")) break;
    more = std::string(R"(,"NextToken":")") + page["NextToken"].GetString() + "\"";
  }
  CHECK(seen == V{"a", "b", "c"});
  CHECK(pages == 5);

  // A token belongs to its statement and parameters.
  JsonDocument first = run(db, "SELECT * FROM Orders WHERE total > ?", R"([{"N":"0"}])", R"("Limit":1)");
  std::string token = first["NextToken"].GetString();
  CHECK(fails(db, "SELECT * FROM Orders WHERE total > ?", R"([{"N":"1"}])", "\"NextToken\":\"" + token + "\"") ==
        "ValidationException: NextToken does not match request");
  CHECK(fails(db, "SELECT * FROM Orders", "", "\"NextToken\":\"" + token + "\"") ==
        "ValidationException: NextToken does not match request");
  CHECK(fails(db, "SELECT * FROM Orders", "", R"("NextToken":"garbage")") == "ValidationException: Invalid NextToken");
}

TEST_CASE("PartiQL SELECT reads nested paths and names columns after their last name", "[partiql][api]") {
  TestDb db;
  fillOrders(db);
  JsonDocument r = run(db, "SELECT m.l[1], tags, nope FROM Orders WHERE pk = 'a' AND sk = 1");
  REQUIRE(r["Items"].Size() == 1);
  const JsonValue& item = r["Items"][0];
  CHECK(item.MemberCount() == 2);
  CHECK(item["l[1]"]["N"].GetString() == std::string("2"));
  CHECK(item["tags"]["SS"].Size() == 2);
  CHECK(column(run(db, "SELECT sk FROM Orders WHERE pk = 'a' AND m.l[0] = 1 AND m.l[1] > 1")["Items"], "sk").size() ==
        3);
}

TEST_CASE("PartiQL functions and IS tests run in the expression engine", "[partiql][api]") {
  TestDb db;
  db.createTable("Docs");
  run(db, "INSERT INTO Docs VALUE {'pk': 'd1', 'title': 'partiql rocks', 'tags': <<'db', 'sql'>>, 'n': null, "
          "'list': [1, 2, 3], 'num': 5}");
  run(db, "INSERT INTO Docs VALUE {'pk': 'd2', 'title': 'other', 'num': 'five'}");
  auto pks = [&](const std::string& where) {
    std::vector<std::string> out = column(run(db, "SELECT pk FROM Docs WHERE " + where)["Items"], "pk");
    std::sort(out.begin(), out.end());
    return out;
  };
  CHECK(pks("begins_with(title, 'part')") == V{"d1"});
  CHECK(pks("contains(title, 'the')") == V{"d2"});
  CHECK(pks("contains(tags, 'sql')") == V{"d1"});
  CHECK(pks("size(list) = 3") == V{"d1"});
  CHECK(pks("size(title) > 5") == V{"d1"});
  CHECK(pks("attribute_type(num, 'S')") == V{"d2"});
  CHECK(pks("num IS NUMERIC") == V{"d1"});
  CHECK(pks("tags IS MISSING") == V{"d2"});
  CHECK(pks("tags IS NOT MISSING") == V{"d1"});
  CHECK(pks("n IS NULL") == V{"d1"});
  CHECK(pks("n IS NOT NULL") == V{"d2"});
  CHECK(pks("NOT contains(title, 'rocks') AND num <> 5") == V{"d2"});
  CHECK(fails(db, "SELECT * FROM Docs WHERE attribute_type(num, 'X')") ==
        "ValidationException: Invalid attribute type name found; type: X, valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}");
  CHECK(fails(db, "SELECT pk FROM Docs WHERE pk = 'd1' AND num < ?", R"([{"BOOL":true}])") ==
        "ValidationException: Incorrect operand type for operator or function; operator or function: <, operand type: "
        "BOOL");
  CHECK(fails(db, "SELECT * FROM Docs WHERE attribute_exists('m')") ==
        "ValidationException: Operator or function requires a document path; operator or function: attribute_exists");
}

TEST_CASE("PartiQL UPDATE needs the whole key and an existing item", "[partiql][api]") {
  TestDb db;
  fillOrders(db);
  JsonDocument r = run(db,
                       "UPDATE Orders SET total = total + 5 SET m.l[0] = 'first' SET tags = set_add(tags, <<'z'>>) "
                       "REMOVE m.l[1] WHERE pk = 'a' AND sk = 1 RETURNING ALL NEW *");
  REQUIRE(r["Items"].Size() == 1);
  CHECK(r["Items"][0]["total"]["N"].GetString() == std::string("15"));
  CHECK(
      getItem(db, "Orders", R"({"pk":{"S":"a"},"sk":{"N":"1"}})") ==
      R"({"m":{"M":{"l":{"L":[{"S":"first"}]}}},"pk":{"S":"a"},"sk":{"N":"1"},"tags":{"SS":["x","y","z"]},"total":{"N":"15"}})");
  JsonDocument modified = run(db, "UPDATE Orders SET total = 1 WHERE pk = 'a' AND sk = 1 RETURNING MODIFIED OLD *");
  CHECK(modified["Items"][0].MemberCount() == 1);
  CHECK(modified["Items"][0]["total"]["N"].GetString() == std::string("15"));

  CHECK(fails(db, "UPDATE Orders SET total = 1 WHERE pk = 'a'") ==
        "ValidationException: Where clause does not contain a mandatory equality on all key attributes");
  CHECK(fails(db, "UPDATE Orders SET total = 1 WHERE total = 1") ==
        "ValidationException: Where clause does not contain a mandatory equality on all key attributes");
  CHECK(fails(db, "UPDATE Orders SET total = 1 WHERE pk = 'a' AND sk = 1 AND pk = 'b'") ==
        "ValidationException: Multiple conditions on same key pk. Only single item Update/Insert/Delete are supported");
  CHECK(fails(db, "UPDATE Orders SET total = 1 WHERE pk = 'zz' AND sk = 1") ==
        "ConditionalCheckFailedException: The conditional request failed");
  CHECK(getItem(db, "Orders", R"({"pk":{"S":"zz"},"sk":{"N":"1"}})") == "none");
  CHECK(fails(db, "UPDATE Orders SET total = 99 WHERE pk = 'a' AND sk = 1 AND total > 100") ==
        "ConditionalCheckFailedException: The conditional request failed");
  CHECK(fails(db, "UPDATE Orders SET pk = 'q' WHERE pk = 'a' AND sk = 1") ==
        "ValidationException: One or more parameter values were invalid: Cannot update attribute pk. This attribute is "
        "part of the key");
  CHECK(fails(db, "UPDATE Orders SET a = 1, a = 2 WHERE pk = 'a' AND sk = 1").rfind(
            "ValidationException: Two document paths overlap with each other", 0) == 0);
  CHECK(fails(db, "UPDATE Orders SET total = 1 WHERE pk = 'a' AND sk = 'x'") ==
        "ValidationException: The provided key element does not match the schema");

  JsonDocument d = db.errDoc("ExecuteStatement", statement("UPDATE Orders SET total = 2 WHERE pk = 'a' AND sk = 2 AND "
                                                          "total = 0",
                                                          "", R"("ReturnValuesOnConditionCheckFailure":"ALL_OLD")"));
  CHECK(d["Item"]["total"]["N"].GetString() == std::string("20"));
}

TEST_CASE("PartiQL DELETE needs the whole key; a missing item is success", "[partiql][api]") {
  TestDb db;
  fillOrders(db);
  JsonDocument r = run(db, "DELETE FROM Orders WHERE pk = 'a' AND sk = 1 RETURNING ALL OLD *");
  CHECK(r["Items"][0]["total"]["N"].GetString() == std::string("10"));
  CHECK(getItem(db, "Orders", R"({"pk":{"S":"a"},"sk":{"N":"1"}})") == "none");
  CHECK(run(db, "DELETE FROM Orders WHERE pk = 'a' AND sk = 1")["Items"].Size() == 0);
  CHECK(run(db, "DELETE FROM Orders WHERE pk = 'a' AND sk = 1 AND total = 5")["Items"].Size() == 0);
  CHECK(fails(db, "DELETE FROM Orders WHERE pk = 'a' AND sk = 2 AND total = 5") ==
        "ConditionalCheckFailedException: The conditional request failed");
  run(db, "DELETE FROM Orders WHERE pk = 'a' AND sk = 2 AND total = 20");
  CHECK(getItem(db, "Orders", R"({"pk":{"S":"a"},"sk":{"N":"2"}})") == "none");
  CHECK(fails(db, "DELETE FROM Orders WHERE pk = 'a'") ==
        "ValidationException: Where clause does not contain a mandatory equality on all key attributes");
}

TEST_CASE("PartiQL parameters bind to every kind of statement", "[partiql][api]") {
  TestDb db;
  db.createTable("Params", "N");
  run(db, "INSERT INTO Params VALUE {'pk': ?, 'sk': ?, 'v': ?, 'b': ?}",
      R"([{"S":"p"},{"N":"1"},{"L":[{"S":"x"}]},{"B":"AAE="}])");
  run(db, "UPDATE Params SET v = list_append(v, ?) WHERE pk = ? AND sk = ?",
      R"([{"L":[{"S":"y"}]},{"S":"p"},{"N":"1"}])");
  JsonDocument r = run(db, "SELECT v[1], b FROM Params WHERE pk = ? AND sk = ?", R"([{"S":"p"},{"N":"1"}])");
  CHECK(r["Items"][0]["v[1]"]["S"].GetString() == std::string("y"));
  CHECK(r["Items"][0]["b"]["B"].GetString() == std::string("AAE="));
  CHECK(fails(db, "SELECT * FROM Params WHERE pk = ?") ==
        "ValidationException: Number of parameters in request and statement don't match.");
  CHECK(fails(db, "SELECT * FROM Params WHERE pk = ?", "[]") ==
        "ValidationException: 1 validation error detected: Value '[]' at 'parameters' failed to satisfy constraint: "
        "Member must have length greater than or equal to 1");
  run(db, "DELETE FROM Params WHERE pk = ? AND sk = ?", R"([{"S":"p"},{"N":"1"}])");
  CHECK(run(db, "SELECT * FROM Params")["Items"].Size() == 0);
}

TEST_CASE("PartiQL SELECT through a secondary index", "[partiql][api]") {
  TestDb db;
  db.ok("CreateTable", R"({"TableName":"Idx","BillingMode":"PAY_PER_REQUEST",
    "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],
    "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"g","AttributeType":"S"},
      {"AttributeName":"r","AttributeType":"N"}],
    "GlobalSecondaryIndexes":[{"IndexName":"ByG","KeySchema":[{"AttributeName":"g","KeyType":"HASH"},
      {"AttributeName":"r","KeyType":"RANGE"}],"Projection":{"ProjectionType":"INCLUDE","NonKeyAttributes":["p"]}}]})");
  for (int i = 0; i < 4; ++i)
    run(db, "INSERT INTO Idx VALUE {'pk': ?, 'g': ?, 'r': ?, 'p': 'proj', 'np': 'hidden'}",
        R"([{"S":"k)" + std::to_string(i) + R"("},{"S":")" + (i % 2 ? "odd" : "even") + R"("},{"N":")" +
            std::to_string(i) + R"("}])");
  JsonDocument r = run(db, "SELECT * FROM \"Idx\".\"ByG\" WHERE g = 'odd' ORDER BY r DESC");
  CHECK(column(r["Items"], "pk") == V{"k3", "k1"});
  CHECK(column(r["Items"], "np") == V{"-", "-"});
  CHECK(column(r["Items"], "p") == V{"proj", "proj"});
  CHECK(column(run(db, "SELECT pk FROM \"Idx\".\"ByG\" WHERE r >= 2")["Items"], "pk").size() == 2);
  CHECK(fails(db, "SELECT * FROM \"Idx\".\"Nope\" WHERE g = 'odd'") ==
        "ValidationException: The table does not have the specified index");
  CHECK(fails(db, "SELECT * FROM \"Idx\".\"ByG\" WHERE g = 'odd'", "", R"("ConsistentRead":true)") ==
        "ValidationException: Strongly consistent read is not supported on Global Secondary Indexes");
  CHECK(fails(db, "SELECT np FROM \"Idx\".\"ByG\" WHERE g = 'odd'") ==
        "ValidationException: One or more parameter values were invalid: Global secondary index ByG does not project "
        "[np]");
  CHECK(fails(db, "SELECT pk FROM \"Idx\".\"ByG\" WHERE g = 'odd' AND np = 'x'") ==
        "ValidationException: One or more parameter values were invalid: Secondary index ByG does not project one or "
        "more filter attributes: [np]");
  CHECK(fails(db, "UPDATE \"Idx\".\"ByG\" SET a = 1 WHERE pk = 'k1'") ==
        "ValidationException: This operation is not supported on an index");
}

TEST_CASE("ExecuteStatement request members and statement limits", "[partiql][api]") {
  TestDb db;
  db.createTable("Lim");
  CHECK(db.err("ExecuteStatement", "{}") ==
        "ValidationException: 1 validation error detected: Value null at 'statement' failed to satisfy constraint: "
        "Member must not be null");
  std::string big = "SELECT * FROM Lim WHERE pk = '" + std::string(8200, 'x') + "'";
  CHECK(fails(db, big).find("Member must have length less than or equal to 8192") != std::string::npos);
  CHECK(fails(db, "SELECT * FROM Lim", "", R"("Limit":0)").find("Member must have value greater than or equal to 1") !=
        std::string::npos);
  CHECK(fails(db, "EXISTS(SELECT * FROM Lim WHERE pk = 'a' AND x = 1)") ==
        "ValidationException: EXISTS can only be used in ExecuteTransaction write requests.");
  CHECK(fails(db, "SELECT * FROM Nope WHERE pk = 'a'").rfind("ResourceNotFoundException: ", 0) == 0);
  JsonDocument cap = run(db, "SELECT * FROM Lim", "", R"("ReturnConsumedCapacity":"TOTAL")");
  CHECK(cap["ConsumedCapacity"]["TableName"].GetString() == std::string("Lim"));
  JsonDocument wcap = run(db, "INSERT INTO Lim VALUE {'pk': 'a'}", "", R"("ReturnConsumedCapacity":"TOTAL")");
  CHECK(wcap["ConsumedCapacity"]["CapacityUnits"].GetDouble() == 1.0);
}

TEST_CASE("BatchExecuteStatement answers each statement on its own", "[partiql][api]") {
  TestDb db;
  db.createTable("Batch", "N");
  run(db, "INSERT INTO Batch VALUE {'pk': 'a', 'sk': 1, 'v': 1}");
  JsonDocument w = db.ok("BatchExecuteStatement", R"J({"Statements":[
    {"Statement":"INSERT INTO Batch VALUE {'pk': 'b', 'sk': 1}"},
    {"Statement":"INSERT INTO Batch VALUE {'pk': 'a', 'sk': 1}"},
    {"Statement":"UPDATE Batch SET v = v + 1 WHERE pk = ? AND sk = 1","Parameters":[{"S":"a"}]},
    {"Statement":"UPDATE Batch SET v = 1 WHERE pk = 'a'"},
    {"Statement":"DELETE FROM Batch WHERE pk = 'b' AND sk = 1 AND v = 3"},
    {"Statement":"SELEC oops"}],"ReturnConsumedCapacity":"TOTAL"})J");
  const JsonValue& r = w["Responses"];
  REQUIRE(r.Size() == 6);
  CHECK_FALSE(r[0].HasMember("Error"));
  CHECK(r[0]["TableName"].GetString() == std::string("Batch"));
  CHECK(r[1]["Error"]["Code"].GetString() == std::string("DuplicateItem"));
  CHECK(r[1]["Error"]["Message"].GetString() == std::string("Duplicate primary key exists in table"));
  CHECK_FALSE(r[2].HasMember("Error"));
  CHECK(r[3]["Error"]["Code"].GetString() == std::string("ValidationError"));
  CHECK(r[3]["Error"]["Message"].GetString() ==
        std::string("Where clause does not contain a mandatory equality on all key attributes"));
  CHECK(r[4]["Error"]["Code"].GetString() == std::string("ConditionalCheckFailed"));
  CHECK(r[5]["Error"]["Code"].GetString() == std::string("ValidationError"));
  CHECK(w["ConsumedCapacity"][0]["TableName"].GetString() == std::string("Batch"));
  CHECK(getItem(db, "Batch", R"({"pk":{"S":"a"},"sk":{"N":"1"}})").find(R"("v":{"N":"2"})") != std::string::npos);
  CHECK(getItem(db, "Batch", R"({"pk":{"S":"b"},"sk":{"N":"1"}})") != "none");

  JsonDocument reads = db.ok("BatchExecuteStatement", R"J({"Statements":[
    {"Statement":"SELECT v FROM Batch WHERE pk = 'a' AND sk = 1"},
    {"Statement":"SELECT * FROM Batch WHERE pk = 'zz' AND sk = 1"},
    {"Statement":"SELECT * FROM Batch WHERE pk = 'a'"},
    {"Statement":"SELECT * FROM Batch WHERE pk = 'a' AND sk = 1 AND v = 2"},
    {"Statement":"SELECT * FROM Nope WHERE pk = 'a' AND sk = 1"}]})J");
  const JsonValue& rr = reads["Responses"];
  CHECK(rr[0]["Item"]["v"]["N"].GetString() == std::string("2"));
  CHECK(rr[0]["Item"].MemberCount() == 1);
  CHECK_FALSE(rr[1].HasMember("Item"));
  CHECK_FALSE(rr[1].HasMember("Error"));
  const std::string needsKey =
      "Select statements within BatchExecuteStatement must specify the primary key in the where clause.";
  CHECK(rr[2]["Error"]["Message"].GetString() == needsKey);
  CHECK(rr[3]["Error"]["Message"].GetString() == needsKey);
  CHECK(rr[4]["Error"]["Code"].GetString() == std::string("ResourceNotFound"));

  CHECK(
      db.err("BatchExecuteStatement", R"J({"Statements":[{"Statement":"SELECT * FROM Batch WHERE pk = 'a' AND sk = 1"},
    {"Statement":"DELETE FROM Batch WHERE pk = 'a' AND sk = 1"}]})J")
          .rfind("ValidationException: ", 0) == 0);
  std::string many = R"({"Statements":[)";
  for (int i = 0; i < 26; ++i) many += std::string(i ? "," : "") + R"({"Statement":"SELECT * FROM Batch"})";
  CHECK(db.err("BatchExecuteStatement", many + "]}").find("Member must have length less than or equal to 25") !=
        std::string::npos);
}

TEST_CASE("ExecuteTransaction writes all statements or none", "[partiql][api]") {
  TestDb db;
  db.createTable("Txn", "N");
  run(db, "INSERT INTO Txn VALUE {'pk': 'a', 'sk': 1, 'v': 1}");
  run(db, "INSERT INTO Txn VALUE {'pk': 'a', 'sk': 2}");
  db.ok("ExecuteTransaction", R"J({"TransactStatements":[
    {"Statement":"INSERT INTO Txn VALUE {'pk': 'b', 'sk': 1, 'v': 10}"},
    {"Statement":"UPDATE Txn SET v = v + 1 WHERE pk = 'a' AND sk = 1"},
    {"Statement":"EXISTS(SELECT * FROM Txn WHERE pk = 'a' AND sk = 2 AND w IS MISSING)"}]})J");
  CHECK(getItem(db, "Txn", R"({"pk":{"S":"a"},"sk":{"N":"1"}})").find(R"("v":{"N":"2"})") != std::string::npos);
  CHECK(getItem(db, "Txn", R"({"pk":{"S":"b"},"sk":{"N":"1"}})") != "none");

  // The EXISTS fails: nothing is written.
  JsonDocument e = db.errDoc("ExecuteTransaction", R"J({"TransactStatements":[
    {"Statement":"INSERT INTO Txn VALUE {'pk': 'c', 'sk': 1}"},
    {"Statement":"EXISTS(SELECT * FROM Txn WHERE pk = 'a' AND sk = 2 AND v = 100)"},
    {"Statement":"DELETE FROM Txn WHERE pk = 'b' AND sk = 1"}]})J");
  CHECK(e["__type"].GetString() == std::string("com.amazonaws.dynamodb.v20120810#TransactionCanceledException"));
  CHECK(e["Message"].GetString() ==
        std::string("Transaction cancelled, please refer cancellation reasons for specific reasons [None, "
                    "ConditionalCheckFailed, None]"));
  CHECK(getItem(db, "Txn", R"({"pk":{"S":"c"},"sk":{"N":"1"}})") == "none");
  CHECK(getItem(db, "Txn", R"({"pk":{"S":"b"},"sk":{"N":"1"}})") != "none");

  JsonDocument dup = db.errDoc("ExecuteTransaction", R"J({"TransactStatements":[
    {"Statement":"INSERT INTO Txn VALUE {'pk': 'a', 'sk': 1}"},
    {"Statement":"UPDATE Txn SET w = 1 WHERE pk = 'b' AND sk = 1"}]})J");
  CHECK(dup["CancellationReasons"][0]["Code"].GetString() == std::string("DuplicateItem"));
  CHECK(dup["CancellationReasons"][0]["Message"].GetString() == std::string("Duplicate primary key exists in table"));
  CHECK(dup["CancellationReasons"][1]["Code"].GetString() == std::string("None"));

  JsonDocument keys = db.errDoc("ExecuteTransaction", R"J({"TransactStatements":[
    {"Statement":"UPDATE Txn SET w = 1 WHERE pk = 'a'"},
    {"Statement":"UPDATE Txn SET w = 1 WHERE pk = 'b' AND sk = 1"}]})J");
  CHECK(keys["CancellationReasons"][0]["Code"].GetString() == std::string("ValidationError"));
  CHECK(keys["CancellationReasons"][0]["Message"].GetString() ==
        std::string("The provided key element does not match the schema"));

  JsonDocument missing = db.errDoc("ExecuteTransaction", R"J({"TransactStatements":[
    {"Statement":"UPDATE Nope SET w = 1 WHERE pk = 'a' AND sk = 1"},
    {"Statement":"UPDATE Txn SET w = 1 WHERE pk = 'b' AND sk = 1"}]})J");
  CHECK(missing["CancellationReasons"][0]["Code"].GetString() == std::string("ResourceNotFound"));

  CHECK(db.err("ExecuteTransaction", R"J({"TransactStatements":[
    {"Statement":"UPDATE Txn SET w = 1 WHERE pk = 'b' AND sk = 1"},
    {"Statement":"UPDATE Txn SET w = 1 WHERE pk = 'a' AND sk = 1 RETURNING ALL NEW *"}]})J") ==
        "ValidationException: Validation failed in TransactStatements[1]: RETURNING clause is not supported in "
        "ExecuteTransaction.");
  CHECK(db.err("ExecuteTransaction", R"J({"TransactStatements":[{"Statement":"SELECT * FROM Txn WHERE"}]})J") ==
        "ValidationException: Validation failed in TransactStatements[0]: Statement wasn't well formed, can't be "
        "processed: Unexpected term");
  CHECK(db.err("ExecuteTransaction", R"J({"TransactStatements":[
    {"Statement":"EXISTS(SELECT * FROM Txn WHERE pk = 'a' AND sk = 1)"},
    {"Statement":"UPDATE Txn SET w = 1 WHERE pk = 'b' AND sk = 1"}]})J") ==
        "ValidationException: Validation failed in TransactStatements[0]: EXISTS() must contain a single item read "
        "with additional condition");
  CHECK(db.err("ExecuteTransaction", R"J({"TransactStatements":[
    {"Statement":"SELECT * FROM Txn WHERE pk = 'a' AND sk = 1"},
    {"Statement":"UPDATE Txn SET w = 1 WHERE pk = 'b' AND sk = 1"}]})J") ==
        "ValidationException: ExecuteTransaction API does not support both read and write operations in the same "
        "request.");
  CHECK(db.err("ExecuteTransaction", R"J({"TransactStatements":[
    {"Statement":"UPDATE Txn SET w = 1 WHERE pk = 'b' AND sk = 1"},
    {"Statement":"DELETE FROM Txn WHERE sk = 1 AND pk = 'b'"}]})J") ==
        "ValidationException: Transaction request cannot include multiple operations on one item");
}

TEST_CASE("ExecuteTransaction reads items by their whole key", "[partiql][api]") {
  TestDb db;
  db.createTable("TxR", "N");
  run(db, "INSERT INTO TxR VALUE {'pk': 'a', 'sk': 1, 'v': 1, 'w': 2}");
  JsonDocument r = db.ok("ExecuteTransaction", R"J({"TransactStatements":[
    {"Statement":"SELECT v FROM TxR WHERE pk = ? AND sk = 1","Parameters":[{"S":"a"}]},
    {"Statement":"SELECT * FROM TxR WHERE pk IN ['b'] AND sk IN [1]"}],"ReturnConsumedCapacity":"TOTAL"})J");
  REQUIRE(r["Responses"].Size() == 2);
  CHECK(r["Responses"][0]["Item"].MemberCount() == 1);
  CHECK(r["Responses"][0]["Item"]["v"]["N"].GetString() == std::string("1"));
  CHECK(r["Responses"][1].ObjectEmpty());
  CHECK(r.HasMember("ConsumedCapacity"));
  CHECK(
      db.err("ExecuteTransaction", R"J({"TransactStatements":[{"Statement":"SELECT * FROM TxR WHERE pk = 'a'"}]})J") ==
      "ValidationException: Validation failed in TransactStatements[0]: Select statements within ExecuteTransaction "
      "must specify the primary key in the where clause.");
  CHECK(db.err("ExecuteTransaction",
               R"J({"TransactStatements":[{"Statement":"SELECT * FROM \"TxR\".\"i\" WHERE pk = 'a' AND sk = 1"}]})J") ==
        "ValidationException: Validation failed in TransactStatements[0]: Reads on indices are not supported within "
        "transactions.");
}
