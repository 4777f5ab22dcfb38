#include <catch2/catch_test_macros.hpp>

#include "api/error.h"
#include "partiql/next_token.h"

using namespace shoal;
using namespace shoal::partiql;

TEST_CASE("partiql next token: carries the start key and belongs to one statement", "[partiql]") {
  std::vector<AttributeValue> params{AttributeValue::string("a")};
  uint64_t f = statementFingerprint("SELECT * FROM t WHERE pk = ?", params);
  Item key{{"pk", AttributeValue::string("a")}, {"sk", AttributeValue::number(Number::parse("3"))}};
  std::string token = encodeNextToken(f, key);
  CHECK(decodeNextToken(token, f) == key);

  uint64_t other = statementFingerprint("SELECT * FROM t WHERE pk = ?", {AttributeValue::string("b")});
  CHECK(other != f);
  CHECK(statementFingerprint("SELECT * FROM u WHERE pk = ?", params) != f);
  auto error = [](const std::string& t, uint64_t fp) -> std::string {
    try {
      decodeNextToken(t, fp);
    } catch (const ApiError& e) {
      return e.what();
    }
    return "";
  };
  CHECK(error(token, other) == "NextToken does not match request");
  CHECK(error("not a token", f) == "Invalid NextToken");
  CHECK(error("e30=", f) == "Invalid NextToken");  // "{}"
}
