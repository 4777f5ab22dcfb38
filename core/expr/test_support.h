// Helpers shared by the core/expr tests: terse value builders and error capture.
#pragma once
#include <initializer_list>
#include <map>
#include <string>
#include <vector>

#include "api/error.h"
#include "expr/context.h"
#include "value/attribute_value.h"

namespace shoal::expr::test {

inline AttributeValue S(std::string s) { return AttributeValue::string(std::move(s)); }
inline AttributeValue N(const char* n) { return AttributeValue::number(Number::parse(n)); }
inline AttributeValue B(std::string bytes) { return AttributeValue::binary(std::move(bytes)); }
inline AttributeValue BOOL(bool b) { return AttributeValue::boolean(b); }
inline AttributeValue NUL() { return AttributeValue::null(); }
inline AttributeValue L(std::initializer_list<AttributeValue> items) { return AttributeValue::list(List(items)); }
inline AttributeValue M(std::initializer_list<std::pair<const std::string, AttributeValue>> items) {
  return AttributeValue::map(Map(items));
}
inline AttributeValue SS(std::vector<std::string> items) { return AttributeValue::stringSet(std::move(items)); }
inline AttributeValue BS(std::vector<std::string> items) { return AttributeValue::binarySet(std::move(items)); }
inline AttributeValue NS(std::initializer_list<const char*> items) {
  std::vector<Number> numbers;
  for (const char* n : items) numbers.push_back(Number::parse(n));
  return AttributeValue::numberSet(std::move(numbers));
}

using Names = std::map<std::string, std::string>;
using Values = std::map<std::string, AttributeValue>;

// The substitutions of one request; ctx() points into them.
struct Request {
  Names names;
  Values values;
  ExpressionContext context;

  Request(Names n = {}, Values v = {}) : names(std::move(n)), values(std::move(v)) {
    context.names = names.empty() ? nullptr : &names;
    context.values = values.empty() ? nullptr : &values;
  }
  Request(const Request&) = delete;
  ExpressionContext& ctx() { return context; }
};

// The message of the ValidationException `f` throws, "<no error>" if none, or a note naming
// the wrong error type.
template <typename F>
std::string validationError(F&& f) {
  try {
    f();
  } catch (const ApiError& e) {
    if (e.type() != "ValidationException") return "unexpected " + e.type() + ": " + e.what();
    return e.what();
  }
  return "<no error>";
}

}  // namespace shoal::expr::test
