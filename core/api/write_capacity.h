// What writing one item costs, on its table and on each secondary index, by DynamoDB's rules:
// the table pays one write unit per started KB of the larger of the old and the new item; an
// index pays only when its entry changes: a put of a new entry or the delete of an old one is
// one write (per started KB of the projected entry), a changed index key is a delete plus a
// put, changed projected attributes under the same key one write, and an item that is in the
// index neither before nor after (or whose projection did not change) costs it nothing.
#pragma once
#include "api/capacity.h"
#include "table/table.h"

namespace shoal {

// Adds the cost of replacing `before` by `after` (nullptr: the item was absent / is deleted)
// to `consumed`, times `factor` (2 for a transaction's writes). `afterBytes` is the new item's
// size (0 for a delete).
void addItemWrite(Consumption& consumed, const Table& table, const StoredItem* before, const Item* after,
                  size_t afterBytes, double factor = 1);

}  // namespace shoal
