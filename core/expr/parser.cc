#include "expr/parser.h"

#include <variant>

#include "api/limits.h"
#include "expr/lexer.h"

namespace shoal::expr {
namespace {

bool equalsIgnoreCase(std::string_view a, const char* b) {
  size_t i = 0;
  for (; i < a.size() && b[i]; ++i) {
    char c = a[i];
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c != b[i]) return false;
  }
  return i == a.size() && !b[i];
}

// A parenthesized group in a condition is either a condition or an operand; which one is
// known only after its closing parenthesis, so the grammar carries both.
using Term = std::variant<ConditionNode, Operand>;

class Parser {
 public:
  Parser(std::string_view text, ExprKind kind) : text_(text), kind_(kind) {
    if (text.empty()) throwInvalid(kind, "The expression can not be empty;");
    if (text.size() > limits::kMaxExpressionBytes)
      throwInvalid(kind, "Expression size has exceeded the maximum allowed size; expression size: " +
                             std::to_string(text.size()));
    tokens_ = tokenize(text);
  }

  ConditionNode wholeCondition() {
    Term t = orTerm();
    ConditionNode root = toCondition(std::move(t));
    expectEnd();
    if (redundantParens_) throwInvalid(kind_, "The expression has redundant parentheses;");
    return root;
  }

  UpdateAst wholeUpdate() {
    UpdateAst ast;
    bool seen[4] = {false, false, false, false};
    do {
      UpdateActionKind kind = clauseKeyword();
      ++pos_;
      if (seen[static_cast<int>(kind)] && !ast.repeatedSection) ast.repeatedSection = kind;
      seen[static_cast<int>(kind)] = true;
      do {
        ast.actions.push_back(updateAction(kind));
      } while (accept(TokenKind::Comma));
    } while (peek().kind != TokenKind::End);
    return ast;
  }

  std::vector<DocumentPath> wholeProjection() {
    std::vector<DocumentPath> paths;
    do {
      paths.push_back(path(nullptr));
    } while (accept(TokenKind::Comma));
    expectEnd();
    return paths;
  }

 private:
  // ---- tokens and errors ----

  const Token& peek(size_t ahead = 0) const {
    size_t i = pos_ + ahead;
    return i < tokens_.size() ? tokens_[i] : tokens_.back();
  }
  bool accept(TokenKind kind) {
    if (peek().kind != kind) return false;
    ++pos_;
    return true;
  }
  void expect(TokenKind kind) {
    if (!accept(kind)) syntaxError();
  }
  void expectEnd() {
    if (peek().kind != TokenKind::End) syntaxError();
  }
  bool peekKeyword(const char* word) const {
    return peek().kind == TokenKind::Identifier && equalsIgnoreCase(peek().text, word);
  }
  bool acceptKeyword(const char* word) {
    if (!peekKeyword(word)) return false;
    ++pos_;
    return true;
  }

  // Words the grammar reserves for itself: they can never be a path element.
  bool isGrammarKeyword(std::string_view word) const {
    static const char* kConditionWords[] = {"AND", "OR", "NOT", "BETWEEN", "IN"};
    static const char* kUpdateWords[] = {"SET", "REMOVE", "ADD", "DELETE"};
    if (kind_ == ExprKind::Update) {
      for (const char* w : kUpdateWords)
        if (equalsIgnoreCase(word, w)) return true;
    } else if (kind_ != ExprKind::Projection) {
      for (const char* w : kConditionWords)
        if (equalsIgnoreCase(word, w)) return true;
    }
    return false;
  }

  // DynamoDB quotes the offending token and the text from the token before it to the token
  // after it: 'Syntax error; token: "Mystr2", near: "myNum Mystr2 myNum2"'.
  // Errors are built out of line, so the recursive functions' frames stay small.
  [[noreturn, gnu::noinline]] void syntaxError() const {
    size_t i = pos_ < tokens_.size() ? pos_ : tokens_.size() - 1;
    const Token& bad = tokens_[i];
    std::string token = bad.kind == TokenKind::End ? "<EOF>" : std::string(bad.text);
    size_t from = i > 0 ? tokens_[i - 1].offset : bad.offset;
    size_t to = bad.offset + bad.text.size();
    if (bad.kind != TokenKind::End && i + 1 < tokens_.size() && tokens_[i + 1].kind != TokenKind::End)
      to = tokens_[i + 1].offset + tokens_[i + 1].text.size();
    std::string_view near = text_.substr(from, to - from);
    while (!near.empty() && (near.back() == ' ' || near.back() == '\t' || near.back() == '\n' || near.back() == '\r'))
      near.remove_suffix(1);
    throwInvalid(kind_, "Syntax error; token: \"" + token + "\", near: \"" + std::string(near) + "\"");
  }

