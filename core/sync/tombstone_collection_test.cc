// Tombstone collection (SYNC.md, "Tombstone collection"): tombstones are dropped once every
// known site has seen them and nothing older can still arrive; never while a peer lags, even a
// forgotten one or one known only through another peer; a lagging peer that gets the state
// instead of units converges without bringing deleted items back.
#include <catch2/catch_test_macros.hpp>

#include <vector>

#include "sync/protocol.h"
#include "sync/seen_matrix.h"
#include "sync/sync_test_util.h"

using namespace shoal;
using namespace shoal::sync;
using namespace shoal::sync::testing;

namespace {

const char* kCreateT =
    R"({"TableName":"Tab","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],)"
    R"("AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],"BillingMode":"PAY_PER_REQUEST"})";

std::string put(const std::string& pk, const std::string& extra = "") {
  return R"({"TableName":"Tab","Item":{"pk":{"S":")" + pk + R"("},"v":{"N":"1"})" + extra + "}}";
}
std::string key(const std::string& pk) { return R"({"TableName":"Tab","Key":{"pk":{"S":")" + pk + R"("}}})"; }
std::string set(const std::string& pk, const std::string& attr, const std::string& value) {
  return R"({"TableName":"Tab","Key":{"pk":{"S":")" + pk + R"("}},"UpdateExpression":"SET )" + attr +
         R"( = :v","ExpressionAttributeValues":{":v":{"S":")" + value + R"("}}})";
}
std::string remove(const std::string& pk, const std::string& attr) {
  return R"({"TableName":"Tab","Key":{"pk":{"S":")" + pk + R"("}},"UpdateExpression":"REMOVE )" + attr + R"("})";
}

bool hasItem(Peer& p, const std::string& pk) { return p.call("GetItem", key(pk)).body != "{}"; }

void hello(Peer& from, Peer& to) { receiveMessage(to.engine, helloMessage(from.engine), to.now); }

// What a link does in one direction: `from` sends `to` what it lacks (units, or the state when
// it is behind), each batch acknowledged by a Hello. Returns the number of state pages sent.
size_t push(Peer& from, Peer& to) {
  size_t pages = 0;
  hello(from, to);  // each side of a link says Hello when it opens
  hello(to, from);
  VersionVector theirs = to.sync().vector();
  std::string cursor;
  bool state = false;
  for (int guard = 0; guard < 1000; ++guard) {
    std::string message;
    if (!state) {
      OutgoingChanges c = changesMessage(from.engine, theirs, 1 << 16);
      if (c.behind) {
        state = true;
        continue;
      }
      if (c.message.empty()) return pages;
      message = c.message;
    } else {
      OutgoingState s = stateMessage(from.engine, cursor, 200);
      message = s.message;
      cursor = s.nextCursor;
      state = !cursor.empty();
      ++pages;
    }
    Received r = receiveMessage(to.engine, message, to.now);
    REQUIRE(r.refused == 0);
    hello(to, from);
    theirs = to.sync().vector();
  }
  FAIL("the exchange did not end");
  return pages;
}

// Every pair talks until nobody lacks anything, then everyone says Hello to everyone twice (the
// second round carries what the first taught: the seen matrix).
void meshSync(const std::vector<Peer*>& peers) {
  for (int round = 0; round < 3; ++round)
    for (Peer* from : peers)
      for (Peer* to : peers)
        if (from != to) push(*from, *to);
  for (int round = 0; round < 2; ++round)
    for (Peer* from : peers)
      for (Peer* to : peers)
        if (from != to) hello(*from, *to);
}

}  // namespace

