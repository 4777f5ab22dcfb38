#include "sync/key_state.h"

#include <catch2/catch_test_macros.hpp>

#include <algorithm>
#include <random>
#include <vector>

using namespace shoal;
using namespace shoal::sync;

namespace {

KeySchema pkSchema() {
  KeySchema k;
  k.hash = {"pk", Type::S};
  return k;
}

const Item kKey{{"pk", AttributeValue::string("a")}};

AttributeValue s(const char* text) { return AttributeValue::string(text); }

KeyDelta put(Stamp st, std::map<std::string, AttributeValue> attrs) {
  KeyDelta d{"T", "k", Replace::Put, st, {}};
  for (auto& [name, value] : attrs) d.registers[name] = Register{st, value};
  return d;
}
KeyDelta del(Stamp st) { return KeyDelta{"T", "k", Replace::Delete, st, {}}; }
KeyDelta set(Stamp st, const char* name, const char* value) {
  KeyDelta d{"T", "k", Replace::None, {}, {}};
  d.registers[name] = Register{st, s(value)};
  return d;
}
KeyDelta remove(Stamp st, const char* name) {
  KeyDelta d{"T", "k", Replace::None, {}, {}};
  d.registers[name] = Register{st, std::nullopt};
  return d;
}

KeyState mergeAll(const std::vector<KeyDelta>& deltas) {
  KeyState state;
  for (const auto& d : deltas) mergeDelta(state, d, pkSchema());
  return state;
}

Item visible(const KeyState& state) {
  auto item = materialize(state, kKey);
  return item ? item->toItem() : Item{};
}

}  // namespace

TEST_CASE("Per attribute the later stamp wins, site breaks ties", "[sync][merge]") {
  KeyState st = mergeAll({put({10, 1}, {{"a", s("p")}, {"b", s("p")}}), set({20, 2}, "a", "two"),
                          set({20, 1}, "a", "one"), set({15, 3}, "b", "three")});
  Item item = visible(st);
  CHECK(item.at("a") == s("two"));  // (20, 2) > (20, 1)
  CHECK(item.at("b") == s("three"));
  auto stored = materialize(st, kKey);
  CHECK(stored->attributes.at("pk").stamp == Stamp{10, 1});  // the key carries the latest replace
  CHECK(stored->attributes.at("a").stamp == Stamp{20, 2});
}

TEST_CASE("A delete removes what was written before it; later updates bring the item back", "[sync][merge]") {
  std::vector<KeyDelta> deltas{put({10, 1}, {{"a", s("1")}, {"b", s("1")}}), del({20, 2}), set({30, 3}, "c", "3"),
                               set({15, 3}, "a", "old")};
  KeyState st = mergeAll(deltas);
  REQUIRE(st.exists());
  Item item = visible(st);
  CHECK(item.size() == 2);  // pk and c: a and b were written before the delete
  CHECK(item.at("c") == s("3"));
  auto stored = materialize(st, kKey);
  // Through updates only: the key shows no replace; the delete is kept in the hidden state.
  CHECK(stored->attributes.at("pk").stamp == Stamp{});
  HiddenState hidden = hiddenOf(st);
  CHECK(hidden.byUpdatesOnly);
  CHECK(hidden.deleted == Stamp{20, 2});
  KeyState reloaded = loadKeyState(&*stored, &hidden, pkSchema());
  CHECK(reloaded.replaced == Stamp{20, 2});
  CHECK_FALSE(reloaded.replacedByPut);

  SECTION("without the late update the item is gone and a tombstone remains") {
    KeyState gone = mergeAll({put({10, 1}, {{"a", s("1")}}), del({20, 2}), set({15, 3}, "a", "x")});
    CHECK_FALSE(gone.exists());
    CHECK_FALSE(materialize(gone, kKey));
    CHECK(hiddenOf(gone).deleted == Stamp{20, 2});
  }
}

