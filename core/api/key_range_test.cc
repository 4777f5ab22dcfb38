#include <catch2/catch_test_macros.hpp>

#include <algorithm>

#include "api/key_range.h"
#include "value/key_encoding.h"

using namespace shoal;

namespace {

Table tableWith(const std::vector<std::pair<std::string, std::string>>& keys) {
  TableSchema s;
  s.name = "t";
  s.key.hash = {"pk", Type::S};
  s.key.range = KeyAttribute{"sk", Type::S};
  Table t(s);
  for (const auto& [pk, sk] : keys) {
    Item it{{"pk", AttributeValue::string(pk)}, {"sk", AttributeValue::string(sk)}};
    t.put(t.keyOfItem(it), StoredItem::fromItem(it, {}));
  }
  return t;
}

std::vector<std::string> sortKeys(const Table& t, const expr::SortKeyCondition* cond, const std::string* start = nullptr,
                                  bool forward = true) {
  auto [b, e] = rowsIn(t.rows(), keyInterval(encodeKey(AttributeValue::string("p")), cond), start, forward);
  std::vector<std::string> out;
  for (auto it = b; it != e; ++it) out.push_back(it->second.toItem().at("sk").asString());
  if (!forward) std::reverse(out.begin(), out.end());
  return out;
}

expr::SortKeyCondition cond(expr::SortKeyOp op, const std::string& a, const std::string& b = "") {
  return {"sk", op, AttributeValue::string(a), AttributeValue::string(b)};
}

using V = std::vector<std::string>;
using Op = expr::SortKeyOp;

}  // namespace

TEST_CASE("each sort key condition selects exactly its items of the partition", "[table][query]") {
  Table t = tableWith({{"o", "b"}, {"p", "a"}, {"p", "ab"}, {"p", std::string("a\0z", 3)}, {"p", "b"}, {"p", "ba"},
                       {"p", "c"}, {"q", "a"}, {"pp", "a"}});
  CHECK(sortKeys(t, nullptr) == V{"a", std::string("a\0z", 3), "ab", "b", "ba", "c"});
  auto c = cond(Op::Eq, "b");
  CHECK(sortKeys(t, &c) == V{"b"});
  c = cond(Op::Lt, "b");
  CHECK(sortKeys(t, &c) == V{"a", std::string("a\0z", 3), "ab"});
  c = cond(Op::Le, "b");
  CHECK(sortKeys(t, &c) == V{"a", std::string("a\0z", 3), "ab", "b"});
  c = cond(Op::Gt, "b");
  CHECK(sortKeys(t, &c) == V{"ba", "c"});
  c = cond(Op::Ge, "b");
  CHECK(sortKeys(t, &c) == V{"b", "ba", "c"});
  c = cond(Op::Between, "ab", "ba");
  CHECK(sortKeys(t, &c) == V{"ab", "b", "ba"});
  c = cond(Op::BeginsWith, "a");
  CHECK(sortKeys(t, &c) == V{"a", std::string("a\0z", 3), "ab"});
  c = cond(Op::BeginsWith, std::string("a\0", 2));
  CHECK(sortKeys(t, &c) == V{std::string("a\0z", 3)});
  c = cond(Op::BeginsWith, "zz");
  CHECK(sortKeys(t, &c).empty());
  c = cond(Op::Between, "c", "a");  // empty interval
  CHECK(sortKeys(t, &c).empty());
}

TEST_CASE("paging continues after the exclusive start key in both directions", "[table][query]") {
  Table t = tableWith({{"p", "a"}, {"p", "b"}, {"p", "c"}, {"p", "d"}});
  std::string startB = t.keyOfItem({{"pk", AttributeValue::string("p")}, {"sk", AttributeValue::string("b")}});
  CHECK(sortKeys(t, nullptr, &startB) == V{"c", "d"});
  CHECK(sortKeys(t, nullptr, &startB, false) == V{"a"});
  auto c = cond(Op::Ge, "c");
  CHECK(sortKeys(t, &c, &startB) == V{"c", "d"});  // start before the interval changes nothing
  std::string startD = t.keyOfItem({{"pk", AttributeValue::string("p")}, {"sk", AttributeValue::string("d")}});
  CHECK(sortKeys(t, nullptr, &startD).empty());
}

TEST_CASE("prefixSuccessor", "[table]") {
  CHECK(prefixSuccessor("ab") == "ac");
  CHECK(prefixSuccessor(std::string("a\xff", 2)) == "b");
  CHECK(prefixSuccessor(std::string("\xff", 1)).empty());
}
