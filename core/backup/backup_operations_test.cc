// CreateBackup, DescribeBackup, ListBackups, DeleteBackup and RestoreTableFromBackup through
// Engine::execute, with an injected engine clock (TestDb::now).
#include <catch2/catch_test_macros.hpp>
#include <regex>

#include "api/test_db.h"

using shoal::testing::TestDb;

namespace {

std::string str(const shoal::JsonValue& v) { return std::string(v.GetString(), v.GetStringLength()); }

// A table keyed by pk (S) and sk (N) with a GSI on gk and an LSI on lk, PAY_PER_REQUEST.
void createIndexedTable(TestDb& db, const std::string& name) {
  db.ok("CreateTable", R"({"TableName":")" + name + R"(","BillingMode":"PAY_PER_REQUEST",
    "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],
    "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"N"},
      {"AttributeName":"gk","AttributeType":"S"},{"AttributeName":"lk","AttributeType":"N"}],
    "GlobalSecondaryIndexes":[{"IndexName":"byG","KeySchema":[{"AttributeName":"gk","KeyType":"HASH"}],
      "Projection":{"ProjectionType":"ALL"}}],
    "LocalSecondaryIndexes":[{"IndexName":"byL","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},
      {"AttributeName":"lk","KeyType":"RANGE"}],"Projection":{"ProjectionType":"KEYS_ONLY"}}]})");
}

void put(TestDb& db, const std::string& table, const std::string& pk, int sk, const std::string& extra = "") {
  db.ok("PutItem", R"({"TableName":")" + table + R"(","Item":{"pk":{"S":")" + pk + R"("},"sk":{"N":")" +
                       std::to_string(sk) + R"("})" + extra + "}}");
}

std::string createBackup(TestDb& db, const std::string& table, const std::string& name) {
  auto r = db.ok("CreateBackup", R"({"TableName":")" + table + R"(","BackupName":")" + name + R"("})");
  return str(r["BackupDetails"]["BackupArn"]);
}

int64_t count(TestDb& db, const std::string& table) {
  return db.ok("Scan", R"({"TableName":")" + table + R"(","Select":"COUNT"})")["Count"].GetInt64();
}

}  // namespace

TEST_CASE("CreateBackup answers BackupDetails and DescribeBackup the whole description", "[backup]") {
  TestDb db;
  createIndexedTable(db, "Music");
  for (int i = 0; i < 5; ++i) put(db, "Music", "a", i, R"(,"gk":{"S":"g"},"lk":{"N":"1"})");
  auto r = db.ok("CreateBackup", R"({"TableName":"Music","BackupName":"nightly.v1-x_y"})");
  const auto& d = r["BackupDetails"];
  std::string arn = str(d["BackupArn"]);
  CHECK(
      std::regex_match(arn, std::regex(R"(arn:aws:dynamodb:[a-z0-9-]+:\d{12}:table/Music/backup/\d{14}-[0-9a-f]{8})")));
  CHECK(arn.find("/backup/01700000000000-") != std::string::npos);  // the creation time, in the id
  CHECK(str(d["BackupName"]) == "nightly.v1-x_y");
  CHECK(str(d["BackupStatus"]) == "AVAILABLE");
  CHECK(str(d["BackupType"]) == "USER");
  CHECK(d["BackupCreationDateTime"].GetDouble() == 1700000000.0);
  CHECK(d["BackupSizeBytes"].GetInt64() > 0);
  CHECK_FALSE(d.HasMember("BackupExpiryDateTime"));

  auto desc = db.ok("DescribeBackup", R"({"BackupArn":")" + arn + R"("})");
  const auto& bd = desc["BackupDescription"];
  CHECK(str(bd["BackupDetails"]["BackupArn"]) == arn);
  const auto& src = bd["SourceTableDetails"];
  CHECK(str(src["TableName"]) == "Music");
  CHECK(str(src["TableArn"]).find(":table/Music") != std::string::npos);
  CHECK(src["ItemCount"].GetInt64() == 5);
  CHECK(src["TableSizeBytes"].GetInt64() == d["BackupSizeBytes"].GetInt64());
  CHECK(str(src["BillingMode"]) == "PAY_PER_REQUEST");
  CHECK(src["KeySchema"].Size() == 2);
  CHECK(str(src["TableId"]) == str(db.ok("DescribeTable", R"({"TableName":"Music"})")["Table"]["TableId"]));
  const auto& features = bd["SourceTableFeatureDetails"];
  REQUIRE(features["GlobalSecondaryIndexes"].Size() == 1);
  CHECK(str(features["GlobalSecondaryIndexes"][0]["IndexName"]) == "byG");
  CHECK(str(features["LocalSecondaryIndexes"][0]["Projection"]["ProjectionType"]) == "KEYS_ONLY");
  CHECK(str(features["TimeToLiveDescription"]["TimeToLiveStatus"]) == "DISABLED");
}

