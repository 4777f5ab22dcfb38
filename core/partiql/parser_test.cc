#include <catch2/catch_test_macros.hpp>

#include "partiql/parser.h"
#include "partiql/test_support.h"

using namespace shoal;
using namespace shoal::partiql;
using partiql::testing::parseError;
using partiql::testing::show;

namespace {

const std::string kBad = "Statement wasn't well formed, can't be processed: ";

template <typename S>
S parseAs(const std::string& text, const std::vector<AttributeValue>& params = {}) {
  Statement s = parseStatement(text, params);
  REQUIRE(std::holds_alternative<S>(s));
  return std::get<S>(std::move(s));
}

std::string whereOf(const std::string& text, const std::vector<AttributeValue>& params = {}) {
  return show(parseAs<SelectStatement>(text, params).where);
}

AttributeValue S(const char* s) { return AttributeValue::string(s); }
AttributeValue N(const char* n) { return AttributeValue::number(Number::parse(n)); }

}  // namespace

TEST_CASE("partiql parser: SELECT with projection, index, WHERE and ORDER BY", "[partiql]") {
  auto s = parseAs<SelectStatement>(
      "SELECT a, \"b c\".d[2], e['k'] FROM \"Music\".\"ByYear\" WHERE pk = 'x' AND sk > 3 ORDER BY sk DESC;");
  CHECK(s.from.table == "Music");
  CHECK(s.from.index == std::optional<std::string>("ByYear"));
  REQUIRE(s.columns.size() == 3);
  CHECK(show(s.columns[1]) == "b c.d[2]");
  CHECK(columnName(s.columns[1]) == "d[2]");
  CHECK(columnName(s.columns[2]) == "k");
  CHECK(show(s.where) == "(pk = S:x) AND (sk > N:3)");
  REQUIRE(s.orderBy.size() == 1);
  CHECK(s.orderBy[0].attribute == "sk");
  CHECK(s.orderBy[0].descending);

  auto all = parseAs<SelectStatement>("select * from Music");
  CHECK(all.columns.empty());
  CHECK_FALSE(all.where.node);
  CHECK_FALSE(all.from.index);
}

TEST_CASE("partiql parser: conditions become the expression engine's trees", "[partiql]") {
  const std::string q = "SELECT * FROM t WHERE ";
  CHECK(whereOf(q + "a = 1 OR b <> 2 AND NOT c != 'x'") == "(a = N:1) OR ((b <> N:2) AND (NOT (c <> S:x)))");
  CHECK(whereOf(q + "(a = 1 OR b = 2) AND c = 3") == "((a = N:1) OR (b = N:2)) AND (c = N:3)");
  CHECK(whereOf(q + "a BETWEEN 1 AND 5 AND b IN [1, 'two'] AND c NOT IN (3)") ==
        "(a BETWEEN N:1 AND N:5) AND (b IN (N:1,S:two)) AND (NOT (c IN (N:3)))");
  CHECK(whereOf(q + "BEGINS_WITH(a, 'p') AND contains(b, 1) AND size(c) > 2 AND attribute_type(d, 'N')") ==
        "(begins_with(a,S:p)) AND (contains(b,N:1)) AND (size(c) > N:2) AND (attribute_type(d,S:N))");
  CHECK(whereOf(q + "a IS MISSING AND b IS NOT MISSING AND c IS NULL AND d IS NOT NULL AND e IS STRING") ==
        "(attribute_not_exists(a)) AND (attribute_exists(b)) AND (attribute_type(c,S:NULL)) AND "
        "(NOT (attribute_type(d,S:NULL))) AND (attribute_type(e,S:S))");
  CHECK(whereOf(q + "attribute_exists(m.x) AND ATTRIBUTE_NOT_EXISTS(l[0])") ==
        "(attribute_exists(m.x)) AND (attribute_not_exists(l[0]))");
  CHECK(whereOf(q + "(a) = - - 1 AND n > -/* c */-1") == "(a = N:1) AND (n > N:1)");
  CHECK(whereOf(q + "1 < a") == "N:1 < a");
}

