// The legacy parameters, translated into the expression trees.
#include <catch2/catch_test_macros.hpp>

#include "expr/legacy.h"
#include "expr/test_support.h"

using namespace shoal;
using namespace shoal::expr;
using namespace shoal::expr::test;

namespace {

LegacyCondition op(std::string attribute, std::string comparison, std::vector<AttributeValue> values) {
  LegacyCondition c;
  c.attribute = std::move(attribute);
  c.comparisonOperator = std::move(comparison);
  c.attributeValueList = std::move(values);
  return c;
}

LegacyCondition valueIs(std::string attribute, AttributeValue v) {
  LegacyCondition c;
  c.attribute = std::move(attribute);
  c.value = std::move(v);
  return c;
}

LegacyCondition existsIs(std::string attribute, bool exists) {
  LegacyCondition c;
  c.attribute = std::move(attribute);
  c.exists = exists;
  return c;
}

bool expected(std::vector<LegacyCondition> conds, const Item& item, std::optional<std::string> conditional = {}) {
  return conditionFromExpected(conds, conditional).evaluate(item);
}

std::string expectedError(std::vector<LegacyCondition> conds, std::optional<std::string> conditional = {}) {
  return validationError([&] { conditionFromExpected(conds, conditional); });
}

const Item kItem{{"a", S("hello")}, {"n", N("3")}, {"b", NS({"2", "4", "7"})}, {"c", L({N("2"), N("4")})},
                 {"d", B("hi there")}};

}  // namespace

TEST_CASE("Expected: Value and Exists") {
  CHECK(expected({valueIs("n", N("3"))}, kItem));
  CHECK_FALSE(expected({valueIs("n", N("4"))}, kItem));
  CHECK_FALSE(expected({valueIs("q", N("3"))}, kItem));
  CHECK(expected({existsIs("q", false)}, kItem));
  CHECK_FALSE(expected({existsIs("n", false)}, kItem));
  LegacyCondition both = valueIs("n", N("3"));
  both.exists = true;
  CHECK(expected({both}, kItem));
  CHECK(expected({}, kItem));  // no condition at all
}

TEST_CASE("Expected: every ComparisonOperator") {
  CHECK(expected({op("n", "EQ", {N("3")})}, kItem));
  CHECK(expected({op("n", "NE", {N("4")})}, kItem));
  CHECK(expected({op("q", "NE", {N("4")})}, kItem));  // NE is true for a missing attribute
  CHECK(expected({op("n", "LE", {N("3")}), op("n", "LT", {N("4")}), op("n", "GE", {N("3")}), op("n", "GT", {N("2")})},
                 kItem));
  CHECK_FALSE(expected({op("n", "LT", {N("3")})}, kItem));
  CHECK_FALSE(expected({op("n", "GT", {S("1")})}, kItem));
  CHECK(expected({op("n", "NOT_NULL", {}), op("q", "NULL", {})}, kItem));
  CHECK(expected({op("a", "CONTAINS", {S("ell")}), op("b", "CONTAINS", {N("4")}), op("c", "CONTAINS", {N("4")}),
                  op("d", "CONTAINS", {B("here")})},
                 kItem));
  CHECK(expected({op("a", "NOT_CONTAINS", {S("dog")}), op("b", "NOT_CONTAINS", {N("1")})}, kItem));
  CHECK_FALSE(expected({op("a", "NOT_CONTAINS", {S("ell")})}, kItem));
  CHECK_FALSE(expected({op("q", "NOT_CONTAINS", {N("1")})}, kItem));  // false for a missing attribute
  CHECK_FALSE(expected({op("q", "CONTAINS", {N("1")})}, kItem));
  CHECK(expected({op("a", "BEGINS_WITH", {S("hell")}), op("d", "BEGINS_WITH", {B("hi")})}, kItem));
  CHECK_FALSE(expected({op("n", "BEGINS_WITH", {S("3")})}, kItem));
  CHECK(expected({op("n", "IN", {N("2"), N("3"), N("8")})}, kItem));
  CHECK_FALSE(expected({op("b", "IN", {N("2")})}, kItem));  // IN is not set membership
  CHECK(expected({op("n", "BETWEEN", {N("1"), N("3")})}, kItem));
  CHECK_FALSE(expected({op("q", "BETWEEN", {N("0"), N("100")})}, kItem));
}

