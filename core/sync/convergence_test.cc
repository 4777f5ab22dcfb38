// The property sync promises: peers that merged the same writes hold the same items, indexes
// and merge state byte for byte, whatever the order, duplication or batching of delivery.
// Random writes (puts, updates, deletes, transactions and batches over two tables, one with a
// GSI) on 3 to 7 peers with skewed clocks, random partial deliveries between random pairs
// (single units, bounded batches, shuffled lists with gaps and duplicates), then everything
// delivered; a latecomer that receives it all at once in another order must agree too. Then
// the peers tell each other what they have seen, collect every tombstone, and must still agree
// after more writes merged over the collected state.
#include <catch2/catch_test_macros.hpp>

#include <algorithm>
#include <memory>
#include <random>
#include <vector>

#include "sync/sync_test_util.h"

using namespace shoal;
using namespace shoal::sync;
using namespace shoal::sync::testing;

namespace {

const char* kCreateT =
    R"({"TableName":"Tab","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],)"
    R"("AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"g","AttributeType":"S"}],)"
    R"("GlobalSecondaryIndexes":[{"IndexName":"Gidx","KeySchema":[{"AttributeName":"g","KeyType":"HASH"}],)"
    R"("Projection":{"ProjectionType":"ALL"}}],"BillingMode":"PAY_PER_REQUEST"})";
const char* kCreateU =
    R"({"TableName":"Utab","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},)"
    R"({"AttributeName":"sk","KeyType":"RANGE"}],)"
    R"("AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"N"}],)"
    R"("BillingMode":"PAY_PER_REQUEST"})";

struct Workload {
  std::mt19937_64 rng;
  explicit Workload(uint64_t seed) : rng(seed) {}

  size_t pick(size_t n) { return static_cast<size_t>(rng() % n); }
  std::string key() { return "k" + std::to_string(pick(6)); }
  std::string tKey() { return R"({"pk":{"S":")" + key() + R"("}})"; }
  std::string uKey() { return R"({"pk":{"S":")" + key() + R"("},"sk":{"N":")" + std::to_string(pick(3)) + R"("}})"; }
  std::string value() {
    switch (pick(4)) {
      case 0: return R"({"S":"v)" + std::to_string(pick(5)) + R"("})";
      case 1: return R"({"N":")" + std::to_string(pick(100)) + R"("})";
      case 2: return R"({"M":{"x":{"L":[{"N":"1"},{"BOOL":true}]}}})";
      default: return R"({"SS":["a","b"]})";
    }
  }
  std::string attributes() {
    std::string out;
    for (const char* name : {"a", "b", "c", "g"})
      if (pick(2)) {
        std::string v = name[0] == 'g' ? R"({"S":"g)" + std::to_string(pick(3)) + R"("})" : value();
        out += std::string(R"(,")") + name + R"(":)" + v;
      }
    return out;
  }
  std::string putT() {
    return R"({"TableName":"Tab","Item":{"pk":{"S":")" + key() + R"("})" + attributes() + "}}";
  }
  std::string updateT() {
    std::string set = "SET a = :v";
    if (pick(2)) set += ", g = :g";
    std::string remove = pick(2) ? " REMOVE b" : " REMOVE c";
    return R"({"TableName":"Tab","Key":)" + tKey() + R"(,"UpdateExpression":")" + set + remove +
           R"( ADD n :one","ExpressionAttributeValues":{":v":)" + value() + R"(,":one":{"N":"1"})" +
           (set.find(":g") != std::string::npos ? R"(,":g":{"S":"g)" + std::to_string(pick(3)) + R"("})" : "") + "}}";
  }
  std::string deleteT() { return R"({"TableName":"Tab","Key":)" + tKey() + "}"; }

  // One random request; returns {operation, body}.
  std::pair<std::string, std::string> next() {
    switch (pick(7)) {
      case 0:
      case 1: return {"PutItem", putT()};
      case 2:
      case 3: return {"UpdateItem", updateT()};
      case 4: return {"DeleteItem", deleteT()};
      case 5: {
        // Distinct keys: DynamoDB refuses two actions on one item.
        std::string t1 = "k" + std::to_string(pick(3)), t2 = "k" + std::to_string(3 + pick(3));
        return {"TransactWriteItems",
                R"({"TransactItems":[{"Put":{"TableName":"Tab","Item":{"pk":{"S":")" + t1 + R"("})" + attributes() +
                    R"(}}},{"Delete":{"TableName":"Tab","Key":{"pk":{"S":")" + t2 + R"("}}}},)" +
                    R"({"Update":{"TableName":"Utab","Key":)" + uKey() +
                    R"(,"UpdateExpression":"SET w = :v","ExpressionAttributeValues":{":v":)" + value() + "}}}]}"};
      }
      default: {
        std::string s1 = std::to_string(pick(3)), s2 = std::to_string(3 + pick(3));
        return {"BatchWriteItem",
                R"({"RequestItems":{"Utab":[{"PutRequest":{"Item":{"pk":{"S":"p"},"sk":{"N":")" + s1 + R"("},"w":)" +
                    value() + R"(}}},{"DeleteRequest":{"Key":{"pk":{"S":"p"},"sk":{"N":")" + s2 + R"("}}}}]}})"};
      }
    }
  }
};