TEST_CASE("partiql parser: literals of every DynamoDB type", "[partiql]") {
  auto s = parseAs<InsertStatement>(
      "INSERT INTO t VALUE {'pk': 'a', 'n': -1.50, 'e': 1E3, 'b': TRUE, 'z': null, 'l': [1, 'x', [true]], "
      "'m': {'k': {'j': 'v'}}, 'ss': <<'b', 'a'>>, 'ns': <<2, 1>>, 'q': 'it''s'}");
  CHECK(s.table == "t");
  CHECK(show(AttributeValue::map(s.item)) ==
        "{b:true,e:N:1000,l:[N:1,S:x,[true]],m:{k:{j:S:v}},n:N:-1.5,ns:NS<1,2>,pk:S:a,q:S:it's,ss:SS<a,b>,z:null}");
}

TEST_CASE("partiql parser: parameters are substituted in order", "[partiql]") {
  auto s = parseAs<UpdateStatement>("UPDATE t SET a = ?, b = b + ? WHERE pk = ? AND c IN [?, 2]",
                                    {S("x"), N("1"), S("k"), N("5")});
  CHECK(show(s.update) == "SET a = S:x; SET b = +(b,N:1)");
  CHECK(show(s.where) == "(pk = S:k) AND (c IN (N:5,N:2))");
  auto i = parseAs<InsertStatement>("INSERT INTO t VALUE {'pk': ?, 'v': ?}", {S("k"), N("2")});
  CHECK(show(AttributeValue::map(i.item)) == "{pk:S:k,v:N:2}");
  auto whole = parseAs<InsertStatement>("INSERT INTO t VALUE ?", {AttributeValue::map({{"pk", S("p")}})});
  CHECK(whole.item.count("pk"));

  CHECK(parseError("SELECT * FROM t WHERE a = ?") == "Number of parameters in request and statement don't match.");
  CHECK(parseError("SELECT * FROM t WHERE a = 1", {S("x")}) ==
        "Number of parameters in request and statement don't match.");
  CHECK(parseError("UPDATE t SET x = [?] WHERE pk = 'a'", {S("v")}) ==
        "Unsupported data type: Parameter under key root[0] at 1:19:1");
  CHECK(parseError("INSERT INTO t VALUE {'pk': 'a', 'm': {'k': ?}}", {S("v")}) ==
        "Unsupported data type: Parameter under key root.k at 1:44:1");
}

TEST_CASE("partiql parser: UPDATE with SET, REMOVE, arithmetic, list and set functions", "[partiql]") {
  auto s = parseAs<UpdateStatement>(
      "UPDATE \"Music\" SET n = n + 100 SET m.new = [2020, 'x'] SET l = LIST_APPEND(l, [4]) "
      "SET s = set_add(s, <<'a'>>) SET t = SET_DELETE(t, <<1>>) REMOVE l[1], m.old SET c = if_not_exists(c, 0) "
      "WHERE pk = 'a' AND sk = 1 RETURNING ALL NEW *");
  CHECK(show(s.update) ==
        "SET n = +(n,N:100); SET m.new = [N:2020,S:x]; SET l = list_append(l,[N:4]); ADD s SS<a>; DELETE t NS<1>; "
        "REMOVE l[1]; REMOVE m.old; SET c = if_not_exists(c,N:0)");
  CHECK(show(s.where) == "(pk = S:a) AND (sk = N:1)");
  CHECK(s.returning == Returning::AllNew);
  CHECK(show(parseAs<UpdateStatement>("UPDATE t SET n=n-1 WHERE pk='a'").update) == "SET n = -(n,N:1)");
  CHECK(show(parseAs<UpdateStatement>("UPDATE t SET n = n - - 2 WHERE pk='a'").update) == "SET n = -(n,N:-2)");
}