TEST_CASE("A backup is the table at the moment it was taken", "[backup]") {
  TestDb db;
  createIndexedTable(db, "Tb1");
  put(db, "Tb1", "a", 1, R"(,"v":{"S":"before"},"gk":{"S":"g1"})");
  put(db, "Tb1", "a", 2);
  std::string arn = createBackup(db, "Tb1", "snap");
  // Changes after the backup: an overwrite, a delete, a new item.
  put(db, "Tb1", "a", 1, R"(,"v":{"S":"after"})");
  db.ok("DeleteItem", R"({"TableName":"Tb1","Key":{"pk":{"S":"a"},"sk":{"N":"2"}}})");
  put(db, "Tb1", "b", 3);

  db.now += 1000;
  auto r = db.ok("RestoreTableFromBackup", R"({"TargetTableName":"Tb1copy","BackupArn":")" + arn + R"("})");
  const auto& t = r["TableDescription"];
  CHECK(str(t["TableName"]) == "Tb1copy");
  CHECK(str(t["TableStatus"]) == "CREATING");
  CHECK(str(t["RestoreSummary"]["SourceBackupArn"]) == arn);
  CHECK(str(t["RestoreSummary"]["SourceTableArn"]).find(":table/Tb1") != std::string::npos);
  CHECK(t["RestoreSummary"]["RestoreDateTime"].GetDouble() == 1700000000.0);
  CHECK(t["RestoreSummary"]["RestoreInProgress"].GetBool());
  CHECK(t["ItemCount"].GetInt64() == 2);
  CHECK(str(t["TableId"]) != str(db.ok("DescribeTable", R"({"TableName":"Tb1"})")["Table"]["TableId"]));

  // Readable at once; ACTIVE from the next request on, the restore no longer in progress.
  auto d = db.ok("DescribeTable", R"({"TableName":"Tb1copy"})");
  CHECK(str(d["Table"]["TableStatus"]) == "ACTIVE");
  CHECK_FALSE(d["Table"]["RestoreSummary"]["RestoreInProgress"].GetBool());
  auto item = db.ok("GetItem", R"({"TableName":"Tb1copy","Key":{"pk":{"S":"a"},"sk":{"N":"1"}}})");
  CHECK(str(item["Item"]["v"]["S"]) == "before");
  CHECK(db.ok("GetItem", R"({"TableName":"Tb1copy","Key":{"pk":{"S":"a"},"sk":{"N":"2"}}})").HasMember("Item"));
  CHECK(count(db, "Tb1copy") == 2);
  // The indexes came along and were filled.
  auto q = db.ok("Query", R"({"TableName":"Tb1copy","IndexName":"byG","KeyConditionExpression":"gk = :g",
    "ExpressionAttributeValues":{":g":{"S":"g1"}}})");
  CHECK(q["Count"].GetInt() == 1);
  // The restored table is an ordinary table: writable, and deletable on its own.
  put(db, "Tb1copy", "c", 9);
  CHECK(count(db, "Tb1copy") == 3);
  CHECK(count(db, "Tb1") == 2);
}

TEST_CASE("A backup outlives its table and restores under any free name", "[backup]") {
  TestDb db;
  db.createTable("Gone", "S");
  db.ok("PutItem", R"({"TableName":"Gone","Item":{"pk":{"S":"k"},"sk":{"S":"s"},"n":{"N":"1.50"}}})");
  std::string arn = createBackup(db, "Gone", "last");
  db.ok("DeleteTable", R"({"TableName":"Gone"})");
  CHECK(db.ok("DescribeBackup",
              R"({"BackupArn":")" + arn + R"("})")["BackupDescription"]["SourceTableDetails"]["ItemCount"]
            .GetInt() == 1);
  db.ok("RestoreTableFromBackup", R"({"TargetTableName":"Gone","BackupArn":")" + arn + R"("})");
  auto item = db.ok("GetItem", R"({"TableName":"Gone","Key":{"pk":{"S":"k"},"sk":{"S":"s"}}})");
  CHECK(str(item["Item"]["n"]["N"]) == "1.5");
  CHECK(db.err("RestoreTableFromBackup", R"({"TargetTableName":"Gone","BackupArn":")" + arn + R"("})") ==
        "TableAlreadyExistsException: Table already exists: Gone");
}

