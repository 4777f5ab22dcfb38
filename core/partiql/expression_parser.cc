#include "partiql/expression_parser.h"

#include <cstdint>

#include "api/limits.h"
#include "partiql/errors.h"
#include "partiql/literal.h"

namespace shoal::partiql {
namespace {

using expr::ConditionNode;
using expr::Operand;

bool isComparison(TokenKind k) {
  switch (k) {
    case TokenKind::Eq:
    case TokenKind::Ne:
    case TokenKind::Lt:
    case TokenKind::Le:
    case TokenKind::Gt:
    case TokenKind::Ge: return true;
    default: return false;
  }
}

expr::CompareOp compareOp(TokenKind k) {
  switch (k) {
    case TokenKind::Eq: return expr::CompareOp::Eq;
    case TokenKind::Ne: return expr::CompareOp::Ne;
    case TokenKind::Lt: return expr::CompareOp::Lt;
    case TokenKind::Le: return expr::CompareOp::Le;
    case TokenKind::Gt: return expr::CompareOp::Gt;
    default: return expr::CompareOp::Ge;
  }
}

bool isConditionFunction(const std::string& lower) {
  return lower == "attribute_exists" || lower == "attribute_not_exists" || lower == "attribute_type" ||
         lower == "begins_with" || lower == "contains";
}

Operand valueOperand(AttributeValue v, uint32_t offset) {
  Operand op;
  op.node = expr::ValueRef{std::string(), std::move(v)};
  op.offset = offset;
  return op;
}

Operand functionOperand(const std::string& lower, std::vector<Operand> args, uint32_t offset) {
  expr::FunctionCall call;
  call.name = lower;
  call.function = expr::functionByName(lower);
  call.args = std::move(args);
  Operand op;
  op.node = std::move(call);
  op.offset = offset;
  return op;
}

ConditionNode functionCondition(const std::string& lower, std::vector<Operand> args, uint32_t offset) {
  return ConditionNode(expr::FunctionCondition{functionOperand(lower, std::move(args), offset)}, offset);
}

ConditionNode logical(expr::Logical::Op op, std::vector<ConditionNode> terms, uint32_t offset) {
  return ConditionNode(expr::Logical{op, std::move(terms)}, offset);
}

// '(' arg (',' arg)* ')'
std::vector<Operand> arguments(Cursor& c) {
  c.expect(TokenKind::LParen);
  std::vector<Operand> args;
  if (c.peek().kind != TokenKind::RParen) {
    do {
      args.push_back(parseOperand(c));
    } while (c.accept(TokenKind::Comma));
  }
  c.expect(TokenKind::RParen);
  return args;
}

// Where the '(' at the cursor closes; the token after it tells an operand in parentheses,
// "(a) = 1", from a condition in parentheses, "(a = 1)".
bool parenthesizedOperand(const Cursor& c) {
  int depth = 0;
  for (size_t i = 0;; ++i) {
    TokenKind k = c.peek(i).kind;
    if (k == TokenKind::End) return false;
    if (k == TokenKind::LParen || k == TokenKind::LBracket || k == TokenKind::LBrace || k == TokenKind::BagOpen)
      ++depth;
    if (k == TokenKind::RParen || k == TokenKind::RBracket || k == TokenKind::RBrace || k == TokenKind::BagClose) {
      if (--depth == 0) {
        const Token& after = c.peek(i + 1);
        return isComparison(after.kind) || isKeyword(after, "BETWEEN") || isKeyword(after, "IN") ||
               isKeyword(after, "IS") || isKeyword(after, "LIKE") ||
               (isKeyword(after, "NOT") && !isKeyword(c.peek(i + 2), "MISSING"));
      }
    }
  }
}

// A name of the grammar's type test: MISSING, NULL, or a type DynamoDB maps to an
// attribute_type name. Returns false for MISSING (no type name).
struct TypeTest {
  bool missing = false;
  std::string dynamoType;  // "NULL", "BOOL", "S", "N", "B", "M", "L"
};

TypeTest typeName(Cursor& c) {
  static const char* kSupported =
      ". Supported data types are [MISSING, NULL, BOOLEAN, BLOB, STRING, NUMERIC, STRUCT, TUPLE, LIST]";
  static const std::pair<const char*, const char*> kMapped[] = {
      {"NULL", "NULL"}, {"BOOLEAN", "BOOL"}, {"BOOL", "BOOL"}, {"BLOB", "B"},  {"STRING", "S"},
      {"NUMERIC", "N"}, {"STRUCT", "M"},     {"TUPLE", "M"},   {"LIST", "L"},
  };
  // PartiQL's other type names parse, and DynamoDB refuses them.
  static const char* kOther[] = {"SMALLINT", "INT2", "INTEGER2", "INT", "INTEGER", "INT4", "INTEGER4", "INT8",
                                 "INTEGER8", "BIGINT", "FLOAT", "REAL", "DECIMAL", "DEC", "CHAR", "VARCHAR",
                                 "SYMBOL", "CLOB", "SEXP", "BAG", "DATE", "TIME", "TIMESTAMP", "ANY"};
  const Token& t = c.peek();
  if (c.acceptKeyword("MISSING")) return TypeTest{true, ""};
  for (const auto& [word, type] : kMapped)
    if (c.acceptKeyword(word)) return TypeTest{false, type};
  std::string shown;
  if (isKeyword(t, "DOUBLE") && isKeyword(c.peek(1), "PRECISION")) {
    shown = "DOUBLE PRECISION";
    c.next();
  } else if (isKeyword(t, "CHARACTER") && isKeyword(c.peek(1), "VARYING")) {
    shown = "CHARACTER VARYING";
    c.next();
  } else if (isKeyword(t, "CHARACTER")) {
    shown = "CHARACTER";
  } else {
    for (const char* other : kOther)
      if (isKeyword(t, other)) shown = other;
  }
  if (shown.empty()) throwNotWellFormed("Expected type name");
  throwInvalid("Unsupported data type for IS operator: " + shown + kSupported);
}

class ConditionParser {
 public:
  explicit ConditionParser(Cursor& c) : c_(c) {}

