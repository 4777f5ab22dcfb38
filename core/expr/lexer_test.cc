#include <catch2/catch_test_macros.hpp>

#include "expr/lexer.h"

using namespace shoal::expr;

namespace {
std::vector<TokenKind> kinds(std::string_view text) {
  std::vector<TokenKind> out;
  for (const Token& t : tokenize(text)) out.push_back(t.kind);
  return out;
}
}  // namespace

TEST_CASE("lexer: words, placeholders, integers and punctuation") {
  auto tokens = tokenize("a.b_1[12] = #n1 AND :v_x");
  REQUIRE(tokens.size() == 11);
  CHECK(tokens[0].text == "a");
  CHECK(tokens[1].kind == TokenKind::Dot);
  CHECK(tokens[2].text == "b_1");
  CHECK(tokens[3].kind == TokenKind::LBracket);
  CHECK(tokens[4].kind == TokenKind::Integer);
  CHECK(tokens[4].text == "12");
  CHECK(tokens[6].kind == TokenKind::Eq);
  CHECK(tokens[7].kind == TokenKind::NamePlaceholder);
  CHECK(tokens[7].text == "#n1");
  CHECK(tokens[8].text == "AND");
  CHECK(tokens[9].kind == TokenKind::ValuePlaceholder);
  CHECK(tokens[9].offset == 20);
  CHECK(tokens[10].kind == TokenKind::End);
}

TEST_CASE("lexer: two-character comparators") {
  CHECK(kinds("<><=>=<>=") == std::vector<TokenKind>{TokenKind::Ne, TokenKind::Le, TokenKind::Ge, TokenKind::Ne,
                                                     TokenKind::Eq, TokenKind::End});
  CHECK(kinds("a<b") == std::vector<TokenKind>{TokenKind::Identifier, TokenKind::Lt, TokenKind::Identifier, TokenKind::End});
}

TEST_CASE("lexer: whitespace of every kind is skipped") {
  CHECK(kinds(" \t\r\na ") == std::vector<TokenKind>{TokenKind::Identifier, TokenKind::End});
  CHECK(kinds("") == std::vector<TokenKind>{TokenKind::End});
}

TEST_CASE("lexer: characters no grammar accepts become whole invalid tokens") {
  auto tokens = tokenize("a ! \"x\" _b é");
  CHECK(tokens[1].kind == TokenKind::Invalid);
  CHECK(tokens[1].text == "!");
  CHECK(tokens[2].text == "\"");
  CHECK(tokens[5].kind == TokenKind::Invalid);  // a leading underscore does not start a name
  CHECK(tokens[5].text == "_");
  CHECK(tokens.back().kind == TokenKind::End);
  CHECK(tokens[tokens.size() - 2].text == "é");  // one UTF-8 sequence, not split
}

TEST_CASE("lexer: a lone sigil is a placeholder with an empty name") {
  auto tokens = tokenize("# :");
  CHECK(tokens[0].kind == TokenKind::NamePlaceholder);
  CHECK(tokens[0].text == "#");
  CHECK(tokens[1].kind == TokenKind::ValuePlaceholder);
}
