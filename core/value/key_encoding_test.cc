#include "value/key_encoding.h"

#include <algorithm>
#include <catch2/catch_test_macros.hpp>
#include <random>
#include <tuple>

#include "api/error.h"

using shoal::ApiError;
using shoal::AttributeValue;
using shoal::decodeKey;
using shoal::encodeKey;
using shoal::Number;

namespace {

int sign(int x) { return (x > 0) - (x < 0); }

// Byte-wise unsigned comparison, as the ordered index compares keys.
int byteCompare(const std::string& a, const std::string& b) { return sign(a.compare(b)); }

AttributeValue S(std::string s) { return AttributeValue::string(std::move(s)); }
AttributeValue B(std::string s) { return AttributeValue::binary(std::move(s)); }
AttributeValue N(const std::string& s) { return AttributeValue::number(Number::parse(s)); }

AttributeValue roundTrip(const AttributeValue& v) {
  std::string enc = encodeKey(v);
  size_t pos = 0;
  AttributeValue back = decodeKey(enc, pos);
  CHECK(pos == enc.size());
  return back;
}

// Random numbers over the whole range: 1..38 digits, any exponent in range, both signs, zero.
Number randomNumber(std::mt19937_64& rng) {
  if (rng() % 20 == 0) return Number();
  int digits = static_cast<int>(rng() % 38) + 1;
  if (rng() % 3 == 0) digits = static_cast<int>(rng() % 4) + 1;  // many short ones, to collide
  std::string d;
  for (int i = 0; i < digits; ++i) d.push_back(static_cast<char>('0' + rng() % 10));
  d[0] = static_cast<char>('1' + rng() % 9);
  int lead = rng() % 4 == 0 ? static_cast<int>(rng() % 256) - 130 : static_cast<int>(rng() % 11) - 5;
  return Number::fromParts(rng() & 1, d, int64_t{lead} - digits + 1);
}

std::string randomBytes(std::mt19937_64& rng) {
  static const char alphabet[] = {'\x00', '\x01', 'a', 'b', '\x7F', '\x80', '\xFE', '\xFF'};
  std::string s;
  int len = static_cast<int>(rng() % 6);
  for (int i = 0; i < len; ++i) s.push_back(alphabet[rng() % sizeof(alphabet)]);
  return s;
}

}  // namespace

TEST_CASE("number encodings order as the numbers do") {
  std::vector<std::string> sorted = {"-9.9999999999999999999999999999999999999E+125", "-1e125", "-101", "-100",
                                     "-99.5", "-11", "-10.01", "-10", "-1.01", "-1", "-0.99", "-0.1", "-1e-130",
                                     "0", "1e-130", "1.1e-130", "0.1", "0.99", "1", "1.01", "1.1", "10", "10.01",
                                     "11", "99.5", "100", "101", "1e125",
                                     "9.9999999999999999999999999999999999999E+125"};
  for (size_t i = 0; i + 1 < sorted.size(); ++i) {
    INFO(sorted[i] << " < " << sorted[i + 1]);
    CHECK(byteCompare(encodeKey(N(sorted[i])), encodeKey(N(sorted[i + 1]))) < 0);
  }
  CHECK(encodeKey(N("1.0")) == encodeKey(N("1")));
  CHECK(encodeKey(N("-0")) == encodeKey(N("0")));
}

TEST_CASE("number encodings agree with compare on random pairs") {
  std::mt19937_64 rng(7);
  for (int i = 0; i < 50000; ++i) {
    Number a = randomNumber(rng), b = randomNumber(rng);
    if (rng() % 10 == 0) b = a;
    INFO(a.toString() << " vs " << b.toString());
    CHECK(byteCompare(encodeKey(AttributeValue::number(a)), encodeKey(AttributeValue::number(b))) == a.compare(b));
  }
}

TEST_CASE("string and binary encodings order by unsigned bytes, zero bytes and prefixes included") {
  std::string z("\x00", 1);
  std::vector<std::string> sorted = {"", z, z + z, z + "\x01", z + "a", "\x01", "a", "a" + z, "a" + z + z,
                                     "a" + z + "a", "a\x01", "aa", "ab", "b", "\x7F", "\x80", "\xFE", "\xFF",
                                     "\xFF" + z, "\xFF\xFF"};
  for (size_t i = 0; i + 1 < sorted.size(); ++i) {
    INFO("index " << i);
    CHECK(byteCompare(encodeKey(S(sorted[i])), encodeKey(S(sorted[i + 1]))) < 0);
    CHECK(byteCompare(encodeKey(B(sorted[i])), encodeKey(B(sorted[i + 1]))) < 0);
  }
  std::mt19937_64 rng(11);
  for (int i = 0; i < 50000; ++i) {
    std::string a = randomBytes(rng), b = randomBytes(rng);
    CHECK(byteCompare(encodeKey(S(a)), encodeKey(S(b))) == byteCompare(a, b));
    CHECK(byteCompare(encodeKey(B(a)), encodeKey(B(b))) == byteCompare(a, b));
  }
}

