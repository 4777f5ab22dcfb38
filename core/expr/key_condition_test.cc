// KeyConditionExpression: the structure a Query needs, and DynamoDB's refusals.
#include <catch2/catch_test_macros.hpp>

#include "expr/key_condition.h"
#include "expr/test_support.h"

using namespace shoal;
using namespace shoal::expr;
using namespace shoal::expr::test;

namespace {

const KeySchema kSchema{{"p", Type::S}, KeyAttribute{"c", Type::N}};
const KeySchema kHashOnly{{"p", Type::S}, std::nullopt};

KeyCondition compile(const std::string& text, Values values, Names names = {}, const KeySchema& schema = kSchema) {
  Request r(std::move(names), std::move(values));
  return compileKeyCondition(text, r.ctx(), schema);
}

std::string error(const std::string& text, Values values, Names names = {}, const KeySchema& schema = kSchema) {
  Request r(std::move(names), std::move(values));
  return validationError([&] { compileKeyCondition(text, r.ctx(), schema); });
}

const Values kV{{":p", S("x")}, {":c", N("3")}, {":c2", N("7")}};

}  // namespace

TEST_CASE("key condition: partition key only") {
  KeyCondition k = compile(" p  =   :p ", {{":p", S("x")}});
  CHECK(k.partitionKey == "p");
  CHECK(k.partitionValue == S("x"));
  CHECK_FALSE(k.sortKey);
  CHECK(k.matches(Item{{"p", S("x")}, {"c", N("1")}}));
  CHECK_FALSE(k.matches(Item{{"p", S("y")}}));
}

TEST_CASE("key condition: every sort key operator") {
  struct Case {
    const char* text;
    SortKeyOp op;
  };
  for (auto [text, op] : std::vector<Case>{{"p = :p AND c = :c", SortKeyOp::Eq},
                                           {"p = :p AND c < :c", SortKeyOp::Lt},
                                           {"p = :p AND c <= :c", SortKeyOp::Le},
                                           {"p = :p AND c > :c", SortKeyOp::Gt},
                                           {"p = :p AND c >= :c", SortKeyOp::Ge}}) {
    INFO(text);
    KeyCondition k = compile(text, {{":p", S("x")}, {":c", N("3")}});
    REQUIRE(k.sortKey);
    CHECK(k.sortKey->attribute == "c");
    CHECK(k.sortKey->op == op);
    CHECK(k.sortKey->value == N("3"));
  }
  KeyCondition between = compile("p = :p AND c BeTwEeN :c aNd :c2", kV);
  CHECK(between.sortKey->op == SortKeyOp::Between);
  CHECK(between.sortKey->upper == N("7"));
  CHECK(between.sortKey->matches(N("7")));
  CHECK(between.sortKey->matches(N("3")));
  CHECK_FALSE(between.sortKey->matches(N("7.5")));
}

TEST_CASE("key condition: begins_with on a string sort key") {
  const KeySchema schema{{"p", Type::S}, KeyAttribute{"s", Type::S}};
  KeyCondition k = compile("begins_with(s, :pre) AND p = :p", {{":p", S("x")}, {":pre", S("ab")}}, {}, schema);
  CHECK(k.sortKey->op == SortKeyOp::BeginsWith);
  CHECK(k.sortKey->matches(S("abc")));
  CHECK_FALSE(k.sortKey->matches(S("b")));
  CHECK(k.matches(Item{{"p", S("x")}, {"s", S("ab")}}));
}

TEST_CASE("key condition: the value may come first, which reverses the operator") {
  KeyCondition k = compile(":p = p AND :c < c", kV);
  CHECK(k.sortKey->op == SortKeyOp::Gt);
  CHECK(compile(":p = p AND :c >= c", kV).sortKey->op == SortKeyOp::Le);
}

TEST_CASE("key condition: placeholders and parentheses") {
  KeyCondition k = compile("((#p = :p) AND (#c = :c))", kV, {{"#p", "p"}, {"#c", "c"}});
  CHECK(k.partitionKey == "p");
  CHECK(k.sortKey->attribute == "c");
}

