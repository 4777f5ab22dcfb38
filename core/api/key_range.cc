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
  // Every key whose sort key equals v starts with `first` (index entries continue with the
  // table key), and no other key does, since encodings are self-delimiting.
  const std::string first = partition + encodeKey(sort->value);
  switch (sort->op) {
    case Op::Eq: return {first, prefixSuccessor(first)};
    case Op::Lt: return {partition, first};
    case Op::Le: return {partition, prefixSuccessor(first)};
    case Op::Gt: return {prefixSuccessor(first), end};
    case Op::Ge: return {first, end};
    case Op::Between: return {first, prefixSuccessor(partition + encodeKey(sort->upper))};
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

}  // namespace shoal
