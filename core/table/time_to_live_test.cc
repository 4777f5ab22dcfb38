// When an item has expired (DynamoDB's rule), and the index the sweep walks.
#include <catch2/catch_test_macros.hpp>

#include "api/limits.h"
#include "table/time_to_live.h"

using namespace shoal;

namespace {

StoredItem itemWith(const char* attribute, AttributeValue value) {
  StoredItem item;
  item.attributes[attribute] = {std::move(value), Stamp{}};
  return item;
}

}  // namespace

TEST_CASE("An item expires once its TTL second is past, within five years", "[ttl]") {
  TimeToLive ttl{true, "exp"};
  ExpiryWindow window(1'700'000'000'500);  // 1,700,000,000.5 s
  auto expired = [&](const char* n) { return isExpired(ttl, itemWith("exp", AttributeValue::number(Number::parse(n))), window); };
  CHECK(expired("1700000000"));
  CHECK(expired("1700000000.4"));
  CHECK_FALSE(expired("1700000000.5"));  // not less than now
  CHECK_FALSE(expired("1700000001"));
  int64_t fiveYears = limits::kTtlMaxPastSeconds;
  CHECK(expired(std::to_string(1700000000 - fiveYears + 1).c_str()));
  CHECK(expired((std::to_string(1700000000 - fiveYears) + ".5").c_str()));
  CHECK_FALSE(expired(std::to_string(1700000000 - fiveYears).c_str()));
  CHECK_FALSE(expired("-5"));
  CHECK_FALSE(expired("1700000000000"));  // milliseconds: far in the future
  CHECK_FALSE(isExpired(ttl, itemWith("exp", AttributeValue::string("1")), window));
  CHECK_FALSE(isExpired(ttl, itemWith("other", AttributeValue::number(Number::parse("1"))), window));
  CHECK_FALSE(isExpired(TimeToLive{false, "exp"}, itemWith("exp", AttributeValue::number(Number::parse("1700000000"))), window));
  CHECK_FALSE(ExpiryWindow().valid());
}

TEST_CASE("floorSeconds and the expiry index", "[ttl]") {
  CHECK(floorSeconds(Number::parse("12.9")) == 12);
  CHECK(floorSeconds(Number::parse("-12.1")) == -13);
  CHECK(floorSeconds(Number::parse("-12")) == -12);
  CHECK(floorSeconds(Number::parse("0.5")) == 0);
  CHECK(floorSeconds(Number::parse("1e3")) == 1000);
  CHECK_FALSE(floorSeconds(Number::parse("1e30")));

  ExpiryIndex index;
  index.reset("exp");
  StoredItem a = itemWith("exp", AttributeValue::number(Number::parse("100.5")));
  StoredItem b = itemWith("exp", AttributeValue::number(Number::parse("200")));
  index.update("a", nullptr, &a);
  index.update("b", nullptr, &b);
  std::vector<std::string> seen;
  index.forEachBetween(0, 150, [&](const std::string& k) { seen.push_back(k); return true; });
  CHECK(seen == std::vector<std::string>{"a"});
  index.update("a", &a, &b);  // a now expires at 200
  seen.clear();
  index.forEachBetween(0, 1000, [&](const std::string& k) { seen.push_back(k); return true; });
  CHECK(seen == std::vector<std::string>{"a", "b"});
  index.update("b", &b, nullptr);
  CHECK(index.size() == 1);
}
