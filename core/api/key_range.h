// Turns a Query's key condition into an interval of an ordered index (the table's rows or a
// secondary index's entries). Because the key encoding preserves order and is
// self-delimiting (value/key_encoding.h), every sort-key condition DynamoDB allows (=, <, <=,
// >, >=, BETWEEN, begins_with) is one contiguous interval of encoded keys inside the
// partition's range, so a Query never looks at an entry outside its answer. Index entries
// append the table key to the index key; the intervals below hold for such suffixed keys too.
#pragma once
#include <string>

#include "expr/key_condition.h"
#include "table/table.h"

namespace shoal {

// [lo, hi) over encoded keys: lo inclusive, hi exclusive (empty hi: no upper bound).
struct KeyInterval {
  std::string lo;
  std::string hi;
};

// The smallest string greater than every string that starts with `prefix` (empty if none).
std::string prefixSuccessor(std::string prefix);

// The interval of the partition whose encoded partition key is `partition`, narrowed by the
// sort key condition when there is one.
KeyInterval keyInterval(const std::string& partition, const expr::SortKeyCondition* sort);

// Iterator bounds of `interval` in the ordered map `rows`, further limited by an exclusive
// start key when paging: forward pages continue above it, backward pages below it.
template <typename Map>
std::pair<typename Map::const_iterator, typename Map::const_iterator> rowsIn(const Map& rows,
                                                                              const KeyInterval& interval,
                                                                              const std::string* exclusiveStart,
                                                                              bool forward) {
  using It = typename Map::const_iterator;
  // a comes strictly before b in index order (end() is after everything).
  auto before = [&rows](It a, It b) {
    if (a == b || a == rows.end()) return false;
    return b == rows.end() || a->first < b->first;
  };
  It begin = rows.lower_bound(interval.lo);
  It end = interval.hi.empty() ? rows.end() : rows.lower_bound(interval.hi);
  if (exclusiveStart) {
    if (forward) {
      It after = rows.upper_bound(*exclusiveStart);
      if (before(begin, after)) begin = after;
    } else {
      It below = rows.lower_bound(*exclusiveStart);
      if (before(below, end)) end = below;
    }
  }
  if (!before(begin, end)) return {end, end};
  return {begin, end};
}

}  // namespace shoal
