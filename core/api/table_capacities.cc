#include "api/table_capacities.h"

namespace shoal {
namespace {

void writeUnitsMembers(JsonWriter& w, double read, double write, bool split) {
  writeKey(w, "CapacityUnits");
  w.Double(read + write);
  if (!split) return;
  if (read > 0) {
    writeKey(w, "ReadCapacityUnits");
    w.Double(read);
  }
  if (write > 0) {
    writeKey(w, "WriteCapacityUnits");
    w.Double(write);
  }
}

}  // namespace

CapacityDetail readReturnConsumedCapacity(const RequestReader& request, Violations& v) {
  auto value = request.string("ReturnConsumedCapacity");
  if (!value || *value == "NONE") return CapacityDetail::None;
  if (*value == "TOTAL") return CapacityDetail::Total;
  if (*value == "INDEXES") return CapacityDetail::Indexes;
  v.add("'" + *value + "'", "returnConsumedCapacity", "Member must satisfy enum value set: [INDEXES, TOTAL, NONE]");
  return CapacityDetail::None;
}

bool readReturnItemCollectionMetrics(const RequestReader& request, Violations& v) {
  auto value = request.string("ReturnItemCollectionMetrics");
  if (!value || *value == "NONE") return false;
  if (*value == "SIZE") return true;
  v.add("'" + *value + "'", "returnItemCollectionMetrics", "Member must satisfy enum value set: [SIZE, NONE]");
  return false;
}

TableCapacities::Entry& TableCapacities::entry(const std::string& table) {
  for (Entry& e : entries_)
    if (e.table == table) return e;
  entries_.push_back({table});
  return entries_.back();
}

void TableCapacities::write(JsonWriter& w, CapacityDetail detail, bool split) const {
  if (detail == CapacityDetail::None) return;
  writeKey(w, "ConsumedCapacity");
  w.StartArray();
  for (const Entry& e : entries_) {
    w.StartObject();
    writeKey(w, "TableName");
    writeString(w, e.table);
    writeUnitsMembers(w, e.read, e.write, split);
    if (detail == CapacityDetail::Indexes) {
      writeKey(w, "Table");
      w.StartObject();
      writeUnitsMembers(w, e.read, e.write, split);
      w.EndObject();
    }
    w.EndObject();
  }
  w.EndArray();
}

}  // namespace shoal
