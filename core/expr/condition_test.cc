// ConditionExpression / FilterExpression: evaluation semantics and every error kind.
#include <catch2/catch_test_macros.hpp>

#include "expr/condition.h"
#include "expr/test_support.h"

using namespace shoal;
using namespace shoal::expr;
using namespace shoal::expr::test;

namespace {

bool holds(const std::string& text, const Item& item, Values values = {}, Names names = {}) {
  Request r(std::move(names), std::move(values));
  return Condition::compile(text, ExprKind::Condition, r.ctx()).evaluate(item);
}

std::string error(const std::string& text, Values values = {}, Names names = {},
                  ExprKind kind = ExprKind::Condition) {
  Request r(std::move(names), std::move(values));
  return validationError([&] { Condition::compile(text, kind, r.ctx()); });
}

const Item kItem{
    {"n", N("5")},
    {"s", S("cat")},
    {"b", B(std::string("\x7f", 1))},
    {"t", BOOL(true)},
    {"z", NUL()},
    {"l", L({N("2"), S("dog"), N("7")})},
    {"m", M({{"x", N("1")}, {"y", L({N("-1"), N("2"), N("0")})}, {"deep", M({{"k", S("v")}})}})},
    {"ss", SS({"hello", "world"})},
    {"ns", NS({"2", "4", "7"})},
    {"bs", BS({"xyz", "hi"})},
    {"u", S("é𝄞")},
};

}  // namespace

TEST_CASE("condition: = compares type and value") {
  CHECK(holds("n = :v", kItem, {{":v", N("5.0")}}));
  CHECK_FALSE(holds("n = :v", kItem, {{":v", N("6")}}));
  CHECK_FALSE(holds("n = :v", kItem, {{":v", S("5")}}));  // different types: false, not an error
  CHECK(holds("ss = :v", kItem, {{":v", SS({"world", "hello"})}}));
  CHECK(holds("l = :v", kItem, {{":v", L({N("2"), S("dog"), N("7")})}}));
  CHECK(holds("m.deep = :v", kItem, {{":v", M({{"k", S("v")}})}}));
  CHECK(holds("t = :v", kItem, {{":v", BOOL(true)}}));
  CHECK(holds("z = :v", kItem, {{":v", NUL()}}));
  CHECK_FALSE(holds("gone = :v", kItem, {{":v", N("5")}}));
  CHECK_FALSE(holds("gone = absent", kItem));  // two gone attributes are not equal
}

TEST_CASE("condition: <> is true for missing attributes and different types") {
  CHECK(holds("n <> :v", kItem, {{":v", N("4")}}));
  CHECK_FALSE(holds("n <> :v", kItem, {{":v", N("5")}}));
  CHECK(holds("n <> :v", kItem, {{":v", S("5")}}));
  CHECK(holds("gone <> :v", kItem, {{":v", N("5")}}));
  CHECK(holds("gone <> absent", kItem));
}

TEST_CASE("condition: ordering by number value, string bytes, unsigned binary bytes") {
  CHECK(holds("n < :v", kItem, {{":v", N("10")}}));  // numerically, not as text
  CHECK(holds("n > :v", kItem, {{":v", N("-10")}}));
  CHECK(holds("n <= :v AND n >= :v", kItem, {{":v", N("5")}}));
  CHECK(holds("s < :v", kItem, {{":v", S("dog")}}));
  CHECK(holds("s > :v", kItem, {{":v", S("Zebra")}}));  // bytes: 'c' > 'Z'
  CHECK(holds("u > :v", kItem, {{":v", S("z")}}));      // UTF-8 bytes: 0xC3 > 'z'
  CHECK(holds("b < :v", kItem, {{":v", B(std::string("\x80", 1))}}));  // 0x7f < 0x80 unsigned
  CHECK(holds("m.x < m.y[1]", kItem));
  CHECK_FALSE(holds("m.x < m.y[0]", kItem));
}

