// ExpressionContext: unused substitutions, and the checks on the maps themselves.
#include <catch2/catch_test_macros.hpp>

#include "expr/condition.h"
#include "expr/projection.h"
#include "expr/update.h"
#include "expr/test_support.h"

using namespace shoal;
using namespace shoal::expr;
using namespace shoal::expr::test;

TEST_CASE("context: unused names and values are refused across all expressions of a request") {
  Request r({{"#name1", "a"}, {"#name2", "b"}, {"#name3", "c"}}, {{":val1", N("1")}, {":val2", N("2")}, {":val3", N("3")}});
  UpdateExpression::compile("SET #name1 = :val1", r.ctx());
  Condition::compile("#name2 = :val2", ExprKind::Condition, r.ctx());
  CHECK(validationError([&] { r.context.checkAllUsed(); }) ==
        "Value provided in ExpressionAttributeNames unused in expressions: keys: {#name3}");
  Projection::compile("#name3", r.ctx());
  CHECK(validationError([&] { r.context.checkAllUsed(); }) ==
        "Value provided in ExpressionAttributeValues unused in expressions: keys: {:val3}");
}

TEST_CASE("context: all unused keys are listed") {
  Request r({}, {{":a", N("1")}, {":b", N("2")}, {":c", N("3")}});
  Condition::compile("x = :b", ExprKind::Condition, r.ctx());
  CHECK(validationError([&] { r.context.checkAllUsed(); }) ==
        "Value provided in ExpressionAttributeValues unused in expressions: keys: {:a, :c}");
}

TEST_CASE("context: no maps, nothing unused") {
  ExpressionContext ctx;
  CHECK(validationError([&] { ctx.checkAllUsed(); }) == "<no error>");
}

TEST_CASE("validateSubstitutions: DynamoDB's checks on the maps") {
  Names empty;
  Values noValues;
  CHECK(validationError([&] { validateSubstitutions(&empty, nullptr); }) == "ExpressionAttributeNames must not be empty");
  CHECK(validationError([&] { validateSubstitutions(nullptr, &noValues); }) == "ExpressionAttributeValues must not be empty");
  Names badName{{"a", "a"}};
  CHECK(validationError([&] { validateSubstitutions(&badName, nullptr); }) ==
        "ExpressionAttributeNames contains invalid key: Syntax error; key: \"a\"");
  Names badName2{{"#a-b", "a"}};
  CHECK(validationError([&] { validateSubstitutions(&badName2, nullptr); }) ==
        "ExpressionAttributeNames contains invalid key: Syntax error; key: \"#a-b\"");
  Values badValue{{":b", S("a")}, {"b", S("a")}};
  CHECK(validationError([&] { validateSubstitutions(nullptr, &badValue); }) ==
        "ExpressionAttributeValues contains invalid key: Syntax error; key: \"b\"");
  Names ok{{"#a", "a"}, {"#_1", "b"}};
  Values okValues{{":v_1", N("1")}};
  CHECK(validationError([&] { validateSubstitutions(&ok, &okValues); }) == "<no error>");
  Names longKey{{"#" + std::string(255, 'a'), "a"}};
  CHECK(validationError([&] { validateSubstitutions(&longKey, nullptr); }).find("invalid key") != std::string::npos);
}