TEST_CASE("composite keys order by partition, then sort key") {
  std::mt19937_64 rng(13);
  for (int i = 0; i < 30000; ++i) {
    std::string pa = randomBytes(rng), pb = randomBytes(rng);
    if (rng() % 2) pb = pa;  // same partition half the time
    Number sa = randomNumber(rng), sb = randomNumber(rng);
    std::string ea = encodeKey(S(pa)) + encodeKey(AttributeValue::number(sa));
    std::string eb = encodeKey(S(pb)) + encodeKey(AttributeValue::number(sb));
    int expected = pa != pb ? byteCompare(pa, pb) : sa.compare(sb);
    CHECK(byteCompare(ea, eb) == expected);

    // Binary partition, string sort key.
    std::string sa2 = randomBytes(rng), sb2 = randomBytes(rng);
    std::string fa = encodeKey(B(pa)) + encodeKey(S(sa2));
    std::string fb = encodeKey(B(pb)) + encodeKey(S(sb2));
    CHECK(byteCompare(fa, fb) == (pa != pb ? byteCompare(pa, pb) : byteCompare(sa2, sb2)));

    // Number partition, binary sort key.
    Number na = randomNumber(rng), nb = rng() % 2 ? na : randomNumber(rng);
    std::string ga = encodeKey(AttributeValue::number(na)) + encodeKey(B(sa2));
    std::string gb = encodeKey(AttributeValue::number(nb)) + encodeKey(B(sb2));
    CHECK(byteCompare(ga, gb) == (na != nb ? na.compare(nb) : byteCompare(sa2, sb2)));
  }
}

TEST_CASE("all keys of one partition form a contiguous range") {
  // Sort a mix of (partition, sort) keys by their encodings and check each partition is one run.
  std::mt19937_64 rng(17);
  std::vector<std::pair<std::string, std::string>> rows;  // encoding, partition
  for (int i = 0; i < 2000; ++i) {
    std::string p = randomBytes(rng);
    rows.push_back({encodeKey(S(p)) + encodeKey(S(randomBytes(rng))), p});
  }
  std::sort(rows.begin(), rows.end());
  std::vector<std::string> seen;
  for (size_t i = 0; i < rows.size(); ++i) {
    if (i > 0 && rows[i].second == rows[i - 1].second) continue;
    CHECK(std::find(seen.begin(), seen.end(), rows[i].second) == seen.end());
    seen.push_back(rows[i].second);
  }
}

TEST_CASE("decodeKey round-trips and advances past one value") {
  std::string z("\x00", 1);
  for (const auto& v : {S(""), S("abc"), S(z + "x" + z), S("\xFF\xFF"), B(""), B(z), B(std::string("\x00\xFF\x01", 3) + z),
                        N("0"), N("-0.5"), N("12.5"), N("1e-130"), N("-1e-130"), N("1e125"),
                        N("-9.9999999999999999999999999999999999999E+125"),
                        N("1234567890123456789012345678901234567.8"), N("100"), N("-100"), N("1.01")}) {
    CHECK(roundTrip(v) == v);
  }
  std::mt19937_64 rng(19);
  for (int i = 0; i < 20000; ++i) {
    AttributeValue n = AttributeValue::number(randomNumber(rng));
    CHECK(roundTrip(n) == n);
    AttributeValue s = S(randomBytes(rng));
    CHECK(roundTrip(s) == s);
  }

  // A composite key decodes as its two parts in order.
  std::string enc = encodeKey(S("user#1")) + encodeKey(N("-42.5"));
  size_t pos = 0;
  CHECK(decodeKey(enc, pos) == S("user#1"));
  CHECK(decodeKey(enc, pos) == N("-42.5"));
  CHECK(pos == enc.size());
}

TEST_CASE("appendKeyEncoding appends to existing bytes") {
  std::string out = "prefix";
  shoal::appendKeyEncoding(out, N("7"));
  CHECK(out == "prefix" + encodeKey(N("7")));
}

TEST_CASE("malformed encodings and non-key types are internal errors") {
  auto internal = [](const std::string& bytes) {
    size_t pos = 0;
    try {
      decodeKey(bytes, pos);
    } catch (const ApiError& e) {
      CHECK(pos == 0);
      return e.type() == "InternalServerError";
    }
    return false;
  };
  std::string z("\x00", 1);
  CHECK(internal(""));
  CHECK(internal("X"));
  CHECK(internal("Sabc"));              // no terminator
  CHECK(internal("Sab" + z));           // truncated escape
  CHECK(internal("Sab" + z + "\x05"));  // bad escape
  CHECK(internal("N"));
  CHECK(internal("N\x07"));                           // bad class
  CHECK(internal(std::string("N\x03\x82", 3)));       // no digits, no terminator
  CHECK(internal(std::string("N\x03\x82\x00", 4)));   // no digits
  CHECK(internal(std::string("N\x03\x82\x01\x00", 5)));  // leading pair "00"
  CHECK(internal(std::string("N\x03\x82\xC8\x00", 5)));  // pair byte out of range
  std::string good = encodeKey(N("12.34"));
  CHECK(internal(good.substr(0, good.size() - 1)));

  CHECK_THROWS_AS(encodeKey(AttributeValue::boolean(true)), ApiError);
  CHECK_THROWS_AS(encodeKey(AttributeValue::stringSet({"a"})), ApiError);
}