TEST_CASE("REMOVE leaves an attribute tombstone that beats older sets", "[sync][merge]") {
  KeyState st = mergeAll({put({10, 1}, {{"a", s("1")}}), remove({30, 1}, "a"), set({20, 2}, "a", "late")});
  CHECK(visible(st).count("a") == 0);
  CHECK(st.exists());  // an item stays when its last attribute is removed, as in DynamoDB
  CHECK(hiddenOf(st).removed.at("a") == Stamp{30, 1});
  KeyState after = mergeAll({put({10, 1}, {{"a", s("1")}}), remove({30, 1}, "a"), set({40, 2}, "a", "later")});
  CHECK(visible(after).at("a") == s("later"));
}

TEST_CASE("A put replaces the whole item: older attributes die, newer ones survive", "[sync][merge]") {
  KeyState st = mergeAll({put({10, 1}, {{"a", s("1")}, {"b", s("1")}}), set({30, 2}, "c", "kept"),
                          put({20, 3}, {{"d", s("put")}})});
  Item item = visible(st);
  CHECK(item.count("a") == 0);
  CHECK(item.count("b") == 0);
  CHECK(item.at("c") == s("kept"));
  CHECK(item.at("d") == s("put"));
  CHECK_FALSE(hiddenOf(st).byUpdatesOnly);
}

TEST_CASE("Merging is commutative, associative and idempotent", "[sync][merge]") {
  std::mt19937 rng(7);
  const char* names[] = {"a", "b", "c"};
  const char* values[] = {"x", "y", "z"};
  for (int round = 0; round < 300; ++round) {
    std::vector<KeyDelta> deltas;
    int n = 2 + static_cast<int>(rng() % 8);
    for (int i = 0; i < n; ++i) {
      Stamp st{1 + rng() % 20, 1 + rng() % 3};
      switch (rng() % 4) {
        case 0: deltas.push_back(put(st, {{names[rng() % 3], s(values[rng() % 3])}})); break;
        case 1: deltas.push_back(del(st)); break;
        case 2: deltas.push_back(set(st, names[rng() % 3], values[rng() % 3])); break;
        default: deltas.push_back(remove(st, names[rng() % 3])); break;
      }
    }
    // Different writes never share a stamp: drop repeats.
    std::vector<KeyDelta> unique;
    for (auto& d : deltas) {
      Stamp st = d.replace != Replace::None ? d.replaced : d.registers.begin()->second.stamp;
      bool seen = std::any_of(unique.begin(), unique.end(), [&](const KeyDelta& u) {
        return (u.replace != Replace::None ? u.replaced : u.registers.begin()->second.stamp) == st;
      });
      if (!seen) unique.push_back(d);
    }
    KeyState reference = mergeAll(unique);
    auto expected = materialize(reference, kKey);
    HiddenState expectedHidden = hiddenOf(reference);
    for (int shuffle = 0; shuffle < 5; ++shuffle) {
      std::vector<KeyDelta> order = unique;
      std::shuffle(order.begin(), order.end(), rng);
      order.push_back(order[rng() % order.size()]);  // a duplicate
      // Merge half, store it as the table + hidden state would, load it back, merge the rest.
      KeyState state;
      size_t half = order.size() / 2;
      for (size_t i = 0; i < half; ++i) mergeDelta(state, order[i], pkSchema());
      auto stored = materialize(state, kKey);
      HiddenState hidden = hiddenOf(state);
      state = loadKeyState(stored ? &*stored : nullptr, &hidden, pkSchema());
      for (size_t i = half; i < order.size(); ++i) mergeDelta(state, order[i], pkSchema());
      auto got = materialize(state, kKey);
      REQUIRE(got.has_value() == expected.has_value());
      if (got) {
        CHECK(got->toItem() == expected->toItem());
        for (const auto& [name, attr] : got->attributes) CHECK(attr.stamp == expected->attributes.at(name).stamp);
      }
      CHECK(hiddenOf(state) == expectedHidden);
    }
  }
}

