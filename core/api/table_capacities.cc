#include "api/table_capacities.h"

namespace shoal {

Consumption& TableCapacities::of(const std::string& table) {
  for (Consumption& c : entries_)
    if (c.tableName() == table) return c;
  entries_.emplace_back(table);
  return entries_.back();
}

void TableCapacities::write(JsonWriter& w, CapacityDetail detail) const {
  if (detail == CapacityDetail::None) return;
  writeKey(w, "ConsumedCapacity");
  w.StartArray();
  for (const Consumption& c : entries_) c.writeObject(w, detail);
  w.EndArray();
}

}  // namespace shoal
