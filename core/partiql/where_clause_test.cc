#include <catch2/catch_test_macros.hpp>
#include <functional>

#include "partiql/parser.h"
#include "partiql/test_support.h"
#include "partiql/where_clause.h"

using namespace shoal;
using namespace shoal::partiql;
using partiql::testing::show;

namespace {

KeySchema keys(Type hash, std::optional<Type> range = std::nullopt) {
  KeySchema k;
  k.hash = KeyAttribute{"pk", hash};
  if (range) k.range = KeyAttribute{"sk", *range};
  return k;
}

expr::ConditionNode where(const std::string& condition) {
  Statement s = parseStatement("SELECT * FROM t WHERE " + condition, {});
  return std::move(std::get<SelectStatement>(s).where);
}

std::string error(const std::function<void()>& f) {
  try {
    f();
  } catch (const ApiError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("partiql where: a write names one item by equalities on its whole key", "[partiql]") {
  ItemTarget t =
      itemTarget(where("(pk = 'a' AND sk = 1) AND v > 2 AND 'a' = pk"), keys(Type::S, Type::N), KeyRule::Strict);
  CHECK(show(AttributeValue::map(t.key)) == "{pk:S:a,sk:N:1}");
  CHECK(show(t.condition) == "v > N:2");

  ItemTarget bare = itemTarget(where("pk = 'a'"), keys(Type::S), KeyRule::Strict);
  CHECK_FALSE(bare.condition.node);

  const std::string missing = "Where clause does not contain a mandatory equality on all key attributes";
  CHECK(error([] { itemTarget(where("pk = 'a'"), keys(Type::S, Type::N), KeyRule::Strict); }) == missing);
  CHECK(error([] { itemTarget(where("pk = 'a' OR sk = 1"), keys(Type::S, Type::N), KeyRule::Strict); }) == missing);
  CHECK(error([] { itemTarget(where("pk IN ['a'] AND sk = 1"), keys(Type::S, Type::N), KeyRule::Strict); }) == missing);
  CHECK(error([] { itemTarget(expr::ConditionNode(), keys(Type::S), KeyRule::Strict); }) == missing);
  CHECK(error([] { itemTarget(where("pk = 'a' AND pk = 'b'"), keys(Type::S), KeyRule::Strict); }) ==
        "Multiple conditions on same key pk. Only single item Update/Insert/Delete are supported");
  CHECK(error([] { itemTarget(where("pk = 'a' AND pk = 'a'"), keys(Type::S), KeyRule::Strict); }) == "");

  // In a transaction the operation itself refuses a wrong key.
  ItemTarget lenient = itemTarget(where("pk = 'a' AND pk = 'b' AND sk = 1"), keys(Type::S, Type::N), KeyRule::Lenient);
  CHECK(show(AttributeValue::map(lenient.key)) == "{sk:N:1}");
  ItemTarget first = itemTarget(where("pk = 'a' AND pk = 'b' AND x = 1"), keys(Type::S), KeyRule::FirstWins);
  CHECK(show(AttributeValue::map(first.key)) == "{pk:S:a}");
  CHECK(show(first.condition) == "(pk = S:b) AND (x = N:1)");
}

TEST_CASE("partiql where: the exact key of a batch or transaction read", "[partiql]") {
  CHECK(exactKey(where("pk = 'a' AND sk = 1"), keys(Type::S, Type::N)));
  CHECK(exactKey(where("pk IN ['a'] AND sk IN [1]"), keys(Type::S, Type::N)));
  CHECK(exactKey(where("(sk = 1) AND pk = 'a' AND pk = 'a'"), keys(Type::S, Type::N)));
  CHECK_FALSE(exactKey(where("pk = 'a'"), keys(Type::S, Type::N)));
  CHECK_FALSE(exactKey(where("pk = 'a' AND sk = 1 AND v = 1"), keys(Type::S, Type::N)));
  CHECK_FALSE(exactKey(where("pk = 'a' AND sk = 1 AND pk = 'b'"), keys(Type::S, Type::N)));
}

TEST_CASE("partiql where: the key range a SELECT reads", "[partiql]") {
  auto r = keyRange(where("v = 1 AND pk = 'a' AND sk >= 3"), keys(Type::S, Type::N));
  REQUIRE(r);
  CHECK(show(r->partition) == "S:a");
  REQUIRE(r->sort);
  CHECK(r->sort->op == expr::SortKeyOp::Ge);

  auto flipped = keyRange(where("pk = 'a' AND 3 > sk"), keys(Type::S, Type::N));
  REQUIRE(flipped->sort);
  CHECK(flipped->sort->op == expr::SortKeyOp::Lt);
  CHECK(keyRange(where("pk = 'a' AND begins_with(sk, 'x')"), keys(Type::S, Type::S))->sort->op ==
        expr::SortKeyOp::BeginsWith);
  CHECK(keyRange(where("pk = 'a' AND sk BETWEEN 1 AND 2"), keys(Type::S, Type::N))->sort->op ==
        expr::SortKeyOp::Between);
  CHECK_FALSE(keyRange(where("pk = 'a' AND sk <> 1"), keys(Type::S, Type::N))->sort);
  CHECK_FALSE(keyRange(where("pk = 'a' AND (sk = 1 OR sk = 2)"), keys(Type::S, Type::N))->sort);

  CHECK_FALSE(keyRange(where("pk > 'a'"), keys(Type::S)));
  CHECK_FALSE(keyRange(where("pk = 'a' OR pk = 'b'"), keys(Type::S)));
  CHECK_FALSE(keyRange(expr::ConditionNode(), keys(Type::S)));
  CHECK(error([] { keyRange(where("pk = 1"), keys(Type::S)); }) ==
        "Key attribute's data type should match its data type in table's schema: Key pk");
  CHECK(error([] { keyRange(where("pk = 'a' AND sk = 'x'"), keys(Type::S, Type::N)); }) ==
        "Key attribute's data type should match its data type in table's schema: Key sk");
}