TEST_CASE("Tombstones are collected once every known peer has seen them", "[sync][collection]") {
  Peer a(1), b(2), c(3);
  for (Peer* p : {&a, &b, &c}) p->ok("CreateTable", kCreateT);
  meshSync({&a, &b, &c});  // everyone knows everyone
  a.ok("PutItem", put("x"));
  a.ok("PutItem", put("y", R"(,"w":{"S":"gone soon"})"));
  a.ok("PutItem", put("z"));
  meshSync({&a, &b, &c});
  a.ok("DeleteItem", key("x"));  // an item tombstone
  a.ok("UpdateItem", remove("y", "w"));  // an attribute tombstone
  // z: deleted on a while b updates it without having seen the delete: it exists through b's
  // update only, and keeps the delete in its hidden state.
  b.now += 1000;
  a.ok("DeleteItem", key("z"));
  b.ok("UpdateItem", set("z", "late", "b"));
  push(a, b);
  push(b, a);
  hello(a, b);
  hello(b, a);
  REQUIRE(a.sync().hidden().size() == 3);

  SECTION("not while one peer lags") {
    CHECK(a.sync().hidden().size() == 3);
    CHECK(b.sync().hidden().size() == 3);
    CHECK(a.sync().tombstonesCollected() == 0);
    CHECK(convergedBytes(a.engine) == convergedBytes(b.engine));
  }
  SECTION("after every peer reported them") {
    std::string itemsBefore = a.call("Scan", R"({"TableName":"Tab"})").body;
    meshSync({&a, &b, &c});
    for (Peer* p : {&a, &b, &c}) {
      CHECK(p->sync().hidden().size() == 0);
      CHECK(p->sync().tombstonesCollected() == 3);
    }
    CHECK(a.call("Scan", R"({"TableName":"Tab"})").body == itemsBefore);  // what tables show is unchanged
    CHECK(hasItem(c, "z"));
    CHECK_FALSE(hasItem(c, "x"));
    CHECK(convergedBytes(a.engine) == convergedBytes(c.engine));
    CHECK(convergedBytes(b.engine) == convergedBytes(c.engine));

    // Writes after collection merge as they would have with the tombstones.
    c.ok("UpdateItem", set("z", "more", "c"));
    c.ok("PutItem", put("x"));
    meshSync({&a, &b, &c});
    CHECK(hasItem(a, "x"));
    CHECK(convergedBytes(a.engine) == convergedBytes(c.engine));
  }
}

TEST_CASE("A peer known only through the hub holds collection back; its old write stays dead", "[sync][collection]") {
  Peer a(1), hub(2), b(3);
  for (Peer* p : {&a, &hub, &b}) p->ok("CreateTable", kCreateT);
  a.ok("PutItem", put("x", R"(,"w":{"S":"a"})"));
  push(a, hub);
  push(hub, b);
  push(b, hub);
  push(hub, a);  // a learns of b from the hub's Hello: a never talks to b
  REQUIRE(a.sync().seen().entries().count(3));
  // b, offline, updates x; later a deletes it (a later clock: b's write is older than the delete).
  b.ok("UpdateItem", set("x", "w", "b offline"));
  a.now += 5000;
  a.ok("DeleteItem", key("x"));
  push(a, hub);
  push(hub, a);
  CHECK(a.sync().hidden().size() == 1);  // b has not seen the delete: kept
  CHECK(hub.sync().hidden().size() == 1);

  // b comes back: its older update meets the tombstone everywhere and stays dead.
  push(b, hub);
  push(hub, b);
  push(hub, a);
  for (Peer* p : {&a, &hub, &b}) CHECK_FALSE(hasItem(*p, "x"));
  push(a, hub);
  push(hub, b);
  push(b, hub);
  push(hub, a);
  push(a, hub);
  for (Peer* p : {&a, &hub, &b}) {
    CHECK(p->sync().hidden().size() == 0);
    CHECK_FALSE(hasItem(*p, "x"));
  }
  CHECK(convergedBytes(a.engine) == convergedBytes(b.engine));
  CHECK(convergedBytes(a.engine) == convergedBytes(hub.engine));
}