TEST_CASE("partiql parser: UPDATE errors", "[partiql]") {
  std::string prefix = "UPDATE t SET Other = ";
  CHECK(parseError(prefix + "set_add(s, <<'x'>>) WHERE pk='a'") ==
        "The first argument to SET_ADD must equal the assignment value at 1:22:7");
  CHECK(parseError("UPDATE t\nSET s = set_add(s, 'x')\nWHERE pk='a'") ==
        "The second argument to SET_ADD must be a value with type SET at 2:17:1");
  CHECK(parseError("UPDATE t SET s = set_delete(s) WHERE pk='a'") == "SET_DELETE must have exactly two arguments");
  CHECK(parseError("UPDATE t SET n = 'a' + 1 WHERE pk='a'") ==
        "Incorrect operand type for operator or function; operator or function: +, operand type: S");
  CHECK(parseError("UPDATE t SET n = n - null WHERE pk='a'") ==
        "Incorrect operand type for operator or function; operator or function: -, operand type: NULL");
  CHECK(parseError("UPDATE t WHERE pk='a'") == kBad + "Unexpected keyword");
  CHECK(parseError("UPDATE t SET a = 1 WHERE pk = 'a' garbage") == kBad + "Unexpected token after expression");
  CHECK(parseError("UPDATE t x SET a = 3 WHERE pk = 'x'") == "Aliasing is not supported");
  CHECK(parseError("UPDATE t SET a = 1 WHERE pk = 'a' RETURNING ALL NEW") ==
        "Expected '*' after ( MODIFIED | ALL ) ( NEW | OLD ) in RETURNING clause");
}

TEST_CASE("partiql parser: DELETE, INSERT and EXISTS", "[partiql]") {
  auto d = parseAs<DeleteStatement>("DELETE FROM t WHERE pk = 'a' AND v = 1 RETURNING ALL OLD *");
  CHECK(show(d.where) == "(pk = S:a) AND (v = N:1)");
  CHECK(d.returning == Returning::AllOld);
  CHECK(
      parseError("DELETE FROM t WHERE pk = 'x' RETURNING MODIFIED OLD *") ==
      "Invalid returning clause: RETURNING MODIFIED OLD *. Only RETURNING ALL OLD * is allowed in DELETE statements.");
  CHECK(parseError("DELETE FROM t WHERE pk = 1 ORDER BY pk") == kBad + "Unexpected token after expression");
  CHECK(parseError("DELETE FROM") == kBad + "Expected identifier for simple path");
  CHECK(parseError("DELETE FROM WHERE pk = 'a'") == kBad + "Expected identifier for simple path");
  CHECK(parseError("DELETE FROM t x WHERE pk = 'x'") == "Aliasing is not supported");

  CHECK(parseError("INSERT INTO t VALUE {'pk': 'a'} foo") == kBad + "Unexpected token after expression");
  CHECK(parseError("INSERT INTO t x VALUE {'pk': 'x'}") == kBad + "Unexpected token after expression");
  CHECK(parseError("INSERT INTO t VALUE {'pk': 'a'}, {'pk': 'b'}").find("Inserting multiple items") !=
        std::string::npos);
  CHECK(parseError("INSERT INTO t VALUE {'pk': 'a', 'pk': 'b'}") == "Duplicate keys in tuple. Key: pk under root");
  CHECK(parseError("INSERT INTO t.i VALUE {'pk': 'a'}") == "This operation is not supported on an index");

  auto e = parseAs<ExistsStatement>("EXISTS(SELECT * FROM t WHERE pk = 'a' AND x IS MISSING)");
  CHECK(show(e.select.where) == "(pk = S:a) AND (attribute_not_exists(x))");
}

