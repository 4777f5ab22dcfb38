#include "sync/replicator.h"

#include <catch2/catch_test_macros.hpp>

#include "json/json.h"
#include "sync/sync_test_util.h"
#include "sync/sync_unit.h"

using namespace shoal;
using namespace shoal::sync;
using namespace shoal::sync::testing;

namespace {

// Table T: pk (S); a GSI "ByColor" on color (S), projection ALL.
const char* kCreateT =
    R"({"TableName":"Tab","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],)"
    R"("AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},)"
    R"({"AttributeName":"color","AttributeType":"S"}],)"
    R"("GlobalSecondaryIndexes":[{"IndexName":"ByColor","KeySchema":[{"AttributeName":"color","KeyType":"HASH"}],)"
    R"("Projection":{"ProjectionType":"ALL"}}],"BillingMode":"PAY_PER_REQUEST"})";

std::string getItem(Peer& p, const std::string& pk) {
  Response r = p.call("GetItem", R"({"TableName":"Tab","Key":{"pk":{"S":")" + pk + R"("}}})");
  REQUIRE(r.status == 200);
  return r.body;
}

int countByColor(Peer& p, const std::string& color) {
  Response r = p.call("Query", R"({"TableName":"Tab","IndexName":"ByColor","KeyConditionExpression":"color = :c",)"
                               R"("ExpressionAttributeValues":{":c":{"S":")" + color + R"("}}})");
  REQUIRE(r.status == 200);
  JsonDocument d;
  d.Parse(r.body.c_str());
  return d["Count"].GetInt();
}

}  // namespace

TEST_CASE("Every local commit becomes one unit: put, update, delete", "[sync][replicator]") {
  Peer a(1);
  a.ok("CreateTable", kCreateT);
  a.ok("PutItem", R"({"TableName":"Tab","Item":{"pk":{"S":"x"},"n":{"N":"1"},"gone":{"S":"soon"}}})");
  a.ok("UpdateItem", R"({"TableName":"Tab","Key":{"pk":{"S":"x"}},"UpdateExpression":"SET n = n + :one REMOVE gone",)"
                     R"("ExpressionAttributeValues":{":one":{"N":"1"}}})");
  a.ok("DeleteItem", R"({"TableName":"Tab","Key":{"pk":{"S":"x"}}})");
  const auto& units = a.sync().units().units();
  REQUIRE(units.size() == 3);
  Unit put = decodeUnit(units[0].bytes), update = decodeUnit(units[1].bytes), del = decodeUnit(units[2].bytes);
  CHECK(put.origin == 1);
  CHECK(put.previous == 0);
  CHECK(update.previous == put.hlc);
  CHECK(del.previous == update.hlc);
  REQUIRE(put.writes.size() == 1);
  CHECK(put.writes[0].replace == Replace::Put);
  CHECK(put.writes[0].registers.size() == 2);  // n and gone: key attributes are the key's
  CHECK(update.writes[0].replace == Replace::None);
  CHECK(update.writes[0].registers.at("n").value == AttributeValue::number(Number::parse("2")));
  CHECK_FALSE(update.writes[0].registers.at("gone").value);
  CHECK(del.writes[0].replace == Replace::Delete);
  CHECK(a.sync().vector().get(1) == del.hlc);
  CHECK(a.sync().hidden().find("Tab", del.writes[0].key)->deleted == del.stamp());
}

TEST_CASE("A remote unit is merged through the one write path", "[sync][replicator]") {
  Peer a(1), b(2);
  a.ok("CreateTable", kCreateT);
  b.ok("CreateTable", kCreateT);
  b.engine.watchTable("Tab", true);
  a.ok("PutItem", R"({"TableName":"Tab","Item":{"pk":{"S":"x"},"color":{"S":"red"}}})");
  REQUIRE(deliver(a, b) == 1);
  CHECK(getItem(b, "x").find("red") != std::string::npos);
  CHECK(countByColor(b, "red") == 1);  // the GSI follows
  std::string feed = b.engine.takeWatchedRecords();
  CHECK(feed.find("\"INSERT\"") != std::string::npos);
  CHECK(feed.find("\"OriginSite\":1") != std::string::npos);

  a.ok("UpdateItem", R"({"TableName":"Tab","Key":{"pk":{"S":"x"}},"UpdateExpression":"SET color = :c",)"
                     R"("ExpressionAttributeValues":{":c":{"S":"blue"}}})");
  deliver(a, b);
  CHECK(countByColor(b, "red") == 0);
  CHECK(countByColor(b, "blue") == 1);
  CHECK(convergedBytes(a.engine) == convergedBytes(b.engine));

  SECTION("units already applied are duplicates; a unit after a missing one is a gap") {
    a.ok("PutItem", R"({"TableName":"Tab","Item":{"pk":{"S":"y"}}})");
    a.ok("PutItem", R"({"TableName":"Tab","Item":{"pk":{"S":"z"}}})");
    const auto& units = a.sync().units().units();
    CHECK(b.sync().applyUnit(units[0].bytes).status == ApplyStatus::Duplicate);
    ApplyResult gap = b.sync().applyUnit(units.back().bytes);
    CHECK(gap.status == ApplyStatus::Gap);
    CHECK(getItem(b, "z") == "{}");
    CHECK(deliver(a, b) == 2);
    CHECK(convergedBytes(a.engine) == convergedBytes(b.engine));
  }
  SECTION("a peer's own units coming back change nothing") {
    deliver(b, a);
    CHECK(convergedBytes(a.engine) == convergedBytes(b.engine));
  }
}

