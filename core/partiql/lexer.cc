#include "partiql/lexer.h"

#include "partiql/errors.h"

namespace shoal::partiql {
namespace {

bool isIdentifierStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$'; }
bool isIdentifierPart(char c) { return isIdentifierStart(c) || (c >= '0' && c <= '9'); }
bool isDigit(char c) { return c >= '0' && c <= '9'; }

class Lexer {
 public:
  explicit Lexer(std::string_view text) : text_(text) {}

  std::vector<Token> run() {
    std::vector<Token> out;
    for (;;) {
      skipSpaceAndComments();
      if (pos_ >= text_.size()) break;
      out.push_back(next());
    }
    Token end;
    end.offset = static_cast<uint32_t>(text_.size());
    out.push_back(end);
    return out;
  }

 private:
  char at(size_t i) const { return i < text_.size() ? text_[i] : '\0'; }

  void skipSpaceAndComments() {
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
        ++pos_;
      } else if (c == '-' && at(pos_ + 1) == '-') {
        while (pos_ < text_.size() && text_[pos_] != '\n') ++pos_;
      } else if (c == '/' && at(pos_ + 1) == '*') {
        size_t close = text_.find("*/", pos_ + 2);
        if (close == std::string_view::npos) throwNotWellFormed();
        pos_ = close + 2;
      } else {
        return;
      }
    }
  }

  Token make(TokenKind kind, size_t start, std::string text) {
    Token t;
    t.kind = kind;
    t.text = std::move(text);
    t.offset = static_cast<uint32_t>(start);
    t.length = static_cast<uint32_t>(pos_ - start);
    return t;
  }

  Token punct(TokenKind kind, size_t width) {
    size_t start = pos_;
    pos_ += width;
    return make(kind, start, std::string(text_.substr(start, width)));
  }

  // 'text' or "name", the closing quote doubled to stand for itself.
  Token quoted(TokenKind kind, char quote) {
    size_t start = pos_++;
    std::string value;
    for (;;) {
      if (pos_ >= text_.size()) throwNotWellFormed();
      char c = text_[pos_++];
      if (c == quote) {
        if (at(pos_) != quote) break;
        ++pos_;
      }
      value += c;
    }
    return make(kind, start, std::move(value));
  }

  Token number() {
    size_t start = pos_;
    while (isDigit(at(pos_))) ++pos_;
    if (at(pos_) == '.' && (isDigit(at(pos_ + 1)) || pos_ > start)) {
      ++pos_;
      while (isDigit(at(pos_))) ++pos_;
    }
    if ((at(pos_) == 'e' || at(pos_) == 'E') &&
        (isDigit(at(pos_ + 1)) || ((at(pos_ + 1) == '+' || at(pos_ + 1) == '-') && isDigit(at(pos_ + 2))))) {
      pos_ += 2;
      while (isDigit(at(pos_))) ++pos_;
    }
    return make(TokenKind::Number, start, std::string(text_.substr(start, pos_ - start)));
  }

  Token next() {
    char c = text_[pos_];
    char d = at(pos_ + 1);
    if (isIdentifierStart(c)) {
      size_t start = pos_;
      while (isIdentifierPart(at(pos_))) ++pos_;
      return make(TokenKind::Identifier, start, std::string(text_.substr(start, pos_ - start)));
    }
    if (isDigit(c) || (c == '.' && isDigit(d))) return number();
    switch (c) {
      case '\'': return quoted(TokenKind::String, '\'');
      case '"': return quoted(TokenKind::QuotedIdentifier, '"');
      case '?': return punct(TokenKind::Parameter, 1);
      case '(': return punct(TokenKind::LParen, 1);
      case ')': return punct(TokenKind::RParen, 1);
      case '[': return punct(TokenKind::LBracket, 1);
      case ']': return punct(TokenKind::RBracket, 1);
      case '{': return punct(TokenKind::LBrace, 1);
      case '}': return punct(TokenKind::RBrace, 1);
      case ',': return punct(TokenKind::Comma, 1);
      case '.': return punct(TokenKind::Dot, 1);
      case ':': return punct(TokenKind::Colon, 1);
      case ';': return punct(TokenKind::Semicolon, 1);
      case '*': return punct(TokenKind::Star, 1);
      case '+': return punct(TokenKind::Plus, 1);
      case '-': return punct(TokenKind::Minus, 1);
      case '/': return punct(TokenKind::Slash, 1);
      case '%': return punct(TokenKind::Percent, 1);
      case '=': return punct(TokenKind::Eq, 1);
      case '|':
        if (d == '|') return punct(TokenKind::Concat, 2);
        break;
      case '!':
        if (d == '=') return punct(TokenKind::Ne, 2);
        break;
      case '<':
        if (d == '<') return punct(TokenKind::BagOpen, 2);
        if (d == '>') return punct(TokenKind::Ne, 2);
        if (d == '=') return punct(TokenKind::Le, 2);
        return punct(TokenKind::Lt, 1);
      case '>':
        if (d == '>') return punct(TokenKind::BagClose, 2);
        if (d == '=') return punct(TokenKind::Ge, 2);
        return punct(TokenKind::Gt, 1);
      default: break;
    }
    throwNotWellFormed();
  }

  std::string_view text_;
  size_t pos_ = 0;
};

}  // namespace

std::vector<Token> tokenize(std::string_view statement) { return Lexer(statement).run(); }

bool isKeyword(const Token& t, const char* keyword) {
  if (t.kind != TokenKind::Identifier) return false;
  size_t i = 0;
  for (; i < t.text.size() && keyword[i]; ++i) {
    char c = t.text[i];
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c != keyword[i]) return false;
  }
  return i == t.text.size() && !keyword[i];
}

}  // namespace shoal::partiql