TEST_CASE("condition: ordering across types or on unordered stored types is false") {
  CHECK_FALSE(holds("n < :v", kItem, {{":v", S("9")}}));
  CHECK_FALSE(holds("n >= :v", kItem, {{":v", S("0")}}));
  CHECK_FALSE(holds("l < :v", kItem, {{":v", N("1")}}));
  CHECK_FALSE(holds(":v > l", kItem, {{":v", N("1")}}));
  CHECK_FALSE(holds("gone < :v", kItem, {{":v", N("1")}}));
  CHECK_FALSE(holds(":v <= gone", kItem, {{":v", S("17")}}));
}

TEST_CASE("condition: BETWEEN is inclusive and needs one type") {
  CHECK(holds("n BETWEEN :a AND :b", kItem, {{":a", N("5")}, {":b", N("5")}}));
  CHECK(holds("n BETWEEN :a AND :b", kItem, {{":a", N("0")}, {":b", N("10")}}));
  CHECK_FALSE(holds("n BETWEEN :a AND :b", kItem, {{":a", N("6")}, {":b", N("10")}}));
  CHECK(holds("s between :a and :b", kItem, {{":a", S("aardvark")}, {":b", S("dog")}}));
  CHECK_FALSE(holds("n BETWEEN :a AND :b", kItem, {{":a", S("0")}, {":b", S("9")}}));
  CHECK_FALSE(holds("gone BETWEEN :a AND :b", kItem, {{":a", N("0")}, {":b", N("9")}}));
  CHECK(holds("n BETWEEN m.x AND l[2]", kItem));
  // Bounds from the item are not checked up front: a reversed range is just false.
  CHECK_FALSE(holds("n BETWEEN l[2] AND m.x", kItem));
}

TEST_CASE("condition: IN compares with each candidate, any types") {
  CHECK(holds("n IN (:a, :b)", kItem, {{":a", S("dog")}, {":b", N("5")}}));
  CHECK_FALSE(holds("n IN (:a, :b)", kItem, {{":a", S("dog")}, {":b", N("6")}}));
  CHECK(holds("ns IN (:a)", kItem, {{":a", NS({"7", "4", "2"})}}));
  CHECK(holds("s IN (l[1], s)", kItem));
  CHECK_FALSE(holds("gone IN (:a)", kItem, {{":a", N("5")}}));
}

TEST_CASE("condition: attribute_exists and attribute_not_exists, nested too") {
  CHECK(holds("attribute_exists(n)", kItem));
  CHECK(holds("attribute_exists(m.deep.k) AND attribute_exists(l[2])", kItem));
  CHECK_FALSE(holds("attribute_exists(l[3])", kItem));
  CHECK_FALSE(holds("attribute_exists(s.x)", kItem));
  CHECK(holds("attribute_not_exists(nope) AND attribute_not_exists(m.nope)", kItem));
  CHECK_FALSE(holds("attribute_not_exists(z)", kItem));  // NULL is a value
  CHECK(holds("attribute_not_exists(pk)", Item{}));       // a gone item has nothing
}

TEST_CASE("condition: attribute_type checks the stored type") {
  for (const auto& [attr, type] : std::vector<std::pair<std::string, std::string>>{
           {"n", "N"}, {"s", "S"}, {"b", "B"}, {"t", "BOOL"}, {"z", "NULL"}, {"l", "L"},
           {"m", "M"}, {"ss", "SS"}, {"ns", "NS"}, {"bs", "BS"}}) {
    INFO(attr);
    CHECK(holds("attribute_type(" + attr + ", :t)", kItem, {{":t", S(type)}}));
    CHECK_FALSE(holds("attribute_type(" + attr + ", :t)", kItem, {{":t", S(type == "S" ? "N" : "S")}}));
  }
  CHECK_FALSE(holds("attribute_type(gone, :t)", kItem, {{":t", S("S")}}));
  CHECK(holds("attribute_type(:v, :t)", kItem, {{":v", N("0")}, {":t", S("N")}}));
}

