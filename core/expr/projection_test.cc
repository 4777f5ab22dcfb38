// ProjectionExpression and AttributesToGet.
#include <catch2/catch_test_macros.hpp>

#include "expr/legacy.h"
#include "expr/projection.h"
#include "expr/test_support.h"

using namespace shoal;
using namespace shoal::expr;
using namespace shoal::expr::test;

namespace {

Item projected(const std::string& text, const Item& item, Names names = {}) {
  Request r(std::move(names));
  return Projection::compile(text, r.ctx()).apply(item);
}

std::string error(const std::string& text, Names names = {}) {
  Request r(std::move(names));
  return validationError([&] { Projection::compile(text, r.ctx()); });
}

const Item kItem{
    {"a", S("x")},
    {"b", M({{"c", N("1")}, {"d", L({S("d0"), M({{"e", S("e1")}, {"f", S("f1")}}), S("d2"), S("d3")})}})},
    {"l", L({N("0"), N("1"), N("2"), N("3")})},
};

}  // namespace

TEST_CASE("projection: top-level attributes; missing ones are left out") {
  CHECK(projected("a, nothere", kItem) == Item{{"a", S("x")}});
}

TEST_CASE("projection: nested map keys keep their nesting") {
  CHECK(projected("b.c", kItem) == Item{{"b", M({{"c", N("1")}})}});
  CHECK(projected("b.d[1].f, b.c", kItem) == Item{{"b", M({{"c", N("1")}, {"d", L({M({{"f", S("f1")}})})}})}});
}

TEST_CASE("projection: list elements are packed in index order") {
  CHECK(projected("l[3], l[1]", kItem) == Item{{"l", L({N("1"), N("3")})}});
  CHECK(projected("l[2], l[9]", kItem) == Item{{"l", L({N("2")})}});
  CHECK(projected("b.d[3], b.d[1].e", kItem) == Item{{"b", M({{"d", L({M({{"e", S("e1")}}), S("d3")})}})}});
}

TEST_CASE("projection: a path through the wrong type selects nothing") {
  CHECK(projected("a.x, b.c[0], l.x", kItem).empty());
  CHECK(projected("a[0]", kItem).empty());
}

TEST_CASE("projection: placeholders, recorded as used") {
  Request r(Names{{"#b", "b"}, {"#dd", "d"}});
  Projection p = Projection::compile("#b.#dd[0]", r.ctx());
  CHECK(p.apply(kItem) == Item{{"b", M({{"d", L({S("d0")})}})}});
  CHECK(r.context.usedNames == std::set<std::string>{"#b", "#dd"});
  CHECK(p.topLevelAttributes() == std::set<std::string>{"b"});
  CHECK(p.paths()[0].toString() == "[b, d, [0]]");
}

TEST_CASE("projection errors") {
  CHECK(error("a, name") == "Invalid ProjectionExpression: Attribute name is a reserved keyword; reserved keyword: name");
  CHECK(error("a, #n") ==
        "Invalid ProjectionExpression: An expression attribute name used in the document path is not defined; "
        "attribute name: #n");
  CHECK(error("a, b.c, a") ==
        "Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of "
        "these paths; path one: [a], path two: [a]");
  CHECK(error("b, b.c") ==
        "Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of "
        "these paths; path one: [b], path two: [b, c]");
  CHECK(error("b.c, #b", {{"#b", "b"}}).find("path one: [b, c], path two: [b]") != std::string::npos);
  CHECK(error("b[0], b.c") ==
        "Invalid ProjectionExpression: Two document paths conflict with each other; must remove or rewrite one of "
        "these paths; path one: [b, [0]], path two: [b, c]");
}

TEST_CASE("AttributesToGet: literal top-level names") {
  Projection p = projectionFromAttributesToGet({"a", "b.c", "name"});
  Item item{{"a", N("1")}, {"b.c", N("2")}, {"b", M({{"c", N("3")}})}, {"name", S("n")}};
  CHECK(p.apply(item) == Item{{"a", N("1")}, {"b.c", N("2")}, {"name", S("n")}});
  CHECK(validationError([] { projectionFromAttributesToGet({"a", "a"}); }) ==
        "One or more parameter values were invalid: Duplicate value in attribute name: a");
}
