#include "sync/protocol.h"

#include <catch2/catch_test_macros.hpp>

#include "storage/decode_error.h"
#include "sync/sync_test_util.h"

using namespace shoal;
using namespace shoal::sync;
using namespace shoal::sync::testing;

namespace {

const char* kCreateT =
    R"({"TableName":"Tab","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],)"
    R"("AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],"BillingMode":"PAY_PER_REQUEST"})";

std::string createTable(const std::string& name) {
  return R"({"TableName":")" + name + R"(","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],)"
         R"("AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],"BillingMode":"PAY_PER_REQUEST"})";
}

std::string put(const std::string& table, const std::string& pk) {
  return R"({"TableName":")" + table + R"(","Item":{"pk":{"S":")" + pk + R"("},"v":{"N":"1"}}})";
}

// Runs the conversation a link runs: `to` says Hello, `from` answers with batches (Changes, or
// State pages when `to` is behind) until `to` lacks nothing. Returns the messages `to` got.
struct Exchange {
  size_t changes = 0, statePages = 0, units = 0;
};
Exchange runExchange(Peer& from, Peer& to, size_t maxBytes, const TableFilter& readable = nullptr,
              const TableFilter& writable = nullptr) {
  Exchange x;
  Received hello = receiveMessage(from.engine, helloMessage(to.engine), from.now);
  VersionVector theirs = hello.vector;
  std::string cursor;
  bool stateTransfer = false;
  for (int guard = 0; guard < 10000; ++guard) {
    std::string message;
    if (!stateTransfer) {
      OutgoingChanges c = changesMessage(from.engine, theirs, maxBytes, readable);
      if (c.behind) {
        stateTransfer = true;
        continue;
      }
      if (c.message.empty()) return x;
      message = c.message;
      ++x.changes;
      x.units += c.units;
    } else {
      OutgoingState s = stateMessage(from.engine, cursor, maxBytes, readable);
      message = s.message;
      cursor = s.nextCursor;
      stateTransfer = !cursor.empty();
      ++x.statePages;
    }
    Received r = receiveMessage(to.engine, message, to.now, writable);
    REQUIRE(r.refused == 0);
    // The ack: a Hello with the receiver's new vector.
    theirs = receiveMessage(from.engine, helloMessage(to.engine), from.now).vector;
  }
  FAIL("the exchange did not end");
  return x;
}

}  // namespace

TEST_CASE("Changes in bounded batches bring a peer up to date, tables included", "[sync][protocol]") {
  Peer a(1), b(2);
  a.ok("CreateTable", kCreateT);
  for (int i = 0; i < 50; ++i) a.ok("PutItem", put("Tab", "k" + std::to_string(i)));
  Exchange x = runExchange(a, b, 300);
  CHECK(x.units == 50);
  CHECK(x.changes > 5);  // bounded batches
  CHECK(x.statePages == 0);
  CHECK(b.engine.catalog().find("Tab"));  // created from the schema the batch carried
  CHECK(convergedBytes(a.engine) == convergedBytes(b.engine));

  SECTION("a transfer cut off halfway resumes from the receiver's vector") {
    for (int i = 50; i < 80; ++i) a.ok("PutItem", put("Tab", "k" + std::to_string(i)));
    OutgoingChanges first = changesMessage(a.engine, b.sync().vector(), 200);
    receiveMessage(b.engine, first.message, b.now);  // then the connection drops
    Exchange rest = runExchange(a, b, 200);
    CHECK(rest.units == 30 - first.units);
    CHECK(convergedBytes(a.engine) == convergedBytes(b.engine));
  }
}

TEST_CASE("Units every known peer has are collected; a peer behind gets the state", "[sync][protocol]") {
  Peer a(1), b(2), late(3);
  a.ok("CreateTable", kCreateT);
  for (int i = 0; i < 30; ++i) a.ok("PutItem", put("Tab", "k" + std::to_string(i % 10)));
  a.ok("DeleteItem", R"({"TableName":"Tab","Key":{"pk":{"S":"k3"}}})");
  CHECK(a.sync().units().size() == 31);
  runExchange(a, b, 1000);
  CHECK(a.sync().units().size() == 0);  // b reported having all of them
  CHECK(a.sync().reports().count(2));

  Exchange x = runExchange(a, late, 100);
  CHECK(x.statePages >= 2);
  CHECK(x.changes == 0);
  CHECK(convergedBytes(late.engine) == convergedBytes(a.engine));
  // k3's tombstone was collected: b, the one other site known, had seen it (a new site's
  // writes older than it are re-stamped, SYNC.md).
  CHECK(late.sync().hidden().size() == 0);

  SECTION("after the state, the late peer follows with units") {
    a.ok("PutItem", put("Tab", "after"));
    Exchange more = runExchange(a, late, 400);
    CHECK(more.statePages == 0);
    CHECK(more.units == 1);
    CHECK(convergedBytes(late.engine) == convergedBytes(a.engine));
  }
  SECTION("a peer forgotten is not waited for") {
    a.ok("PutItem", put("Tab", "x"));
    a.sync().noteReport(3, a.sync().vector());  // late has it; b does not: still retained
    CHECK(a.sync().units().size() == 1);
    a.sync().forgetPeer(2);
    CHECK(a.sync().units().size() == 0);
  }
}

