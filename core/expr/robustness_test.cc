// Bad input never crashes the engine: random token soup through every expression kind must
// either compile or be refused with a ValidationException, and whatever compiles must
// evaluate or apply without any other failure. Bounded and deterministic (fixed seed); the
// libFuzzer target explores further.
#include <catch2/catch_test_macros.hpp>

#include <iterator>
#include <random>

#include "expr/condition.h"
#include "expr/key_condition.h"
#include "expr/projection.h"
#include "expr/test_support.h"
#include "expr/update.h"

using namespace shoal;
using namespace shoal::expr;
using namespace shoal::expr::test;

namespace {

const char* const kPieces[] = {
    "a", "b", "c", "l", "m", "#n", "#m", ":v", ":n", ":l", ":s", "(", ")", "(", ")", "[", "]", "[0]", "[1]", "[7]",
    ".", ",", "=", "<>", "<", "<=", ">", ">=", "+", "-", "AND", "OR", "NOT", "BETWEEN", "IN", "SET", "REMOVE", "ADD",
    "DELETE", "size", "contains", "begins_with", "attribute_exists", "attribute_not_exists", "attribute_type",
    "if_not_exists", "list_append", "name", "!", "\"", "_", "1", " ", "  ", "é",
};

std::string randomExpression(std::mt19937& rng) {
  std::uniform_int_distribution<size_t> length(1, 14);
  std::uniform_int_distribution<size_t> piece(0, std::size(kPieces) - 1);
  std::string s;
  for (size_t i = 0, n = length(rng); i < n; ++i) {
    if (!s.empty() && rng() % 2) s += ' ';
    s += kPieces[piece(rng)];
  }
  return s;
}

template <typename F>
void mustBeValidationOrNothing(const std::string& text, F&& f) {
  try {
    f();
  } catch (const ApiError& e) {
    if (e.type() != "ValidationException") FAIL(text << " -> " << e.type() << ": " << e.what());
  } catch (const std::exception& e) {
    FAIL(text << " -> " << e.what());
  }
}

}  // namespace

TEST_CASE("robustness: random expressions are compiled or refused, never anything else") {
  Names names{{"#n", "n"}, {"#m", "m"}};
  Values values{{":v", N("1")}, {":n", N("2")}, {":l", L({N("1")})}, {":s", SS({"x"})}};
  const Item item{{"a", N("1")}, {"b", S("x")}, {"l", L({N("1"), N("2")})}, {"m", M({{"n", N("3")}})}, {"n", NS({"1"})}};
  const KeySchema schema{{"a", Type::N}, KeyAttribute{"b", Type::S}};
  std::mt19937 rng(20240601);
  int compiled = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string text = randomExpression(rng);
    mustBeValidationOrNothing(text, [&] {
      ExpressionContext ctx{&names, &values, {}, {}};
      Condition c = Condition::compile(text, ExprKind::Filter, ctx);
      c.evaluate(item);
      c.evaluate(Item{});
      ++compiled;
    });
    mustBeValidationOrNothing(text, [&] {
      ExpressionContext ctx{&names, &values, {}, {}};
      UpdateExpression u = UpdateExpression::compile(text, ctx);
      ++compiled;
      Item copy = item;
      u.apply(copy);
    });
    mustBeValidationOrNothing(text, [&] {
      ExpressionContext ctx{&names, &values, {}, {}};
      Projection::compile(text, ctx).apply(item);
      ++compiled;
    });
    mustBeValidationOrNothing(text, [&] {
      ExpressionContext ctx{&names, &values, {}, {}};
      compileKeyCondition(text, ctx, schema).matches(item);
      ++compiled;
    });
  }
  CHECK(compiled > 100);  // the generator does reach valid expressions
}
