#include "value/item_size.h"

namespace shoal {

// The rules of DynamoDB's developer guide ("Item sizes and formats"):
//   S      UTF-8 bytes           B      raw (decoded) bytes
//   N      see Number::sizeBytes BOOL, NULL  1 byte
//   SS, NS, BS  the sum of their members' sizes, with no per-member overhead
//   M      3 bytes + per entry (1 byte + UTF-8 name + value)
//   L      3 bytes + per element (1 byte + value)
// A top-level attribute counts its UTF-8 name plus its value, with no per-attribute overhead.
size_t valueSizeBytes(const AttributeValue& v) {
  switch (v.type()) {
    case Type::S: return v.asString().size();
    case Type::N: return v.asNumber().sizeBytes();
    case Type::B: return v.asBinary().size();
    case Type::BOOL:
    case Type::NUL: return 1;
    case Type::M: {
      size_t size = 3;
      for (const auto& [name, child] : v.asMap()) size += 1 + name.size() + valueSizeBytes(child);
      return size;
    }
    case Type::L: {
      size_t size = 3;
      for (const auto& child : v.asList()) size += 1 + valueSizeBytes(child);
      return size;
    }
    case Type::SS: {
      size_t size = 0;
      for (const auto& s : v.asStringSet()) size += s.size();
      return size;
    }
    case Type::NS: {
      size_t size = 0;
      for (const auto& n : v.asNumberSet()) size += n.sizeBytes();
      return size;
    }
    case Type::BS: {
      size_t size = 0;
      for (const auto& b : v.asBinarySet()) size += b.size();
      return size;
    }
  }
  return 0;
}

size_t itemSizeBytes(const Item& item) {
  size_t size = 0;
  for (const auto& [name, value] : item) size += name.size() + valueSizeBytes(value);
  return size;
}

}  // namespace shoal