TEST_CASE("Table permissions: unreadable tables are not sent, unwritable writes are voided", "[sync][protocol]") {
  Peer hub(1), client(2), other(3);
  for (Peer* p : {&client}) {
    p->ok("CreateTable", createTable("Open"));
    p->ok("CreateTable", createTable("Closed"));
  }
  client.ok("PutItem", put("Open", "o1"));
  client.ok("PutItem", put("Closed", "c1"));
  client.ok("TransactWriteItems", R"({"TransactItems":[{"Put":{"TableName":"Open","Item":{"pk":{"S":"o2"}}}},)"
                                  R"({"Put":{"TableName":"Closed","Item":{"pk":{"S":"c2"}}}}]})");
  TableFilter onlyOpen = [](const std::string& t) { return t == "Open"; };
  hub.sync().noteReport(3, VersionVector());  // `other` is known: the hub keeps units for it
  // The hub applies what the client may write: o1 only (the transaction writes Closed too).
  OutgoingChanges batch = changesMessage(client.engine, hub.sync().vector(), 1 << 20);
  Received r = receiveMessage(hub.engine, batch.message, hub.now, onlyOpen);
  CHECK(r.applied == 1);
  CHECK(r.voided == 2);
  REQUIRE(r.errors.size() == 2);
  CHECK(r.errors[0].find("Closed") != std::string::npos);
  CHECK(hub.engine.catalog().find("Closed") == nullptr);
  CHECK(hub.engine.catalog().find("Open")->itemCount() == 1);
  CHECK(hub.sync().vector().get(2) == client.sync().vector().get(2));  // the chain goes on

  // A peer that may read Open only gets nothing of Closed, and the voids keep its chain whole.
  hub.ok("CreateTable", createTable("Closed"));
  hub.ok("PutItem", put("Closed", "hub"));
  Exchange x = runExchange(hub, other, 1 << 20, onlyOpen);
  CHECK(x.units == 4);
  CHECK(other.engine.catalog().find("Closed") == nullptr);
  CHECK(other.engine.catalog().find("Open")->itemCount() == 1);
  CHECK(other.sync().vector() == hub.sync().vector());
}

TEST_CASE("What a message brings can be counted without applying it", "[sync][protocol]") {
  Peer a(1), b(2);
  a.ok("CreateTable", kCreateT);
  for (int i = 0; i < 5; ++i) a.ok("PutItem", put("Tab", "k" + std::to_string(i)));
  OutgoingChanges c = changesMessage(a.engine, VersionVector(), 1 << 20);
  CHECK(vectorAfter(VersionVector(), c.message) == a.sync().vector());
  a.sync().noteReport(2, a.sync().vector());  // collected: a new peer now gets the state
  OutgoingState first = stateMessage(a.engine, "", 1 << 20);
  REQUIRE(first.nextCursor.empty());
  CHECK(vectorAfter(VersionVector(), first.message) == a.sync().vector());
  CHECK(vectorAfter(VersionVector(), helloMessage(b.engine)).empty());
}

TEST_CASE("Messages are versioned; malformed ones change nothing", "[sync][protocol]") {
  Peer a(1), b(2);
  std::string hello = helloMessage(a.engine);
  CHECK(messageType(hello) == MessageType::Hello);
  std::string newer = hello;
  newer[0] = static_cast<char>(kProtocolVersion + 1);
  try {
    receiveMessage(b.engine, newer, b.now);
    FAIL("a newer protocol version was accepted");
  } catch (const storage::DecodeError& e) {
    CHECK(e.failure() == storage::DecodeFailure::UnsupportedVersion);
  }
  CHECK_THROWS_AS(receiveMessage(b.engine, hello.substr(0, hello.size() - 1), b.now), storage::DecodeError);
  CHECK(b.sync().reports().empty());
  std::string status = statusJson(b.engine);
  CHECK(status.find(R"("Site":2)") != std::string::npos);
  CHECK(status.find(R"("Enabled":true)") != std::string::npos);
}
