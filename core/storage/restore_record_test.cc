// A restore (RestoreTableFromBackup, RestoreTableToPointInTime) is one RestoreTable log record:
// recovery of a log cut anywhere finds the restored table absent, or present with every item and
// index entry, never created but empty. Logs from before the record (CreateTable + Commit) still
// replay.
#include <catch2/catch_test_macros.hpp>

#include "storage/log_reader.h"
#include "storage/log_record.h"
#include "storage/storage_test_util.h"

using namespace shoal;
using namespace shoal::storage;
using namespace shoal::storage::testing;

namespace {

std::string arnIn(const std::string& json) {
  const std::string tag = "\"BackupArn\":\"";
  size_t at = json.find(tag);
  REQUIRE(at != std::string::npos);
  at += tag.size();
  return json.substr(at, json.find('"', at) - at);
}

// "Src" with a GSI on g (sparse) and a history, 60 items; the log up to here is `head`.
std::string buildSource(Engine& e) {
  ok(e, "CreateTable",
     R"({"TableName":"Src",
        "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],
        "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"N"},
          {"AttributeName":"g","AttributeType":"S"}],
        "GlobalSecondaryIndexes":[{"IndexName":"byG","KeySchema":[{"AttributeName":"g","KeyType":"HASH"}],
          "Projection":{"ProjectionType":"ALL"}}],
        "BillingMode":"PAY_PER_REQUEST"})");
  ok(e, "UpdateContinuousBackups",
     R"({"TableName":"Src","PointInTimeRecoverySpecification":{"PointInTimeRecoveryEnabled":true}})");
  for (int i = 0; i < 60; ++i) {
    std::string item = itemJson("Src", i);
    if (i % 3) item.insert(item.find("\"sk\""), R"("g":{"S":"g)" + std::to_string(i % 5) + R"("},)");
    ok(e, "PutItem", item, kNow + 1000 + i);
  }
  Response r = e.execute("CreateBackup", R"({"TableName":"Src","BackupName":"bk1"})", kNow + 2000);
  INFO(r.body);
  REQUIRE(r.status == 200);
  return arnIn(r.body);
}

// Canonical bytes of one table (schema, rows with stamps, index entries); empty when absent.
std::string tableBytes(Engine& e, const std::string& name) {
  Catalog only(e.catalog().siteId());
  const Table* t = e.catalog().find(name);
  if (!t) return "";
  Table& copy = only.create(t->schema());
  for (const auto& [key, item] : t->rows()) copy.put(key, item);
  return catalogBytes(only);
}

std::vector<LogRecord> recordsOf(const std::string& log) {
  std::vector<LogRecord> out;
  LogReader reader(log);
  while (auto r = reader.next()) out.push_back(std::move(*r));
  REQUIRE(reader.stop() == LogStop::End);
  return out;
}

// Cuts the restore's bytes at every length (every byte near the ends, every 5th between), recovers
// head + cut, and checks that the table is absent or whole.
void checkEveryCut(const std::string& head, const std::string& restore, const std::string& whole) {
  size_t absent = 0;
  for (size_t cut = 0; cut <= restore.size(); ++cut) {
    if (cut > 40 && cut + 40 < restore.size() && cut % 5) continue;
    Engine reopened(5);
    RecoveryResult r = reopened.open("", head + restore.substr(0, cut));
    INFO("cut " << cut << " of " << restore.size() << ": " << r.stopDetail);
    REQUIRE(r.ok);
    std::string got = tableBytes(reopened, "Copy");
    if (got.empty()) {
      ++absent;
      CHECK(cut < restore.size());
      CHECK(r.stop == (cut == 0 ? LogStop::End : LogStop::Torn));
    } else {
      CHECK(cut == restore.size());
      CHECK(got == whole);
    }
  }
  CHECK(absent > 0);
}

}  // namespace

TEST_CASE("RestoreTableFromBackup is one log record; a cut log has the table whole or not at all",
          "[storage][recovery][backup]") {
  Engine live(5);
  live.enableLog();
  std::string arn = buildSource(live);
  std::string head = live.takeLogRecords();
  ok(live, "RestoreTableFromBackup", R"({"TargetTableName":"Copy","BackupArn":")" + arn + R"("})", kNow + 3000);
  std::string restore = live.takeLogRecords();

  std::vector<LogRecord> records = recordsOf(restore);
  REQUIRE(records.size() == 1);
  CHECK(records[0].type == RecordType::RestoreTable);
  CHECK(records[0].schema.name == "Copy");
  CHECK(records[0].change.writes.size() == 60);
  std::string whole = tableBytes(live, "Copy");
  REQUIRE(live.catalog().find("Copy")->indexes().at(0).itemCount() == 40);
  checkEveryCut(head, restore, whole);

  SECTION("a write after the restore, cut inside it, keeps the restored table") {
    ok(live, "PutItem", itemJson("Copy", 1000), kNow + 4000);
    std::string next = live.takeLogRecords();
    Engine reopened(5);
    RecoveryResult r = reopened.open("", head + restore + next.substr(0, next.size() / 2));
    REQUIRE(r.ok);
    CHECK(r.stop == LogStop::Torn);
    CHECK(tableBytes(reopened, "Copy") == whole);
  }
  SECTION("a snapshot after the restore holds it; replaying the record again is skipped") {
    std::string snap = live.snapshot();
    Engine reopened(1);
    RecoveryResult r = reopened.open(snap, head + restore);
    REQUIRE(r.ok);
    CHECK(r.recordsSkipped == recordsOf(head).size() + 1);
    CHECK(tableBytes(reopened, "Copy") == whole);
  }
}

