// The tokens of a PartiQL statement. Identifiers are kept as written: keywords are recognized
// by the parser, case-insensitively, and only where unquoted ("select" is a keyword, "select"
// in double quotes a name). Comments (-- to the end of the line, /* ... */) and whitespace
// separate tokens and are dropped.
//
// What DynamoDB's lexer cannot read (an unterminated string, quoted name or comment, a '#'
// or another character outside the language) is refused with the bare "wasn't well formed"
// envelope, as DynamoDB refuses it.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace shoal::partiql {

enum class TokenKind : uint8_t {
  Identifier,        // a, Artist, begins_with (also every keyword)
  QuotedIdentifier,  // "Music", with "" unescaped
  String,            // 'text', with '' unescaped
  Number,            // 12, 1.5, .5, 1e-3 (no sign)
  Parameter,         // ?
  LParen, RParen, LBracket, RBracket, LBrace, RBrace,
  BagOpen,   // <<
  BagClose,  // >>
  Comma, Dot, Colon, Semicolon, Star, Plus, Minus, Slash, Percent, Concat,
  Eq, Ne, Lt, Le, Gt, Ge,
  End,
};

struct Token {
  TokenKind kind = TokenKind::End;
  std::string text;     // the name, string contents or number text; the operator as written
  uint32_t offset = 0;  // where it starts in the statement
  uint32_t length = 0;  // how many bytes of the statement it spans
};

// Always ends with an End token.
std::vector<Token> tokenize(std::string_view statement);

// Whether an unquoted identifier token is `keyword` (upper case), ignoring case.
bool isKeyword(const Token& t, const char* keyword);

}  // namespace shoal::partiql