TEST_CASE("condition: begins_with on strings and binaries") {
  CHECK(holds("begins_with(s, :p)", kItem, {{":p", S("ca")}}));
  CHECK(holds("begins_with(s, :p)", kItem, {{":p", S("cat")}}));
  CHECK_FALSE(holds("begins_with(s, :p)", kItem, {{":p", S("cats")}}));
  CHECK(holds("begins_with(b, :p)", kItem, {{":p", B(std::string("\x7f", 1))}}));
  CHECK_FALSE(holds("begins_with(s, :p)", kItem, {{":p", B("ca")}}));
  CHECK_FALSE(holds("begins_with(n, :p)", kItem, {{":p", S("5")}}));  // stored number: false
  CHECK(holds("begins_with(:str, s)", kItem, {{":str", S("catalog")}}));
}

TEST_CASE("condition: contains on strings, binaries, sets and lists") {
  CHECK(holds("contains(s, :v)", kItem, {{":v", S("at")}}));
  CHECK_FALSE(holds("contains(s, :v)", kItem, {{":v", S("dog")}}));
  CHECK(holds("contains(ss, :v)", kItem, {{":v", S("world")}}));
  CHECK_FALSE(holds("contains(ss, :v)", kItem, {{":v", S("wor")}}));
  CHECK(holds("contains(ns, :v)", kItem, {{":v", N("4.0")}}));
  CHECK_FALSE(holds("contains(ns, :v)", kItem, {{":v", S("4")}}));
  CHECK(holds("contains(bs, :v)", kItem, {{":v", B("hi")}}));
  CHECK(holds("contains(b, :v)", kItem, {{":v", B(std::string("\x7f", 1))}}));
  CHECK(holds("contains(l, :v)", kItem, {{":v", S("dog")}}));
  CHECK(holds("contains(l, :v)", kItem, {{":v", N("7")}}));
  CHECK_FALSE(holds("contains(l, :v)", kItem, {{":v", S("7")}}));
  CHECK(holds("contains(m.y, :v)", kItem, {{":v", N("-1")}}));
  CHECK_FALSE(holds("contains(gone, :v)", kItem, {{":v", S("a")}}));
  CHECK_FALSE(holds("contains(n, :v)", kItem, {{":v", N("5")}}));
}

TEST_CASE("condition: size of each type") {
  CHECK(holds("size(s) = :v", kItem, {{":v", N("3")}}));
  CHECK(holds("size(u) = :v", kItem, {{":v", N("3")}}));  // UTF-16 code units: é is 1, 𝄞 is 2
  CHECK(holds("size(b) = :v", kItem, {{":v", N("1")}}));
  CHECK(holds("size(l) = :v AND size(m) = :w", kItem, {{":v", N("3")}, {":w", N("3")}}));
  CHECK(holds("size(ss) = :v AND size(ns) = :w", kItem, {{":v", N("2")}, {":w", N("3")}}));
  CHECK(holds("size(m.y) > :v", kItem, {{":v", N("2")}}));
  CHECK_FALSE(holds("size(n) = :v", kItem, {{":v", N("1")}}));   // numbers have no size
  CHECK_FALSE(holds("size(t) = :v", kItem, {{":v", N("1")}}));
  CHECK_FALSE(holds("size(gone) = :v", kItem, {{":v", N("0")}}));
  CHECK_FALSE(holds("size(s) = :v", kItem, {{":v", S("dog")}}));  // compared with a string: false
  CHECK(holds("size(s) < n", kItem));
}

TEST_CASE("condition: precedence NOT > AND > OR, and parentheses") {
  Item item{{"a", N("1")}, {"b", N("2")}, {"c", N("3")}};
  CHECK(holds("a < b OR c < b AND b < c", item));       // a<b OR (c<b AND b<c)
  CHECK_FALSE(holds("(a < b OR c < b) AND c < b", item));
  CHECK_FALSE(holds("NOT a < b AND c < b", item));      // (NOT a<b) AND c<b
  CHECK(holds("NOT (a < b AND c < b)", item));
  CHECK(holds("NOT NOT NOT NOT a < b", item));
  CHECK(holds("(a < b OR b < a) AND (b < c AND (a < b OR b < c))", item));
}

TEST_CASE("condition: #name placeholders allow reserved words and odd names") {
  Item item{{"and", M({{"or", N("2")}})}, {"a.b", N("1")}};
  CHECK(holds("#n1.#n2 = :two", item, {{":two", N("2")}}, {{"#n1", "and"}, {"#n2", "or"}}));
  CHECK(holds("#dotted = :one", item, {{":one", N("1")}}, {{"#dotted", "a.b"}}));
  CHECK(holds("attribute_exists(#x)", item, {}, {{"#x", "and"}}));
}