// Hands `to` some of what it lacks from `from`, the way a flaky network would.
void deliverSome(Peer& from, Peer& to, Workload& w) {
  auto missing = from.sync().units().missing(to.sync().vector(), SIZE_MAX);
  if (missing.empty()) return;
  std::vector<const RetainedUnit*> send;
  switch (w.pick(3)) {
    case 0: send.assign(missing.begin(), missing.begin() + 1 + w.pick(missing.size())); break;  // a batch
    case 1:  // shuffled, with repeats: some arrive before their predecessor (a gap) and are refused
      for (size_t i = 0; i < missing.size(); ++i) send.push_back(missing[w.pick(missing.size())]);
      break;
    default: {  // already-applied units again, then a bounded batch
      const auto& all = from.sync().units().units();
      for (size_t i = 0; i < 3 && !all.empty(); ++i) send.push_back(&all[w.pick(all.size())]);
      send.push_back(missing.front());
    }
  }
  for (const RetainedUnit* u : send) {
    ApplyResult r = to.sync().applyUnit(u->bytes);
    INFO(applyStatusName(r.status) << ": " << r.reason);
    REQUIRE(r.status != ApplyStatus::Refused);
  }
}

}  // namespace

TEST_CASE("Peers that saw the same writes converge, whatever the delivery", "[sync][convergence]") {
  const uint64_t seeds[] = {1, 2, 3, 42, 1234, 99991, 271828, 314159, 5, 9};  // peers: 4 5 6 5 7 4 6 7 3 7
  size_t collectedOverSeeds = 0;
  for (uint64_t seed : seeds) {
    INFO("seed " << seed);
    Workload w(seed);
    std::vector<std::unique_ptr<Peer>> peers;
    const size_t peerCount = 3 + seed % 5;  // the seeds below cover 3 to 7
    for (uint64_t i = 1; i <= peerCount; ++i) {
      peers.push_back(std::make_unique<Peer>(11 * i));
      peers.back()->now = kNow + static_cast<int64_t>(w.pick(400));  // skewed wall clocks
      peers.back()->ok("CreateTable", kCreateT);
      peers.back()->ok("CreateTable", kCreateU);
    }
    size_t conflicts = 0;
    for (int step = 0; step < 400; ++step) {
      Peer& p = *peers[w.pick(peers.size())];
      p.now += static_cast<int64_t>(w.pick(3));  // often the same millisecond: the logical counter
      auto [op, body] = w.next();
      Response r = p.call(op, body);
      INFO(op << " " << body << " -> " << r.body);
      REQUIRE(r.status == 200);
      if (w.pick(4) == 0) {
        size_t from = w.pick(peers.size()), to = w.pick(peers.size());
        if (from != to) deliverSome(*peers[from], *peers[to], w);
      }
      if (w.pick(6) == 0) {  // a Hello's news, mid-run: tombstones go while writes go on
        size_t from = w.pick(peers.size()), to = w.pick(peers.size());
        if (from != to) {
          for (const auto& [site, vector] : peers[from]->sync().seen().entries())
            peers[to]->sync().noteSeen(site, vector);
          peers[to]->sync().noteSeen(peers[from]->sync().site(), peers[from]->sync().vector());
          peers[to]->sync().collectTombstones();
        }
      }
    }
    // Heal the partition: everyone gets everything (through any path).
    auto heal = [&] {
      for (bool progress = true; progress;) {
        progress = false;
        for (auto& from : peers)
          for (auto& to : peers)
            if (from != to) progress |= deliver(*from, *to, 1 + w.pick(4096)) > 0;
      }
    };
    heal();
    // Items and indexes agree at once; hidden state once every peer collected what it can.
    std::string expected = convergedBytes(peers[0]->engine, false);
    for (auto& p : peers) CHECK(convergedBytes(p->engine, false) == expected);
    for (auto& p : peers) conflicts += p->sync().conflicts().entries().size();
    CHECK(conflicts > 0);  // the workload writes the same attributes concurrently

    // A latecomer fed by one peer, in that peer's order, all at once.
    Peer late(99);
    late.ok("CreateTable", kCreateT);
    late.ok("CreateTable", kCreateU);
    deliver(*peers[2], late);
    CHECK(convergedBytes(late.engine, false) == expected);

    // Every peer learns what every other has seen: all tombstones go, on every peer alike.
    auto report = [&] {
      for (auto& to : peers)
        for (auto& from : peers)
          if (from != to) {  // what a Hello does
            to->sync().noteSeen(from->sync().site(), from->sync().vector());
            to->sync().noteReport(from->sync().site(), from->sync().vector());
          }
    };
    report();
    size_t collected = peers[0]->sync().tombstonesCollected();
    collectedOverSeeds += collected;
    for (auto& p : peers) {
      CHECK(p->sync().hidden().size() == 0);
      CHECK(p->sync().tombstonesCollected() == collected);
    }
    expected = convergedBytes(peers[0]->engine);
    for (auto& p : peers) CHECK(convergedBytes(p->engine) == expected);
    // More writes and flaky deliveries over the collected state, then healed: still one state.
    for (int step = 0; step < 100; ++step) {
      Peer& p = *peers[w.pick(peers.size())];
      p.now += static_cast<int64_t>(w.pick(3));
      auto [op, body] = w.next();
      REQUIRE(p.call(op, body).status == 200);
      size_t from = w.pick(peers.size()), to = w.pick(peers.size());
      if (from != to && w.pick(4) == 0) deliverSome(*peers[from], *peers[to], w);
    }
    heal();
    report();
    expected = convergedBytes(peers[0]->engine);
    for (auto& p : peers) CHECK(convergedBytes(p->engine) == expected);
  }
  CHECK(collectedOverSeeds > 0);  // most seeds end with deleted items and removed attributes
}
