// UpdateExpression: every action's semantics, all-or-nothing application, and its errors.
#include <catch2/catch_test_macros.hpp>

#include "expr/update.h"
#include "expr/test_support.h"

using namespace shoal;
using namespace shoal::expr;
using namespace shoal::expr::test;

namespace {

// Applies `text` to a copy of `item` and returns the result.
Item updated(const std::string& text, Item item, Values values = {}, Names names = {}) {
  Request r(std::move(names), std::move(values));
  UpdateExpression u = UpdateExpression::compile(text, r.ctx());
  u.apply(item);
  return item;
}

std::string compileError(const std::string& text, Values values = {}, Names names = {}) {
  Request r(std::move(names), std::move(values));
  return validationError([&] { UpdateExpression::compile(text, r.ctx()); });
}

// The error applying `text` to `item` raises; also checks the item was left untouched.
std::string applyError(const std::string& text, const Item& item, Values values = {}, Names names = {}) {
  Request r(std::move(names), std::move(values));
  UpdateExpression u = UpdateExpression::compile(text, r.ctx());
  Item copy = item;
  std::string message = validationError([&] { u.apply(copy); });
  CHECK(copy == item);
  return message;
}

const Item kKey{{"pk", S("k")}};

}  // namespace

TEST_CASE("update SET: top-level and nested map attributes") {
  Item item = updated("SET a = :a, m.x = :x, m.#y.z = :z", {{"m", M({{"y", M({})}})}},
                      {{":a", S("A")}, {":x", N("1")}, {":z", BOOL(false)}}, {{"#y", "y"}});
  CHECK(item == Item{{"a", S("A")}, {"m", M({{"x", N("1")}, {"y", M({{"z", BOOL(false)}})}})}});
}

TEST_CASE("update SET: replaces a value of another type") {
  CHECK(updated("SET a.b = :v", {{"a", M({{"b", M({{"c", N("1")}})}})}}, {{":v", S("x")}}) ==
        Item{{"a", M({{"b", S("x")}})}});
}

TEST_CASE("update SET: list elements are replaced in place; past the end they append in index order") {
  Item item{{"l", L({S("a"), S("b"), S("c")})}};
  CHECK(updated("SET l[1] = :v", item, {{":v", S("B")}}) == Item{{"l", L({S("a"), S("B"), S("c")})}});
  CHECK(updated("SET l[10] = :v", item, {{":v", S("z")}}) == Item{{"l", L({S("a"), S("b"), S("c"), S("z")})}});
  CHECK(updated("SET l[9] = :y, l[4] = :x", item, {{":x", S("x")}, {":y", S("y")}}) ==
        Item{{"l", L({S("a"), S("b"), S("c"), S("x"), S("y")})}});
}

TEST_CASE("update SET: every right-hand side reads the item as it was before the update") {
  Item item{{"b", M({{"a", N("1")}, {"b", N("2")}, {"c", N("3")}})}, {"c", L({N("1"), N("3")})}, {"k", S("key")}};
  Item out = updated("set b.c=((c[1])+(b.a)),b.a = k,c[1] = k, c[4] = b.a - b.b, c[2] = b.c add c[8] :s, c[6] :two",
                     item, {{":two", N("2")}, {":s", SS({"a"})}});
  CHECK(out.at("b") == M({{"a", S("key")}, {"b", N("2")}, {"c", N("4")}}));
  CHECK(out.at("c") == L({N("1"), S("key"), N("3"), N("-1"), N("2"), SS({"a"})}));
  CHECK(updated("SET a = b, b = a", {{"a", N("1")}, {"b", N("2")}}) == Item{{"a", N("2")}, {"b", N("1")}});
}

TEST_CASE("update SET: + and - are exact decimal arithmetic") {
  CHECK(updated("SET n = n + :d", {{"n", N("0.1")}}, {{":d", N("0.2")}}).at("n") == N("0.3"));
  CHECK(updated("SET n = :a - n", {{"n", N("1E-30")}}, {{":a", N("1")}}).at("n") ==
        N("0.999999999999999999999999999999"));
  CHECK(updated("SET n = n - :d", {{"n", N("5")}}, {{":d", N("7.5")}}).at("n") == N("-2.5"));
  CHECK(updated("SET tally = a + b", {{"a", N("12345678901234567890")}, {"b", N("0.5")}}).at("tally") ==
        N("12345678901234567890.5"));
}

