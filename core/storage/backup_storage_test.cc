// Backups and point-in-time recovery histories survive a restart: the schema sections, the
// CreateBackup/DeleteBackup log records and the snapshot's backup sections round-trip, and a
// reopened engine restores exactly what the live one would.
#include <catch2/catch_test_macros.hpp>

#include "storage/backup_codec.h"
#include "storage/backup_sections.h"
#include "storage/log_record.h"
#include "storage/schema_codec.h"
#include "storage/snapshot.h"
#include "storage/storage_test_util.h"

using namespace shoal;
using namespace shoal::storage;
using namespace shoal::storage::testing;

namespace {

// Canonical bytes of a catalog's backups and histories.
std::string backupBytes(const Catalog& catalog) {
  std::map<SnapshotSection, std::string> sections;
  encodeBackupSections(catalog.backups(), sections);
  std::string out;
  for (const auto& [tag, body] : sections) out += std::to_string(static_cast<int>(tag)) + ":" + body;
  return out;
}

std::string body(Engine& e, const char* op, const std::string& request, int64_t now) {
  Response r = e.execute(op, request, now);
  INFO(op << " " << request << " -> " << r.body);
  REQUIRE(r.status == 200);
  return r.body;
}

std::string field(const std::string& json, const std::string& name) {
  size_t at = json.find("\"" + name + "\":\"");
  REQUIRE(at != std::string::npos);
  at += name.size() + 4;
  return json.substr(at, json.find('"', at) - at);
}

// Tables "Orders" (from buildState) and "Pitr" with point-in-time recovery and a history, two
// backups of which one is deleted, and the SYSTEM backup of a deleted PITR table.
struct LiveState {
  std::string keptArn;
};

LiveState buildBackupState(Engine& e) {
  LiveState s;
  buildState(e, 40);
  ok(e, "CreateTable", createTableJson("Pitr"));
  ok(e, "UpdateContinuousBackups",
     R"({"TableName":"Pitr","PointInTimeRecoverySpecification":{"PointInTimeRecoveryEnabled":true}})");
  for (int i = 0; i < 30; ++i) {
    ok(e, "PutItem", itemJson("Pitr", i), kNow + 1000 * (i + 1));
    if (i % 4 == 3) ok(e, "DeleteItem", deleteJson("Pitr", i - 2), kNow + 1000 * (i + 1) + 1);
  }
  s.keptArn =
      field(body(e, "CreateBackup", R"({"TableName":"Orders","BackupName":"kept"})", kNow + 40'000), "BackupArn");
  std::string dropped =
      field(body(e, "CreateBackup", R"({"TableName":"Pitr","BackupName":"dropped"})", kNow + 41'000), "BackupArn");
  body(e, "DeleteBackup", R"({"BackupArn":")" + dropped + R"("})", kNow + 42'000);
  ok(e, "CreateTable", createTableJson("Doomed2"), kNow + 43'000);
  ok(e, "UpdateContinuousBackups",
     R"({"TableName":"Doomed2","PointInTimeRecoverySpecification":{"PointInTimeRecoveryEnabled":true}})",
     kNow + 43'000);
  ok(e, "PutItem", itemJson("Doomed2", 1), kNow + 44'000);
  ok(e, "DeleteTable", R"({"TableName":"Doomed2"})", kNow + 45'000);
  return s;
}

// What restores of `e` give at a few moments, as canonical bytes of the restored tables.
std::string restoresOf(Engine& e, const std::string& keptArn) {
  int64_t now = kNow + 60'000;
  std::string out;
  int n = 0;
  for (double at : {1700000000.0, 1700000007.5, 1700000020.0, 1700000031.0}) {
    std::string target = "At" + std::to_string(n++);
    ok(e, "RestoreTableToPointInTime",
       R"({"SourceTableName":"Pitr","TargetTableName":")" + target + R"(","RestoreDateTime":)" + std::to_string(at) +
           "}",
       now);
    out += body(e, "Scan", R"({"TableName":")" + target + R"(","ConsistentRead":true})", now);
  }
  ok(e, "RestoreTableFromBackup", R"({"TargetTableName":"FromBackup","BackupArn":")" + keptArn + R"("})", now);
  out += body(e, "Scan", R"({"TableName":"FromBackup","ConsistentRead":true})", now);
  out += body(e, "DescribeContinuousBackups", R"({"TableName":"Pitr"})", now);
  out += body(e, "ListBackups", R"({"BackupType":"ALL"})", now);
  return out;
}

}  // namespace

TEST_CASE("Point-in-time recovery settings and restore sources round-trip in the schema", "[storage][codec][backup]") {
  TableSchema s;
  s.name = "Tbl";
  s.key.hash = {"pk", Type::S};
  std::string plain;
  encodeSchema(plain, s);
  s.pointInTimeRecovery = {true, 1'700'000'000'123, 7};
  s.restoredFrom = {"arn:aws:dynamodb:ddblocal:000000000000:table/S/backup/01700000000000-0000abcd",
                    "arn:aws:dynamodb:ddblocal:000000000000:table/S", 1'600'000'000'000};
  std::string full;
  encodeSchema(full, s);
  ByteReader in(full);
  TableSchema b = decodeSchema(in);
  CHECK(in.atEnd());
  CHECK(b.pointInTimeRecovery.enabled);
  CHECK(b.pointInTimeRecovery.enabledMillis == 1'700'000'000'123);
  CHECK(b.pointInTimeRecovery.recoveryPeriodDays == 7);
  CHECK(b.restoredFrom.backupArn == s.restoredFrom.backupArn);
  CHECK(b.restoredFrom.sourceTableArn == s.restoredFrom.sourceTableArn);
  CHECK(b.restoredFrom.restoreMillis == 1'600'000'000'000);
  std::string again;
  encodeSchema(again, b);
  CHECK(again == full);
  // Defaults write nothing: a schema without them is byte for byte what it was before.
  ByteReader in2(plain);
  TableSchema c = decodeSchema(in2);
  CHECK_FALSE(c.pointInTimeRecovery.enabled);
  CHECK(c.restoredFrom.restoreMillis == 0);
}

TEST_CASE("CreateBackup and DeleteBackup log records round-trip", "[storage][log][backup]") {
  Engine e;
  ok(e, "CreateTable", createTableJson("Orders"));
  for (int i = 0; i < 20; ++i) ok(e, "PutItem", itemJson("Orders", i));
  std::string arn = field(body(e, "CreateBackup", R"({"TableName":"Orders","BackupName":"bk1"})", kNow), "BackupArn");
  const Backup& b = *e.catalog().backups().find(arn);
  std::string out;
  appendCreateBackupRecord(out, 7, Stamp{99, 3}, b);
  appendDeleteBackupRecord(out, 8, Stamp{100, 3}, arn);
  LogRecord created = decodeLogPayload(std::string_view(out).substr(kLogHeaderBytes, loadFixed32(out.data())));
  CHECK(created.type == RecordType::CreateBackup);
  CHECK(created.sequence == 7);
  std::string x, y;
  encodeBackup(x, b);
  encodeBackup(y, created.backup);
  CHECK(x == y);
  size_t second = kLogHeaderBytes + loadFixed32(out.data());
  LogRecord deleted = decodeLogPayload(std::string_view(out).substr(second + kLogHeaderBytes));
  CHECK(deleted.type == RecordType::DeleteBackup);
  CHECK(deleted.backupArn == arn);
}

TEST_CASE("Backups and histories survive a reopen from the log, a snapshot, or both", "[storage][recovery][backup]") {
  Engine live(5);
  live.enableLog();
  LiveState state = buildBackupState(live);
  std::string log = live.takeLogRecords();
  std::string snap = live.snapshot();
  REQUIRE(live.catalog().backups().backups().size() == 2);  // "kept" and the SYSTEM backup
  REQUIRE(live.catalog().backups().histories().size() == 1);
  REQUIRE(live.catalog().backups().histories().at("Pitr").entries().size() == 37);

  auto check = [&](Engine& reopened) {
    CHECK(catalogBytes(reopened.catalog()) == catalogBytes(live.catalog()));
    CHECK(backupBytes(reopened.catalog()) == backupBytes(live.catalog()));
  };
  SECTION("the log alone") {
    Engine reopened(5);  // without a snapshot the site id is not restored
    REQUIRE(reopened.open("", log).ok);
    check(reopened);
    CHECK(restoresOf(reopened, state.keptArn) == restoresOf(live, state.keptArn));
  }
  SECTION("the snapshot alone") {
    Engine reopened(1);
    RecoveryResult r = reopened.open(snap, "");
    REQUIRE(r.ok);
    CHECK(readSnapshotHeader(snap).version == kSnapshotFormatVersion);
    check(reopened);
    CHECK(restoresOf(reopened, state.keptArn) == restoresOf(live, state.keptArn));
  }
  SECTION("a snapshot in the middle, then the log tail") {
    Engine half(5);
    half.enableLog();
    buildState(half, 40);
    ok(half, "CreateTable", createTableJson("Pitr"));
    ok(half, "UpdateContinuousBackups",
       R"({"TableName":"Pitr","PointInTimeRecoverySpecification":{"PointInTimeRecoveryEnabled":true}})");
    for (int i = 0; i < 10; ++i) ok(half, "PutItem", itemJson("Pitr", i), kNow + 1000 * (i + 1));
    std::string head = half.takeLogRecords();
    std::string midSnap = half.snapshot();
    for (int i = 10; i < 20; ++i) ok(half, "PutItem", itemJson("Pitr", i), kNow + 1000 * (i + 1));
    std::string arn =
        field(body(half, "CreateBackup", R"({"TableName":"Pitr","BackupName":"bk1"})", kNow + 30'000), "BackupArn");
    std::string tail = half.takeLogRecords();
    Engine reopened(1);
    RecoveryResult r = reopened.open(midSnap, head + tail);
    REQUIRE(r.ok);
    CHECK(r.stop == LogStop::End);
    CHECK(catalogBytes(reopened.catalog()) == catalogBytes(half.catalog()));
    CHECK(backupBytes(reopened.catalog()) == backupBytes(half.catalog()));
    CHECK(restoresOf(reopened, arn) == restoresOf(half, arn));
  }
}

TEST_CASE("A snapshot section this build does not know is a newer file", "[storage][snapshot][backup]") {
  Engine e;
  ok(e, "CreateTable", createTableJson("Tbl"));
  SnapshotSections future;
  future[static_cast<SnapshotSection>(19)] = "x";
  std::string snap = writeSnapshot(e.catalog(), {0, 0}, future);
  Catalog loaded(1);
  try {
    loadSnapshot(snap, loaded);
    FAIL("accepted");
  } catch (const DecodeError& err) {
    CHECK(err.failure() == DecodeFailure::UnsupportedVersion);
  }
  // Without backups or sync state the snapshot is still version 1, as older builds read it.
  CHECK(readSnapshotHeader(writeSnapshot(e.catalog(), {0, 0})).version == 1);
}
