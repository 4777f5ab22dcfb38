// UpdateContinuousBackups, DescribeContinuousBackups and RestoreTableToPointInTime through
// Engine::execute, the engine's clock moved by hand (TestDb::now), and the history's own rules.
#include <catch2/catch_test_macros.hpp>

#include <algorithm>

#include "api/test_db.h"
#include "backup/point_in_time_history.h"

using shoal::testing::TestDb;

namespace {

std::string str(const shoal::JsonValue& v) { return std::string(v.GetString(), v.GetStringLength()); }

const std::string kEnable =
    R"({"TableName":"Tbl","PointInTimeRecoverySpecification":{"PointInTimeRecoveryEnabled":true}})";

void put(TestDb& db, const std::string& pk, const std::string& v) {
  db.ok("PutItem", R"({"TableName":"Tbl","Item":{"pk":{"S":")" + pk + R"("},"v":{"S":")" + v + R"("}}})");
}

// The table's items as "pk=v" strings, in key order.
std::vector<std::string> items(TestDb& db, const std::string& table) {
  auto r = db.ok("Scan", R"({"TableName":")" + table + R"(","ConsistentRead":true})");
  std::vector<std::string> out;
  for (const auto& i : r["Items"].GetArray())
    out.push_back(str(i["pk"]["S"]) + "=" + (i.HasMember("v") ? str(i["v"]["S"]) : std::string("-")));
  std::sort(out.begin(), out.end());
  return out;
}

std::string restoreAt(const std::string& target, double seconds) {
  return R"({"SourceTableName":"Tbl","TargetTableName":")" + target + R"(","RestoreDateTime":)" +
         std::to_string(seconds) + "}";
}

using Items = std::vector<std::string>;

}  // namespace

TEST_CASE("DescribeContinuousBackups reports point-in-time recovery off, then on with its range", "[pitr]") {
  TestDb db;
  db.createTable("Tbl");
  auto d = db.ok("DescribeContinuousBackups", R"({"TableName":"Tbl"})");
  CHECK(str(d["ContinuousBackupsDescription"]["ContinuousBackupsStatus"]) == "ENABLED");
  const auto& off = d["ContinuousBackupsDescription"]["PointInTimeRecoveryDescription"];
  CHECK(str(off["PointInTimeRecoveryStatus"]) == "DISABLED");
  CHECK_FALSE(off.HasMember("EarliestRestorableDateTime"));

  auto u = db.ok("UpdateContinuousBackups", kEnable);
  const auto& on = u["ContinuousBackupsDescription"]["PointInTimeRecoveryDescription"];
  CHECK(str(on["PointInTimeRecoveryStatus"]) == "ENABLED");
  CHECK(on["RecoveryPeriodInDays"].GetInt() == 35);
  CHECK(on["EarliestRestorableDateTime"].GetDouble() == 1700000000.0);
  CHECK(on["LatestRestorableDateTime"].GetDouble() == 1700000000.0);

  db.now += 90'000;
  d = db.ok("DescribeContinuousBackups", R"({"TableName":"Tbl"})");
  const auto& later = d["ContinuousBackupsDescription"]["PointInTimeRecoveryDescription"];
  CHECK(later["EarliestRestorableDateTime"].GetDouble() == 1700000000.0);  // when it was turned on
  CHECK(later["LatestRestorableDateTime"].GetDouble() == 1700000090.0);    // now
  // Enabling again keeps the start; a period may be set.
  u = db.ok("UpdateContinuousBackups", R"({"TableName":"Tbl","PointInTimeRecoverySpecification":{
    "PointInTimeRecoveryEnabled":true,"RecoveryPeriodInDays":7}})");
  const auto& seven = u["ContinuousBackupsDescription"]["PointInTimeRecoveryDescription"];
  CHECK(seven["RecoveryPeriodInDays"].GetInt() == 7);
  CHECK(seven["EarliestRestorableDateTime"].GetDouble() == 1700000000.0);

  u = db.ok("UpdateContinuousBackups",
            R"({"TableName":"Tbl","PointInTimeRecoverySpecification":{"PointInTimeRecoveryEnabled":false}})");
  CHECK(str(u["ContinuousBackupsDescription"]["PointInTimeRecoveryDescription"]["PointInTimeRecoveryStatus"]) ==
        "DISABLED");
  // Turned on again: nothing before this moment is restorable.
  db.now += 1000;
  u = db.ok("UpdateContinuousBackups", kEnable);
  CHECK(u["ContinuousBackupsDescription"]["PointInTimeRecoveryDescription"]["EarliestRestorableDateTime"].GetDouble() ==
        1700000091.0);
}