  // ---- limits ----

  [[noreturn, gnu::noinline]] void limitError(const char* what, size_t count, int maximum) const {
    throwInvalid(kind_, std::string(what) + std::to_string(count) + ", maximum: " + std::to_string(maximum));
  }

  void countOperator() {
    if (++operators_ > limits::kMaxExpressionOperators)
      limitError("The expression contains too many operators; operator count: ", operators_,
                 limits::kMaxExpressionOperators);
  }

  [[noreturn, gnu::noinline]] void tooDeep() const {
    throwInvalid(kind_, "The expression has too many nested levels; maximum: " +
                            std::to_string(limits::kMaxExpressionNesting));
  }

  // Bounds recursion: parentheses, NOT and function calls each nest one level.
  struct Nest {
    explicit Nest(Parser& p) : p_(p) {
      if (++p_.depth_ > limits::kMaxExpressionNesting) p_.tooDeep();
    }
    ~Nest() { --p_.depth_; }
    Parser& p_;
  };

  // ---- paths and operands (shared) ----

  // name ('.' name | '[' integer ']')*. `first` is the already-consumed first token, if any.
  DocumentPath path(const Token* first) {
    DocumentPath p;
    p.elements.push_back(pathName(first));
    for (;;) {
      if (accept(TokenKind::Dot)) {
        p.elements.push_back(pathName(nullptr));
      } else if (accept(TokenKind::LBracket)) {
        if (peek().kind != TokenKind::Integer) syntaxError();
        unsigned long long v = 0;
        for (char c : peek().text) {
          v = v * 10 + static_cast<unsigned>(c - '0');
          if (v > 0x7fffffffULL) syntaxError();
        }
        ++pos_;
        p.elements.push_back(PathElement::at(static_cast<uint32_t>(v)));
        expect(TokenKind::RBracket);
      } else {
        break;
      }
      if (static_cast<int>(p.elements.size()) > limits::kMaxDocumentPathDepth)
        limitError("The document path has too many nesting levels; nesting levels: ", p.elements.size(),
                   limits::kMaxDocumentPathDepth);
    }
    return p;
  }

  PathElement pathName(const Token* first) {
    const Token& t = first ? *first : peek();
    if (t.kind == TokenKind::NamePlaceholder) {
      if (!first) ++pos_;
      PathElement e = PathElement::named(std::string(t.text));
      e.placeholder = true;
      return e;
    }
    if (t.kind == TokenKind::Identifier && !isGrammarKeyword(t.text)) {
      if (!first) ++pos_;
      return PathElement::named(std::string(t.text));
    }
    syntaxError();
  }

  // path | :value | function(args), optionally parenthesized; never a condition.
  [[gnu::noinline]] Operand operand() {
    if (peek().kind == TokenKind::LParen) {
      Nest nest(*this);
      uint32_t offset = peek().offset;
      ++pos_;
      Operand inner = operand();
      expect(TokenKind::RParen);
      if (inner.parenthesized) redundantParens_ = true;
      inner.parenthesized = true;
      inner.offset = offset;
      return inner;
    }
    return bareOperand();
  }

  [[gnu::noinline]] Operand bareOperand() {
    const Token& t = peek();
    Operand op;
    op.offset = t.offset;
    if (t.kind == TokenKind::ValuePlaceholder) {
      ++pos_;
      op.node = ValueRef{std::string(t.text), AttributeValue()};
      return op;
    }
    if (t.kind == TokenKind::Identifier && peek(1).kind == TokenKind::LParen) {
      op.node = functionCall();
      return op;
    }
    if (t.kind == TokenKind::Identifier || t.kind == TokenKind::NamePlaceholder) {
      op.node = path(nullptr);
      return op;
    }
    syntaxError();
  }