TEST_CASE("A forgotten peer gets the state, tombstones included, and deleted items stay deleted",
          "[sync][collection]") {
  Peer a(1), b(2), c(3);
  for (Peer* p : {&a, &b, &c}) p->ok("CreateTable", kCreateT);
  for (int i = 0; i < 10; ++i) a.ok("PutItem", put("k" + std::to_string(i)));
  meshSync({&a, &b, &c});
  REQUIRE(hasItem(c, "k3"));
  // c goes away; a deletes k3 and rewrites the rest; a and b forget c.
  a.now += 1000;
  a.ok("DeleteItem", key("k3"));
  for (int i = 0; i < 10; ++i)
    if (i != 3) a.ok("UpdateItem", set("k" + std::to_string(i), "v2", "new"));
  push(a, b);
  push(b, a);
  a.sync().forgetPeer(3);
  b.sync().forgetPeer(3);
  CHECK(a.sync().units().size() == 0);    // units: c is not waited for
  CHECK(a.sync().hidden().size() == 1);   // tombstones: c has not seen k3's delete

  // c returns: behind the collection point, it gets pages of state, not units.
  CHECK(push(a, c) > 0);
  CHECK_FALSE(hasItem(c, "k3"));
  CHECK(convergedBytes(c.engine) == convergedBytes(a.engine));
  meshSync({&a, &b, &c});
  for (Peer* p : {&a, &b, &c}) CHECK(p->sync().hidden().size() == 0);
  CHECK(convergedBytes(a.engine) == convergedBytes(c.engine));
  CHECK(convergedBytes(b.engine) == convergedBytes(c.engine));
}

TEST_CASE("The seen matrix: what each site has seen, and the cut it allows", "[sync][collection]") {
  SeenMatrix m;
  VersionVector mine;
  mine.set(1, 100);
  mine.set(2, 50);
  CHECK(m.cut(1, mine).floor == 0);  // no other site known: nothing is collected
  VersionVector two;
  two.set(1, 80);
  two.set(2, 50);
  CHECK(m.note(2, two));
  CHECK_FALSE(m.note(2, two));
  TombstoneCut cut = m.cut(1, mine);
  CHECK(cut.collects(Stamp{80, 1}));
  CHECK_FALSE(cut.collects(Stamp{81, 1}));  // site 2 has not seen it
  CHECK(cut.collects(Stamp{50, 2}));
  // Site 2 reports a unit of site 3 this peer lacks, and site 3 never reported: nothing goes.
  VersionVector more = two;
  more.set(3, 10);
  m.note(2, more);
  CHECK(m.cut(1, mine).floor == 0);
  VersionVector three;
  three.set(1, 100);
  three.set(2, 50);
  three.set(3, 10);
  m.note(3, three);
  cut = m.cut(1, mine);
  CHECK(cut.floor == 0);  // this peer lacks site 3's units up to 10: writes above 0 may be older
  mine.set(3, 10);
  cut = m.cut(1, mine);
  CHECK(cut.collects(Stamp{50, 2}));
  CHECK_FALSE(cut.collects(Stamp{81, 1}));

  std::string bytes;
  m.encode(bytes);
  storage::ByteReader in(bytes);
  CHECK(SeenMatrix::decode(in).entries() == m.entries());
}

TEST_CASE("The sync section keeps the seen matrix; a section without one still loads", "[sync][collection]") {
  Peer a(1), b(2);
  for (Peer* p : {&a, &b}) p->ok("CreateTable", kCreateT);
  a.ok("PutItem", put("x"));
  push(a, b);
  push(b, a);
  std::string section;
  a.sync().encode(section);
  Replicator loaded;
  loaded.decode(section);
  CHECK(loaded.seen().entries() == a.sync().seen().entries());
  CHECK_FALSE(loaded.seen().entries().empty());

  std::string matrix;
  a.sync().seen().encode(matrix);
  std::string v1 = section.substr(0, section.size() - matrix.size());
  v1[0] = 1;
  Replicator old;
  old.decode(v1);
  CHECK(old.seen().entries().empty());
  CHECK(old.vector() == a.sync().vector());
}