TEST_CASE("RestoreTableToPointInTime restores the table as it was at any moment in the window", "[pitr]") {
  TestDb db;
  db.createTable("Tbl");
  put(db, "a", "0");  // before point-in-time recovery: part of every restore, as the table held it
  db.ok("UpdateContinuousBackups", kEnable);
  const double t0 = 1700000000.0;
  db.now += 1000;
  put(db, "b", "1");  // t0+1
  db.now += 1000;
  put(db, "a", "2");  // t0+2: overwrite
  db.now += 1000;
  db.ok("DeleteItem", R"({"TableName":"Tbl","Key":{"pk":{"S":"b"}}})");  // t0+3
  db.now += 1000;
  db.ok("TransactWriteItems", R"({"TransactItems":[
    {"Put":{"TableName":"Tbl","Item":{"pk":{"S":"c"},"v":{"S":"4"}}}},
    {"Update":{"TableName":"Tbl","Key":{"pk":{"S":"a"}},"UpdateExpression":"SET v = :v",
      "ExpressionAttributeValues":{":v":{"S":"4"}}}}]})");
  db.now += 1000;  // now t0+5

  struct Case {
    double at;
    Items expected;
  };
  for (const Case& c :
       {Case{t0, {"a=0"}}, Case{t0 + 0.999, {"a=0"}}, Case{t0 + 1, {"a=0", "b=1"}}, Case{t0 + 2.5, {"a=2", "b=1"}},
        Case{t0 + 3, {"a=2"}}, Case{t0 + 4, {"a=4", "c=4"}}, Case{t0 + 5, {"a=4", "c=4"}}}) {
    std::string target = "R_" + std::to_string(static_cast<int64_t>(c.at * 1000) % 100000);
    INFO("restore to " << c.at);
    auto r = db.ok("RestoreTableToPointInTime", restoreAt(target, c.at));
    CHECK(str(r["TableDescription"]["TableStatus"]) == "CREATING");
    CHECK(r["TableDescription"]["RestoreSummary"]["RestoreDateTime"].GetDouble() == c.at);
    CHECK_FALSE(r["TableDescription"]["RestoreSummary"].HasMember("SourceBackupArn"));
    CHECK(items(db, target) == c.expected);
  }
  // The source is untouched, and UseLatestRestorableTime restores what it holds now.
  CHECK(items(db, "Tbl") == Items{"a=4", "c=4"});
  db.ok("RestoreTableToPointInTime", R"({"SourceTableArn":"arn:aws:dynamodb:ddblocal:000000000000:table/Tbl",
    "TargetTableName":"Latest","UseLatestRestorableTime":true})");
  CHECK(items(db, "Latest") == Items{"a=4", "c=4"});
  // A restored table does not inherit point-in-time recovery.
  CHECK(str(db.ok("DescribeContinuousBackups",
                  R"({"TableName":"Latest"})")["ContinuousBackupsDescription"]["PointInTimeRecoveryDescription"]
                                              ["PointInTimeRecoveryStatus"]) == "DISABLED");
}

