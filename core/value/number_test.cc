#include "value/number.h"

#include <catch2/catch_test_macros.hpp>
#include <random>
#include <string>

#include "api/error.h"

using shoal::ApiError;
using shoal::Number;
using shoal::NumberStatus;

namespace {

const std::string kNotNumeric = "The parameter cannot be converted to a numeric value";
const std::string kTooManyDigits = "Attempting to store more than 38 significant digits in a Number";
const std::string kOverflow = "Number overflow. Attempting to store a number with magnitude larger than supported range";
const std::string kUnderflow = "Number underflow. Attempting to store a number with magnitude smaller than supported range";

std::string canon(const std::string& text) { return Number::parse(text).toString(); }

// The message parse() throws, or "" when it accepts the text.
std::string parseError(const std::string& text) {
  try {
    Number::parse(text);
    return "";
  } catch (const ApiError& e) {
    CHECK(e.type() == "ValidationException");
    return e.what();
  }
}

template <typename F>
std::string errorOf(F f) {
  try {
    f();
    return "";
  } catch (const ApiError& e) {
    CHECK(e.type() == "ValidationException");
    return e.what();
  }
}

Number N(const std::string& s) { return Number::parse(s); }

}  // namespace

TEST_CASE("Number parses DynamoDB's syntax into the canonical form") {
  CHECK(canon("12") == "12");
  CHECK(canon("-12.50") == "-12.5");
  CHECK(canon("1e2") == "100");
  CHECK(canon("1E+2") == "100");
  CHECK(canon("1e-2") == "0.01");
  CHECK(canon("1E-02") == "0.01");
  CHECK(canon(".5") == "0.5");
  CHECK(canon("5.") == "5");
  CHECK(canon("+5") == "5");
  CHECK(canon("+.5") == "0.5");
  CHECK(canon("-.5") == "-0.5");
  CHECK(canon("0001.23") == "1.23");
  CHECK(canon("0.000") == "0");
  CHECK(canon("-0") == "0");
  CHECK(canon("-0.0e7") == "0");
  CHECK(canon("0e1000") == "0");
  CHECK(canon("0e-99999999999") == "0");
  CHECK(canon("-17e5") == "-1700000");
  CHECK(canon("-17.4E37") == "-174000000000000000000000000000000000000");
  CHECK(canon("1.5e1") == "15");
  CHECK(canon("12345e-2") == "123.45");
  CHECK(canon("12345e-5") == "0.12345");
  CHECK(canon("12345e-6") == "0.012345");
  CHECK(canon("100") == "100");
  CHECK(canon("1000.000") == "1000");
  CHECK(canon("0.10") == "0.1");
  CHECK(canon("-3.1415926535897932384626433832795028841") == "-3.1415926535897932384626433832795028841");

  Number z = N("-0.000");
  CHECK(z.isZero());
  CHECK_FALSE(z.isNegative());
  CHECK(z == Number());

  Number a = N("-12.50");
  CHECK(a.isNegative());
  CHECK(a.digits() == "125");
  CHECK(a.exponent() == -1);
  CHECK(N("1e2").digits() == "1");
  CHECK(N("1e2").exponent() == 2);
  // One representation per value: equality is member-wise.
  CHECK(N("1e2") == N("100.00"));
  CHECK(N("0.5") == N(".50"));
}

TEST_CASE("Number rejects text DynamoDB does not read as a number") {
  for (const char* bad : {"abc", "-dog", "1.2.3", " 1", "1 ", "0x10", "1e", "1e+", "e5", ".", "-", "+", "+-1",
                          "--1", "NaN", "-NaN", "Infinity", "-Infinity", "1_000", "1,5", "١", "1e5.0", "1ee5",
                          "1e 5", "1.e", ".e1"}) {
    INFO(bad);
    CHECK(parseError(bad) == kNotNumeric + ": " + bad);
  }
  // The current validation layer keeps ": " even for an empty string; the older one does not.
  CHECK(parseError("") == kNotNumeric + ": ");
  CHECK(Number::errorMessage(NumberStatus::NotNumeric, "", true) == kNotNumeric);
  CHECK(Number::errorMessage(NumberStatus::NotNumeric, "b", true) == kNotNumeric + ": b");
  // An exponent that does not fit 64 bits.
  CHECK(parseError("1e99999999999999999999") == kNotNumeric + ": 1e99999999999999999999");
}

