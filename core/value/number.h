// An exact decimal number as DynamoDB stores it: up to 38 significant digits and a magnitude
// of zero or between 1E-130 and 9.99...E+125. Never a double: "0.1" + "0.2" is exactly "0.3".
//
// Representation: value = (negative ? -1 : 1) * digits * 10^exponent, where `digits` is a
// string of decimal digits with no leading and no trailing zeros (so every number has exactly
// one representation, and equality is member-wise). Zero is digits == "" and negative == false.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace shoal {

// Why a number text or an arithmetic result was refused (see Number::tryParse).
enum class NumberStatus : uint8_t { Ok, NotNumeric, TooManyDigits, Overflow, Underflow };

class Number {
 public:
  Number() = default;  // zero

  // Parses DynamoDB's accepted syntax: optional sign, digits with an optional '.', optional
  // exponent (e/E, optional sign). Leading/trailing spaces are not allowed. Throws
  // ApiError::validation with DynamoDB's message on bad syntax, more than 38 significant
  // digits, or a magnitude out of range.
  static Number parse(std::string_view text);

  // The same checks without throwing: on Ok, `out` holds the value; otherwise `out` is untouched.
  static NumberStatus tryParse(std::string_view text, Number& out);

  // DynamoDB's message for a refused number `text`. DynamoDB words "not numeric" in two ways,
  // depending on which of its validation layers an operation runs: the current one (PutItem,
  // UpdateItem, DeleteItem, GetItem, BatchGetItem, Query) always appends ": " and the text, even
  // for an empty string; the older one (BatchWriteItem, most regions' transactions, Scan) omits
  // ": " for an empty string. `olderLayer` picks the latter. parse() uses the current wording.
  static std::string errorMessage(NumberStatus status, std::string_view text, bool olderLayer = false);

  // value = (negative ? -1 : 1) * digits * 10^exponent for any decimal digit string (leading and
  // trailing zeros allowed; empty or all zeros is zero). Normalizes, then applies the same range
  // and precision checks as parse(), throwing ApiError::validation.
  static Number fromParts(bool negative, std::string_view digits, int64_t exponent);
  static Number fromInt(int64_t v);

  // Canonical text as DynamoDB returns it: no exponent, no trailing fractional zeros, no
  // leading zeros, "-" only for negatives ("-12.50" -> "-12.5", "1e2" -> "100", "-0" -> "0").
  std::string toString() const;

  bool isZero() const { return digits_.empty(); }
  bool isNegative() const { return negative_; }
  const std::string& digits() const { return digits_; }
  int32_t exponent() const { return exponent_; }

  // Exact arithmetic. Throws ApiError::validation when the result needs more than 38
  // significant digits or leaves the allowed range (DynamoDB's "Number overflow..." errors).
  Number add(const Number& other) const;
  Number subtract(const Number& other) const;
  Number negate() const;

  // -1, 0, 1 by numeric value.
  int compare(const Number& other) const;
  bool operator==(const Number& o) const { return negative_ == o.negative_ && exponent_ == o.exponent_ && digits_ == o.digits_; }
  bool operator!=(const Number& o) const { return !(*this == o); }
  bool operator<(const Number& o) const { return compare(o) < 0; }

  // Bytes this number counts for in DynamoDB's item-size rules.
  size_t sizeBytes() const;

 private:
  // Normalizes and checks; on Ok fills `out`. The one place that enforces the number limits.
  static NumberStatus make(bool negative, std::string_view digits, int64_t exponent, Number& out);

  bool negative_ = false;
  std::string digits_;
  int32_t exponent_ = 0;
};

}  // namespace shoal