TEST_CASE("A point-in-time restore keeps the source's indexes and applies overrides", "[pitr]") {
  TestDb db;
  db.ok("CreateTable", R"({"TableName":"Tbl","BillingMode":"PROVISIONED",
    "ProvisionedThroughput":{"ReadCapacityUnits":4,"WriteCapacityUnits":2},
    "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],
    "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},
      {"AttributeName":"g","AttributeType":"N"}],
    "GlobalSecondaryIndexes":[{"IndexName":"byG","KeySchema":[{"AttributeName":"g","KeyType":"HASH"}],
      "Projection":{"ProjectionType":"ALL"},
      "ProvisionedThroughput":{"ReadCapacityUnits":3,"WriteCapacityUnits":1}}]})");
  db.ok("UpdateContinuousBackups", kEnable);
  db.now += 1000;
  db.ok("PutItem", R"({"TableName":"Tbl","Item":{"pk":{"S":"a"},"g":{"N":"7"}}})");
  db.now += 1000;
  db.ok("PutItem", R"({"TableName":"Tbl","Item":{"pk":{"S":"b"},"g":{"N":"7"}}})");
  auto r = db.ok("RestoreTableToPointInTime", restoreAt("Res", 1700000001.5));
  const auto& t = r["TableDescription"];
  CHECK(t["ProvisionedThroughput"]["ReadCapacityUnits"].GetInt() == 4);
  CHECK(t["GlobalSecondaryIndexes"][0]["ProvisionedThroughput"]["ReadCapacityUnits"].GetInt() == 3);
  auto q = db.ok("Query", R"({"TableName":"Res","IndexName":"byG","KeyConditionExpression":"g = :g",
    "ExpressionAttributeValues":{":g":{"N":"7"}}})");
  CHECK(q["Count"].GetInt() == 1);

  auto o = db.ok("RestoreTableToPointInTime", R"({"SourceTableName":"Tbl","TargetTableName":"Over",
    "UseLatestRestorableTime":true,"BillingModeOverride":"PAY_PER_REQUEST"})");
  CHECK(str(o["TableDescription"]["BillingModeSummary"]["BillingMode"]) == "PAY_PER_REQUEST");
  CHECK(o["TableDescription"]["GlobalSecondaryIndexes"][0]["ProvisionedThroughput"]["ReadCapacityUnits"].GetInt() == 0);
}

TEST_CASE("Point-in-time recovery refuses what it cannot restore", "[pitr]") {
  TestDb db;
  db.createTable("Tbl");
  db.createTable("Taken");
  CHECK(db.err("RestoreTableToPointInTime", restoreAt("Res", 1700000000)) ==
        "PointInTimeRecoveryUnavailableException: Point in time recovery is not enabled for table 'Tbl'");
  db.ok("UpdateContinuousBackups", kEnable);
  db.now += 10'000;
  CHECK(
      db.err("RestoreTableToPointInTime", restoreAt("Res", 1699999999.999)).rfind("InvalidRestoreTimeException: ", 0) ==
      0);
  CHECK(
      db.err("RestoreTableToPointInTime", restoreAt("Res", 1700000010.001)).rfind("InvalidRestoreTimeException: ", 0) ==
      0);
  CHECK(db.err("RestoreTableToPointInTime",
               R"({"SourceTableName":"Nope","TargetTableName":"Res","UseLatestRestorableTime":true})") ==
        "TableNotFoundException: Table not found: Nope");
  CHECK(db.err("RestoreTableToPointInTime",
               R"({"SourceTableName":"Tbl","TargetTableName":"Taken","UseLatestRestorableTime":true})") ==
        "TableAlreadyExistsException: Table already exists: Taken");
  CHECK(db.err("RestoreTableToPointInTime", R"({"SourceTableName":"Tbl","TargetTableName":"Res"})") ==
        "ValidationException: Either RestoreDateTime or UseLatestRestorableTime must be specified");
  CHECK(
      db.err(
          "RestoreTableToPointInTime",
          R"({"SourceTableName":"Tbl","TargetTableName":"Res","UseLatestRestorableTime":true,
            "RestoreDateTime":1700000001})") ==
      "ValidationException: Only one of RestoreDateTime or UseLatestRestorableTime can be specified");
  CHECK(db.err("RestoreTableToPointInTime", R"({"TargetTableName":"Res","UseLatestRestorableTime":true})") ==
        "ValidationException: Either SourceTableName or SourceTableArn must be specified");
  CHECK(db.err("UpdateContinuousBackups",
               R"({"TableName":"Nope","PointInTimeRecoverySpecification":{"PointInTimeRecoveryEnabled":true}})") ==
        "TableNotFoundException: Table not found: Nope");
  CHECK(db.err("DescribeContinuousBackups", R"({"TableName":"Nope"})") ==
        "TableNotFoundException: Table not found: Nope");
  CHECK(db.err("UpdateContinuousBackups", R"({"TableName":"Tbl"})") ==
        "ValidationException: 1 validation error detected: Value null at 'pointInTimeRecoverySpecification' failed to "
        "satisfy constraint: Member must not be null");
  CHECK(db.err("UpdateContinuousBackups", R"({"TableName":"Tbl","PointInTimeRecoverySpecification":{
    "PointInTimeRecoveryEnabled":true,"RecoveryPeriodInDays":36}})") ==
        "ValidationException: 1 validation error detected: Value '36' at "
        "'pointInTimeRecoverySpecification.recoveryPeriodInDays' failed to satisfy constraint: Member must have value "
        "less than or equal to 35");
  // Nothing was created by the refused restores.
  CHECK(db.err("DescribeTable", R"({"TableName":"Res"})").rfind("ResourceNotFoundException", 0) == 0);
}

