#include "table/stored_item.h"

#include "value/item_size.h"

namespace shoal {

Item StoredItem::toItem() const {
  Item item;
  for (const auto& [name, attr] : attributes) item.emplace(name, attr.value);
  return item;
}

StoredItem StoredItem::fromItem(const Item& item, const Stamp& stamp) {
  StoredItem stored;
  for (const auto& [name, value] : item) stored.attributes.emplace(name, StoredAttribute{value, stamp});
  stored.sizeBytes = itemSizeBytes(item);
  return stored;
}

}  // namespace shoal