TEST_CASE("A transaction arrives whole or not at all", "[sync][replicator]") {
  Peer a(1), b(2);
  a.ok("CreateTable", kCreateT);
  // On b, "color" is a number-typed GSI key: the transaction's second item cannot be indexed.
  b.ok("CreateTable", R"({"TableName":"Tab","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],)"
                      R"("AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},)"
                      R"({"AttributeName":"color","AttributeType":"N"}],)"
                      R"("GlobalSecondaryIndexes":[{"IndexName":"ByColor","KeySchema":[{"AttributeName":"color",)"
                      R"("KeyType":"HASH"}],"Projection":{"ProjectionType":"ALL"}}],"BillingMode":"PAY_PER_REQUEST"})");
  a.ok("TransactWriteItems", R"({"TransactItems":[)"
                             R"({"Put":{"TableName":"Tab","Item":{"pk":{"S":"t1"},"v":{"S":"one"}}}},)"
                             R"({"Put":{"TableName":"Tab","Item":{"pk":{"S":"t2"},"color":{"S":"red"}}}},)"
                             R"({"Put":{"TableName":"Tab","Item":{"pk":{"S":"t3"}}}}]})");
  REQUIRE(a.sync().units().size() == 1);
  ApplyResult r = b.sync().applyUnit(a.sync().units().units()[0].bytes);
  CHECK(r.status == ApplyStatus::Refused);
  CHECK(getItem(b, "t1") == "{}");
  CHECK(getItem(b, "t3") == "{}");
  CHECK(b.sync().vector().get(1) == 0);

  SECTION("with matching schemas all three land") {
    Peer c(3);
    c.ok("CreateTable", kCreateT);
    REQUIRE(deliver(a, c) == 1);
    CHECK(getItem(c, "t1") != "{}");
    CHECK(getItem(c, "t2") != "{}");
    CHECK(getItem(c, "t3") != "{}");
  }
}

TEST_CASE("Units to a missing table or with a foreign key are refused", "[sync][replicator]") {
  Peer a(1), b(2);
  a.ok("CreateTable", kCreateT);
  a.ok("PutItem", R"({"TableName":"Tab","Item":{"pk":{"S":"x"}}})");
  ApplyResult r = b.sync().applyUnit(a.sync().units().units()[0].bytes);
  CHECK(r.status == ApplyStatus::Refused);
  CHECK(r.reason.find("table Tab does not exist") != std::string::npos);
  b.ok("CreateTable", R"({"TableName":"Tab","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],)"
                      R"("AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"N"}],)"
                      R"("BillingMode":"PAY_PER_REQUEST"})");
  r = b.sync().applyUnit(a.sync().units().units()[0].bytes);
  CHECK(r.status == ApplyStatus::Refused);
  CHECK(b.sync().applyUnit("\x01garbage").status == ApplyStatus::Refused);
}

TEST_CASE("Conflicts are recorded where both values met", "[sync][replicator][conflict]") {
  Peer a(1), b(2);
  a.ok("CreateTable", kCreateT);
  b.ok("CreateTable", kCreateT);
  a.ok("PutItem", R"({"TableName":"Tab","Item":{"pk":{"S":"x"},"v":{"S":"base"}}})");
  deliver(a, b);
  a.now += 10;
  a.ok("UpdateItem", R"({"TableName":"Tab","Key":{"pk":{"S":"x"}},"UpdateExpression":"SET v = :v",)"
                     R"("ExpressionAttributeValues":{":v":{"S":"from a"}}})");
  b.now += 20;
  b.ok("UpdateItem", R"({"TableName":"Tab","Key":{"pk":{"S":"x"}},"UpdateExpression":"SET v = :v",)"
                     R"("ExpressionAttributeValues":{":v":{"S":"from b"}}})");
  deliver(a, b);
  deliver(b, a);
  CHECK(convergedBytes(a.engine) == convergedBytes(b.engine));
  CHECK(getItem(a, "x").find("from b") != std::string::npos);  // b's write is 10 ms later
  REQUIRE(a.sync().conflicts().entries().size() == 1);
  REQUIRE(b.sync().conflicts().entries().size() == 1);
  const Conflict& c = a.sync().conflicts().entries()[0];
  CHECK(c.attribute == "v");
  CHECK(*c.winner.value == AttributeValue::string("from b"));
  CHECK(c.winner.stamp.site == 2);
  CHECK(*c.loser.value == AttributeValue::string("from a"));
  CHECK(c.loser.stamp.site == 1);
  std::string json = a.sync().conflicts().json(0, 10);
  CHECK(json.find(R"("Attribute":"v")") != std::string::npos);
  CHECK(json.find(R"("Winner":{"Value":{"S":"from b"},"Deleted":false)") != std::string::npos);
  CHECK(a.sync().conflicts().json(c.id, 10) == "[]");

  SECTION("a later write that saw both is no new conflict") {
    a.now += 100;
    a.ok("UpdateItem", R"({"TableName":"Tab","Key":{"pk":{"S":"x"}},"UpdateExpression":"SET v = :v",)"
                       R"("ExpressionAttributeValues":{":v":{"S":"settled"}}})");
    deliver(a, b);
    CHECK(b.sync().conflicts().entries().size() == 1);
  }
}

