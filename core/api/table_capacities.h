// ConsumedCapacity of an operation that touches several tables (BatchGetItem, BatchWriteItem,
// TransactWriteItems, TransactGetItems): an array with one entry per table, in the order the
// tables first appear in the request.
#pragma once
#include <string>
#include <vector>

#include "api/capacity.h"
#include "api/violations.h"
#include "json/json.h"

namespace shoal {

// ReturnConsumedCapacity, its enum violation added to `v` (reported with the request's other
// member constraints) instead of thrown.
CapacityDetail readReturnConsumedCapacity(const RequestReader& request, Violations& v);
// ReturnItemCollectionMetrics: true for SIZE; an enum violation goes to `v`.
bool readReturnItemCollectionMetrics(const RequestReader& request, Violations& v);

class TableCapacities {
 public:
  void addRead(const std::string& table, double units) { entry(table).read += units; }
  void addWrite(const std::string& table, double units) { entry(table).write += units; }
  // A table that consumed nothing yet still gets its entry (a batch whose keys all went
  // unprocessed).
  void touch(const std::string& table) { entry(table); }

  // "ConsumedCapacity": [{TableName, CapacityUnits[, ReadCapacityUnits, WriteCapacityUnits]
  // [, Table]}], nothing for CapacityDetail::None. `split` adds the read and write parts
  // (transactions, which mix ConditionCheck reads with writes).
  void write(JsonWriter& w, CapacityDetail detail, bool split) const;

 private:
  struct Entry {
    std::string table;
    double read = 0;
    double write = 0;
  };
  Entry& entry(const std::string& table);
  std::vector<Entry> entries_;
};

}  // namespace shoal
