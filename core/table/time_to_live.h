// Time to live: when an item's TTL attribute says it has expired, and an index of items by
// expiry second so the engine's sweep finds them without walking the table.
//
// DynamoDB's rule: the attribute must be a top-level Number holding epoch seconds; the item has
// expired once that value is less than the current time, unless the value lies more than five
// years in the past (DynamoDB ignores such items). A missing attribute or any other type never
// expires.
#pragma once
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "table/schema.h"
#include "table/stored_item.h"
#include "value/number.h"

namespace shoal {

// The span of TTL values that count as expired at one engine time, computed once per time.
class ExpiryWindow {
 public:
  ExpiryWindow() = default;
  explicit ExpiryWindow(int64_t nowMillis);

  // False for a default-constructed window: no clock yet, nothing has expired.
  bool valid() const { return nowMillis_ != kNoClock; }
  int64_t nowMillis() const { return nowMillis_; }
  // oldest <= value < now, exactly (values are decimals; now has millisecond precision).
  bool contains(const Number& ttlValue) const;
  // Whole seconds bounding the window, for walking an ExpiryIndex.
  int64_t oldestSecond() const { return oldestSecond_; }
  int64_t nowSecond() const { return nowSecond_; }

 private:
  static constexpr int64_t kNoClock = INT64_MIN;
  int64_t nowMillis_ = kNoClock;
  Number now_;
  Number oldest_;
  int64_t nowSecond_ = 0;
  int64_t oldestSecond_ = 0;
};

// The TTL attribute's value of `item` when it is a Number, else nullptr.
const Number* ttlNumber(const TimeToLive& ttl, const StoredItem& item);

bool isExpired(const TimeToLive& ttl, const StoredItem& item, const ExpiryWindow& window);

// floor(value) as whole seconds, or nullopt when it is beyond int64 (never expires in practice).
std::optional<int64_t> floorSeconds(const Number& value);

// Keys of a table's items ordered by the whole second of their TTL value. Follows one attribute
// at a time; the table rebuilds it when the TTL setting changes.
class ExpiryIndex {
 public:
  const std::string& attribute() const { return attribute_; }
  // Forgets everything and follows `attribute` ("" follows none).
  void reset(std::string attribute);
  // Keeps the entry of `key` in step with a write: `before` and `after` are the item before and
  // after it (nullptr when absent).
  void update(const std::string& key, const StoredItem* before, const StoredItem* after);
  void clear() { entries_.clear(); }

  // Keys whose TTL second lies in [fromSecond, toSecond], earliest first. The caller checks
  // each exactly with isExpired (the index holds whole seconds only).
  template <typename Visit>  // bool(const std::string& key): false stops
  void forEachBetween(int64_t fromSecond, int64_t toSecond, Visit visit) const {
    for (auto it = entries_.lower_bound({fromSecond, std::string()}); it != entries_.end() && it->first <= toSecond; ++it)
      if (!visit(it->second)) return;
  }
  size_t size() const { return entries_.size(); }

 private:
  std::optional<int64_t> secondOf(const StoredItem* item) const;

  std::string attribute_;
  std::set<std::pair<int64_t, std::string>> entries_;
};

}  // namespace shoal