TEST_CASE("Number allows at most 38 significant digits") {
  std::string d38 = "12345678901234567890123456789012345678";
  std::string d39 = d38 + "9";
  CHECK(parseError(d38).empty());
  CHECK(canon(d38) == d38);
  CHECK(parseError(d39) == kTooManyDigits);
  CHECK(parseError("-" + d39) == kTooManyDigits);
  CHECK(parseError("-1.23456789012345678901234567890123456789") == kTooManyDigits);
  CHECK(parseError("3.1415926535897932384626433832795028841").empty());
  CHECK(parseError("3.14159265358979323846264338327950288419") == kTooManyDigits);
  CHECK(parseError("314159265358979323846.264338327950288419") == kTooManyDigits);
  // Leading and trailing zeros are not significant.
  CHECK(parseError("000000" + d38 + "000000").empty());
  CHECK(parseError("0.00000" + d38).empty());
  CHECK(parseError(d38 + "e30").empty());
  CHECK(parseError("1234567890123456789012345678901234567890") == kTooManyDigits);  // 39 after trimming
  CHECK(parseError("1" + std::string(100, '0')).empty());
  CHECK(parseError("1." + std::string(36, '0') + "1").empty());  // 38 digits
  CHECK(parseError("1." + std::string(37, '0') + "1") == kTooManyDigits);
}

TEST_CASE("Number magnitude is zero or within 1E-130 .. 9.99..E+125") {
  std::string max = "9.9999999999999999999999999999999999999E+125";
  CHECK(parseError(max).empty());
  CHECK(parseError("-" + max).empty());
  CHECK(canon(max) == std::string(38, '9') + std::string(88, '0'));
  CHECK(parseError("1E+125").empty());
  CHECK(parseError("1E-130").empty());
  CHECK(parseError("-1E-130").empty());
  CHECK(canon("1E-130") == "0." + std::string(129, '0') + "1");
  CHECK(canon("-1E-130") == "-0." + std::string(129, '0') + "1");
  CHECK(canon("1E125") == "1" + std::string(125, '0'));

  CHECK(parseError("1E+126") == kOverflow);
  CHECK(parseError("-1e126") == kOverflow);
  CHECK(parseError("11e125") == kOverflow);
  CHECK(parseError("1e2147483647") == kOverflow);
  CHECK(parseError("1e99999999999") == kOverflow);
  CHECK(parseError("-1e99999999999") == kOverflow);
  CHECK(parseError("1e-131") == kUnderflow);
  CHECK(parseError("-1e-131") == kUnderflow);
  CHECK(parseError("0.9e-130") == kUnderflow);
  CHECK(parseError("1e-2147483648") == kUnderflow);
  CHECK(parseError("1e-99999999999") == kUnderflow);
  CHECK(parseError("0." + std::string(130, '0') + "1") == kUnderflow);
  CHECK(parseError("1" + std::string(126, '0')) == kOverflow);
  // Range is checked before precision, as DynamoDB does.
  CHECK(parseError(std::string(39, '7') + "e200") == kOverflow);
}

TEST_CASE("Number tryParse reports without throwing and leaves out untouched on failure") {
  Number out = N("7");
  CHECK(Number::tryParse("x", out) == NumberStatus::NotNumeric);
  CHECK(out == N("7"));
  CHECK(Number::tryParse("1e126", out) == NumberStatus::Overflow);
  CHECK(Number::tryParse("1e-131", out) == NumberStatus::Underflow);
  CHECK(Number::tryParse(std::string(39, '1'), out) == NumberStatus::TooManyDigits);
  CHECK(out == N("7"));
  CHECK(Number::tryParse("-2.5", out) == NumberStatus::Ok);
  CHECK(out.toString() == "-2.5");
}

