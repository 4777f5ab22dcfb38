#include "api/item_checks.h"

#include "api/error.h"
#include "api/limits.h"
#include "value/item_size.h"

namespace shoal {
namespace {

bool hasTyped(const Item& item, const KeyAttribute& attr) {
  auto it = item.find(attr.name);
  return it != item.end() && it->second.type() == attr.type;
}

}  // namespace

void checkAttributeNames(const Item& item) {
  for (const auto& [name, value] : item)
    if (name.empty())
      throw ApiError::validation("One or more parameter values were invalid: An attribute name may not be empty");
}

size_t checkPutItemSize(const Item& item) {
  size_t size = itemSizeBytes(item);
  if (size > limits::kMaxItemBytes) throw ApiError::validation("Item size has exceeded the maximum allowed size");
  return size;
}

bool hasKeyAttributes(const KeySchema& key, const Item& item) {
  return hasTyped(item, key.hash) && (!key.range || hasTyped(item, *key.range));
}

bool matchesKeySchema(const KeySchema& key, const Item& keyArg) {
  return keyArg.size() == (key.range ? 2u : 1u) && hasKeyAttributes(key, keyArg);
}

bool indexKeyTypesMatch(const std::vector<IndexSchema>& indexes, const Item& item) {
  for (const IndexSchema& index : indexes) {
    for (const KeyAttribute* attr : {&index.key.hash, index.key.range ? &*index.key.range : nullptr}) {
      if (!attr) continue;
      auto it = item.find(attr->name);
      if (it != item.end() && it->second.type() != attr->type) return false;
    }
  }
  return true;
}

}  // namespace shoal
