// The tokens shared by every expression grammar. Keywords (AND, SET, BETWEEN, ...) are plain
// identifiers here: which words are keywords depends on the grammar, so the parser decides.
#pragma once
#include <cstdint>
#include <string_view>

namespace shoal::expr {

enum class TokenKind : uint8_t {
  Identifier,        // letter, then letters, digits, '_'
  NamePlaceholder,   // '#' then letters, digits, '_'
  ValuePlaceholder,  // ':' then letters, digits, '_'
  Integer,           // digits (only valid as a list index)
  LParen, RParen, LBracket, RBracket, Comma, Dot,
  Eq, Ne, Lt, Le, Gt, Ge, Plus, Minus,
  Invalid,           // a character no grammar accepts (one whole UTF-8 sequence)
  End,               // past the last character; prints as <EOF>
};

struct Token {
  TokenKind kind;
  uint32_t offset;        // byte offset in the expression
  std::string_view text;  // a view into the expression text
};

}  // namespace shoal::expr
