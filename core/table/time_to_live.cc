#include "table/time_to_live.h"

#include "api/limits.h"

namespace shoal {
namespace {

int64_t floorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0); }

Number millisAsSeconds(int64_t millis) {
  uint64_t magnitude = millis < 0 ? uint64_t(0) - static_cast<uint64_t>(millis) : static_cast<uint64_t>(millis);
  return Number::fromParts(millis < 0, std::to_string(magnitude), -3);
}

}  // namespace

ExpiryWindow::ExpiryWindow(int64_t nowMillis)
    : nowMillis_(nowMillis),
      now_(millisAsSeconds(nowMillis)),
      oldest_(now_.subtract(Number::fromInt(limits::kTtlMaxPastSeconds))),
      nowSecond_(floorDiv(nowMillis, 1000)),
      oldestSecond_(nowSecond_ - limits::kTtlMaxPastSeconds) {}

bool ExpiryWindow::contains(const Number& value) const { return value.compare(now_) < 0 && value.compare(oldest_) >= 0; }

const Number* ttlNumber(const TimeToLive& ttl, const StoredItem& item) {
  if (!ttl.enabled) return nullptr;
  auto it = item.attributes.find(ttl.attribute);
  if (it == item.attributes.end() || !it->second.value.is(Type::N)) return nullptr;
  return &it->second.value.asNumber();
}

bool isExpired(const TimeToLive& ttl, const StoredItem& item, const ExpiryWindow& window) {
  const Number* value = ttlNumber(ttl, item);
  return value && window.contains(*value);
}

std::optional<int64_t> floorSeconds(const Number& value) {
  if (value.isZero()) return 0;
  const std::string& digits = value.digits();
  int64_t integerDigits = static_cast<int64_t>(digits.size()) + value.exponent();
  if (integerDigits > 18) return std::nullopt;
  int64_t whole = 0;
  for (int64_t i = 0; i < integerDigits; ++i)
    whole = whole * 10 + (i < static_cast<int64_t>(digits.size()) ? digits[static_cast<size_t>(i)] - '0' : 0);
  bool fraction = integerDigits < static_cast<int64_t>(digits.size());
  if (!value.isNegative()) return whole;
  return -whole - (fraction ? 1 : 0);
}

void ExpiryIndex::reset(std::string attribute) {
  attribute_ = std::move(attribute);
  entries_.clear();
}

std::optional<int64_t> ExpiryIndex::secondOf(const StoredItem* item) const {
  if (!item || attribute_.empty()) return std::nullopt;
  auto it = item->attributes.find(attribute_);
  if (it == item->attributes.end() || !it->second.value.is(Type::N)) return std::nullopt;
  return floorSeconds(it->second.value.asNumber());
}

void ExpiryIndex::update(const std::string& key, const StoredItem* before, const StoredItem* after) {
  if (attribute_.empty()) return;
  std::optional<int64_t> was = secondOf(before), now = secondOf(after);
  if (was == now) return;
  if (was) entries_.erase({*was, key});
  if (now) entries_.emplace(*now, key);
}

}  // namespace shoal
