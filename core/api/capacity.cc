#include "api/capacity.h"

namespace shoal {
namespace {

// CapacityUnits, then ReadCapacityUnits and WriteCapacityUnits where that part is not zero.
void writeUnitsMembers(JsonWriter& w, const CapacityUnits& u) {
  writeKey(w, "CapacityUnits");
  w.Double(u.total());
  if (u.read > 0) {
    writeKey(w, "ReadCapacityUnits");
    w.Double(u.read);
  }
  if (u.write > 0) {
    writeKey(w, "WriteCapacityUnits");
    w.Double(u.write);
  }
}

void writeIndexMap(JsonWriter& w, const char* member, const std::vector<Consumption::Index>& indexes, bool global) {
  bool any = false;
  for (const auto& i : indexes) any = any || i.global == global;
  if (!any) return;
  writeKey(w, member);
  w.StartObject();
  for (const auto& i : indexes) {
    if (i.global != global) continue;
    writeKey(w, i.name);
    w.StartObject();
    writeUnitsMembers(w, i.units);
    w.EndObject();
  }
  w.EndObject();
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

double writeUnits(size_t itemBytes) {
  size_t units = (itemBytes + 1023) / 1024;
  return static_cast<double>(units ? units : 1);
}

double readUnits(size_t itemBytes, bool consistent) {
  size_t units = (itemBytes + 4095) / 4096;
  double u = static_cast<double>(units ? units : 1);
  return consistent ? u : u / 2;
}

CapacityUnits& Consumption::index(const std::string& name, bool global) {
  for (Index& i : indexes_)
    if (i.name == name) return i.units;
  indexes_.push_back({name, global, {}});
  return indexes_.back().units;
}

void Consumption::add(const Consumption& other) {
  tableUnits_.read += other.tableUnits_.read;
  tableUnits_.write += other.tableUnits_.write;
  for (const Index& i : other.indexes_) {
    CapacityUnits& mine = index(i.name, i.global);
    mine.read += i.units.read;
    mine.write += i.units.write;
  }
}

CapacityUnits Consumption::total() const {
  CapacityUnits t = tableUnits_;
  for (const Index& i : indexes_) {
    t.read += i.units.read;
    t.write += i.units.write;
  }
  return t;
}

void Consumption::writeObject(JsonWriter& w, CapacityDetail detail) const {
  w.StartObject();
  writeKey(w, "TableName");
  writeString(w, table_);
  writeUnitsMembers(w, total());
  if (detail == CapacityDetail::Indexes) {
    writeKey(w, "Table");
    w.StartObject();
    writeUnitsMembers(w, tableUnits_);
    w.EndObject();
    writeIndexMap(w, "LocalSecondaryIndexes", indexes_, false);
    writeIndexMap(w, "GlobalSecondaryIndexes", indexes_, true);
  }
  w.EndObject();
}

void writeConsumedCapacity(JsonWriter& w, CapacityDetail detail, const Consumption& consumed) {
  if (detail == CapacityDetail::None) return;
  writeKey(w, "ConsumedCapacity");
  consumed.writeObject(w, detail);
}

}  // namespace shoal
