// An item as the table stores it: each top-level attribute with the stamp of the write that
// set it, plus the size DynamoDB counts for the item (kept so TableSizeBytes is exact).
#pragma once
#include <map>
#include <string>

#include "table/stamp.h"
#include "value/attribute_value.h"

namespace shoal {

struct StoredAttribute {
  AttributeValue value;
  Stamp stamp;
};

struct StoredItem {
  std::map<std::string, StoredAttribute> attributes;
  size_t sizeBytes = 0;

  Item toItem() const;
  // Replaces the whole item (PutItem): every attribute gets `stamp`.
  static StoredItem fromItem(const Item& item, const Stamp& stamp);
};

}  // namespace shoal
