// Checks of a whole item (PutItem, a BatchWriteItem PutRequest, a transaction's Put) and of a
// key argument's shape, shared by the single-item, batch and transaction operations.
#pragma once
#include <cstddef>
#include <vector>

#include "table/schema.h"
#include "value/attribute_value.h"

namespace shoal {

// ValidationException when an attribute name is empty.
void checkAttributeNames(const Item& item);
// The item's size; ValidationException "Item size has exceeded the maximum allowed size" past
// 400 KB.
size_t checkPutItemSize(const Item& item);

// Whether `item` holds every key attribute of `key` with its declared type (what a put needs;
// other attributes may be present).
bool hasKeyAttributes(const KeySchema& key, const Item& item);
// Whether `keyArg` is exactly the key attributes, each of its declared type (what GetItem,
// DeleteItem, ... need; "The provided key element does not match the schema" otherwise).
bool matchesKeySchema(const KeySchema& key, const Item& keyArg);
// Whether every secondary-index key attribute `item` has is of the index's declared type
// (a wrong type is found while a transaction runs; an empty value is refused up front).
bool indexKeyTypesMatch(const std::vector<IndexSchema>& indexes, const Item& item);

}  // namespace shoal