TEST_CASE("Conflicts: concurrent writes the rules resolved are reported with both sides", "[sync][merge][conflict]") {
  struct Seen {
    std::string attribute;
    ConflictSide winner, loser;
  };
  std::vector<Seen> found;
  ConflictFn record = [&](const std::string& a, const ConflictSide& w, const ConflictSide& l) {
    found.push_back({a, w, l});
  };
  SawFn sawNothing = [](const Stamp& writer, const Stamp& write) { return writer.site == write.site; };
  SawFn sawAll = [](const Stamp&, const Stamp&) { return true; };

  SECTION("same attribute, neither saw the other: the later wins, both recorded") {
    KeyState st = mergeAll({put({10, 1}, {{"a", s("base")}}), set({20, 1}, "a", "mine")});
    mergeDelta(st, set({25, 2}, "a", "theirs"), pkSchema(), sawNothing, record);
    REQUIRE(found.size() == 1);
    CHECK(found[0].attribute == "a");
    CHECK(*found[0].winner.value == s("theirs"));
    CHECK(*found[0].loser.value == s("mine"));
    CHECK(found[0].loser.stamp == Stamp{20, 1});
  }
  SECTION("a write that had seen the value it overwrites is no conflict") {
    KeyState st = mergeAll({put({10, 1}, {{"a", s("base")}}), set({20, 1}, "a", "mine")});
    mergeDelta(st, set({25, 2}, "a", "theirs"), pkSchema(), sawAll, record);
    CHECK(found.empty());
  }
  SECTION("an older arriving write loses and is recorded") {
    KeyState st = mergeAll({put({10, 1}, {{"a", s("base")}}), set({30, 1}, "a", "mine")});
    mergeDelta(st, set({25, 2}, "a", "theirs"), pkSchema(), sawNothing, record);
    REQUIRE(found.size() == 1);
    CHECK(*found[0].winner.value == s("mine"));
    CHECK(*found[0].loser.value == s("theirs"));
  }
  SECTION("delete against a concurrent update") {
    KeyState st = mergeAll({put({10, 1}, {{"a", s("base")}}), set({20, 1}, "b", "updated")});
    SawFn sawThePut = [](const Stamp&, const Stamp& write) { return write.hlc <= 10; };
    mergeDelta(st, del({30, 2}), pkSchema(), sawThePut, record);
    REQUIRE(found.size() == 1);
    CHECK(found[0].attribute == "b");
    CHECK_FALSE(found[0].winner.value);
    CHECK(found[0].winner.stamp == Stamp{30, 2});
    CHECK(*found[0].loser.value == s("updated"));
    CHECK_FALSE(st.exists());
  }
  SECTION("an update made after a delete it had not seen brings the item back") {
    KeyState st = mergeAll({put({10, 1}, {{"a", s("base")}}), del({20, 1})});
    mergeDelta(st, set({30, 2}, "b", "back"), pkSchema(), sawNothing, record);
    CHECK(st.exists());
    CHECK(found.empty());  // nothing of the item was discarded by the update's arrival
  }
  SECTION("concurrent PutItems of one attribute: the later wins, recorded on both peers") {
    // The peer whose put loses erases its registers when the newer put replaces the item; the
    // pair must still be judged (it once went unrecorded there).
    KeyState older = mergeAll({put({10, 1}, {{"a", s("mine")}})});
    mergeDelta(older, put({20, 2}, {{"a", s("theirs")}}), pkSchema(), sawNothing, record);
    KeyState newer = mergeAll({put({20, 2}, {{"a", s("theirs")}})});
    mergeDelta(newer, put({10, 1}, {{"a", s("mine")}}), pkSchema(), sawNothing, record);
    REQUIRE(found.size() == 2);
    for (const Seen& seen : found) {
      CHECK(seen.attribute == "a");
      CHECK(*seen.winner.value == s("theirs"));
      CHECK(seen.winner.stamp == Stamp{20, 2});
      CHECK(*seen.loser.value == s("mine"));
      CHECK(seen.loser.stamp == Stamp{10, 1});
    }
  }
  SECTION("equal values are no conflict") {
    KeyState st = mergeAll({put({10, 1}, {{"a", s("base")}}), set({20, 1}, "a", "same")});
    mergeDelta(st, set({25, 2}, "a", "same"), pkSchema(), sawNothing, record);
    CHECK(found.empty());
  }
}
