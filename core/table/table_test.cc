#include <catch2/catch_test_macros.hpp>

#include "table/stamp.h"
#include "table/table.h"

using namespace shoal;

namespace {

Table musicTable() {
  TableSchema s;
  s.name = "Music";
  s.key.hash = {"pk", Type::S};
  s.key.range = KeyAttribute{"sk", Type::N};
  return Table(s);
}

Item item(const std::string& pk, const std::string& sk) {
  return {{"pk", AttributeValue::string(pk)}, {"sk", AttributeValue::number(Number::parse(sk))}};
}

}  // namespace

TEST_CASE("a partition's items are contiguous and ordered by sort key", "[table]") {
  Table t = musicTable();
  for (const char* sk : {"10", "-5", "2.5", "100", "9"}) {
    Item it = item("b", sk);
    t.put(t.keyOfItem(it), StoredItem::fromItem(it, {}));
  }
  Item other = item("a", "1000");
  t.put(t.keyOfItem(other), StoredItem::fromItem(other, {}));
  Item other2 = item("c", "-1000");
  t.put(t.keyOfItem(other2), StoredItem::fromItem(other2, {}));

  std::vector<std::string> order;
  for (const auto& [k, v] : t.rows()) {
    Item i = v.toItem();
    order.push_back(i.at("pk").asString() + ":" + i.at("sk").asNumber().toString());
  }
  CHECK(order == std::vector<std::string>{"a:1000", "b:-5", "b:2.5", "b:9", "b:10", "b:100", "c:-1000"});
}

TEST_CASE("item count and size follow puts, replaces and deletes", "[table]") {
  Table t = musicTable();
  Item a = item("a", "1");
  a["x"] = AttributeValue::string("hello");
  std::string key = t.keyOfItem(a);
  CHECK_FALSE(t.put(key, StoredItem::fromItem(a, {})));
  size_t first = t.sizeBytes();
  CHECK(first > 0);
  a["x"] = AttributeValue::string("hello world");
  auto old = t.put(key, StoredItem::fromItem(a, {}));
  REQUIRE(old);
  CHECK(old->toItem().at("x").asString() == "hello");
  CHECK(t.sizeBytes() == first + 6);
  CHECK(t.itemCount() == 1);
  CHECK(t.erase(key));
  CHECK(t.sizeBytes() == 0);
  CHECK(t.itemCount() == 0);
  CHECK_FALSE(t.erase(key));
}

TEST_CASE("every attribute carries the stamp of its write", "[table]") {
  Table t = musicTable();
  Item a = item("a", "1");
  Stamp s{42, 7};
  std::string key = t.keyOfItem(a);
  t.put(key, StoredItem::fromItem(a, s));
  for (const auto& [name, attr] : t.find(key)->attributes) CHECK(attr.stamp == s);
}

TEST_CASE("the hybrid clock never goes back", "[table][clock]") {
  HybridClock c;
  uint64_t a = c.tick(1000);
  uint64_t b = c.tick(1000);
  uint64_t d = c.tick(500);  // wall clock stepped back
  CHECK(a < b);
  CHECK(b < d);
  c.observe(uint64_t(5000) << 16);
  CHECK(c.tick(1000) > (uint64_t(5000) << 16));
  CHECK((c.tick(6000) >> 16) == 6000);
}
