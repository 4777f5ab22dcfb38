#include "storage/recovery.h"

#include <catch2/catch_test_macros.hpp>

#include "storage/snapshot.h"
#include "storage/storage_test_util.h"

using namespace shoal;
using namespace shoal::storage;
using namespace shoal::storage::testing;

TEST_CASE("Snapshot plus log tail recovers the live catalog", "[storage][recovery]") {
  Engine live(5);
  live.enableLog();
  buildState(live, 100);
  std::string log1 = live.takeLogRecords();
  std::string snap = live.snapshot();
  uint64_t covered = live.logSequence();
  for (int i = 100; i < 160; ++i) ok(live, "PutItem", itemJson("Orders", i), kNow + i);
  ok(live, "DeleteItem", deleteJson("Orders", 3));
  ok(live, "CreateTable", createTableJson("Later"));
  ok(live, "PutItem", itemJson("Later", 1));
  std::string log2 = live.takeLogRecords();

  SECTION("log truncated at the checkpoint") {
    Engine reopened(1);
    RecoveryResult r = reopened.open(snap, log2);
    REQUIRE(r.ok);
    CHECK(r.usedSnapshot);
    CHECK(r.snapshotSequence == covered);
    CHECK(r.recordsSkipped == 0);
    CHECK(r.recordsApplied == live.logSequence() - covered);
    CHECK(r.stop == LogStop::End);
    CHECK(catalogBytes(reopened.catalog()) == catalogBytes(live.catalog()));
    CHECK(reopened.siteId() == 5);
  }
  SECTION("log not yet truncated: records the snapshot holds are skipped") {
    Engine reopened(1);
    RecoveryResult r = reopened.open(snap, log1 + log2);
    REQUIRE(r.ok);
    CHECK(r.recordsSkipped == covered);
    CHECK(r.recordsApplied == live.logSequence() - covered);
    CHECK(catalogBytes(reopened.catalog()) == catalogBytes(live.catalog()));
  }
  SECTION("the whole log without the snapshot") {
    Engine reopened(5);
    RecoveryResult r = reopened.open("", log1 + log2);
    REQUIRE(r.ok);
    CHECK_FALSE(r.usedSnapshot);
    CHECK(r.recordsApplied == live.logSequence());
    CHECK(catalogBytes(reopened.catalog()) == catalogBytes(live.catalog()));
  }
  SECTION("a snapshot newer than the whole log") {
    Engine reopened(1);
    std::string latest = live.snapshot();
    RecoveryResult r = reopened.open(latest, log1 + log2);
    REQUIRE(r.ok);
    CHECK(r.recordsApplied == 0);
    CHECK(r.recordsSkipped == live.logSequence());
    CHECK(catalogBytes(reopened.catalog()) == catalogBytes(live.catalog()));
  }
}

TEST_CASE("Replaying records the snapshot already holds is idempotent", "[storage][recovery]") {
  Engine live;
  live.enableLog();
  buildState(live, 50);
  std::string log = live.takeLogRecords();
  std::string snap = live.snapshot();
  // Every record (create table included) is already in the snapshot: replaying them again,
  // even twice over, must change nothing.
  for (const std::string& replay : {log, log + log}) {
    Catalog c(1);
    RecoveryResult r = recover(snap, replay, c);
    REQUIRE(r.ok);
    CHECK(r.recordsApplied == 0);
    CHECK(r.stop == LogStop::End);
    CHECK(catalogBytes(c) == catalogBytes(live.catalog()));
  }
}