TEST_CASE("Number fromParts and fromInt normalize and check") {
  CHECK(Number::fromParts(false, "00120", -3).toString() == "0.12");
  CHECK(Number::fromParts(true, "000", 5).toString() == "0");
  CHECK_FALSE(Number::fromParts(true, "000", 5).isNegative());
  CHECK(Number::fromParts(true, "", 0).isZero());
  CHECK(Number::fromParts(false, "5", 125).toString() == "5" + std::string(125, '0'));
  CHECK(errorOf([] { Number::fromParts(false, "5", 126); }) == kOverflow);
  CHECK(errorOf([] { Number::fromParts(false, "5", -131); }) == kUnderflow);
  CHECK(errorOf([] { Number::fromParts(false, std::string(39, '3'), 0); }) == kTooManyDigits);
  CHECK(errorOf([] { Number::fromParts(false, "1a", 0); }) == kNotNumeric + ": 1a");

  CHECK(Number::fromInt(0).toString() == "0");
  CHECK(Number::fromInt(-42).toString() == "-42");
  CHECK(Number::fromInt(1000).digits() == "1");
  CHECK(Number::fromInt(INT64_MAX).toString() == "9223372036854775807");
  CHECK(Number::fromInt(INT64_MIN).toString() == "-9223372036854775808");
}

TEST_CASE("Number arithmetic is exact") {
  CHECK(N("0.1").add(N("0.2")) == N("0.3"));
  CHECK(N("0.1").add(N("0.2")).toString() == "0.3");
  CHECK(N("1").add(N("10000000000000000000000")).toString() == "10000000000000000000001");
  CHECK(N("10000000000000000000000").subtract(N("1")).toString() == "9999999999999999999999");
  CHECK(N("999").add(N("1")).toString() == "1000");                      // carries
  CHECK(N("9.99").add(N("0.01")).toString() == "10");
  CHECK(N("-999").subtract(N("1")).toString() == "-1000");
  CHECK(N("5").subtract(N("5")).isZero());                                // cancellation
  CHECK_FALSE(N("5").subtract(N("5")).isNegative());
  CHECK(N("-1.5").add(N("1.5")) == Number());
  CHECK(N("1").subtract(N("3")).toString() == "-2");
  CHECK(N("-1").subtract(N("-3")).toString() == "2");
  CHECK(N("-1").add(N("-3")).toString() == "-4");
  CHECK(N("1000").subtract(N("0.001")).toString() == "999.999");
  CHECK(N("0").add(N("-7.5")).toString() == "-7.5");
  CHECK(N("-7.5").add(N("0")).toString() == "-7.5");
  CHECK(N("-7.5").negate().toString() == "7.5");
  CHECK(N("0").negate() == Number());
  // Exponents far apart but the result still fits 38 digits.
  CHECK(N("1e20").add(N("1e-17")).toString() == "100000000000000000000.00000000000000001");
  CHECK(N("1e37").add(N("1")).toString() == "1" + std::string(36, '0') + "1");
  CHECK(N("1e125").subtract(N("1e125")).isZero());
  CHECK(N("1e125").add(N("1e125")).toString() == "2" + std::string(125, '0'));
  CHECK(N("1e-130").add(N("1e-130")).toString() == "0." + std::string(129, '0') + "2");
  // Subtraction cancelling all but the last of 38 digits.
  CHECK(N("1.0000000000000000000000000000000000001").subtract(N("1")).toString() ==
        "0." + std::string(36, '0') + "1");
}

TEST_CASE("Number arithmetic refuses results DynamoDB cannot store") {
  CHECK(errorOf([] { N("9e125").add(N("9e125")); }) == kOverflow);
  CHECK(errorOf([] { N("9e125").subtract(N("-9e125")); }) == kOverflow);
  CHECK(errorOf([] { N("-9e125").add(N("-9e125")); }) == kOverflow);
  // More than 38 digits: DynamoDB calls this an overflow too.
  CHECK(errorOf([] { N("1e50").add(N("1")); }) == kOverflow);
  CHECK(errorOf([] { N("1e50").subtract(N("1")); }) == kOverflow);
  CHECK(errorOf([] { N(std::string(38, '9')).add(N("0.1")); }) == kOverflow);
  CHECK(errorOf([] { N("1e-130").add(N("1e125")); }) == kOverflow);
  // The difference of two in-range numbers can fall below 1E-130.
  CHECK(errorOf([] { N("1.0000000000000000000000000000000000001E-130").subtract(N("1E-130")); }) == kUnderflow);
  // 38 nines plus one carries to a single significant digit: fine.
  CHECK(N(std::string(38, '9')).add(N("1")).toString() == "1" + std::string(38, '0'));
}

