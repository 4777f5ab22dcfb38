#include "partiql/literal.h"

#include <cstdint>
#include <set>

#include "api/limits.h"
#include "partiql/errors.h"
#include "value/number.h"

namespace shoal::partiql {
namespace {

// Leading '+' and '-' signs (each may be separated by comments); true when they negate.
bool takeSigns(Cursor& c) {
  bool negative = false;
  for (;;) {
    if (c.accept(TokenKind::Minus)) {
      negative = !negative;
    } else if (!c.accept(TokenKind::Plus)) {
      return negative;
    }
  }
}

bool isSign(TokenKind k) { return k == TokenKind::Minus || k == TokenKind::Plus; }

void checkDepth(int depth, const std::string& place) {
  if (depth > limits::kMaxNestingDepth) throwInvalid("Nesting Levels have exceeded supported limits under " + place);
}

AttributeValue bag(Cursor& c, const std::string& place) {
  c.next();  // <<
  std::vector<std::string> strings, written;
  std::vector<Number> numbers;
  bool anyString = false, anyNumber = false;
  if (c.peek().kind == TokenKind::BagClose) throwInvalid("Empty bags are not supported");
  do {
    bool negative = takeSigns(c);
    const Token& t = c.peek();
    if (t.kind == TokenKind::String && !negative) {
      anyString = true;
      strings.push_back(t.text);
      written.push_back(t.text);
    } else if (t.kind == TokenKind::Number) {
      anyNumber = true;
      numbers.push_back(numberLiteral(t, negative, place).asNumber());
      written.push_back((negative ? "-" : "") + t.text);
    } else if (t.kind == TokenKind::Parameter) {
      throwInvalid("Unsupported data type: Parameter under key " + place + c.at(t));
    } else if (t.kind == TokenKind::BagClose || t.kind == TokenKind::Comma || t.kind == TokenKind::End) {
      c.unexpected(t);
    } else {
      throwInvalid("Unsupported data type in Bag. DynamoDB only supports either numbers or strings in bags");
    }
    c.next();
  } while (c.accept(TokenKind::Comma));
  c.expect(TokenKind::BagClose);
  if (anyString && anyNumber)
    throwInvalid("Unsupported data type in Bag. DynamoDB only supports either numbers or strings in bags");
  bool duplicates = false;
  if (anyString) {
    std::set<std::string> seen(strings.begin(), strings.end());
    duplicates = seen.size() != strings.size();
  } else {
    for (size_t i = 0; i < numbers.size() && !duplicates; ++i)
      for (size_t j = i + 1; j < numbers.size() && !duplicates; ++j) duplicates = numbers[i] == numbers[j];
  }
  if (duplicates) {
    std::string list;
    for (size_t i = 0; i < written.size(); ++i) list += (i ? ", " : "") + written[i];
    throwInvalid("One or more parameter values were invalid: Input collection [" + list + "] contains duplicates.");
  }
  return anyString ? AttributeValue::stringSet(std::move(strings)) : AttributeValue::numberSet(std::move(numbers));
}

AttributeValue list(Cursor& c, const std::string& place, int depth) {
  c.next();  // [
  List items;
  if (!c.accept(TokenKind::RBracket)) {
    do {
      std::string child = place + "[" + std::to_string(items.size()) + "]";
      checkDepth(depth + 1, child);
      items.push_back(parseLiteral(c, child, depth + 1));
    } while (c.accept(TokenKind::Comma));
    c.expect(TokenKind::RBracket);
  }
  return AttributeValue::list(std::move(items));
}

AttributeValue map(Cursor& c, const std::string& place, int depth) {
  c.next();  // {
  Map entries;
  if (!c.accept(TokenKind::RBrace)) {
    do {
      const Token& key = c.peek();
      if (key.kind != TokenKind::String) {
        if (key.kind == TokenKind::RBrace || key.kind == TokenKind::Comma || key.kind == TokenKind::End)
          c.unexpected(key);
        throwInvalid("Tuple keys must be of type String under " + place);
      }
      std::string name = key.text;
      c.next();
      c.expect(TokenKind::Colon);
      std::string child = place + "." + name;
      checkDepth(depth + 1, child);
      AttributeValue v = parseLiteral(c, child, depth + 1);
      if (!entries.emplace(name, std::move(v)).second)
        throwInvalid("Duplicate keys in tuple. Key: " + name + " under " + place);
    } while (c.accept(TokenKind::Comma));
    c.expect(TokenKind::RBrace);
  }
  return AttributeValue::map(std::move(entries));
}

}  // namespace

bool startsLiteral(const Cursor& c) {
  size_t i = 0;
  while (isSign(c.peek(i).kind)) ++i;
  const Token& t = c.peek(i);
  if (i > 0) return t.kind == TokenKind::Number;
  switch (t.kind) {
    case TokenKind::String:
    case TokenKind::Number:
    case TokenKind::LBracket:
    case TokenKind::LBrace:
    case TokenKind::BagOpen: return true;
    default: return isKeyword(t, "TRUE") || isKeyword(t, "FALSE") || isKeyword(t, "NULL");
  }
}

AttributeValue parseLiteral(Cursor& c, const std::string& place, int depth) {
  const Token& t = c.peek();
  if (t.kind == TokenKind::Parameter) {
    if (depth > 1) throwInvalid("Unsupported data type: Parameter under key " + place + c.at(t));
    c.next();
    return c.takeParameter();
  }
  if (isSign(t.kind)) {
    bool negative = takeSigns(c);
    const Token& n = c.peek();
    if (n.kind != TokenKind::Number) c.unexpected(n);
    AttributeValue v = numberLiteral(n, negative, place);
    c.next();
    return v;
  }
  switch (t.kind) {
    case TokenKind::String: {
      AttributeValue v = AttributeValue::string(t.text);
      c.next();
      return v;
    }
    case TokenKind::Number: {
      AttributeValue v = numberLiteral(t, false, place);
      c.next();
      return v;
    }
    case TokenKind::LBracket: return list(c, place, depth);
    case TokenKind::LBrace: return map(c, place, depth);
    case TokenKind::BagOpen: return bag(c, place);
    default: break;
  }
  if (c.acceptKeyword("TRUE")) return AttributeValue::boolean(true);
  if (c.acceptKeyword("FALSE")) return AttributeValue::boolean(false);
  if (c.acceptKeyword("NULL")) return AttributeValue::null();
  if (isKeyword(t, "MISSING")) throwInvalid("Unsupported data type: MISSING under key " + place);
  if (t.kind == TokenKind::Identifier || t.kind == TokenKind::QuotedIdentifier)
    throwInvalid("Unsupported data type: Identifier under key " + place + c.at(t));
  c.unexpected(t);
}

AttributeValue numberLiteral(const Token& t, bool negative, const std::string& place) {
  // DynamoDB reads the literal as a decimal with a 32-bit exponent and scale first; what does
  // not fit is refused without a detail.
  const std::string& text = t.text;
  size_t e = text.find_first_of("eE");
  std::string_view mantissa = std::string_view(text).substr(0, e);
  int64_t exponent = 0;
  if (e != std::string::npos) {
    size_t i = e + 1;
    bool expNegative = false;
    if (text[i] == '+' || text[i] == '-') expNegative = text[i++] == '-';
    for (; i < text.size(); ++i) {
      exponent = exponent * 10 + (text[i] - '0');
      if (exponent > INT32_MAX) throwNotWellFormed();
    }
    if (expNegative) exponent = -exponent;
  }
  size_t dot = mantissa.find('.');
  int64_t fraction = dot == std::string_view::npos ? 0 : static_cast<int64_t>(mantissa.size() - dot - 1);
  int64_t scale = fraction - exponent;
  if (scale > INT32_MAX || scale < INT32_MIN) throwNotWellFormed();

  Number n;
  NumberStatus status = Number::tryParse((negative ? "-" : "") + text, n);
  if (status != NumberStatus::Ok) throwInvalid(Number::errorMessage(status, text) + " under " + place);
  return AttributeValue::number(n);
}

}  // namespace shoal::partiql