  [[gnu::noinline]] FunctionCall functionCall() {
    Nest nest(*this);
    FunctionCall call;
    call.name = std::string(peek().text);
    call.function = functionByName(call.name);
    pos_ += 2;  // name '('
    countOperator();
    do {
      call.args.push_back(operand());
    } while (accept(TokenKind::Comma));
    expect(TokenKind::RParen);
    return call;
  }

  // ---- conditions ----

  [[gnu::noinline]] ConditionNode toCondition(Term t) {
    if (auto* c = std::get_if<ConditionNode>(&t)) return std::move(*c);
    Operand& op = std::get<Operand>(t);
    // A function call stands alone as a condition (attribute_exists(a)); whether it may is
    // checked later, with DynamoDB's message. A path or a value alone is a syntax error at
    // the token where a comparator was expected.
    if (!op.call()) syntaxError();
    uint32_t offset = op.offset;
    bool parenthesized = op.parenthesized;
    ConditionNode node(FunctionCondition{std::move(op)}, offset);
    node.parenthesized = parenthesized;
    return node;
  }

  // The functions on the recursive path (orTerm -> andTerm -> notTerm -> comparison -> primary
  // -> orTerm) build their result in place and leave the work to out-of-line helpers, so each
  // nesting level costs little stack; kMaxExpressionNesting bounds the levels.
  Term orTerm() { return logical(Logical::Op::Or, "OR", &Parser::andTerm); }
  Term andTerm() { return logical(Logical::Op::And, "AND", &Parser::notTerm); }

  [[gnu::noinline]] Term logical(Logical::Op op, const char* keyword, Term (Parser::*next)()) {
    Term result = (this->*next)();
    if (peekKeyword(keyword)) joinTerms(result, op, keyword, next);
    return result;
  }

  // `first` (keyword next)+ becomes one And/Or node.
  [[gnu::noinline]] void joinTerms(Term& first, Logical::Op op, const char* keyword, Term (Parser::*next)()) {
    uint32_t offset = std::visit([](const auto& n) { return n.offset; }, first);
    Logical group{op, {}};
    group.terms.push_back(toCondition(std::move(first)));
    while (acceptKeyword(keyword)) {
      countOperator();
      group.terms.push_back(toCondition((this->*next)()));
    }
    first = ConditionNode(std::move(group), offset);
  }

  [[gnu::noinline]] Term notTerm() {
    if (!peekKeyword("NOT")) return comparison();
    return negation();
  }

  [[gnu::noinline]] Term negation() {
    Nest nest(*this);
    uint32_t offset = peek().offset;
    ++pos_;
    countOperator();
    Logical group{Logical::Op::Not, {}};
    group.terms.push_back(toCondition(notTerm()));
    return ConditionNode(std::move(group), offset);
  }

  [[gnu::noinline]] Term comparison() {
    Term result = primary();
    if (std::holds_alternative<Operand>(result)) completeComparison(result);
    return result;
  }

  // What follows an operand in a condition: a comparator, BETWEEN or IN, which turns `term`
  // into a condition, or nothing (the operand stays, and the caller decides whether it may
  // stand there).
  [[gnu::noinline]] void completeComparison(Term& term) {
    Operand& subject = std::get<Operand>(term);
    uint32_t offset = subject.offset;
    if (auto op = comparator()) {
      ++pos_;
      countOperator();
      Operand right = operand();
      term = ConditionNode(Comparison{*op, std::move(subject), std::move(right)}, offset);
    } else if (acceptKeyword("BETWEEN")) {
      countOperator();
      Operand lower = operand();
      if (!acceptKeyword("AND")) syntaxError();
      Operand upper = operand();
      term = ConditionNode(Between{std::move(subject), std::move(lower), std::move(upper)}, offset);
    } else if (acceptKeyword("IN")) {
      countOperator();
      expect(TokenKind::LParen);
      In in{std::move(subject), {}};
      do {
        in.candidates.push_back(operand());
        if (static_cast<int>(in.candidates.size()) + 1 > limits::kMaxInOperands)
          limitError("The IN operator is provided with too many operands; number of operands: ",
                     in.candidates.size() + 1, limits::kMaxInOperands);
      } while (accept(TokenKind::Comma));
      expect(TokenKind::RParen);
      term = ConditionNode(std::move(in), offset);
    }
  }

