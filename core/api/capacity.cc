#include "api/capacity.h"

#include "api/violations.h"

namespace shoal {

CapacityDetail readReturnConsumedCapacity(const RequestReader& request) {
  auto v = request.string("ReturnConsumedCapacity");
  if (!v || *v == "NONE") return CapacityDetail::None;
  if (*v == "TOTAL") return CapacityDetail::Total;
  if (*v == "INDEXES") return CapacityDetail::Indexes;
  Violations violations;
  violations.add("'" + *v + "'", "returnConsumedCapacity", "Member must satisfy enum value set: [INDEXES, TOTAL, NONE]");
  violations.throwIfAny();
  return CapacityDetail::None;
}

double writeUnits(size_t itemBytes) {
  size_t units = (itemBytes + 1023) / 1024;
  return static_cast<double>(units ? units : 1);
}

double readUnits(size_t itemBytes, bool consistent) {
  size_t units = (itemBytes + 4095) / 4096;
  double u = static_cast<double>(units ? units : 1);
  return consistent ? u : u / 2;
}

void writeConsumedCapacity(JsonWriter& w, CapacityDetail detail, const std::string& table, double units) {
  if (detail == CapacityDetail::None) return;
  writeKey(w, "ConsumedCapacity");
  w.StartObject();
  writeKey(w, "TableName");
  writeString(w, table);
  writeKey(w, "CapacityUnits");
  w.Double(units);
  if (detail == CapacityDetail::Indexes) {
    writeKey(w, "Table");
    w.StartObject();
    writeKey(w, "CapacityUnits");
    w.Double(units);
    w.EndObject();
  }
  w.EndObject();
}

}  // namespace shoal
