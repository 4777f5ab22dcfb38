// Syntax, limits and the shape of the tree. Errors are asserted with DynamoDB's full message.
#include <catch2/catch_test_macros.hpp>

#include "expr/parser.h"
#include "expr/test_support.h"

using namespace shoal;
using namespace shoal::expr;
using namespace shoal::expr::test;

namespace {

std::string conditionError(const std::string& text, ExprKind kind = ExprKind::Condition) {
  return validationError([&] { parseCondition(text, kind); });
}
std::string updateError(const std::string& text) {
  return validationError([&] { parseUpdate(text); });
}
std::string projectionError(const std::string& text) {
  return validationError([&] { parseProjection(text); });
}

const Logical& logical(const ConditionNode& n) { return std::get<Logical>(*n.node); }

}  // namespace

TEST_CASE("parser: an empty expression is refused, naming the parameter") {
  CHECK(conditionError("") == "Invalid ConditionExpression: The expression can not be empty;");
  CHECK(conditionError("", ExprKind::Filter) == "Invalid FilterExpression: The expression can not be empty;");
  CHECK(conditionError("", ExprKind::KeyCondition) == "Invalid KeyConditionExpression: The expression can not be empty;");
  CHECK(updateError("") == "Invalid UpdateExpression: The expression can not be empty;");
  CHECK(projectionError("") == "Invalid ProjectionExpression: The expression can not be empty;");
}

TEST_CASE("parser: syntax errors quote the token and the tokens around it") {
  // The examples DynamoDB documents through its users' reports.
  CHECK(conditionError("foo") == "Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"foo\"");
  CHECK(updateError("SET MyStr = myNum + 1") == "Invalid UpdateExpression: Syntax error; token: \"1\", near: \"+ 1\"");
  CHECK(updateError("SET MyStr = myNum Mystr2 myNum2") ==
        "Invalid UpdateExpression: Syntax error; token: \"Mystr2\", near: \"myNum Mystr2 myNum2\"");
  CHECK(conditionError("#h = :hashId a", ExprKind::KeyCondition) ==
        "Invalid KeyConditionExpression: Syntax error; token: \"a\", near: \":hashId a\"");
  CHECK(conditionError("a = ") == "Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"=\"");
  CHECK(conditionError("a != :v") == "Invalid ConditionExpression: Syntax error; token: \"!\", near: \"a !=\"");
  CHECK(conditionError("a == :v") == "Invalid ConditionExpression: Syntax error; token: \"=\", near: \"== :v\"");
  CHECK(conditionError("a IN ()") == "Invalid ConditionExpression: Syntax error; token: \")\", near: \"()\"");
  CHECK(conditionError("a BETWEEN :a") == "Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \":a\"");
}

TEST_CASE("parser: condition syntax that is refused") {
  for (const char* text : {"a", ":v", "a OR b", "NOT a", "a = b c", "(a = :v", "a = :v)", "a = (b = c)", "a = and",
                           "and = a", "a.in = :v", "a[x] = :v", "a[-1] = :v", "a[99999999999] = :v", "a BETWEEN b",
                           "a IN :v", "f(a,) = :v", "a = :v AND", "_a = :v", "a = 1", "a = \"x\"", "(a = b) = c"}) {
    INFO(text);
    CHECK(conditionError(text).rfind("Invalid ConditionExpression: Syntax error; token: ", 0) == 0);
  }
}

TEST_CASE("parser: keywords are case-insensitive and whitespace is free") {
  ConditionNode n = parseCondition("a between :x aNd :y oR NoT b In (:z)", ExprKind::Condition);
  const Logical& orNode = logical(n);
  CHECK(orNode.op == Logical::Op::Or);
  CHECK(std::holds_alternative<Between>(*orNode.terms[0].node));
  CHECK(logical(orNode.terms[1]).op == Logical::Op::Not);
  CHECK(parseProjection(" a . b [ 2 ] , c ").size() == 2);
}