TEST_CASE("condition: placeholders used are recorded, including behind short-circuits") {
  Request r({{"#a", "a"}, {"#b", "b"}}, {{":x", N("1")}, {":y", N("2")}});
  Condition c = Condition::compile("#a = :x OR #b = :y", ExprKind::Condition, r.ctx());
  CHECK(c.evaluate(Item{{"a", N("1")}}));
  CHECK(r.context.usedNames == std::set<std::string>{"#a", "#b"});
  CHECK(r.context.usedValues == std::set<std::string>{":x", ":y"});
  CHECK(validationError([&] { r.context.checkAllUsed(); }) == "<no error>");
  CHECK(c.topLevelAttributes() == std::set<std::string>{"a", "b"});
}

TEST_CASE("condition: an empty Condition is always true") {
  CHECK(Condition().evaluate(kItem));
  CHECK(Condition().empty());
}

TEST_CASE("condition errors: undefined placeholders") {
  CHECK(error("#x = :v", {{":v", N("1")}}) ==
        "Invalid ConditionExpression: An expression attribute name used in the document path is not defined; "
        "attribute name: #x");
  CHECK(error("a = :v", {}, {}, ExprKind::Filter) ==
        "Invalid FilterExpression: An expression attribute value used in expression is not defined; attribute "
        "value: :v");
  CHECK(error("a = :v", {{":w", N("1")}}, {{"#a", "a"}}) ==
        "Invalid ConditionExpression: An expression attribute value used in expression is not defined; attribute "
        "value: :v");
  // In text order: the value comes first here.
  CHECK(error(":v = #x") ==
        "Invalid ConditionExpression: An expression attribute value used in expression is not defined; attribute "
        "value: :v");
}

TEST_CASE("condition errors: reserved words must be written as placeholders") {
  CHECK(error("name = :v", {{":v", S("x")}}) ==
        "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: name");
  CHECK(error("a.Status = :v", {{":v", S("x")}}) ==
        "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: Status");
  CHECK(error("attribute_exists(size)") ==
        "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: size");
  // Checked before placeholders are resolved.
  CHECK(error("#undefined = :v AND data = :v") ==
        "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: data");
}

TEST_CASE("condition errors: functions") {
  CHECK(error("dog(a) = :v", {{":v", N("1")}}) == "Invalid ConditionExpression: Invalid function name; function: dog");
  CHECK(error("Size(a) = :v", {{":v", N("1")}}) == "Invalid ConditionExpression: Invalid function name; function: Size");
  CHECK(error("if_not_exists(a, a) = :v", {{":v", N("1")}}) ==
        "Invalid ConditionExpression: The function is not allowed in a condition expression; function: if_not_exists");
  CHECK(error("list_append(a, b) = :v", {{":v", N("1")}}) ==
        "Invalid ConditionExpression: The function is not allowed in a condition expression; function: list_append");
  CHECK(error("size(a)") ==
        "Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: "
        "size");
  CHECK(error("attribute_exists(a) < :v", {{":v", N("1")}}) ==
        "Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: "
        "attribute_exists");
  CHECK(error("size(contains(a, :v)) = :v", {{":v", N("1")}}) ==
        "Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: "
        "contains");
  CHECK(error("attribute_exists(a, b)") ==
        "Invalid ConditionExpression: Incorrect number of operands for operator or function; operator or function: "
        "attribute_exists, number of operands: 2");
  CHECK(error("size(a, a) = :v", {{":v", N("1")}}) ==
        "Invalid ConditionExpression: Incorrect number of operands for operator or function; operator or function: "
        "size, number of operands: 2");
  CHECK(error("begins_with(a)") ==
        "Invalid ConditionExpression: Incorrect number of operands for operator or function; operator or function: "
        "begins_with, number of operands: 1");
  CHECK(error("attribute_exists(:v)", {{":v", N("1")}}) ==
        "Invalid ConditionExpression: Operator or function requires a document path; operator or function: "
        "attribute_exists");
  CHECK(error("attribute_not_exists(size(a))") ==
        "Invalid ConditionExpression: Operator or function requires a document path; operator or function: "
        "attribute_not_exists");
}