TEST_CASE("Number compares numerically") {
  CHECK(N("1").compare(N("2")) == -1);
  CHECK(N("2").compare(N("1")) == 1);
  CHECK(N("1.0").compare(N("1")) == 0);
  CHECK(N("-1").compare(N("1")) == -1);
  CHECK(N("-1").compare(N("0")) == -1);
  CHECK(N("0").compare(N("1e-130")) == -1);
  CHECK(N("-1e-130").compare(N("0")) == -1);
  CHECK(N("-2").compare(N("-1")) == -1);
  CHECK(N("1.2").compare(N("1.23")) == -1);
  CHECK(N("-1.2").compare(N("-1.23")) == 1);
  CHECK(N("99").compare(N("100")) == -1);
  CHECK(N("-99").compare(N("-100")) == 1);
  CHECK(N("0.99").compare(N("1")) == -1);
  CHECK(N("10").compare(N("9.99999")) == 1);
  CHECK(N("1e125").compare(N("9.99e124")) == 1);
  CHECK(N("0").compare(Number()) == 0);
  CHECK(N("2") < N("10"));
}

TEST_CASE("Number arithmetic and comparison agree with 128-bit integers") {
  // Values m * 10^e with |m| < 10^18 and e in [-5, 5]: scaled by 10^5 they fit in __int128.
  std::mt19937_64 rng(20240601);
  auto randomMantissa = [&]() -> int64_t {
    int digits = static_cast<int>(rng() % 18) + 1;
    int64_t m = 0;
    for (int i = 0; i < digits; ++i) m = m * 10 + static_cast<int64_t>(rng() % 10);
    return (rng() & 1) ? -m : m;
  };
  auto toText = [](__int128 v) {
    bool neg = v < 0;
    unsigned __int128 u = neg ? -static_cast<unsigned __int128>(v) : static_cast<unsigned __int128>(v);
    std::string s;
    do {
      s.insert(s.begin(), static_cast<char>('0' + static_cast<int>(u % 10)));
      u /= 10;
    } while (u);
    return (neg ? "-" : "") + s;
  };
  auto scaled = [](int64_t m, int e) {
    __int128 v = m;
    for (int i = 0; i < e + 5; ++i) v *= 10;
    return v;
  };
  for (int iter = 0; iter < 20000; ++iter) {
    int64_t ma = randomMantissa(), mb = randomMantissa();
    int ea = static_cast<int>(rng() % 11) - 5, eb = static_cast<int>(rng() % 11) - 5;
    Number a = N(std::to_string(ma) + "e" + std::to_string(ea));
    Number b = N(std::to_string(mb) + "e" + std::to_string(eb));
    __int128 va = scaled(ma, ea), vb = scaled(mb, eb);
    INFO(a.toString() << " , " << b.toString());
    CHECK(a.compare(b) == (va < vb ? -1 : va > vb ? 1 : 0));
    CHECK(a.add(b) == N(toText(va + vb) + "e-5"));
    CHECK(a.subtract(b) == N(toText(va - vb) + "e-5"));
    CHECK(N(a.toString()) == a);  // toString round-trips
  }
}

TEST_CASE("Number size follows DynamoDB's base-100 layout") {
  CHECK(N("0").sizeBytes() == 1);
  CHECK(N("1").sizeBytes() == 2);
  CHECK(N("27").sizeBytes() == 2);
  CHECK(N("100").sizeBytes() == 2);
  CHECK(N("123").sizeBytes() == 3);
  CHECK(N("1234").sizeBytes() == 3);
  CHECK(N("12345").sizeBytes() == 4);
  CHECK(N("1.5").sizeBytes() == 3);    // pairs "01" "50"
  CHECK(N("0.15").sizeBytes() == 2);   // pair "15"
  CHECK(N("0.015").sizeBytes() == 3);  // pairs "01" "50"
  CHECK(N("-1").sizeBytes() == 3);     // plus the negative terminator
  CHECK(N("-27").sizeBytes() == 3);
  CHECK(N(std::string(38, '9')).sizeBytes() == 20);
  CHECK(N("9" + std::string(37, '8')).sizeBytes() == 20);
  CHECK(N("9." + std::string(37, '8')).sizeBytes() == 21);  // 38 digits starting at an even power
  CHECK(N("1e-130").sizeBytes() == 2);
  CHECK(N("1e125").sizeBytes() == 2);
}