TEST_CASE("DeleteBackup answers the description as DELETED, then the backup is gone", "[backup]") {
  TestDb db;
  db.createTable("Tbl");
  std::string arn = createBackup(db, "Tbl", "bk1");
  auto r = db.ok("DeleteBackup", R"({"BackupArn":")" + arn + R"("})");
  CHECK(str(r["BackupDescription"]["BackupDetails"]["BackupStatus"]) == "DELETED");
  CHECK(str(r["BackupDescription"]["SourceTableDetails"]["TableName"]) == "Tbl");
  for (const char* op : {"DescribeBackup", "DeleteBackup"})
    CHECK(db.err(op, R"({"BackupArn":")" + arn + R"("})") == "BackupNotFoundException: Backup not found: " + arn);
  CHECK(db.err("RestoreTableFromBackup", R"({"TargetTableName":"New","BackupArn":")" + arn + R"("})") ==
        "BackupNotFoundException: Backup not found: " + arn);
}

TEST_CASE("Backup operations refuse bad input with DynamoDB's errors", "[backup]") {
  TestDb db;
  db.createTable("Tbl");
  CHECK(db.err("CreateBackup", R"({"TableName":"Nope","BackupName":"bk1"})") ==
        "TableNotFoundException: Table not found: Nope");
  CHECK(db.err("CreateBackup", R"({"TableName":"Tbl","BackupName":"no spaces!"})") ==
        "ValidationException: 1 validation error detected: Value 'no spaces!' at 'backupName' failed to satisfy "
        "constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
  CHECK(db.err("CreateBackup", R"({"TableName":"Tbl","BackupName":"ab"})") ==
        "ValidationException: 1 validation error detected: Value 'ab' at 'backupName' failed to satisfy "
        "constraint: Member must have length greater than or equal to 3");
  CHECK(db.err("CreateBackup", R"({"TableName":"Tbl"})") ==
        "ValidationException: 1 validation error detected: Value null at 'backupName' failed to satisfy "
        "constraint: Member must not be null");
  CHECK(db.err("DescribeBackup", R"({"BackupArn":"arn:short"})") ==
        "ValidationException: 1 validation error detected: Value 'arn:short' at 'backupArn' failed to satisfy "
        "constraint: Member must have length greater than or equal to 37");
  CHECK(db.err("ListBackups", R"({"Limit":0})") ==
        "ValidationException: 1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: "
        "Member must have value greater than or equal to 1");
  CHECK(db.err("ListBackups", R"({"BackupType":"WEEKLY"})") ==
        "ValidationException: 1 validation error detected: Value 'WEEKLY' at 'backupType' failed to satisfy "
        "constraint: Member must satisfy enum value set: [USER, SYSTEM, AWS_BACKUP, ALL]");
  CHECK(db.err("ListBackups", R"({"TimeRangeLowerBound":"yesterday"})").rfind("SerializationException", 0) == 0);
  // A table ARN works where a name does.
  auto r =
      db.ok("CreateBackup", R"({"TableName":"arn:aws:dynamodb:us-east-1:123456789012:table/Tbl","BackupName":"bk1"})");
  CHECK(str(r["BackupDetails"]["BackupArn"]).find("table/Tbl/backup/") != std::string::npos);
}

TEST_CASE("RestoreTableFromBackup overrides billing, throughput and indexes", "[backup]") {
  TestDb db;
  createIndexedTable(db, "Src");
  put(db, "Src", "a", 1, R"(,"gk":{"S":"x"},"lk":{"N":"5"})");
  std::string arn = createBackup(db, "Src", "bk1");
  auto restore = [&](const std::string& target, const std::string& overrides) {
    return R"({"TargetTableName":")" + target + R"(","BackupArn":")" + arn + "\"" + overrides + "}";
  };

  SECTION("to PROVISIONED with throughput: GSIs get the table's throughput") {
    auto r = db.ok("RestoreTableFromBackup", restore("Prov", R"(,"BillingModeOverride":"PROVISIONED",
      "ProvisionedThroughputOverride":{"ReadCapacityUnits":7,"WriteCapacityUnits":3})"));
    const auto& t = r["TableDescription"];
    CHECK(t["ProvisionedThroughput"]["ReadCapacityUnits"].GetInt() == 7);
    CHECK(t["ProvisionedThroughput"]["WriteCapacityUnits"].GetInt() == 3);
    CHECK_FALSE(t.HasMember("BillingModeSummary"));
    CHECK(t["GlobalSecondaryIndexes"][0]["ProvisionedThroughput"]["ReadCapacityUnits"].GetInt() == 7);
  }
  SECTION("to PROVISIONED without throughput is refused, nothing created") {
    CHECK(db.err("RestoreTableFromBackup", restore("Prov", R"(,"BillingModeOverride":"PROVISIONED")")) ==
          "ValidationException: One or more parameter values were invalid: ProvisionedThroughputOverride must be "
          "specified when BillingModeOverride is PROVISIONED");
    CHECK(db.err("DescribeTable", R"({"TableName":"Prov"})").rfind("ResourceNotFoundException", 0) == 0);
  }
  SECTION("throughput on PAY_PER_REQUEST is refused") {
    CHECK(
        db.err("RestoreTableFromBackup",
               restore("Prov", R"(,"ProvisionedThroughputOverride":{"ReadCapacityUnits":1,"WriteCapacityUnits":1})")) ==
        "ValidationException: One or more parameter values were invalid: Neither ReadCapacityUnits nor "
        "WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
  }
  SECTION("an empty GlobalSecondaryIndexOverride keeps no GSI, the LSI stays") {
    auto r = db.ok("RestoreTableFromBackup", restore("NoG", R"(,"GlobalSecondaryIndexOverride":[])"));
    CHECK_FALSE(r["TableDescription"].HasMember("GlobalSecondaryIndexes"));
    CHECK(r["TableDescription"]["LocalSecondaryIndexes"].Size() == 1);
    // AttributeDefinitions keep only the attributes the remaining keys use.
    CHECK(r["TableDescription"]["AttributeDefinitions"].Size() == 3);
    CHECK(db.err("Query", R"({"TableName":"NoG","IndexName":"byG","KeyConditionExpression":"gk = :g",
      "ExpressionAttributeValues":{":g":{"S":"x"}}})")
              .rfind("ValidationException", 0) == 0);
    auto q = db.ok("Query", R"({"TableName":"NoG","IndexName":"byL","KeyConditionExpression":"pk = :p and lk = :l",
      "ExpressionAttributeValues":{":p":{"S":"a"},":l":{"N":"5"}}})");
    CHECK(q["Count"].GetInt() == 1);
  }
  SECTION("an override must name one of the source's indexes, unchanged") {
    CHECK(db.err("RestoreTableFromBackup", restore("Xxx", R"(,"GlobalSecondaryIndexOverride":[{"IndexName":"other",
      "KeySchema":[{"AttributeName":"gk","KeyType":"HASH"}],"Projection":{"ProjectionType":"ALL"}}])")) ==
          "ValidationException: One or more parameter values were invalid: GlobalSecondaryIndexOverride names index "
          "other, which the source table does not have");
    CHECK(db.err("RestoreTableFromBackup", restore("Xxx", R"(,"GlobalSecondaryIndexOverride":[{"IndexName":"byG",
      "KeySchema":[{"AttributeName":"gk","KeyType":"HASH"}],"Projection":{"ProjectionType":"KEYS_ONLY"}}])"))
              .find("does not match the source table's index") != std::string::npos);
  }
  SECTION("the override itself is valid") {
    auto r = db.ok("RestoreTableFromBackup", restore("Ggg", R"(,"GlobalSecondaryIndexOverride":[{"IndexName":"byG",
      "KeySchema":[{"AttributeName":"gk","KeyType":"HASH"}],"Projection":{"ProjectionType":"ALL"}}],
      "LocalSecondaryIndexOverride":[],"SSESpecificationOverride":{"Enabled":true})"));
    CHECK(r["TableDescription"]["GlobalSecondaryIndexes"].Size() == 1);
    CHECK_FALSE(r["TableDescription"].HasMember("LocalSecondaryIndexes"));
  }
  CHECK(db.err("RestoreTableFromBackup", restore("Yyy", R"(,"BillingModeOverride":"FREE")")) ==
        "ValidationException: 1 validation error detected: Value 'FREE' at 'billingModeOverride' failed to satisfy "
        "constraint: Member must satisfy enum value set: [PROVISIONED, PAY_PER_REQUEST]");
}

