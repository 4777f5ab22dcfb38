// Capacity units as DynamoDB computes them, what one request consumed on a table and on each
// of its indexes, and the ConsumedCapacity response member. Every operation that reports
// capacity builds a Consumption per table it touched; the same figures drive throughput
// emulation (api/throughput.h), so what a response reports is what the buckets are charged.
#pragma once
#include <string>
#include <vector>

#include "api/violations.h"
#include "json/json.h"
#include "json/request_reader.h"

namespace shoal {

enum class CapacityDetail { None, Total, Indexes };

// ReturnConsumedCapacity: NONE (the default), TOTAL or INDEXES. An unknown value is a member
// constraint violation, added to `v` so it is reported with the request's other ones.
CapacityDetail readReturnConsumedCapacity(const RequestReader& request, Violations& v);

// One write unit per started KB (at least one).
double writeUnits(size_t itemBytes);
// One read unit per started 4 KB (at least one), half of it when eventually consistent.
double readUnits(size_t itemBytes, bool consistent);

struct CapacityUnits {
  double read = 0;
  double write = 0;
  double total() const { return read + write; }
};

// What one request consumed on one table: the table itself and each index it read or wrote.
class Consumption {
 public:
  struct Index {
    std::string name;
    bool global = true;
    CapacityUnits units;
  };

  explicit Consumption(std::string table) : table_(std::move(table)) {}

  void addTableRead(double units) { tableUnits_.read += units; }
  void addTableWrite(double units) { tableUnits_.write += units; }
  void addIndexRead(const std::string& name, bool global, double units) { index(name, global).read += units; }
  void addIndexWrite(const std::string& name, bool global, double units) { index(name, global).write += units; }
  void add(const Consumption& other);  // another request part on the same table

  const std::string& tableName() const { return table_; }
  const CapacityUnits& tableUnits() const { return tableUnits_; }
  const std::vector<Index>& indexes() const { return indexes_; }
  CapacityUnits total() const;

  // The ConsumedCapacity object: TableName, CapacityUnits and its read and write parts; with
  // INDEXES also Table, GlobalSecondaryIndexes and LocalSecondaryIndexes.
  void writeObject(JsonWriter& w, CapacityDetail detail) const;

 private:
  CapacityUnits& index(const std::string& name, bool global);

  std::string table_;
  CapacityUnits tableUnits_;
  std::vector<Index> indexes_;  // in the order first touched
};

// "ConsumedCapacity": {...} of a single-table operation; nothing for CapacityDetail::None.
void writeConsumedCapacity(JsonWriter& w, CapacityDetail detail, const Consumption& consumed);

}  // namespace shoal
