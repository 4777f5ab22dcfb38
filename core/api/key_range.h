// Turns a Query's key condition into an interval of the table's ordered index. Because the
// key encoding preserves order (value/key_encoding.h), every sort-key condition DynamoDB
// allows (=, <, <=, >, >=, BETWEEN, begins_with) is one contiguous interval of encoded keys
// inside the partition's range, so a Query never looks at an item outside its answer.
#pragma once
#include <string>

#include "expr/key_condition.h"
#include "table/table.h"

namespace shoal {

// [lo, hi) over encoded keys: lo inclusive, hi exclusive.
struct KeyInterval {
  std::string lo;
  std::string hi;
};

// The smallest string greater than every string that starts with `prefix` (empty if none).
std::string prefixSuccessor(std::string prefix);

// The interval of the partition whose encoded partition key is `partition`, narrowed by the
// sort key condition when there is one.
KeyInterval keyInterval(const std::string& partition, const expr::SortKeyCondition* sort);

// Iterator bounds of `interval` in `table`, further limited by an exclusive start key when
// paging: forward pages continue above it, backward pages below it.
std::pair<Table::Rows::const_iterator, Table::Rows::const_iterator> rowsIn(const Table& table,
                                                                            const KeyInterval& interval,
                                                                            const std::string* exclusiveStart,
                                                                            bool forward);

}  // namespace shoal