  ConditionNode orCondition() {
    Cursor::Nest nest(c_);
    uint32_t offset = c_.peek().offset;
    std::vector<ConditionNode> terms;
    terms.push_back(andCondition());
    while (c_.acceptKeyword("OR")) {
      requireRightHandSide();
      terms.push_back(andCondition());
    }
    if (terms.size() == 1) return std::move(terms.front());
    return logical(expr::Logical::Op::Or, std::move(terms), offset);
  }

 private:
  void requireRightHandSide() {
    TokenKind k = c_.peek().kind;
    if (k == TokenKind::End || k == TokenKind::Semicolon || k == TokenKind::RParen)
      throwNotWellFormed("Missing right-hand side expression of infix operator");
  }

  ConditionNode andCondition() {
    uint32_t offset = c_.peek().offset;
    std::vector<ConditionNode> terms;
    terms.push_back(notCondition());
    while (c_.acceptKeyword("AND")) {
      requireRightHandSide();
      terms.push_back(notCondition());
    }
    if (terms.size() == 1) return std::move(terms.front());
    return logical(expr::Logical::Op::And, std::move(terms), offset);
  }

  ConditionNode notCondition() {
    if (!c_.atKeyword("NOT")) return predicate();
    Cursor::Nest nest(c_);
    uint32_t offset = c_.next().offset;
    std::vector<ConditionNode> inner;
    inner.push_back(notCondition());
    return logical(expr::Logical::Op::Not, std::move(inner), offset);
  }

  ConditionNode predicate() {
    const Token& t = c_.peek();
    if (t.kind == TokenKind::LParen && !parenthesizedOperand(c_)) {
      Cursor::Nest nest(c_);
      c_.next();
      ConditionNode inner = orCondition();
      c_.expect(TokenKind::RParen);
      inner.parenthesized = true;
      return inner;
    }
    if (t.kind == TokenKind::Identifier && c_.peek(1).kind == TokenKind::LParen) {
      std::string lower = lowerName(t.text);
      if (isConditionFunction(lower)) {
        Cursor::Nest nest(c_);
        uint32_t offset = c_.next().offset;
        return functionCondition(lower, arguments(c_), offset);
      }
    }
    if (isKeyword(t, "MISSING")) {
      c_.next();
      if (!c_.atKeyword("IS")) throwInvalid("MISSING must be compared using IS operator");
      throwInvalid("The left hand side argument to IS must be a Variable Reference, Literal, or Path");
    }
    Operand subject = parseOperand(c_);
    return afterSubject(std::move(subject), t.offset);
  }