TEST_CASE("ListBackups filters by table, type and time, and pages by ARN", "[backup]") {
  TestDb db;
  db.createTable("TblA");
  db.createTable("TblB");
  std::vector<std::string> arnsOfA;
  for (int i = 0; i < 5; ++i) {
    arnsOfA.push_back(createBackup(db, "TblA", "bka" + std::to_string(i)));
    createBackup(db, "TblB", "bkb" + std::to_string(i));
    db.now += 1000;
  }
  auto all = db.ok("ListBackups", "{}");
  CHECK(all["BackupSummaries"].Size() == 10);
  CHECK_FALSE(all.HasMember("LastEvaluatedBackupArn"));
  const auto& s = all["BackupSummaries"][0];
  CHECK(str(s["BackupStatus"]) == "AVAILABLE");
  CHECK(str(s["BackupType"]) == "USER");
  CHECK(s.HasMember("TableArn"));
  CHECK(s.HasMember("TableId"));
  CHECK(s.HasMember("BackupSizeBytes"));

  // Pages of 2 over table A: oldest first, each page resuming after the last ARN.
  std::vector<std::string> seen;
  std::string start;
  for (int page = 0; page < 5; ++page) {
    std::string body = R"({"TableName":"TblA","Limit":2)" +
                       (start.empty() ? std::string() : R"(,"ExclusiveStartBackupArn":")" + start + "\"") + "}";
    auto r = db.ok("ListBackups", body);
    for (const auto& b : r["BackupSummaries"].GetArray()) seen.push_back(str(b["BackupArn"]));
    if (!r.HasMember("LastEvaluatedBackupArn")) break;
    start = str(r["LastEvaluatedBackupArn"]);
  }
  CHECK(seen == arnsOfA);

  // The lower bound is inclusive, the upper exclusive (epoch seconds).
  auto ranged =
      db.ok("ListBackups", R"({"TableName":"TblA","TimeRangeLowerBound":1700000001,"TimeRangeUpperBound":1700000003})");
  REQUIRE(ranged["BackupSummaries"].Size() == 2);
  CHECK(str(ranged["BackupSummaries"][0]["BackupArn"]) == arnsOfA[1]);
  CHECK(str(ranged["BackupSummaries"][1]["BackupArn"]) == arnsOfA[2]);

  // Paging resumes after a backup deleted in between: its ARN still orders.
  db.ok("DeleteBackup", R"({"BackupArn":")" + arnsOfA[1] + R"("})");
  auto after = db.ok("ListBackups", R"({"TableName":"TblA","ExclusiveStartBackupArn":")" + arnsOfA[1] + R"("})");
  CHECK(after["BackupSummaries"].Size() == 3);
  CHECK(str(after["BackupSummaries"][0]["BackupArn"]) == arnsOfA[2]);
  CHECK(db.ok("ListBackups", R"({"BackupType":"SYSTEM"})")["BackupSummaries"].Size() == 0);
  CHECK(db.ok("ListBackups", R"({"BackupType":"AWS_BACKUP"})")["BackupSummaries"].Size() == 0);
}