TEST_CASE("The recovery window slides: older changes are forgotten", "[pitr]") {
  TestDb db;
  db.createTable("Tbl");
  db.ok("UpdateContinuousBackups", R"({"TableName":"Tbl","PointInTimeRecoverySpecification":{
    "PointInTimeRecoveryEnabled":true,"RecoveryPeriodInDays":1}})");
  const int64_t day = int64_t(86400) * 1000;
  put(db, "a", "day0");
  db.now += day;
  put(db, "a", "day1");
  db.now += day / 2;
  put(db, "a", "day1.5");
  db.now += day / 2;  // two days after enabling
  auto d = db.ok("DescribeContinuousBackups", R"({"TableName":"Tbl"})");
  double earliest =
      d["ContinuousBackupsDescription"]["PointInTimeRecoveryDescription"]["EarliestRestorableDateTime"].GetDouble();
  CHECK(earliest == 1700000000.0 + 86400);  // one day back from now
  CHECK(db.err("RestoreTableToPointInTime", restoreAt("Res", earliest - 1)).rfind("InvalidRestoreTimeException", 0) ==
        0);
  db.ok("RestoreTableToPointInTime", restoreAt("Res", earliest));
  CHECK(items(db, "Res") == Items{"a=day1"});
}

TEST_CASE("A table's history is bounded in bytes: past the bound the window shrinks", "[pitr]") {
  TestDb db;
  db.engine.setPointInTimeRecoveryLimits({int64_t(35) * 86400 * 1000, 2000});
  db.createTable("Tbl");
  db.ok("UpdateContinuousBackups", kEnable);
  for (int i = 0; i < 100; ++i) {
    db.now += 1000;
    put(db, "k" + std::to_string(i % 3), std::string(50, 'x') + std::to_string(i));
  }
  auto d = db.ok("DescribeContinuousBackups", R"({"TableName":"Tbl"})");
  double earliest =
      d["ContinuousBackupsDescription"]["PointInTimeRecoveryDescription"]["EarliestRestorableDateTime"].GetDouble();
  CHECK(earliest > 1700000050.0);  // most of the 100 seconds were forgotten
  CHECK(earliest < 1700000100.0);  // but not all
  // What is left still restores exactly: the state at `earliest` is the prefix of writes up to it.
  db.ok("RestoreTableToPointInTime", restoreAt("Res", earliest));
  int writes = static_cast<int>(earliest - 1700000000.0);  // write i was made at second i+1
  Items expected;
  for (int k = 0; k < 3; ++k) {
    int last = -1;
    for (int i = 0; i < writes; ++i)
      if (i % 3 == k) last = i;
    if (last >= 0) expected.push_back("k" + std::to_string(k) + "=" + std::string(50, 'x') + std::to_string(last));
  }
  CHECK(items(db, "Res") == expected);
}

TEST_CASE("PointInTimeHistory undoes changes newest first and keeps times in order", "[pitr]") {
  using namespace shoal;
  Table::Rows now;
  auto item = [](const char* v) {
    Item i{{"v", AttributeValue::string(v)}};
    return StoredItem::fromItem(i, Stamp{1, 1});
  };
  now["k"] = item("3");
  PointInTimeHistory h(100);
  h.record(110, {{"k", std::nullopt}});  // created at 110
  h.record(120, {{"k", item("1")}});     // 1 -> 2 at 120
  h.record(90, {{"k", item("2")}});      // 2 -> 3, stamped earlier (a peer's clock): kept at 120
  REQUIRE(h.entries().size() == 3);
  CHECK(h.entries()[2].millis == 120);
  CHECK(h.rowsAt(105, now).empty());
  CHECK(h.rowsAt(115, now).at("k").attributes.at("v").value.asString() == "1");
  CHECK(h.rowsAt(120, now).at("k").attributes.at("v").value.asString() == "3");
  h.trim(110, 1 << 20);
  CHECK(h.entries().size() == 2);
  CHECK(h.forgottenThroughMillis() == 110);
  CHECK(h.earliestRestorable(1000, 10'000) == 110);
  CHECK(h.earliestRestorable(50'000, 10'000) == 40'000);
  CHECK(h.latestRestorable(100) == 120);
}
