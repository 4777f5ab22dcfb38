#include "api/write_capacity.h"

#include <algorithm>
#include <optional>

#include "value/item_size.h"

namespace shoal {

void addItemWrite(Consumption& consumed, const Table& table, const StoredItem* before, const Item* after,
                  size_t afterBytes, double factor) {
  size_t beforeBytes = before ? before->sizeBytes : 0;
  consumed.addTableWrite(factor * writeUnits(std::max(beforeBytes, afterBytes)));
  if (table.indexes().empty()) return;

  std::optional<Item> old;
  if (before) old = before->toItem();
  const KeySchema& tableKey = table.schema().key;
  for (const SecondaryIndex& index : table.indexes()) {
    std::optional<std::string> oldKey = old ? index.indexKeyOf(*old) : std::nullopt;
    std::optional<std::string> newKey = after ? index.indexKeyOf(*after) : std::nullopt;
    if (!oldKey && !newKey) continue;
    std::optional<Item> oldEntry, newEntry;
    if (oldKey) oldEntry = index.project(*old, tableKey);
    if (newKey) newEntry = index.project(*after, tableKey);
    double units = 0;
    if (oldKey && newKey && *oldKey == *newKey) {
      if (*oldEntry == *newEntry) continue;  // nothing the index holds changed
      units = writeUnits(std::max(itemSizeBytes(*oldEntry), itemSizeBytes(*newEntry)));
    } else {
      if (oldEntry) units += writeUnits(itemSizeBytes(*oldEntry));  // delete the old entry
      if (newEntry) units += writeUnits(itemSizeBytes(*newEntry));  // put the new one
    }
    consumed.addIndexWrite(index.schema().name, index.schema().global, factor * units);
  }
}

}  // namespace shoal