TEST_CASE("Recovery keeps writing where the log left off", "[storage][recovery]") {
  Engine first(3);
  first.enableLog();
  ok(first, "CreateTable", createTableJson("Tbl"));
  ok(first, "PutItem", itemJson("Tbl", 1), kNow + 1000);
  std::string log = first.takeLogRecords();

  // Restart with the wall clock behind: stamps must still grow.
  Engine second(3);
  RecoveryResult r = second.open("", log);
  REQUIRE(r.ok);
  CHECK(second.logEnabled());
  CHECK(second.logSequence() == 2);
  uint64_t before = second.catalog().clock().last();
  ok(second, "PutItem", itemJson("Tbl", 2), kNow - 60'000);
  std::string more = second.takeLogRecords();
  LogReader reader(more);
  auto record = reader.next();
  REQUIRE(record);
  CHECK(record->sequence == 3);
  CHECK(record->stamp.hlc > before);
  CHECK(record->stamp.hlc > uint64_t(kNow + 1000) << 16);

  Engine third(3);
  REQUIRE(third.open("", log + more).ok);
  CHECK(catalogBytes(third.catalog()) == catalogBytes(second.catalog()));
}

TEST_CASE("The clock and site id survive a checkpoint", "[storage][recovery]") {
  Engine first(11);
  first.enableLog();
  ok(first, "CreateTable", createTableJson("Tbl"));
  ok(first, "PutItem", itemJson("Tbl", 1), kNow + 5000);
  ok(first, "DeleteItem", deleteJson("Tbl", 1), kNow + 6000);  // the clock is ahead of every item
  std::string snap = first.snapshot();

  Engine second(1);
  REQUIRE(second.open(snap, "").ok);
  CHECK(second.siteId() == 11);
  CHECK(second.catalog().clock().last() == first.catalog().clock().last());
  second.setSiteId(12);
  CHECK(second.siteId() == 12);
}

TEST_CASE("The newest valid snapshot wins", "[storage][recovery]") {
  Engine live;
  live.enableLog();
  ok(live, "CreateTable", createTableJson("Tbl"));
  ok(live, "PutItem", itemJson("Tbl", 1));
  std::string log1 = live.takeLogRecords();
  std::string older = live.snapshot();
  ok(live, "PutItem", itemJson("Tbl", 2));
  std::string log2 = live.takeLogRecords();
  std::string newer = live.snapshot();
  ok(live, "PutItem", itemJson("Tbl", 3));
  std::string log3 = live.takeLogRecords();

  SECTION("both valid, in either order") {
    for (auto order : {std::vector<std::string_view>{older, newer}, std::vector<std::string_view>{newer, older}}) {
      Engine e;
      RecoveryResult r = e.open(order, log3);
      REQUIRE(r.ok);
      CHECK(r.snapshotSequence == 3);
      CHECK(r.refusedSnapshots.empty());
      CHECK(catalogBytes(e.catalog()) == catalogBytes(live.catalog()));
    }
  }
  SECTION("the newer one damaged, the log still whole") {
    std::string damaged = newer;
    damaged[damaged.size() / 2] ^= 4;
    Engine e;
    RecoveryResult r = e.open({damaged, older}, log1 + log2 + log3);
    REQUIRE(r.ok);
    CHECK(r.refusedSnapshots.size() == 1);
    CHECK(r.snapshotSequence == 2);
    CHECK(r.recordsSkipped == 2);
    CHECK(r.recordsApplied == 2);
    CHECK(catalogBytes(e.catalog()) == catalogBytes(live.catalog()));
  }
  SECTION("the newer one damaged after the log was truncated: the gap is reported") {
    std::string damaged = newer;
    damaged[damaged.size() / 2] ^= 4;
    Engine e;
    RecoveryResult r = e.open({damaged, older}, log3);
    REQUIRE(r.ok);
    CHECK(r.snapshotSequence == 2);
    CHECK(r.stop == LogStop::SequenceGap);
    CHECK(r.recordsApplied == 0);
    CHECK(r.logBytesDropped == log3.size());
  }
  SECTION("every snapshot damaged: refused, nothing changes") {
    std::string a = newer, b = older;
    a[10] ^= 1;
    b.resize(b.size() - 1);
    Engine e;
    ok(e, "CreateTable", createTableJson("Mine"));
    std::string before = catalogBytes(e.catalog());
    RecoveryResult r = e.open({a, b}, log3);
    CHECK_FALSE(r.ok);
    CHECK(r.refusedSnapshots.size() == 2);
    CHECK_FALSE(r.error.empty());
    CHECK_FALSE(e.logEnabled());
    CHECK(catalogBytes(e.catalog()) == before);
  }
}

TEST_CASE("A torn tail after a snapshot is dropped cleanly at every byte", "[storage][recovery]") {
  Engine live;
  live.enableLog();
  buildState(live, 30);
  live.takeLogRecords();
  std::string snap = live.snapshot();
  std::string before = catalogBytes(live.catalog());
  ok(live, "PutItem", itemJson("Orders", 999));
  std::string tail = live.takeLogRecords();
  for (size_t cut = 0; cut <= tail.size(); ++cut) {
    Catalog c(1);
    RecoveryResult r = recover(snap, std::string_view(tail).substr(0, cut), c);
    REQUIRE(r.ok);
    bool whole = cut == tail.size();
    CHECK(catalogBytes(c) == (whole ? catalogBytes(live.catalog()) : before));
    CHECK(r.recordsApplied == (whole ? 1u : 0u));
    CHECK(r.logBytesValid == (whole ? tail.size() : 0u));
  }
}

TEST_CASE("A checkpoint cycle: snapshot, truncate, write, reopen", "[storage][recovery]") {
  // What the JS adapter does, with strings for files.
  std::string snapshotFile, logFile;
  Engine live(2);
  RecoveryResult first = live.open(snapshotFile, logFile);  // a new database
  REQUIRE(first.ok);
  snapshotFile = live.snapshot();  // persists the site id and clock from the start
  for (int round = 0; round < 4; ++round) {
    if (round == 0) ok(live, "CreateTable", createTableJson("Tbl"));
    for (int i = 0; i < 25; ++i) ok(live, "PutItem", itemJson("Tbl", round * 25 + i), kNow + round * 100 + i);
    ok(live, "DeleteItem", deleteJson("Tbl", round * 25 + 3));
    logFile += live.takeLogRecords();
    if (round % 2 == 1) {  // checkpoint
      snapshotFile = live.snapshot();
      logFile.clear();
    }
    Engine reopened(99);
    RecoveryResult r = reopened.open(snapshotFile, logFile);
    REQUIRE(r.ok);
    CHECK(r.stop == LogStop::End);
    CHECK(catalogBytes(reopened.catalog()) == catalogBytes(live.catalog()));
    CHECK(reopened.logSequence() == live.logSequence());
  }
}

TEST_CASE("Table updates are logged and replayed, indexes included", "[storage][recovery]") {
  Engine live;
  live.enableLog();
  buildState(live, 30);
  std::string log1 = live.takeLogRecords();
  std::string snap = live.snapshot();
  ok(live, "UpdateTable", R"({"TableName":"Orders","AttributeDefinitions":[{"AttributeName":"name","AttributeType":"S"}],
    "GlobalSecondaryIndexUpdates":[{"Create":{"IndexName":"byName","KeySchema":[{"AttributeName":"name","KeyType":"HASH"}],
    "Projection":{"ProjectionType":"ALL"}}}]})");
  ok(live, "PutItem", itemJson("Orders", 500));
  ok(live, "UpdateTable", R"({"TableName":"Events","DeletionProtectionEnabled":true})");
  ok(live, "DeleteItem", deleteJson("Orders", 7));
  std::string log2 = live.takeLogRecords();
  REQUIRE(live.catalog().require("Orders").indexes().size() == 1);

  for (bool withSnapshot : {false, true}) {
    Engine reopened;
    RecoveryResult r = reopened.open(withSnapshot ? snap : "", withSnapshot ? log2 : log1 + log2);
    REQUIRE(r.ok);
    CHECK(r.stop == LogStop::End);
    CHECK(catalogBytes(reopened.catalog()) == catalogBytes(live.catalog()));
    const Table& orders = reopened.catalog().require("Orders");
    REQUIRE(orders.indexes().size() == 1);
    CHECK(orders.indexes()[0].itemCount() == live.catalog().require("Orders").indexes()[0].itemCount());
    CHECK(orders.indexes()[0].itemCount() == orders.itemCount());
    CHECK(reopened.catalog().require("Events").schema().deletionProtection);
  }

  ok(live, "UpdateTable", R"({"TableName":"Orders","GlobalSecondaryIndexUpdates":[{"Delete":{"IndexName":"byName"}}]})");
  std::string log3 = live.takeLogRecords();
  Engine reopened;
  REQUIRE(reopened.open(snap, log2 + log3).ok);
  CHECK(reopened.catalog().require("Orders").indexes().empty());
  CHECK(catalogBytes(reopened.catalog()) == catalogBytes(live.catalog()));
}