TEST_CASE("parser: NOT binds tighter than AND, AND tighter than OR") {
  ConditionNode n = parseCondition("NOT a = :a AND b = :b OR c = :c", ExprKind::Condition);
  const Logical& top = logical(n);
  REQUIRE(top.op == Logical::Op::Or);
  REQUIRE(top.terms.size() == 2);
  const Logical& conj = logical(top.terms[0]);
  REQUIRE(conj.op == Logical::Op::And);
  CHECK(logical(conj.terms[0]).op == Logical::Op::Not);
  CHECK(std::holds_alternative<Comparison>(*conj.terms[1].node));
  CHECK(std::holds_alternative<Comparison>(*top.terms[1].node));
}

TEST_CASE("parser: parentheses regroup, and chains flatten") {
  ConditionNode n = parseCondition("a = :a AND (b = :b OR c = :c) AND d = :d", ExprKind::Condition);
  const Logical& top = logical(n);
  CHECK(top.op == Logical::Op::And);
  CHECK(top.terms.size() == 3);
  CHECK(logical(top.terms[1]).op == Logical::Op::Or);
  CHECK(top.terms[1].parenthesized);
}

TEST_CASE("parser: BETWEEN takes the first AND") {
  ConditionNode n = parseCondition("b BETWEEN a AND c AND a < b", ExprKind::Condition);
  const Logical& top = logical(n);
  CHECK(top.op == Logical::Op::And);
  CHECK(std::holds_alternative<Between>(*top.terms[0].node));
}

TEST_CASE("parser: a parenthesized operand is still an operand") {
  ConditionNode n = parseCondition("(a) = :v AND size((b)) > :n", ExprKind::Condition);
  CHECK(std::holds_alternative<Comparison>(*logical(n).terms[0].node));
}

TEST_CASE("parser: a function call alone is a condition") {
  ConditionNode n = parseCondition("attribute_exists (a) AND begins_with(b, :p)", ExprKind::Condition);
  const Logical& top = logical(n);
  CHECK(std::get<FunctionCondition>(*top.terms[0].node).function().function == Function::AttributeExists);
  CHECK(std::get<FunctionCondition>(*top.terms[1].node).function().args.size() == 2);
}

TEST_CASE("parser: paths with nested names, indexes and placeholders") {
  std::vector<DocumentPath> paths = parseProjection("a.b[3][0].#c, #d");
  REQUIRE(paths.size() == 2);
  CHECK(paths[0].toString() == "[a, b, [3], [0], #c]");
  CHECK(paths[0].elements[4].placeholder);
  CHECK_FALSE(paths[0].elements[0].placeholder);
  CHECK(paths[1].elements[0].placeholder);
}

TEST_CASE("parser: redundant parentheses are refused") {
  CHECK(conditionError("((a = :v))") == "Invalid ConditionExpression: The expression has redundant parentheses;");
  CHECK(conditionError("((a)) = :v") == "Invalid ConditionExpression: The expression has redundant parentheses;");
  CHECK(conditionError("((c=:c) AND ((p=:p)))", ExprKind::KeyCondition) ==
        "Invalid KeyConditionExpression: The expression has redundant parentheses;");
  CHECK(conditionError("((c=:c) AND (p=:p))") == "<no error>");
  CHECK(conditionError("(NOT (a = :v))") == "<no error>");
}

TEST_CASE("parser: expression length limit is 4 KB") {
  std::string ok = "a = :v AND " + std::string(4096 - 16, 'b') + " = :v";
  REQUIRE(ok.size() == 4096);
  CHECK(conditionError(ok) == "<no error>");
  std::string tooLong = ok + " ";
  CHECK(conditionError(tooLong, ExprKind::Filter) ==
        "Invalid FilterExpression: Expression size has exceeded the maximum allowed size; expression size: 4097");
}

TEST_CASE("parser: IN takes at most 100 operands, its left side included") {
  auto in = [](int n) {
    std::string s = "a IN (";
    for (int i = 0; i < n; ++i) s += (i ? ",:v" : ":v") + std::to_string(i);
    return s + ")";
  };
  CHECK(conditionError(in(99)) == "<no error>");
  CHECK(conditionError(in(100)) ==
        "Invalid ConditionExpression: The IN operator is provided with too many operands; number of operands: 101, "
        "maximum: 100");
}