TEST_CASE("update SET: arithmetic overflow is refused with DynamoDB's message") {
  std::string big = "9.9999999999999999999999999999999999999E+125";
  Item item{{"n", N(big.c_str())}};
  CHECK(applyError("SET n = n + n", item).rfind("Number overflow", 0) == 0);
}

TEST_CASE("update SET: if_not_exists") {
  CHECK(updated("SET a = if_not_exists(a, :d)", {}, {{":d", N("0")}}).at("a") == N("0"));
  CHECK(updated("SET a = if_not_exists(a, :d)", {{"a", N("7")}}, {{":d", N("0")}}).at("a") == N("7"));
  CHECK(updated("SET c = if_not_exists(a, b)", {{"b", S("x")}}).at("c") == S("x"));
  CHECK(updated("SET n = if_not_exists(n, :zero) + :one", {}, {{":zero", N("0")}, {":one", N("1")}}).at("n") ==
        N("1"));
  CHECK(updated("SET m.h = list_append(if_not_exists(m.h, :e), :v)", {{"m", M({})}},
                {{":e", L({})}, {":v", L({S("x")})}}) == Item{{"m", M({{"h", L({S("x")})}})}});
}

TEST_CASE("update SET: list_append in both orders") {
  Item item{{"l", L({N("1"), N("2")})}};
  CHECK(updated("SET l = list_append(l, :v)", item, {{":v", L({N("3")})}}).at("l") == L({N("1"), N("2"), N("3")}));
  CHECK(updated("SET l = list_append(:v, l)", item, {{":v", L({N("0")})}}).at("l") == L({N("0"), N("1"), N("2")}));
  CHECK(updated("SET c = list_append(l, l)", item).at("c") == L({N("1"), N("2"), N("1"), N("2")}));
}

TEST_CASE("update REMOVE: attributes, map keys, and list elements with shifting") {
  Item item{{"a", N("1")}, {"m", M({{"x", N("1")}, {"y", N("2")}})}, {"l", L({S("a"), S("b"), S("c"), S("d")})}};
  CHECK(updated("REMOVE a, m.x", item) == Item{{"m", M({{"y", N("2")}})}, {"l", item.at("l")}});
  CHECK(updated("REMOVE l[1]", item).at("l") == L({S("a"), S("c"), S("d")}));
  // Indexes mean the elements before the update, whatever order they are written in.
  CHECK(updated("REMOVE l[1], l[2]", item).at("l") == L({S("a"), S("d")}));
  CHECK(updated("REMOVE l[2], l[0]", item).at("l") == L({S("b"), S("d")}));
  CHECK(updated("REMOVE l[0] SET l[2] = :v", item, {{":v", S("C")}}).at("l") == L({S("b"), S("C"), S("d")}));
}

TEST_CASE("update REMOVE: a missing attribute or element is not an error") {
  Item item{{"l", L({S("a")})}, {"m", M({})}};
  CHECK(updated("REMOVE nothere, l[10], m.x", item) == item);
  CHECK(updated("REMOVE l[1] SET l[5] = :v", item, {{":v", S("z")}}).at("l") == L({S("a"), S("z")}));
}

TEST_CASE("update ADD: numbers add; a missing attribute is created") {
  CHECK(updated("ADD n :d", {{"n", N("1.5")}}, {{":d", N("-0.5")}}).at("n") == N("1"));
  CHECK(updated("ADD n :d", kKey, {{":d", N("5")}}).at("n") == N("5"));
  CHECK(updated("ADD m.hits :d", {{"m", M({})}}, {{":d", N("1")}}).at("m") == M({{"hits", N("1")}}));
}

