#include "partiql/cursor.h"

#include "api/limits.h"
#include "partiql/errors.h"

namespace shoal::partiql {
namespace {

// Words of the grammar: never a name unless quoted.
const char* const kReserved[] = {
    "SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "IN", "IS", "BETWEEN", "LIKE", "NULL", "MISSING", "TRUE", "FALSE",
    "INSERT", "INTO", "VALUE", "VALUES", "UPDATE", "SET", "REMOVE", "DELETE", "RETURNING", "ORDER", "BY", "ASC",
    "DESC", "EXISTS", "AS", "AT", "LIMIT", "OFFSET", "GROUP", "HAVING", "UNION", "JOIN", "ON", "CASE", "WHEN",
    "THEN", "ELSE", "END", "DISTINCT", "PIVOT", "UNPIVOT",
};
// Reserved words that are operators.
const char* const kOperatorWords[] = {"AND", "OR", "IN", "IS", "BETWEEN", "LIKE"};

}  // namespace

Cursor::Cursor(std::string_view text, const std::vector<AttributeValue>& parameters)
    : text_(text), tokens_(tokenize(text)), parameters_(parameters) {}

const Token& Cursor::peek(size_t ahead) const {
  size_t i = pos_ + ahead;
  return i < tokens_.size() ? tokens_[i] : tokens_.back();
}

const Token& Cursor::next() {
  const Token& t = peek();
  if (pos_ + 1 < tokens_.size()) ++pos_;
  return t;
}

bool Cursor::accept(TokenKind kind) {
  if (peek().kind != kind) return false;
  next();
  return true;
}

bool Cursor::acceptKeyword(const char* keyword) {
  if (!atKeyword(keyword)) return false;
  next();
  return true;
}

const Token& Cursor::expect(TokenKind kind) {
  if (peek().kind != kind) unexpected(peek());
  return next();
}

void Cursor::expectKeyword(const char* keyword) {
  if (!acceptKeyword(keyword)) unexpected(peek());
}

bool Cursor::isReserved(const Token& t) {
  for (const char* k : kReserved)
    if (isKeyword(t, k)) return true;
  return false;
}

void Cursor::unexpected(const Token& t) const {
  switch (t.kind) {
    case TokenKind::End:
    case TokenKind::Semicolon:
    case TokenKind::RParen:
    case TokenKind::RBracket:
    case TokenKind::RBrace:
    case TokenKind::BagClose:
    case TokenKind::Comma: throwNotWellFormed("Unexpected term");
    case TokenKind::Identifier:
      for (const char* k : kOperatorWords)
        if (isKeyword(t, k)) throwNotWellFormed("Unexpected operator");
      if (isReserved(t)) throwNotWellFormed("Unexpected keyword");
      throwNotWellFormed("Unexpected token");
    case TokenKind::Star:
    case TokenKind::Plus:
    case TokenKind::Minus:
    case TokenKind::Slash:
    case TokenKind::Percent:
    case TokenKind::Concat:
    case TokenKind::Eq:
    case TokenKind::Ne:
    case TokenKind::Lt:
    case TokenKind::Le:
    case TokenKind::Gt:
    case TokenKind::Ge: throwNotWellFormed("Unexpected operator");
    default: throwNotWellFormed("Unexpected token");
  }
}

std::string Cursor::at(const Token& t) const { return positionSuffix(text_, t.offset, t.length); }

AttributeValue Cursor::takeParameter() {
  size_t i = parametersUsed_++;
  return i < parameters_.size() ? parameters_[i] : AttributeValue::null();
}

Cursor::Nest::Nest(Cursor& c) : c_(c) {
  // DynamoDB documents no bound; the 8 KB statement allows thousands of parentheses, and the
  // wasm stack is 1 MB.
  if (++c_.depth_ > limits::kMaxExpressionNesting) throwInvalid("Nesting Levels have exceeded supported limits");
}

}  // namespace shoal::partiql