TEST_CASE("Merged units survive a restart: the log replays them, snapshots hold sync state", "[sync][replicator]") {
  Peer a(1), b(2, /*withLog=*/true);
  a.ok("CreateTable", kCreateT);
  b.ok("CreateTable", kCreateT);
  for (int i = 0; i < 20; ++i) {
    a.now += 5;
    b.now += 7;
    std::string k = std::to_string(i % 6);
    a.ok("PutItem", R"({"TableName":"Tab","Item":{"pk":{"S":")" + k + R"("},"color":{"S":"c)" + std::to_string(i % 3) +
                        R"("},"a":{"N":")" + std::to_string(i) + R"("}}})");
    if (i % 4 == 1) b.ok("DeleteItem", R"({"TableName":"Tab","Key":{"pk":{"S":")" + k + R"("}}})");
    if (i % 3 == 0)
      b.ok("UpdateItem", R"({"TableName":"Tab","Key":{"pk":{"S":")" + k +
                             R"("}},"UpdateExpression":"SET b = :v REMOVE a",)"
                         R"("ExpressionAttributeValues":{":v":{"S":"b)" + std::to_string(i) + R"("}}})");
    if (i % 5 == 4) deliver(a, b, 200);
  }
  deliver(a, b);
  std::string expected = convergedBytes(b.engine);
  std::string log = b.engine.takeLogRecords();
  std::string conflicts = b.sync().conflicts().json(0, 1000);

  SECTION("from the log alone") {
    Engine reopened(2);
    auto r = reopened.open("", log);
    REQUIRE(r.ok);
    CHECK(r.stop == storage::LogStop::End);
    CHECK(convergedBytes(reopened) == expected);
    CHECK(reopened.replicator().enabled());
    CHECK(reopened.replicator().units().size() == b.sync().units().size());
    CHECK(reopened.replicator().conflicts().json(0, 1000) == conflicts);
  }
  SECTION("from a snapshot plus the log after it") {
    std::string snap = b.engine.snapshot();
    b.now += 100;
    a.ok("PutItem", R"({"TableName":"Tab","Item":{"pk":{"S":"late"},"color":{"S":"c9"}}})");
    deliver(a, b);
    std::string tail = b.engine.takeLogRecords();
    Engine reopened(2);
    auto r = reopened.open(snap, tail);
    REQUIRE(r.ok);
    CHECK(convergedBytes(reopened) == convergedBytes(b.engine));
    CHECK(reopened.replicator().units().bytes() == b.sync().units().bytes());
    // and the reopened peer keeps syncing where it left off
    a.ok("PutItem", R"({"TableName":"Tab","Item":{"pk":{"S":"later"}}})");
    auto units = a.sync().units().missing(reopened.replicator().vector(), SIZE_MAX);
    REQUIRE(units.size() == 1);
    CHECK(reopened.replicator().applyUnit(units[0]->bytes).status == ApplyStatus::Applied);
  }
}

TEST_CASE("Merged items obey time to live like local ones", "[sync][replicator][ttl]") {
  Peer a(1), b(2);
  for (Peer* p : {&a, &b}) {
    p->ok("CreateTable", kCreateT);
    p->ok("UpdateTimeToLive",
          R"({"TableName":"Tab","TimeToLiveSpecification":{"Enabled":true,"AttributeName":"exp"}})");
  }
  std::string past = std::to_string(kNow / 1000 - 60), future = std::to_string(kNow / 1000 + 3600);
  a.ok("PutItem", R"({"TableName":"Tab","Item":{"pk":{"S":"old"},"exp":{"N":")" + past + R"("}}})");
  a.ok("PutItem", R"({"TableName":"Tab","Item":{"pk":{"S":"new"},"exp":{"N":")" + future + R"("}}})");
  deliver(a, b);
  CHECK(getItem(b, "old") == "{}");  // expired: hidden from reads at once
  CHECK(getItem(b, "new") != "{}");
  // b's sweep deletes it as a local write; the delete travels like any other.
  CHECK(b.engine.sweepExpired(b.now) >= 1);
  const Table& table = *b.engine.catalog().find("Tab");
  CHECK(table.findStored(table.keyOfItem({{"pk", AttributeValue::string("old")}})) == nullptr);
  a.engine.sweepExpired(a.now);
  deliver(a, b);
  deliver(b, a);
  CHECK(convergedBytes(a.engine) == convergedBytes(b.engine));
}