TEST_CASE("Expected: ComparisonOperator with Value instead of AttributeValueList") {
  LegacyCondition c;
  c.attribute = "n";
  c.comparisonOperator = "GE";
  c.value = N("3");
  CHECK(expected({c}, kItem));
}

TEST_CASE("Expected: ConditionalOperator joins the entries") {
  std::vector<LegacyCondition> conds{valueIs("n", N("3")), valueIs("a", S("nope"))};
  CHECK_FALSE(expected(conds, kItem));
  CHECK_FALSE(expected(conds, kItem, std::string("AND")));
  CHECK(expected(conds, kItem, std::string("OR")));
  CHECK(expectedError(conds, std::string("XOR")) ==
        "1 validation error detected: Value 'XOR' at 'conditionalOperator' failed to satisfy constraint: Member must "
        "satisfy enum value set: [OR, AND]");
}

TEST_CASE("Expected errors") {
  const std::string p = "One or more parameter values were invalid: ";
  CHECK(expectedError({LegacyCondition{"a", std::nullopt, std::nullopt, std::nullopt, std::nullopt}}) ==
        p + "Value must be provided when Exists is null for Attribute: a");
  CHECK(expectedError({existsIs("a", true)}) == p + "Value must be provided when Exists is true for Attribute: a");
  LegacyCondition falseWithValue = valueIs("a", S("a"));
  falseWithValue.exists = false;
  CHECK(expectedError({falseWithValue}) == p + "Value cannot be used when Exists is false for Attribute: a");
  LegacyCondition opAndExists = op("a", "EQ", {S("a")});
  opAndExists.exists = true;
  CHECK(expectedError({opAndExists}) == p + "Exists and ComparisonOperator cannot be used together for Attribute: a");
  LegacyCondition listAndValue = op("a", "EQ", {S("a")});
  listAndValue.value = S("a");
  CHECK(expectedError({listAndValue}) == p + "Value and AttributeValueList cannot be used together for Attribute: a");
  LegacyCondition listOnly;
  listOnly.attribute = "a";
  listOnly.attributeValueList = std::vector<AttributeValue>{S("a")};
  CHECK(expectedError({listOnly}) == p + "AttributeValueList can only be used with a ComparisonOperator for Attribute: a");
  LegacyCondition opOnly;
  opOnly.attribute = "a";
  opOnly.comparisonOperator = "EQ";
  CHECK(expectedError({opOnly}) == p + "Value or AttributeValueList must be used with ComparisonOperator: EQ for Attribute: a");
  CHECK(expectedError({op("a", "CONTAINS", {N("2"), N("3")})}) ==
        p + "Invalid number of argument(s) for the CONTAINS ComparisonOperator");
  CHECK(expectedError({op("a", "NULL", {N("2")})}) == p + "Invalid number of argument(s) for the NULL ComparisonOperator");
  CHECK(expectedError({op("a", "IN", {})}) == p + "Invalid number of argument(s) for the IN ComparisonOperator");
  CHECK(expectedError({op("a", "IN", {N("3"), S("dog")})}) == p + "AttributeValues inside AttributeValueList must be of same type");
  CHECK(expectedError({op("a", "CONTAINS", {L({N("1")})})}) ==
        p + "ComparisonOperator CONTAINS is not valid for L AttributeValue type");
  CHECK(expectedError({op("a", "BEGINS_WITH", {N("3")})}) ==
        p + "ComparisonOperator BEGINS_WITH is not valid for N AttributeValue type");
  CHECK(expectedError({op("a", "BETWEEN", {NS({"1"}), NS({"2"})})}) ==
        p + "ComparisonOperator BETWEEN is not valid for NS AttributeValue type");
  CHECK(expectedError({op("a", "BETWEEN", {N("4"), N("3")})}) ==
        "The BETWEEN condition was provided a range where the lower bound is greater than the upper bound");
  CHECK(expectedError({op("a", "EQ", {L({N("1")})})}) == "<no error>");  // EQ and NE take every type
}

TEST_CASE("QueryFilter / ScanFilter") {
  Condition c = conditionFromFilter({op("n", "GT", {N("1")}), op("a", "BEGINS_WITH", {S("he")})}, std::nullopt);
  CHECK(c.evaluate(kItem));
  CHECK(c.topLevelAttributes() == std::set<std::string>{"a", "n"});
  CHECK_FALSE(conditionFromFilter({op("n", "GT", {N("5")}), op("a", "EQ", {S("x")})}, std::string("OR")).evaluate(kItem));
  CHECK(validationError([] { conditionFromFilter({op("n", "LIKE", {N("1")})}, std::nullopt); }).find("enum value set") !=
        std::string::npos);
}