  ConditionNode afterSubject(Operand subject, uint32_t offset) {
    const Token& t = c_.peek();
    if (isComparison(t.kind)) {
      c_.next();
      if (c_.atKeyword("MISSING")) throwInvalid("MISSING must be compared using IS operator");
      Operand right = parseOperand(c_);
      return ConditionNode(expr::Comparison{compareOp(t.kind), std::move(subject), std::move(right)}, offset);
    }
    bool negated = false;
    if (c_.atKeyword("NOT") && (c_.atKeyword("BETWEEN", 1) || c_.atKeyword("IN", 1) || c_.atKeyword("LIKE", 1))) {
      c_.next();
      negated = true;
    }
    ConditionNode node;
    if (c_.acceptKeyword("BETWEEN")) {
      Operand lower = parseOperand(c_);
      c_.expectKeyword("AND");
      Operand upper = parseOperand(c_);
      node = ConditionNode(expr::Between{std::move(subject), std::move(lower), std::move(upper)}, offset);
    } else if (c_.acceptKeyword("IN")) {
      node = in(std::move(subject), offset);
    } else if (c_.atKeyword("LIKE")) {
      throwInvalid("Unsupported operation: LIKE");
    } else if (!negated && c_.acceptKeyword("IS")) {
      return isTest(std::move(subject), offset);
    } else {
      TokenKind k = t.kind;
      if (k == TokenKind::End || k == TokenKind::Semicolon || k == TokenKind::RParen || isKeyword(t, "AND") ||
          isKeyword(t, "OR") || isKeyword(t, "ORDER") || isKeyword(t, "RETURNING") || isKeyword(t, "SET") ||
          isKeyword(t, "REMOVE"))
        throwInvalid("WHERE clause must contain an expression that resolves to a boolean");
      throwNotWellFormed("Unexpected token after expression");
    }
    if (!negated) return node;
    std::vector<ConditionNode> inner;
    inner.push_back(std::move(node));
    return logical(expr::Logical::Op::Not, std::move(inner), offset);
  }

  ConditionNode in(Operand subject, uint32_t offset) {
    TokenKind open = c_.peek().kind;
    if (open != TokenKind::LBracket && open != TokenKind::LParen)
      throwInvalid("IN operator must have a left hand argument of type Variable Reference and right hand argument of "
                   "type Seq with at least one member");
    c_.next();
    TokenKind close = open == TokenKind::LBracket ? TokenKind::RBracket : TokenKind::RParen;
    std::vector<Operand> candidates;
    if (c_.peek().kind == close)
      throwInvalid("IN operator must have a left hand argument of type Variable Reference and right hand argument of "
                   "type Seq with at least one member");
    do {
      if (c_.atKeyword("MISSING")) throwInvalid("MISSING must be compared using IS operator");
      candidates.push_back(parseOperand(c_));
    } while (c_.accept(TokenKind::Comma));
    c_.expect(close);
    if (candidates.size() > static_cast<size_t>(limits::kMaxInOperands))
      throwInvalid("The IN operator is provided with too many operands; number of operands: " +
                   std::to_string(candidates.size()));
    return ConditionNode(expr::In{std::move(subject), std::move(candidates)}, offset);
  }

  ConditionNode isTest(Operand subject, uint32_t offset) {
    bool negated = c_.acceptKeyword("NOT");
    TypeTest test = typeName(c_);
    if (!subject.path())
      throwInvalid("The left hand side argument to IS must be a Variable Reference, Literal, or Path");
    std::vector<Operand> args;
    args.push_back(std::move(subject));
    if (test.missing)
      return functionCondition(negated ? "attribute_exists" : "attribute_not_exists", std::move(args), offset);
    args.push_back(valueOperand(AttributeValue::string(test.dynamoType), offset));
    ConditionNode node = functionCondition("attribute_type", std::move(args), offset);
    if (!negated) return node;
    std::vector<ConditionNode> inner;
    inner.push_back(std::move(node));
    return logical(expr::Logical::Op::Not, std::move(inner), offset);
  }