TEST_CASE("update ADD: sets gain members; a missing set is created") {
  CHECK(updated("ADD s :v", {{"s", SS({"a", "b"})}}, {{":v", SS({"b", "c"})}}).at("s") == SS({"a", "b", "c"}));
  CHECK(updated("ADD s :v", {{"s", NS({"1", "2"})}}, {{":v", NS({"2.0", "3"})}}).at("s") == NS({"1", "2", "3"}));
  CHECK(updated("ADD s :v", {{"s", BS({"x"})}}, {{":v", BS({"y"})}}).at("s") == BS({"x", "y"}));
  CHECK(updated("ADD s :v", kKey, {{":v", SS({"a"})}}).at("s") == SS({"a"}));
}

TEST_CASE("update DELETE: removes members; an emptied set disappears; a missing set is fine") {
  Item item{{"s", NS({"1", "2", "3"})}, {"t", SS({"x"})}};
  CHECK(updated("DELETE s :v", item, {{":v", NS({"1", "4"})}}).at("s") == NS({"2", "3"}));
  CHECK(updated("DELETE t :v", item, {{":v", SS({"x"})}}) == Item{{"s", item.at("s")}});
  CHECK(updated("DELETE u :v", item, {{":v", SS({"x"})}}) == item);
  // An emptied set inside a list leaves the list like a REMOVE of that element.
  Item listed{{"l", L({SS({"a"}), S("b")})}};
  CHECK(updated("DELETE l[0] :v SET l[1] = :w", listed, {{":v", SS({"a"})}, {":w", S("B")}}).at("l") ==
        L({S("B")}));
}

TEST_CASE("update: all clauses together, each keyword once, in any order") {
  Item out = updated("REMOVE b DELETE c :c ADD d :d, e :e SET f = :f", kKey,
                     {{":c", SS({"a", "b"})}, {":d", N("5")}, {":e", SS({"a", "b"})}, {":f", L({S("a"), N("1")})}});
  CHECK(out == Item{{"pk", S("k")}, {"d", N("5")}, {"e", SS({"a", "b"})}, {"f", L({S("a"), N("1")})}});
}

TEST_CASE("update: paths, target attributes, UPDATED_OLD and UPDATED_NEW") {
  Request r({}, {{":v", N("9")}, {":s", SS({"z"})}});
  UpdateExpression u = UpdateExpression::compile("SET a.b = :v, c[1] = :v REMOVE d ADD e :s", r.ctx());
  CHECK(u.targetAttributes() == std::set<std::string>{"a", "c", "d", "e"});
  REQUIRE(u.paths().size() == 4);
  CHECK(u.paths()[1].toString() == "[c, [1]]");
  Item old{{"a", M({{"b", N("1")}, {"x", N("2")}})}, {"c", L({N("0"), N("1"), N("2")})}, {"d", S("gone")}, {"k", S("k")}};
  Item next = old;
  u.apply(next);
  CHECK(u.updatedAttributes(old) ==
        Item{{"a", M({{"b", N("1")}})}, {"c", L({N("1")})}, {"d", S("gone")}});
  CHECK(u.updatedAttributes(next) == Item{{"a", M({{"b", N("9")}})}, {"c", L({N("9")})}, {"e", SS({"z"})}});
}

TEST_CASE("update apply errors: an operand of the wrong type") {
  const char* msg = "An operand in the update expression has an incorrect data type";
  Item item{{"s", S("x")}, {"n", N("1")}, {"ns", NS({"1"})}, {"m", M({{"a", SS({"1"})}})}, {"l", L({})}};
  CHECK(applyError("SET e = s + :one", item, {{":one", N("1")}}) == msg);
  CHECK(applyError("SET e = :one - m", item, {{":one", N("1")}}) == msg);
  CHECK(applyError("SET e = list_append(ns, if_not_exists(f, :l))", item, {{":l", L({})}}) == msg);
  CHECK(applyError("SET e = list_append(l, s)", item) == msg);
  CHECK(applyError("ADD ns :v", item, {{":v", N("1")}}) == msg);
  CHECK(applyError("ADD n :v", item, {{":v", NS({"1"})}}) == msg);
  CHECK(applyError("ADD m.a :v", item, {{":v", NS({"1"})}}) == msg);
  CHECK(applyError("DELETE ns :v", item, {{":v", SS({"1"})}}) == msg);
  CHECK(applyError("DELETE n :v", item, {{":v", NS({"1"})}}) == msg);
}