TEST_CASE("Deleting a table with point-in-time recovery keeps a SYSTEM backup for 35 days", "[backup][pitr]") {
  TestDb db;
  db.createTable("Keep");
  db.ok("PutItem", R"({"TableName":"Keep","Item":{"pk":{"S":"x"},"n":{"N":"1"}}})");
  db.createTable("Plain");
  db.ok("DeleteTable", R"({"TableName":"Plain"})");
  CHECK(db.ok("ListBackups", R"({"BackupType":"ALL"})")["BackupSummaries"].Size() == 0);

  db.ok("UpdateContinuousBackups",
        R"({"TableName":"Keep","PointInTimeRecoverySpecification":{"PointInTimeRecoveryEnabled":true}})");
  db.ok("PutItem", R"({"TableName":"Keep","Item":{"pk":{"S":"y"}}})");
  db.ok("DeleteTable", R"({"TableName":"Keep"})");
  CHECK(db.ok("ListBackups", "{}")["BackupSummaries"].Size() == 0);  // USER unless asked
  auto sys = db.ok("ListBackups", R"({"BackupType":"SYSTEM"})");
  REQUIRE(sys["BackupSummaries"].Size() == 1);
  const auto& b = sys["BackupSummaries"][0];
  CHECK(str(b["BackupName"]) == "Keep$DeletedTableBackup");
  CHECK(str(b["BackupType"]) == "SYSTEM");
  CHECK(b["BackupExpiryDateTime"].GetDouble() == 1700000000.0 + 35 * 86400);
  std::string arn = str(b["BackupArn"]);
  db.ok("RestoreTableFromBackup", R"({"TargetTableName":"Back","BackupArn":")" + arn + R"("})");
  CHECK(count(db, "Back") == 2);

  db.now += int64_t(35) * 86400 * 1000;
  CHECK(db.ok("ListBackups", R"({"BackupType":"ALL"})")["BackupSummaries"].Size() == 0);
  CHECK(db.err("DescribeBackup", R"({"BackupArn":")" + arn + R"("})") ==
        "BackupNotFoundException: Backup not found: " + arn);
}