TEST_CASE("condition errors: the same path on both sides") {
  CHECK(error("contains(a, a)") ==
        "Invalid ConditionExpression: The first operand must be distinct from the remaining operands for this "
        "operator or function; operator: contains, first operand: [a]");
  CHECK(error("a.b[1] = a.b[1]") ==
        "Invalid ConditionExpression: The first operand must be distinct from the remaining operands for this "
        "operator or function; operator: =, first operand: [a, b, [1]]");
  CHECK(error("contains(a, a1)") == "<no error>");
}

TEST_CASE("condition errors: constants of the wrong type are refused up front") {
  CHECK(error("begins_with(a, :v)", {{":v", N("2")}}) ==
        "Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: "
        "begins_with, operand type: N");
  CHECK(error("size(:v) > :n", {{":v", BOOL(true)}, {":n", N("1")}}) ==
        "Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: size, "
        "operand type: BOOL");
  CHECK(error("size(:v) > :n", {{":v", S("abc")}, {":n", N("1")}}) == "<no error>");
  CHECK(error("a <= :v", {{":v", L({N("1"), N("2")})}}) ==
        "Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: <=, "
        "operand type: L");
  CHECK(error(":v > a", {{":v", BOOL(true)}}) ==
        "Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: >, "
        "operand type: BOOL");
  CHECK(error("a = :v", {{":v", L({})}}) == "<no error>");  // equality takes every type
  CHECK(error("a BETWEEN :a AND :b", {{":a", L({})}, {":b", L({})}}) ==
        "Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: "
        "BETWEEN, operand type: L");
}

TEST_CASE("condition errors: BETWEEN bounds given as constants must be ordered and of one type") {
  CHECK(error("a BETWEEN :a AND :b", {{":a", N("2")}, {":b", N("1")}}) ==
        "Invalid ConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower "
        "bound; lower bound operand: AttributeValue: {N:2}, upper bound operand: AttributeValue: {N:1}");
  CHECK(error("a BETWEEN :a AND :b", {{":a", N("2")}, {":b", S("dog")}}) ==
        "Invalid ConditionExpression: The BETWEEN operator requires same data type for lower and upper bounds; lower "
        "bound operand: AttributeValue: {N:2}, upper bound operand: AttributeValue: {S:dog}");
  CHECK(error("a BETWEEN :a AND :b", {{":a", S("b")}, {":b", S("a")}}).find("upper bound to be greater") !=
        std::string::npos);
  CHECK(error("a BETWEEN :a AND :b", {{":a", N("1")}, {":b", N("1")}}) == "<no error>");
  CHECK(error("a BETWEEN two AND :b", {{":b", N("1")}}) == "<no error>");
}

TEST_CASE("condition errors: attribute_type's type operand") {
  CHECK(error("attribute_type(a, :t)", {{":t", S("DOG")}}) ==
        "Invalid ConditionExpression: Invalid attribute type name found; type: DOG, valid types: "
        "{B,NULL,SS,BOOL,L,BS,N,NS,S,M}");
  CHECK(error("attribute_type(a, :t)", {{":t", N("1")}}) ==
        "Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: "
        "attribute_type, operand type: N");
  CHECK(error("attribute_type(a, b)") ==
        "Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: "
        "attribute_type, operand type: {NS,SS,L,BS,N,M,B,BOOL,NULL,S}");
}

TEST_CASE("condition errors: DynamoDB's order of checks") {
  // Redundant parentheses before an unknown function, before misuse, before reserved words.
  CHECK(error("((dog(a) = :v))").find("redundant parentheses") != std::string::npos);
  CHECK(error("size(a) AND dog(b) = :v").find("Invalid function name") != std::string::npos);
  CHECK(error("name = :v AND size(a)").find("not allowed to be used this way") != std::string::npos);
  // Undefined placeholders before operand counts and types.
  CHECK(error("attribute_exists(a, b) AND c = :v").find("attribute value: :v") != std::string::npos);
}