  Cursor& c_;
};

void checkIndex(Cursor& c, const Token& number, bool negative) {
  bool integral = number.text.find_first_not_of("0123456789") == std::string::npos;
  if (!integral) c.unexpected(number);
  bool zero = number.text.find_first_not_of('0') == std::string::npos;
  bool tooLarge = number.text.size() > 10 || (number.text.size() == 10 && number.text > "2147483647");
  if ((negative && !zero) || tooLarge)
    throwInvalid("List index is not within the allowable range; index: [" + std::string(negative ? "-" : "") +
                 number.text + "]" + c.at(number));
}

}  // namespace

std::string lowerName(const std::string& name) {
  std::string s = name;
  for (char& ch : s)
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  return s;
}

expr::DocumentPath parsePath(Cursor& c) {
  const Token& first = c.peek();
  if (first.kind == TokenKind::LBracket) throwInvalid("A path cannot start with a list index");
  if (first.kind != TokenKind::QuotedIdentifier && (first.kind != TokenKind::Identifier || Cursor::isReserved(first)))
    c.unexpected(first);
  if (first.text.empty()) throwInvalid("Path component cannot be an empty string");
  expr::DocumentPath path = expr::DocumentPath::attribute(first.text);
  c.next();
  for (;;) {
    if (c.accept(TokenKind::Dot)) {
      const Token& t = c.peek();
      if (t.kind == TokenKind::Star) throwInvalid("Unpivot path component like a.*.b are not supported");
      if (t.kind != TokenKind::Identifier && t.kind != TokenKind::QuotedIdentifier) c.unexpected(t);
      if (t.text.empty()) throwInvalid("Path component cannot be an empty string");
      path.elements.push_back(expr::PathElement::named(t.text));
      c.next();
    } else if (c.accept(TokenKind::LBracket)) {
      const Token& t = c.peek();
      if (t.kind == TokenKind::Star) throwInvalid("Wildcard path component like a[*].b are not supported");
      if (t.kind == TokenKind::String) {
        path.elements.push_back(expr::PathElement::named(t.text));
        c.next();
      } else {
        bool negative = false;
        while (c.peek().kind == TokenKind::Minus || c.peek().kind == TokenKind::Plus)
          if (c.next().kind == TokenKind::Minus) negative = !negative;
        const Token& n = c.peek();
        if (n.kind != TokenKind::Number) c.unexpected(n);
        checkIndex(c, n, negative);
        path.elements.push_back(expr::PathElement::at(static_cast<uint32_t>(std::stoul(n.text))));
        c.next();
      }
      c.expect(TokenKind::RBracket);
    } else {
      return path;
    }
  }
}

Operand parseOperand(Cursor& c) {
  const Token& t = c.peek();
  if (t.kind == TokenKind::LParen) {
    Cursor::Nest nest(c);
    c.next();
    Operand inner = parseOperand(c);
    c.expect(TokenKind::RParen);
    inner.parenthesized = true;
    return inner;
  }
  if (isKeyword(t, "MISSING")) throwInvalid("MISSING must be compared using IS operator");
  if (t.kind == TokenKind::Parameter || startsLiteral(c)) {
    uint32_t offset = t.offset;
    return valueOperand(parseLiteral(c), offset);
  }
  if (t.kind == TokenKind::Identifier && c.peek(1).kind == TokenKind::LParen) {
    std::string lower = lowerName(t.text);
    if (lower != "size") throwInvalid("Unsupported operation: function " + t.text + " is not supported here");
    Cursor::Nest nest(c);
    uint32_t offset = c.next().offset;
    return functionOperand(lower, arguments(c), offset);
  }
  Operand op;
  op.offset = t.offset;
  op.node = parsePath(c);
  return op;
}

expr::ConditionNode parseCondition(Cursor& c) { return ConditionParser(c).orCondition(); }

}  // namespace shoal::partiql
