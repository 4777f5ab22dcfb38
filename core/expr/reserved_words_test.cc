#include <catch2/catch_test_macros.hpp>

#include "expr/reserved_words.h"

using namespace shoal::expr;

TEST_CASE("reserved words: DynamoDB's full list, any letter case") {
  CHECK(reservedWordCount() == 573);
  CHECK(isReservedWord("ABORT"));
  CHECK(isReservedWord("ZONE"));
  CHECK(isReservedWord("name"));
  CHECK(isReservedWord("Status"));
  CHECK(isReservedWord("size"));
  CHECK(isReservedWord("DATA"));
  CHECK(isReservedWord("ttl"));
  CHECK(isReservedWord("flattern"));  // sic: DynamoDB's list has the typo
}

TEST_CASE("reserved words: ordinary names are not reserved") {
  CHECK_FALSE(isReservedWord("title"));
  CHECK_FALSE(isReservedWord("pk"));
  CHECK_FALSE(isReservedWord("names_"));
  CHECK_FALSE(isReservedWord(""));
  CHECK_FALSE(isReservedWord("ABORTED"));
}