  std::optional<CompareOp> comparator() const {
    switch (peek().kind) {
      case TokenKind::Eq: return CompareOp::Eq;
      case TokenKind::Ne: return CompareOp::Ne;
      case TokenKind::Lt: return CompareOp::Lt;
      case TokenKind::Le: return CompareOp::Le;
      case TokenKind::Gt: return CompareOp::Gt;
      case TokenKind::Ge: return CompareOp::Ge;
      default: return std::nullopt;
    }
  }

  [[gnu::noinline]] Term primary() {
    if (peek().kind != TokenKind::LParen) return bareTerm();
    return group();
  }

  [[gnu::noinline]] Term bareTerm() { return bareOperand(); }

  // '(' condition-or-operand ')'
  [[gnu::noinline]] Term group() {
    Nest nest(*this);
    uint32_t offset = peek().offset;
    ++pos_;
    Term inner = orTerm();
    expect(TokenKind::RParen);
    std::visit(
        [&](auto& n) {
          if (n.parenthesized) redundantParens_ = true;
          n.parenthesized = true;
          n.offset = offset;
        },
        inner);
    return inner;
  }

  // ---- update ----

  UpdateActionKind clauseKeyword() const {
    if (peekKeyword("SET")) return UpdateActionKind::Set;
    if (peekKeyword("REMOVE")) return UpdateActionKind::Remove;
    if (peekKeyword("ADD")) return UpdateActionKind::Add;
    if (peekKeyword("DELETE")) return UpdateActionKind::Delete;
    syntaxError();
  }

  UpdateAction updateAction(UpdateActionKind kind) {
    UpdateAction action{kind, path(nullptr), std::nullopt};
    switch (kind) {
      case UpdateActionKind::Set:
        expect(TokenKind::Eq);
        action.value = setValue();
        break;
      case UpdateActionKind::Remove:
        break;
      case UpdateActionKind::Add:
      case UpdateActionKind::Delete: {
        const Token& t = peek();
        if (t.kind != TokenKind::ValuePlaceholder) syntaxError();
        ++pos_;
        Operand op;
        op.offset = t.offset;
        op.node = ValueRef{std::string(t.text), AttributeValue()};
        action.value = std::move(op);
        break;
      }
    }
    // An action ends at ',', at the next clause keyword or at the end.
    TokenKind next = peek().kind;
    if (next != TokenKind::Comma && next != TokenKind::End) clauseKeyword();
    return action;
  }

  // operand [('+' | '-') operand], where either side (or the whole) may be parenthesized.
  [[gnu::noinline]] Operand setValue() {
    Operand left = setTerm();
    TokenKind k = peek().kind;
    if (k != TokenKind::Plus && k != TokenKind::Minus) return left;
    Operand result;
    result.offset = left.offset;
    FunctionCall call;
    call.name = k == TokenKind::Plus ? "+" : "-";
    call.function = k == TokenKind::Plus ? Function::Plus : Function::Minus;
    ++pos_;
    countOperator();
    call.args.push_back(std::move(left));
    call.args.push_back(setTerm());
    result.node = std::move(call);
    return result;
  }

  [[gnu::noinline]] Operand setTerm() {
    if (peek().kind != TokenKind::LParen) return bareOperand();
    Nest nest(*this);
    uint32_t offset = peek().offset;
    ++pos_;
    Operand inner = setValue();
    expect(TokenKind::RParen);
    inner.parenthesized = true;
    inner.offset = offset;
    return inner;
  }

  std::string_view text_;
  ExprKind kind_;
  std::vector<Token> tokens_;
  size_t pos_ = 0;
  int depth_ = 0;
  int operators_ = 0;
  bool redundantParens_ = false;
};

}  // namespace

ConditionNode parseCondition(std::string_view text, ExprKind kind) { return Parser(text, kind).wholeCondition(); }

UpdateAst parseUpdate(std::string_view text) { return Parser(text, ExprKind::Update).wholeUpdate(); }

std::vector<DocumentPath> parseProjection(std::string_view text) {
  return Parser(text, ExprKind::Projection).wholeProjection();
}

}  // namespace shoal::expr
