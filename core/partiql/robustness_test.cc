// Random and mutated statements: parsing either succeeds or throws ApiError, never anything
// else, and never runs away with the stack.
#include <catch2/catch_test_macros.hpp>
#include <random>
#include <string>
#include <vector>

#include "api/error.h"
#include "partiql/parser.h"

using namespace shoal;

namespace {

const char* kPieces[] = {
    "SELECT", "INSERT", "INTO", "VALUE", "UPDATE", "DELETE", "FROM", "WHERE", "SET", "REMOVE", "AND", "OR", "NOT", "IN",
    "IS", "MISSING", "NULL", "BETWEEN", "EXISTS", "ORDER", "BY", "DESC", "RETURNING", "ALL", "OLD", "NEW", "*", ",",
    ".", "(", ")", "[", "]", "{", "}", "<<", ">>", "=", "<>", "<", ">=", "+", "-", "?", ":", ";", "'s'", "''", "1",
    "-2.5e3", "1e999", "\"t\"", "\"\"", "a", "b.c", "l[0]", "size(", "begins_with(", "set_add(", "list_append(",
    "attribute_type(", "'N'", "TRUE", "--x\n", "/*c*/", "\"idx\""};

const char* kSeeds[] = {
    "SELECT a, b.c[1] FROM \"t\".\"i\" WHERE pk = ? AND sk BETWEEN 1 AND 5 ORDER BY sk DESC",
    "INSERT INTO t VALUE {'pk': 'a', 'm': {'l': [1, <<'x'>>]}}",
    "UPDATE t SET a = a + 1, b = list_append(b, [?]) REMOVE c[2] WHERE pk = 'a' AND sk = 1 RETURNING ALL NEW *",
    "DELETE FROM t WHERE pk = 'a' AND (x IS MISSING OR size(y) > 3) RETURNING ALL OLD *",
    "EXISTS(SELECT * FROM t WHERE pk = 'a' AND NOT begins_with(n, 'p'))",
};

void parsesOrRefuses(const std::string& text, const std::vector<AttributeValue>& params) {
  try {
    partiql::parseStatement(text, params);
  } catch (const ApiError&) {
  }
}

}  // namespace

TEST_CASE("partiql robustness: random token soup and mutated statements", "[partiql]") {
  std::mt19937 rng(12345);
  std::vector<AttributeValue> params{AttributeValue::string("p")};
  const size_t pieces = sizeof(kPieces) / sizeof(kPieces[0]);
  for (int round = 0; round < 3000; ++round) {
    std::string s;
    int n = 1 + static_cast<int>(rng() % 30);
    for (int i = 0; i < n; ++i) s += std::string(kPieces[rng() % pieces]) + (rng() % 3 ? " " : "");
    CHECK_NOTHROW(parsesOrRefuses(s, params));
  }
  for (const char* seed : kSeeds) {
    for (int round = 0; round < 500; ++round) {
      std::string s = seed;
      int edits = 1 + static_cast<int>(rng() % 4);
      for (int e = 0; e < edits && !s.empty(); ++e) {
        size_t at = rng() % s.size();
        switch (rng() % 3) {
          case 0: s.erase(at, 1 + rng() % 5); break;
          case 1: s.insert(at, kPieces[rng() % pieces]); break;
          default: s[at] = static_cast<char>(rng() % 128); break;
        }
      }
      CHECK_NOTHROW(parsesOrRefuses(s, params));
    }
  }
}

TEST_CASE("partiql robustness: deep nesting is refused, not recursed into", "[partiql]") {
  for (const char* open : {"(", "NOT ", "size(", "["}) {
    std::string s = "SELECT * FROM t WHERE ";
    for (int i = 0; i < 4000; ++i) s += open;
    s += "a = 1";
    CHECK_NOTHROW(parsesOrRefuses(s, {}));
  }
  std::string update = "UPDATE t SET a = ";
  for (int i = 0; i < 3000; ++i) update += "list_append(";
  CHECK_NOTHROW(parsesOrRefuses(update, {}));
  std::string literal = "INSERT INTO t VALUE {'pk': ";
  for (int i = 0; i < 3000; ++i) literal += "[";
  CHECK_NOTHROW(parsesOrRefuses(literal, {}));
}
