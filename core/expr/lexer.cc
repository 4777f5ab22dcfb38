#include "expr/lexer.h"

namespace shoal::expr {
namespace {

bool isLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isWordChar(char c) { return isLetter(c) || isDigit(c) || c == '_'; }
bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Length of the UTF-8 sequence starting with `lead`, so an invalid token never splits a
// character (its text is quoted back to the user).
size_t sequenceLength(unsigned char lead) {
  if (lead >= 0xF0) return 4;
  if (lead >= 0xE0) return 3;
  if (lead >= 0xC0) return 2;
  return 1;
}

}  // namespace

std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> tokens;
  size_t i = 0;
  const size_t n = text.size();
  auto push = [&](TokenKind kind, size_t start, size_t end) {
    tokens.push_back(Token{kind, static_cast<uint32_t>(start), text.substr(start, end - start)});
  };
  while (i < n) {
    char c = text[i];
    if (isSpace(c)) {
      ++i;
      continue;
    }
    size_t start = i;
    if (isLetter(c)) {
      while (i < n && isWordChar(text[i])) ++i;
      push(TokenKind::Identifier, start, i);
    } else if (c == '#' || c == ':') {
      ++i;
      while (i < n && isWordChar(text[i])) ++i;
      push(c == '#' ? TokenKind::NamePlaceholder : TokenKind::ValuePlaceholder, start, i);
    } else if (isDigit(c)) {
      while (i < n && isDigit(text[i])) ++i;
      push(TokenKind::Integer, start, i);
    } else {
      TokenKind kind = TokenKind::Invalid;
      size_t len = 1;
      char next = i + 1 < n ? text[i + 1] : '\0';
      switch (c) {
        case '(': kind = TokenKind::LParen; break;
        case ')': kind = TokenKind::RParen; break;
        case '[': kind = TokenKind::LBracket; break;
        case ']': kind = TokenKind::RBracket; break;
        case ',': kind = TokenKind::Comma; break;
        case '.': kind = TokenKind::Dot; break;
        case '=': kind = TokenKind::Eq; break;
        case '+': kind = TokenKind::Plus; break;
        case '-': kind = TokenKind::Minus; break;
        case '<':
          if (next == '>') kind = TokenKind::Ne, len = 2;
          else if (next == '=') kind = TokenKind::Le, len = 2;
          else kind = TokenKind::Lt;
          break;
        case '>':
          if (next == '=') kind = TokenKind::Ge, len = 2;
          else kind = TokenKind::Gt;
          break;
        default:
          len = sequenceLength(static_cast<unsigned char>(c));
          if (start + len > n) len = n - start;
          break;
      }
      i += len;
      push(kind, start, i);
    }
  }
  tokens.push_back(Token{TokenKind::End, static_cast<uint32_t>(n), std::string_view()});
  return tokens;
}

}  // namespace shoal::expr
