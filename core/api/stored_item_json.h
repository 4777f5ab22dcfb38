// Writes a stored item as DynamoDB wire JSON straight from the table's row, without first
// copying it into an Item: the read paths (GetItem, BatchGetItem, Query, Scan) answer with
// whole items far more often than they filter or project them, and the copy (every attribute
// name and value reallocated) cost more than writing the JSON itself.
#pragma once
#include "json/json.h"
#include "table/stored_item.h"

namespace shoal {

// The same JSON as writeAttributeMap(w, item.toItem()).
void writeStoredItem(JsonWriter& w, const StoredItem& item);

}  // namespace shoal
