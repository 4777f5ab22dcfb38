// The parser's position in the token list, with what every grammar rule shares: looking
// ahead, DynamoDB's messages for a token that cannot stand where it is, the `?` parameters
// handed out in order, and a bound on nesting (parentheses, NOT) so that no statement can
// exhaust the stack.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "partiql/lexer.h"
#include "value/attribute_value.h"

namespace shoal::partiql {

class Cursor {
 public:
  Cursor(std::string_view text, const std::vector<AttributeValue>& parameters);

  const Token& peek(size_t ahead = 0) const;
  const Token& next();
  bool accept(TokenKind kind);
  bool acceptKeyword(const char* keyword);
  bool atKeyword(const char* keyword, size_t ahead = 0) const { return isKeyword(peek(ahead), keyword); }
  const Token& expect(TokenKind kind);
  void expectKeyword(const char* keyword);
  size_t position() const { return pos_; }

  // "Unexpected term" (nothing where a term should start), "Unexpected keyword", "Unexpected
  // operator" or "Unexpected token", in the envelope.
  [[noreturn]] void unexpected(const Token& t) const;
  // A reserved word may not be used unquoted as a name.
  static bool isReserved(const Token& t);

  // " at L:C:N" for a token.
  std::string at(const Token& t) const;
  std::string_view text() const { return text_; }

  // The value of the next `?`. Counting goes on past the parameters given, so that the
  // statement can be checked against them once it is parsed.
  AttributeValue takeParameter();
  size_t parametersUsed() const { return parametersUsed_; }

  // Entered by every rule that can recurse into itself.
  class Nest {
   public:
    explicit Nest(Cursor& c);
    ~Nest() { --c_.depth_; }
    Nest(const Nest&) = delete;
    Nest& operator=(const Nest&) = delete;

   private:
    Cursor& c_;
  };

 private:
  std::string_view text_;
  std::vector<Token> tokens_;
  size_t pos_ = 0;
  const std::vector<AttributeValue>& parameters_;
  size_t parametersUsed_ = 0;
  int depth_ = 0;
};

}  // namespace shoal::partiql