TEST_CASE("update apply errors: a right-hand side names a missing attribute") {
  const char* msg = "The provided expression refers to an attribute that does not exist in the item";
  CHECK(applyError("SET c = b", kKey) == msg);
  CHECK(applyError("SET e = list_append(b, c)", kKey) == msg);
  CHECK(applyError("SET n = n + :one", kKey, {{":one", N("1")}}) == msg);
}

TEST_CASE("update apply errors: a path through a missing or mistyped parent") {
  const char* msg = "The document path provided in the update expression is invalid for update";
  CHECK(applyError("SET b.a = :v", kKey, {{":v", N("1")}}) == msg);
  CHECK(applyError("SET b[1] = :v", kKey, {{":v", N("1")}}) == msg);
  Item item{{"b", S("x")}, {"c", M({{"1", S("a")}})}, {"d", L({S("a"), S("b")})}};
  Values v{{":a", SS({"a"})}};
  Names n{{"#1", "1"}};
  for (const char* text : {"set b.a = :a", "set b[1] = :a", "set y.a = :a", "set y[1] = :a", "set c[1] = :a",
                           "set d.#1 = :a", "remove b.a", "remove b[1]", "remove y.a", "remove y[1]", "remove c[1]",
                           "remove d.#1", "delete b.a :a", "delete y[1] :a", "delete c[1] :a", "delete d.#1 :a",
                           "add b.a :a", "add y.a :a", "add c[1] :a", "add d.#1 :a", "set d[5].x = :a"}) {
    INFO(text);
    Names names = std::string(text).find("#1") != std::string::npos ? n : Names{};
    CHECK(applyError(text, item, v, names) == msg);
  }
}

TEST_CASE("update apply: a failure leaves the item untouched even after earlier actions") {
  Item item{{"a", N("1")}, {"s", S("x")}};
  CHECK(applyError("SET a = :v, z = s + :v", item, {{":v", N("2")}}) ==
        "An operand in the update expression has an incorrect data type");
  CHECK(applyError("SET a = :v REMOVE nope.x", item, {{":v", N("2")}}) ==
        "The document path provided in the update expression is invalid for update");
}

TEST_CASE("update errors: overlapping and conflicting paths") {
  Names n{{"#c", "c"}, {"#d", "[3]"}};
  CHECK(compileError("set d[1] = a, d.b = a, c[1].a = a, #c = if_not_exists(a)", {}, n) ==
        "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these "
        "paths; path one: [c, [1], a], path two: [c]");
  CHECK(compileError("set c.b.#c = a, c = a, #d = a", {}, n).find("path one: [c, b, c], path two: [c]") !=
        std::string::npos);
  CHECK(compileError("set a = b remove a, #c, #d", {}, n).find("overlap with each other; must remove or rewrite one of "
                                                               "these paths; path one: [a], path two: [a]") !=
        std::string::npos);
  CHECK(compileError("set #c[3].#d = a, #c[3] = a", {}, n).find("path one: [c, [3], [3]], path two: [c, [3]]") !=
        std::string::npos);
  CHECK(compileError("set #c[3].#d = a, #c.#d[3] = if_not_exists(a, b)", {}, n) ==
        "Invalid UpdateExpression: Two document paths conflict with each other; must remove or rewrite one of these "
        "paths; path one: [c, [3], [3]], path two: [c, [3], [3]]");
  CHECK(compileError("remove a.#c set a[1] = #d", {}, n) ==
        "Invalid UpdateExpression: Two document paths conflict with each other; must remove or rewrite one of these "
        "paths; path one: [a, c], path two: [a, [1]]");
  CHECK(compileError("SET a.b = :v, a.c = :v, a[0].x = :v", {{":v", N("1")}}).find("conflict") != std::string::npos);
  CHECK(compileError("SET a.b = :v, a.c = :v, l[0] = :v, l[1] = :v", {{":v", N("1")}}) == "<no error>");
}