TEST_CASE("RestoreTableToPointInTime is one log record; a cut log has the table whole or not at all",
          "[storage][recovery][backup]") {
  Engine live(5);
  live.enableLog();
  buildSource(live);
  ok(live, "DeleteItem", deleteJson("Src", 4), kNow + 5000);
  std::string head = live.takeLogRecords();
  // Between the puts and the delete: item 4 is back in the copy.
  ok(live, "RestoreTableToPointInTime",
     R"({"SourceTableName":"Src","TargetTableName":"Copy","RestoreDateTime":1700000004.5})", kNow + 6000);
  std::string restore = live.takeLogRecords();
  std::vector<LogRecord> records = recordsOf(restore);
  REQUIRE(records.size() == 1);
  CHECK(records[0].type == RecordType::RestoreTable);
  CHECK(records[0].change.writes.size() == 60);
  CHECK(live.catalog().find("Src")->itemCount() == 59);
  checkEveryCut(head, restore, tableBytes(live, "Copy"));
}

TEST_CASE("A restore logged by an older build (CreateTable, then Commit) still replays",
          "[storage][recovery][backup]") {
  Engine live(5);
  live.enableLog();
  std::string arn = buildSource(live);
  ok(live, "RestoreTableFromBackup", R"({"TargetTableName":"Copy","BackupArn":")" + arn + R"("})", kNow + 3000);
  std::string log = live.takeLogRecords();
  std::vector<LogRecord> records = recordsOf(log);
  REQUIRE(records.back().type == RecordType::RestoreTable);
  // The same restore as the two records older builds wrote, byte for byte in their layout.
  LogRecord restored = records.back();
  size_t restoreStart = log.size();
  {
    LogReader reader(log);
    while (reader.next()) restoreStart = reader.recordStart();
  }
  std::string old = log.substr(0, restoreStart);
  appendCreateTableRecord(old, restored.sequence, restored.stamp, restored.schema);
  appendCommitRecord(old, restored.sequence + 1, restored.change);

  Engine reopened(5);
  RecoveryResult r = reopened.open("", old);
  REQUIRE(r.ok);
  CHECK(r.stop == LogStop::End);
  CHECK(tableBytes(reopened, "Copy") == tableBytes(live, "Copy"));
  // ... and the log goes on after them.
  ok(reopened, "PutItem", itemJson("Copy", 1000), kNow + 4000);
  CHECK(recordsOf(reopened.takeLogRecords()).at(0).sequence == restored.sequence + 2);
}

TEST_CASE("A RestoreTable record whose items do not fit its indexes is refused whole", "[storage][recovery][backup]") {
  TableSchema schema;
  schema.name = "Copy";
  schema.key.hash = {"pk", Type::S};
  schema.attributeDefinitions = {{"pk", Type::S}, {"g", Type::S}};
  IndexSchema gsi;
  gsi.name = "byG";
  gsi.global = true;
  gsi.key.hash = {"g", Type::S};
  gsi.status = IndexStatus::Active;
  schema.indexes.push_back(gsi);
  ChangeSet change;
  change.stamp = Stamp{7 << 16, 5};
  Item good{{"pk", AttributeValue::string("a")}, {"g", AttributeValue::string("x")}};
  Item bad{{"pk", AttributeValue::string("b")}, {"g", AttributeValue::number(Number::parse("1"))}};
  Table probe(schema);
  change.writes.push_back({"Copy", probe.keyOfItem(good), StoredItem::fromItem(good, change.stamp)});
  change.writes.push_back({"Copy", probe.keyOfItem(bad), StoredItem::fromItem(bad, change.stamp)});
  std::string log;
  appendRestoreTableRecord(log, 1, schema, change);

  std::vector<LogRecord> records = recordsOf(log);
  REQUIRE(records.size() == 1);
  CHECK(records[0].change.writes.size() == 2);
  Engine reopened(5);
  RecoveryResult r = reopened.open("", log);
  REQUIRE(r.ok);
  CHECK(r.stop == LogStop::Inconsistent);
  CHECK(r.logBytesValid == 0);
  CHECK(reopened.catalog().find("Copy") == nullptr);
}