TEST_CASE("partiql parser: DynamoDB's grammar errors", "[partiql]") {
  const std::string s = "SELECT * FROM t";
  CHECK(parseError(s + " WHERE pk = 1 foo") == kBad + "Unexpected token after expression");
  CHECK(parseError(s + " WHERE pk = 1 e5") == kBad + "Unexpected token after expression");
  CHECK(parseError(s + " WHERE pk = 1)") == kBad + "Unexpected token after expression");
  CHECK(parseError(s + " ORDER BY pk WHERE pk = 1") == kBad + "Unexpected token after expression");
  for (const char* where : {" WHERE", " WHERE;", " WHERE   ", " WHERE NOT", " WHERE ("})
    CHECK(parseError(s + where) == kBad + "Unexpected term");
  CHECK(parseError("SELECT * FROM") == kBad + "Unexpected term");
  CHECK(parseError(s + " WHERE pk = 'p1' AND") == kBad + "Missing right-hand side expression of infix operator");
  CHECK(parseError(s + " WHERE pk = 'p1' OR") == kBad + "Missing right-hand side expression of infix operator");
  CHECK(parseError(s + " WHERE ORDER BY pk") == kBad + "Unexpected keyword");
  CHECK(parseError(s + " WHERE IS NULL") == kBad + "Unexpected operator");
  CHECK(parseError(s + " WHERE pk = LIKE") == kBad + "Unexpected operator");
  CHECK(parseError(s + " WHERE pk = 'a' AND x IS FOO") == kBad + "Expected type name");
  CHECK(parseError(s + " WHERE x IS INT4").find("Unsupported data type for IS operator: INT4") == 0);
  CHECK(parseError(s + " WHERE pk = 1e2147483648") == kBad);
  CHECK(parseError(s + " WHERE pk = 1.5e-2147483647") == kBad);
  CHECK(parseError("FOO bar") == kBad + "Expected data manipulation");
  CHECK(parseError(s + " x WHERE pk = 'x'") == "Aliasing is not supported");
  CHECK(parseError(s + " AS x") == "Aliasing is not supported");
  CHECK(parseError("SELECT * FROM \"t\".\"i\".\"j\"") == "A path may contain at most 2 components in the FROM clause");
  CHECK(parseError("SELECT * FROM \"t\".\"\"") == "Path component cannot be an empty string");
  CHECK(parseError("SELECT * FROM \"\"") == "Path component cannot be an empty string");
  CHECK(parseError("SELECT *, a FROM t") ==
        "Other attributes should not be present in the projection when '*' is used.");
  CHECK(parseError(s + " WHERE a = MISSING") == "MISSING must be compared using IS operator");
  CHECK(parseError(s + " WHERE a") == "WHERE clause must contain an expression that resolves to a boolean");
}

TEST_CASE("partiql parser: numbers, paths and literal limits", "[partiql]") {
  const std::string s = "SELECT * FROM t WHERE pk = ";
  CHECK(parseError(s + "1e126") ==
        "Number overflow. Attempting to store a number with magnitude larger than supported range under root");
  CHECK(parseError(s + "1e-131") ==
        "Number underflow. Attempting to store a number with magnitude smaller than supported range under root");
  CHECK(parseError(s + "123456789012345678901234567890123456789") ==
        "Attempting to store more than 38 significant digits in a Number under root");
  CHECK(parseError("INSERT INTO t VALUE {'pk': 1, 'm': {'x': 1e126}}") ==
        "Number overflow. Attempting to store a number with magnitude larger than supported range under root.x");
  CHECK(parseError("INSERT INTO t VALUE {'pk': 1, 'l': [1, 1e126]}") ==
        "Number overflow. Attempting to store a number with magnitude larger than supported range under root[1]");
  CHECK(parseError("SELECT l[-1] FROM t") == "List index is not within the allowable range; index: [-1] at 1:11:1");
  CHECK(parseError("SELECT l[2147483648] FROM t") ==
        "List index is not within the allowable range; index: [2147483648] at 1:10:10");
  CHECK(show(parseAs<SelectStatement>("SELECT l[-0] FROM t").columns[0]) == "l[0]");

  std::string deep, close;
  for (int i = 0; i < 32; ++i) {
    deep += "{'a':";
    close += "}";
  }
  std::string expected = "Nesting Levels have exceeded supported limits under root";
  for (int i = 0; i < 32; ++i) expected += ".a";
  CHECK(parseError("UPDATE t SET d = " + deep + "1" + close + " WHERE pk = 'a'") == expected);
  std::string ok31 = deep.substr(5) + "1" + close.substr(1);
  CHECK(parseError("INSERT INTO t VALUE {'pk': 'a', 'd': " + ok31 + "}") == "");

  std::string parens(200, '(');
  CHECK(parseError(s + "1 AND " + parens) == "Nesting Levels have exceeded supported limits");
}

TEST_CASE("partiql parser: bags", "[partiql]") {
  const std::string u = "UPDATE t SET s = ";
  const std::string w = " WHERE pk = 'a'";
  CHECK(parseError(u + "<<>>" + w) == "Empty bags are not supported");
  CHECK(parseError(u + "<<1, 'a'>>" + w) ==
        "Unsupported data type in Bag. DynamoDB only supports either numbers or strings in bags");
  CHECK(parseError(u + "<<'a', 'a'>>" + w) ==
        "One or more parameter values were invalid: Input collection [a, a] contains duplicates.");
  CHECK(parseError(u + "<<[1]>>" + w) ==
        "Unsupported data type in Bag. DynamoDB only supports either numbers or strings in bags");
}
