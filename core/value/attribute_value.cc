#include "value/attribute_value.h"

#include <algorithm>

#include "value/item_size.h"

namespace shoal {

const char* typeName(Type t) {
  switch (t) {
    case Type::S: return "S";
    case Type::N: return "N";
    case Type::B: return "B";
    case Type::BOOL: return "BOOL";
    case Type::NUL: return "NULL";
    case Type::M: return "M";
    case Type::L: return "L";
    case Type::SS: return "SS";
    case Type::NS: return "NS";
    case Type::BS: return "BS";
  }
  return "?";
}

namespace {

// std::string's ordering compares bytes as unsigned char (char_traits<char>), which is
// DynamoDB's order for strings (UTF-8 bytes) and binaries.
void sortUnique(std::vector<std::string>& items) {
  std::sort(items.begin(), items.end());
  items.erase(std::unique(items.begin(), items.end()), items.end());
}

}  // namespace

AttributeValue AttributeValue::stringSet(std::vector<std::string> items) {
  sortUnique(items);
  return AttributeValue(Variant(StringSet{std::move(items)}));
}

AttributeValue AttributeValue::numberSet(std::vector<Number> items) {
  // Numbers are normalized, so numeric equality is member-wise equality.
  std::sort(items.begin(), items.end(), [](const Number& a, const Number& b) { return a.compare(b) < 0; });
  items.erase(std::unique(items.begin(), items.end()), items.end());
  return AttributeValue(Variant(NumberSet{std::move(items)}));
}

AttributeValue AttributeValue::binarySet(std::vector<std::string> items) {
  sortUnique(items);
  return AttributeValue(Variant(BinarySet{std::move(items)}));
}

size_t AttributeValue::sizeBytes() const { return valueSizeBytes(*this); }

}  // namespace shoal