TEST_CASE("update errors: each clause keyword at most once") {
  for (auto [text, word] : std::vector<std::pair<const char*, const char*>>{
           {"set a = #c set c = :d", "SET"},
           {"remove #d set a = b remove e", "REMOVE"},
           {"add #d :e set a = b add e :f", "ADD"},
           {"delete #d :e set a = b delete #e :f", "DELETE"}}) {
    CHECK(compileError(text) == std::string("Invalid UpdateExpression: The \"") + word +
                                    "\" section can only be used once in an update expression;");
  }
}

TEST_CASE("update errors: reserved words, functions and placeholders, in DynamoDB's order") {
  CHECK(compileError(" set #c = :c set abOrt = true ") ==
        "Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: abOrt");
  CHECK(compileError(" remove Absolute ") ==
        "Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: Absolute");
  CHECK(compileError("set #c = if_not_exist(:c) set c = d") ==
        "Invalid UpdateExpression: Invalid function name; function: if_not_exist");
  CHECK(compileError("SET a = size(b)") ==
        "Invalid UpdateExpression: The function is not allowed in an update expression; function: size");
  CHECK(compileError("SET #c = if_not_exists(:c)", {}, {{"#a", "a"}}) ==
        "Invalid UpdateExpression: An expression attribute name used in the document path is not defined; attribute "
        "name: #c");
  CHECK(compileError("SET #a = if_not_exists(:c)", {{":a", S("a")}}, {{"#a", "a"}}) ==
        "Invalid UpdateExpression: An expression attribute value used in expression is not defined; attribute value: "
        ":c");
  // All names are resolved before any value.
  CHECK(compileError("SET a = :v, #b = :v").find("attribute name: #b") != std::string::npos);
}

TEST_CASE("update errors: ADD and DELETE operand types") {
  for (auto [text, value, word, type] : std::vector<std::tuple<const char*, AttributeValue, const char*, const char*>>{
           {"add a.b :a", S("a"), "ADD", "STRING"},
           {"delete a.b :a", S("a"), "DELETE", "STRING"},
           {"add a.b :a", NUL(), "ADD", "NULL"},
           {"add a.b :a", BOOL(false), "ADD", "BOOLEAN"},
           {"add a.b :a", B("a"), "ADD", "BINARY"},
           {"delete a.b :a", M({}), "DELETE", "MAP"},
           {"add a.b :a", L({N("1")}), "ADD", "LIST"},
           {"delete a.b :a", N("1"), "DELETE", "NUMBER"}}) {
    CHECK(compileError(text, {{":a", value}}) ==
          std::string("Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ") + word +
              ", operand type: " + type);
  }
}

TEST_CASE("update errors: function operands") {
  CHECK(compileError("set a = if_not_exists(c)") ==
        "Invalid UpdateExpression: Incorrect number of operands for operator or function; operator or function: "
        "if_not_exists, number of operands: 1");
  CHECK(compileError("set a = list_append(c)") ==
        "Invalid UpdateExpression: Incorrect number of operands for operator or function; operator or function: "
        "list_append, number of operands: 1");
  CHECK(compileError("set a = if_not_exists(:a, c)", {{":a", S("a")}}) ==
        "Invalid UpdateExpression: Operator or function requires a document path; operator or function: "
        "if_not_exists");
  CHECK(compileError("set a = list_append(:a, a)", {{":a", S("a")}}) ==
        "Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: "
        "list_append, operand type: S");
  CHECK(compileError("set a = a + :a", {{":a", SS({"a"})}}) ==
        "Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: +, operand "
        "type: SS");
  CHECK(compileError("set a = :c - a", {{":c", B("a")}}) ==
        "Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: -, operand "
        "type: B");
  CHECK(compileError("set a = a + :a", {{":a", N("1")}}) == "<no error>");
}

TEST_CASE("update: ExpressionAttributeValues used are recorded") {
  Request r({{"#a", "a"}, {"#b", "b"}}, {{":a", S("a")}, {":b", S("b")}});
  UpdateExpression::compile("remove a set b = list_append(b, if_not_exists(#a, :a))", r.ctx());
  CHECK(validationError([&] { r.context.checkAllUsed(); }) ==
        "Value provided in ExpressionAttributeNames unused in expressions: keys: {#b}");
}