TEST_CASE("parser: document paths are at most 32 levels deep") {
  std::string deep = "a";
  for (int i = 1; i < 32; ++i) deep += ".b";
  CHECK(projectionError(deep) == "<no error>");
  CHECK(projectionError(deep + "[0]") ==
        "Invalid ProjectionExpression: The document path has too many nesting levels; nesting levels: 33, maximum: 32");
}

TEST_CASE("parser: nesting is bounded, so deep input cannot exhaust the stack") {
  std::string nots;
  for (int i = 0; i < 200; ++i) nots += "NOT ";
  CHECK(conditionError(nots + "a = :v") == "Invalid ConditionExpression: The expression has too many nested levels; maximum: 128");
  std::string parens = std::string(1000, '(') + "a = :v" + std::string(1000, ')');
  CHECK(conditionError(parens) == "Invalid ConditionExpression: The expression has too many nested levels; maximum: 128");
  std::string calls;
  for (int i = 0; i < 300; ++i) calls += "size(";
  CHECK(conditionError(calls + "a" + std::string(300, ')') + " = :v").find("too many") != std::string::npos);
}

TEST_CASE("parser: at most 300 operators in one expression") {
  auto ors = [](int terms) {
    std::string s = "a = :v";
    for (int i = 1; i < terms; ++i) s += " OR a = :v";
    return s;
  };
  CHECK(conditionError(ors(150)) == "<no error>");  // 150 '=' + 149 OR = 299
  CHECK(conditionError(ors(151)) ==
        "Invalid ConditionExpression: The expression contains too many operators; operator count: 301, maximum: 300");
}

TEST_CASE("parser: update clauses and actions") {
  UpdateAst ast = parseUpdate("set a = :a, b = b + :one remove c[2], d.e add f :f delete g :g");
  REQUIRE(ast.actions.size() == 6);
  CHECK(ast.actions[0].kind == UpdateActionKind::Set);
  CHECK(ast.actions[1].value->call()->function == Function::Plus);
  CHECK(ast.actions[2].kind == UpdateActionKind::Remove);
  CHECK(ast.actions[3].path.toString() == "[d, e]");
  CHECK(ast.actions[4].kind == UpdateActionKind::Add);
  CHECK(ast.actions[5].value->value()->placeholder == ":g");
  CHECK_FALSE(ast.repeatedSection);
  CHECK(parseUpdate("SET a = :a SET b = :b").repeatedSection == UpdateActionKind::Set);
}

TEST_CASE("parser: SET values may be parenthesized, with one + or -") {
  UpdateAst ast = parseUpdate("SET b = ((c[1])+(b.a)), d = (e - :f), g = list_append(if_not_exists(g, :e), :v)");
  CHECK(ast.actions[0].value->call()->function == Function::Plus);
  CHECK(ast.actions[1].value->call()->function == Function::Minus);
  CHECK(ast.actions[2].value->call()->args[0].call()->function == Function::IfNotExists);
}

TEST_CASE("parser: update syntax that is refused") {
  for (const char* text :
       {"whatever", "set a", "add a", "delete a", "set a=set", "remove a = b", "add a = b", "delete a = b", "delete a b",
        "delete a if_not_exist(b)", "add abort b", "add a if_not_exist(b)", "remove a b", "set a b", "set :a = b",
        "add :a b", "delete :a b", "remove :a", "set a = b / c", "set a = b * c", "set a[1] = \"eight\"", "set a[1] = 1",
        "SET if_not_exist(a, b) = a", "set (a = (b + c))", "set a = (b.c).d + e", "set a = (b.c)[0] + e",
        "set a = b + c + d", "SET a = :a,", "   "}) {
    INFO(text);
    CHECK(updateError(text).rfind("Invalid UpdateExpression: Syntax error; ", 0) == 0);
  }
}

TEST_CASE("parser: projection syntax that is refused") {
  for (const char* text : {"a,", ", a", "a b", "a.", "size(a)", "a[1", ":v", "(a)"}) {
    INFO(text);
    CHECK(projectionError(text).rfind("Invalid ProjectionExpression: Syntax error; ", 0) == 0);
  }
}