TEST_CASE("key condition errors: operators a key condition cannot use") {
  CHECK(error("p = :p AND c <> :c", kV) == "Invalid operator used in KeyConditionExpression: <>");
  CHECK(error("p = :p AND c IN (:c)", kV) == "Invalid operator used in KeyConditionExpression: IN");
  CHECK(error("c = :c OR p = :p", kV) == "Invalid operator used in KeyConditionExpression: OR");
  CHECK(error("NOT c = :c AND p = :p", kV) == "Invalid operator used in KeyConditionExpression: NOT");
  CHECK(error("p = :p AND attribute_exists(c)", kV) ==
        "Invalid operator used in KeyConditionExpression: attribute_exists");
  CHECK(error("p = :p AND contains(c, :c)", kV) == "Invalid operator used in KeyConditionExpression: contains");
  CHECK(error("p = :p AND size(c) = :c", kV) == "KeyConditionExpressions cannot contain nested operations");
  CHECK(error("p = :p AND dog(c, :c)", kV) == "Invalid KeyConditionExpression: Invalid function name; function: dog");
}

TEST_CASE("key condition errors: the shape of each condition") {
  CHECK(error("p = :p AND c.x = :c", kV) == "KeyConditionExpressions cannot have conditions on nested attributes");
  CHECK(error("p = c", kV) == "Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition");
  CHECK(error(":p = :c", kV) == "Invalid condition in KeyConditionExpression: No key attribute specified");
  CHECK(error("p = :p AND :c BETWEEN c AND :c2", kV) ==
        "Invalid condition in KeyConditionExpression: BETWEEN operator must have the key attribute as its first "
        "operand");
  CHECK(error("p = :p AND begins_with(:p, c)", kV) ==
        "Invalid condition in KeyConditionExpression: begins_with operator must have the key attribute as its first "
        "operand");
  CHECK(error("p = :p AND p = :p", kV) == "KeyConditionExpressions must only contain one condition per key");
  CHECK(error("p = :p AND c >= :c AND c <= :c2", kV) == "KeyConditionExpressions must only contain one condition per key");
  CHECK(error("p = :p AND c = :c AND x = :c2", kV) == "Conditions can be of length 1 or 2 only");
}

TEST_CASE("key condition errors: against the key schema") {
  CHECK(error("c = :c", kV) == "Query condition missed key schema element: p");
  CHECK(error("p = :p AND x = :c", kV) == "Query condition missed key schema element: c");
  CHECK(error("p < :p", kV) == "Query key condition not supported");
  CHECK(error("begins_with(p, :p)", kV) == "Query key condition not supported");
  CHECK(error("p = :p AND x = :c", kV, {}, kHashOnly) == "Query key condition not supported");
  CHECK(error("p = :c", kV) == "One or more parameter values were invalid: Condition parameter type does not match schema type");
  CHECK(error("p = :p AND c = :p", kV) ==
        "One or more parameter values were invalid: Condition parameter type does not match schema type");
  CHECK(error("p = :e", {{":e", S("")}}) ==
        "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty "
        "string value. Key: p");
}

TEST_CASE("key condition errors: begins_with needs a string or binary") {
  CHECK(error("p = :p AND begins_with(c, :c)", kV) ==
        "Invalid KeyConditionExpression: Incorrect operand type for operator or function; operator or function: "
        "begins_with, operand type: N");
}

TEST_CASE("key condition errors: parse and resolve errors name the parameter") {
  CHECK(error("p = :p AND c!=:c", kV).rfind("Invalid KeyConditionExpression: Syntax error; token: \"!\"", 0) == 0);
  CHECK(error("p = :q", kV) ==
        "Invalid KeyConditionExpression: An expression attribute value used in expression is not defined; attribute "
        "value: :q");
  CHECK(error("", kV) == "Invalid KeyConditionExpression: The expression can not be empty;");
}
