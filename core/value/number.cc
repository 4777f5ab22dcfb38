#include "value/number.h"

#include <algorithm>

#include "api/error.h"
#include "api/limits.h"

namespace shoal {

namespace {

// Messages as DynamoDB sends them (captured from the service by dynalite's and other
// conformance suites). Arithmetic that would need more than 38 digits is reported by DynamoDB
// as an overflow, not as a precision error, so add() reuses kOverflow for it.
constexpr const char* kNotNumeric = "The parameter cannot be converted to a numeric value";
constexpr const char* kTooManyDigits = "Attempting to store more than 38 significant digits in a Number";
constexpr const char* kOverflow =
    "Number overflow. Attempting to store a number with magnitude larger than supported range";
constexpr const char* kUnderflow =
    "Number underflow. Attempting to store a number with magnitude smaller than supported range";

// Any exponent beyond this is out of range whatever the digits (inputs are far shorter than
// 2^50 characters), so clamping here keeps all exponent arithmetic inside int64.
constexpr int64_t kExponentClamp = int64_t{1} << 50;

int64_t clampExponent(int64_t e) { return std::max(-kExponentClamp, std::min(kExponentClamp, e)); }

bool isDigit(char c) { return c >= '0' && c <= '9'; }

// Floor division by two, also for negatives.
int64_t floorHalf(int64_t x) { return x >= 0 ? x / 2 : -((-x + 1) / 2); }

// Compares the magnitudes of two non-zero normalized numbers.
int compareMagnitude(const std::string& da, int32_t ea, const std::string& db, int32_t eb) {
  int64_t aa = int64_t{ea} + static_cast<int64_t>(da.size()) - 1;  // exponent of the leading digit
  int64_t ab = int64_t{eb} + static_cast<int64_t>(db.size()) - 1;
  if (aa != ab) return aa < ab ? -1 : 1;
  // Same leading position: digit strings have no trailing zeros, so plain lexicographic order is
  // numeric order ("12" < "123" as 1.2 < 1.23).
  int c = da.compare(db);
  return c < 0 ? -1 : c > 0 ? 1 : 0;
}

}  // namespace

NumberStatus Number::make(bool negative, std::string_view digits, int64_t exponent, Number& out) {
  size_t first = digits.find_first_not_of('0');
  if (first == std::string_view::npos) {
    out = Number();
    return NumberStatus::Ok;
  }
  size_t last = digits.find_last_not_of('0');
  std::string_view sig = digits.substr(first, last - first + 1);
  int64_t exp = clampExponent(exponent) + static_cast<int64_t>(digits.size() - 1 - last);
  int64_t leading = exp + static_cast<int64_t>(sig.size()) - 1;
  // Range before precision, as DynamoDB (and dynalite) check them.
  if (leading > limits::kNumberMaxExponent) return NumberStatus::Overflow;
  if (leading < limits::kNumberMinExponent) return NumberStatus::Underflow;
  if (sig.size() > static_cast<size_t>(limits::kNumberMaxDigits)) return NumberStatus::TooManyDigits;
  out.negative_ = negative;
  out.digits_.assign(sig.data(), sig.size());
  out.exponent_ = static_cast<int32_t>(exp);
  return NumberStatus::Ok;
}

// Accepted syntax, as DynamoDB (which reads numbers like Java's BigDecimal):
//   [+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?
// so "+3", ".123", "5.", "0001.23", "1e+5", "0e1000" are numbers; " 1", "1 ", "NaN",
// "Infinity", "0x10", "1e", "." and "" are not. An exponent that does not fit a signed 64-bit
// integer is treated as not numeric (DynamoDB range-checks every exponent that fits).
NumberStatus Number::tryParse(std::string_view text, Number& out) {
  size_t i = 0, n = text.size();
  bool negative = false;
  if (i < n && (text[i] == '+' || text[i] == '-')) negative = text[i++] == '-';

  std::string mantissa;
  bool sawDigit = false, sawPoint = false;
  int64_t fractionDigits = 0;
  for (; i < n; ++i) {
    char c = text[i];
    if (isDigit(c)) {
      sawDigit = true;
      // Leading zeros carry no value; skipping them keeps huge zero prefixes cheap.
      if (!(mantissa.empty() && c == '0')) mantissa.push_back(c);
      if (sawPoint) ++fractionDigits;
    } else if (c == '.' && !sawPoint) {
      sawPoint = true;
    } else {
      break;
    }
  }
  if (!sawDigit) return NumberStatus::NotNumeric;

  int64_t exponent = 0;
  if (i < n && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    bool expNegative = false;
    if (i < n && (text[i] == '+' || text[i] == '-')) expNegative = text[i++] == '-';
    if (i == n) return NumberStatus::NotNumeric;
    uint64_t magnitude = 0;
    const uint64_t limit = expNegative ? uint64_t{1} << 63 : (uint64_t{1} << 63) - 1;
    for (; i < n; ++i) {
      if (!isDigit(text[i])) return NumberStatus::NotNumeric;
      uint64_t d = static_cast<uint64_t>(text[i] - '0');
      if (magnitude > (limit - d) / 10) return NumberStatus::NotNumeric;
      magnitude = magnitude * 10 + d;
    }
    int64_t clamped = static_cast<int64_t>(std::min<uint64_t>(magnitude, static_cast<uint64_t>(kExponentClamp)));
    exponent = expNegative ? -clamped : clamped;
  }
  if (i != n) return NumberStatus::NotNumeric;

  return make(negative, mantissa, exponent - std::min(fractionDigits, kExponentClamp), out);
}

Number Number::parse(std::string_view text) {
  Number out;
  NumberStatus status = tryParse(text, out);
  if (status != NumberStatus::Ok) throw ApiError::validation(errorMessage(status, text));
  return out;
}

std::string Number::errorMessage(NumberStatus status, std::string_view text, bool olderLayer) {
  switch (status) {
    case NumberStatus::Ok:
      return {};
    case NumberStatus::NotNumeric:
      if (olderLayer && text.empty()) return kNotNumeric;
      return std::string(kNotNumeric) + ": " + std::string(text);
    case NumberStatus::TooManyDigits:
      return kTooManyDigits;
    case NumberStatus::Overflow:
      return kOverflow;
    case NumberStatus::Underflow:
      return kUnderflow;
  }
  return kNotNumeric;
}

Number Number::fromParts(bool negative, std::string_view digits, int64_t exponent) {
  for (char c : digits)
    if (!isDigit(c)) throw ApiError::validation(errorMessage(NumberStatus::NotNumeric, digits));
  Number out;
  NumberStatus status = make(negative, digits, exponent, out);
  if (status != NumberStatus::Ok) throw ApiError::validation(errorMessage(status, digits));
  return out;
}

Number Number::fromInt(int64_t v) {
  bool negative = v < 0;
  // Through unsigned so that INT64_MIN negates safely.
  uint64_t magnitude = negative ? ~static_cast<uint64_t>(v) + 1 : static_cast<uint64_t>(v);
  std::string digits = std::to_string(magnitude);
  Number out;
  make(negative, digits, 0, out);  // at most 19 digits, always in range
  return out;
}

std::string Number::toString() const {
  if (isZero()) return "0";
  std::string s;
  if (negative_) s.push_back('-');
  int64_t n = static_cast<int64_t>(digits_.size());
  if (exponent_ >= 0) {
    s += digits_;
    s.append(static_cast<size_t>(exponent_), '0');
    return s;
  }
  int64_t integerDigits = n + exponent_;
  if (integerDigits > 0) {
    s.append(digits_, 0, static_cast<size_t>(integerDigits));
    s.push_back('.');
    s.append(digits_, static_cast<size_t>(integerDigits), std::string::npos);
  } else {
    s += "0.";
    s.append(static_cast<size_t>(-integerDigits), '0');
    s += digits_;
  }
  return s;
}

Number Number::negate() const {
  Number r = *this;
  if (!r.isZero()) r.negative_ = !r.negative_;
  return r;
}

Number Number::add(const Number& other) const {
  if (other.isZero()) return *this;
  if (isZero()) return other;

  // Align both on the smaller exponent. Valid operands have at most 38 digits and leading
  // exponents within [-130, 125], so the aligned strings stay under ~300 digits.
  int32_t base = std::min(exponent_, other.exponent_);
  std::string a = digits_ + std::string(static_cast<size_t>(exponent_ - base), '0');
  std::string b = other.digits_ + std::string(static_cast<size_t>(other.exponent_ - base), '0');
  size_t width = std::max(a.size(), b.size()) + 1;  // room for a carry
  a.insert(0, width - a.size(), '0');
  b.insert(0, width - b.size(), '0');

  bool negative;
  std::string result(width, '0');
  if (negative_ == other.negative_) {
    negative = negative_;
    int carry = 0;
    for (size_t k = width; k-- > 0;) {
      int s = (a[k] - '0') + (b[k] - '0') + carry;
      result[k] = static_cast<char>('0' + s % 10);
      carry = s / 10;
    }
  } else {
    // Subtract the smaller magnitude from the larger; the larger one's sign wins.
    int c = compareMagnitude(digits_, exponent_, other.digits_, other.exponent_);
    if (c == 0) return Number();
    const std::string& big = c > 0 ? a : b;
    const std::string& small = c > 0 ? b : a;
    negative = c > 0 ? negative_ : other.negative_;
    int borrow = 0;
    for (size_t k = width; k-- > 0;) {
      int s = (big[k] - '0') - (small[k] - '0') - borrow;
      borrow = s < 0;
      result[k] = static_cast<char>('0' + (s + 10) % 10);
    }
  }

  Number out;
  NumberStatus status = make(negative, result, base, out);
  if (status == NumberStatus::Underflow) throw ApiError::validation(kUnderflow);
  // DynamoDB reports a result that needs more than 38 digits as an overflow too.
  if (status != NumberStatus::Ok) throw ApiError::validation(kOverflow);
  return out;
}

Number Number::subtract(const Number& other) const { return add(other.negate()); }

int Number::compare(const Number& other) const {
  int sa = isZero() ? 0 : negative_ ? -1 : 1;
  int sb = other.isZero() ? 0 : other.negative_ ? -1 : 1;
  if (sa != sb) return sa < sb ? -1 : 1;
  if (sa == 0) return 0;
  int m = compareMagnitude(digits_, exponent_, other.digits_, other.exponent_);
  return sa > 0 ? m : -m;
}

// DynamoDB's guide says "about one byte per two significant digits, plus one". The exact rule,
// which dynalite measured against DynamoDB's consumed capacity, follows DynamoDB's internal
// base-100 format: the significant digits are grouped in pairs aligned on the decimal point
// (so 1.5 needs two pairs, "01" and "50", but 15 only one), plus one byte for the exponent,
// plus one more for a negative number; zero is one byte. We use that rule:
//   size = 1 + pairs + (negative ? 1 : 0), pairs = floor(lead/2) - floor(last/2) + 1,
// with lead and last the powers of ten of the first and last significant digits.
size_t Number::sizeBytes() const {
  if (isZero()) return 1;
  int64_t last = exponent_;
  int64_t lead = last + static_cast<int64_t>(digits_.size()) - 1;
  int64_t pairs = floorHalf(lead) - floorHalf(last) + 1;
  return static_cast<size_t>(1 + pairs + (negative_ ? 1 : 0));
}

}  // namespace shoal
