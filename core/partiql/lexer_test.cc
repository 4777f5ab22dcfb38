#include <catch2/catch_test_macros.hpp>
#include <string>
#include <vector>

#include "api/error.h"
#include "partiql/lexer.h"

using namespace shoal::partiql;

namespace {

std::vector<std::string> texts(const std::string& s) {
  std::vector<std::string> out;
  for (const Token& t : tokenize(s))
    if (t.kind != TokenKind::End) out.push_back(t.text);
  return out;
}

std::string error(const std::string& s) {
  try {
    tokenize(s);
  } catch (const shoal::ApiError& e) {
    return e.what();
  }
  return "";
}

using V = std::vector<std::string>;

}  // namespace

TEST_CASE("partiql lexer: names, strings, numbers and operators", "[partiql]") {
  CHECK(texts("SELECT * FROM \"Music\" WHERE a.b[1] <> 'it''s'") ==
        V{"SELECT", "*", "FROM", "Music", "WHERE", "a", ".", "b", "[", "1", "]", "<>", "it's"});
  CHECK(texts("x != 1.5e-3 AND y<=.5 OR z >= 2E+3") ==
        V{"x", "!=", "1.5e-3", "AND", "y", "<=", ".5", "OR", "z", ">=", "2E+3"});
  CHECK(texts("<<'a', 1>> ? \"q\"\"uote\"") == V{"<<", "a", ",", "1", ">>", "?", "q\"uote"});
  CHECK(texts("n=n-1") == V{"n", "=", "n", "-", "1"});
  // "1 e5" is a number and a name, not an exponent.
  CHECK(texts("1 e5") == V{"1", "e5"});
}

TEST_CASE("partiql lexer: comments are skipped, inside strings they are text", "[partiql]") {
  CHECK(texts("SELECT/**/* FROM t -- the table\nWHERE a='x--y /*z*/' --") ==
        V{"SELECT", "*", "FROM", "t", "WHERE", "a", "=", "x--y /*z*/"});
  // n--1 is n followed by a comment.
  CHECK(texts("n--1") == V{"n"});
}

TEST_CASE("partiql lexer: what it cannot read gets the bare envelope", "[partiql]") {
  const std::string bare = "Statement wasn't well formed, can't be processed: ";
  CHECK(error("a = 'open") == bare);
  CHECK(error("\"open") == bare);
  CHECK(error("a /* open") == bare);
  CHECK(error("a = 1 # note") == bare);
  CHECK(error("a ^ b") == bare);
}

TEST_CASE("partiql lexer: tokens know where they are", "[partiql]") {
  std::vector<Token> t = tokenize("ab  'cd'");
  REQUIRE(t.size() == 3);
  CHECK(t[0].offset == 0);
  CHECK(t[0].length == 2);
  CHECK(t[1].offset == 4);
  CHECK(t[1].length == 4);
  CHECK(t[2].kind == TokenKind::End);
  CHECK(isKeyword(tokenize("select")[0], "SELECT"));
  CHECK_FALSE(isKeyword(tokenize("\"select\"")[0], "SELECT"));
}