TEST_CASE("KeyConditions") {
  const KeySchema schema{{"p", Type::S}, KeyAttribute{"c", Type::N}};
  KeyCondition k = keyConditionFromLegacy({op("p", "EQ", {S("x")}), op("c", "BETWEEN", {N("1"), N("5")})}, schema);
  CHECK(k.partitionValue == S("x"));
  CHECK(k.sortKey->op == SortKeyOp::Between);
  CHECK(k.sortKey->upper == N("5"));
  auto err = [&](std::vector<LegacyCondition> conds) {
    return validationError([&] { keyConditionFromLegacy(conds, schema); });
  };
  CHECK(err({}) == "Conditions can be of length 1 or 2 only");
  CHECK(err({op("c", "EQ", {N("1")})}) == "Query condition missed key schema element: p");
  CHECK(err({op("p", "EQ", {S("x")}), op("z", "EQ", {N("1")})}) == "Query condition missed key schema element: c");
  CHECK(err({op("p", "EQ", {S("x")}), op("c", "NOT_NULL", {})}) == "Attempted conditional constraint is not an indexable operation");
  CHECK(err({op("p", "BEGINS_WITH", {S("x")})}) == "Query key condition not supported");
  CHECK(err({op("p", "EQ", {S("x")}), op("c", "BEGINS_WITH", {N("1")})}) ==
        "One or more parameter values were invalid: ComparisonOperator BEGINS_WITH is not valid for N AttributeValue type");
  CHECK(err({op("p", "EQ", {N("1")})}) ==
        "One or more parameter values were invalid: Condition parameter type does not match schema type");
}

TEST_CASE("AttributeUpdates: PUT, ADD, DELETE") {
  Item item{{"k", S("key")}, {"n", N("1")}, {"s", SS({"a", "b"})}, {"l", L({S("a")})}, {"gone", S("x")}};
  UpdateExpression u = updateFromAttributeUpdates({
      {"p", std::nullopt, S("put")},
      {"n", std::string("ADD"), N("3")},
      {"s", std::string("DELETE"), SS({"a"})},
      {"l", std::string("ADD"), L({S("b")})},
      {"gone", std::string("DELETE"), std::nullopt},
      {"fresh", std::string("ADD"), NS({"1"})},
  });
  u.apply(item);
  CHECK(item == Item{{"k", S("key")}, {"p", S("put")}, {"n", N("4")}, {"s", SS({"b"})}, {"l", L({S("a"), S("b")})},
                     {"fresh", NS({"1"})}});
  CHECK(u.targetAttributes() == std::set<std::string>{"p", "n", "s", "l", "gone", "fresh"});
}

TEST_CASE("AttributeUpdates errors") {
  const std::string p = "One or more parameter values were invalid: ";
  auto err = [](std::vector<LegacyAttributeUpdate> updates) {
    return validationError([&] { updateFromAttributeUpdates(updates); });
  };
  CHECK(err({{"a", std::string("PUT"), std::nullopt}}) == p + "Only DELETE action is allowed when no attribute value is specified");
  CHECK(err({{"a", std::nullopt, std::nullopt}}) == p + "Only DELETE action is allowed when no attribute value is specified");
  CHECK(err({{"a", std::string("DELETE"), S("1")}}) == p + "DELETE action with value is not supported for the type S");
  CHECK(err({{"a", std::string("DELETE"), L({})}}) == p + "DELETE action with value is not supported for the type L");
  CHECK(err({{"a", std::string("ADD"), B("x")}}) == p + "ADD action is not supported for the type B");
  CHECK(err({{"a", std::string("ADD"), M({})}}) == p + "ADD action is not supported for the type M");

  Item item{{"s", SS({"1"})}, {"c", N("1")}, {"d", NS({"1"})}};
  for (LegacyAttributeUpdate bad : std::vector<LegacyAttributeUpdate>{{"s", std::string("DELETE"), NS({"1"})},
                                                                      {"c", std::string("DELETE"), NS({"1"})},
                                                                      {"s", std::string("ADD"), NS({"1"})},
                                                                      {"d", std::string("ADD"), N("1")}}) {
    Item copy = item;
    CHECK(validationError([&] { updateFromAttributeUpdates({bad}).apply(copy); }) == "Type mismatch for attribute to update");
    CHECK(copy == item);
  }
}
