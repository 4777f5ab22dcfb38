#include "api/key_range.h"

#include "value/key_encoding.h"

namespace shoal {

std::string prefixSuccessor(std::string prefix) {
  while (!prefix.empty() && static_cast<unsigned char>(prefix.back()) == 0xFF) prefix.pop_back();
  if (!prefix.empty()) prefix.back() = static_cast<char>(static_cast<unsigned char>(prefix.back()) + 1);
  return prefix;
}

KeyInterval keyInterval(const std::string& partition, const expr::SortKeyCondition* sort) {
  const std::string end = prefixSuccessor(partition);
  if (!sort) return {partition, end};
  using Op = expr::SortKeyOp;
  const std::string first = partition + encodeKey(sort->value);
  switch (sort->op) {
    case Op::Eq: return {first, first + '\0'};  // first + "\0" is the successor of exactly `first`
    case Op::Lt: return {partition, first};
    case Op::Le: return {partition, first + '\0'};
    case Op::Gt: return {first + '\0', end};
    case Op::Ge: return {first, end};
    case Op::Between: return {first, partition + encodeKey(sort->upper) + '\0'};
    case Op::BeginsWith: {
      // The encoding of a string or binary is its type tag and escaped bytes followed by a
      // two-byte terminator; without the terminator it is a prefix of the encoding of every
      // value that begins with it.
      std::string p = first.substr(0, first.size() - 2);
      return {p, prefixSuccessor(p)};
    }
  }
  return {partition, end};
}

std::pair<Table::Rows::const_iterator, Table::Rows::const_iterator> rowsIn(const Table& table,
                                                                            const KeyInterval& interval,
                                                                            const std::string* exclusiveStart,
                                                                            bool forward) {
  const auto& rows = table.rows();
  // a comes strictly before b in index order (end() is after everything).
  auto before = [&rows](Table::Rows::const_iterator a, Table::Rows::const_iterator b) {
    if (a == b || a == rows.end()) return false;
    return b == rows.end() || a->first < b->first;
  };
  auto begin = rows.lower_bound(interval.lo);
  auto end = interval.hi.empty() ? rows.end() : rows.lower_bound(interval.hi);
  if (exclusiveStart) {
    if (forward) {
      auto after = rows.upper_bound(*exclusiveStart);
      if (before(begin, after)) begin = after;
    } else {
      auto below = rows.lower_bound(*exclusiveStart);
      if (before(below, end)) end = below;
    }
  }
  if (!before(begin, end)) return {end, end};
  return {begin, end};
}

}  // namespace shoal
