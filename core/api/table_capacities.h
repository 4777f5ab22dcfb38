// ConsumedCapacity of an operation that touches several tables (BatchGetItem, BatchWriteItem,
// TransactWriteItems, TransactGetItems, BatchExecuteStatement): an array with one entry per
// table, in the order the tables first appear in the request.
#pragma once
#include <string>
#include <vector>

#include "api/capacity.h"
#include "json/json.h"

namespace shoal {

class TableCapacities {
 public:
  // The entry of `table`, created empty on first use: a table that consumed nothing yet (a
  // batch whose keys all went unprocessed) still gets its entry.
  Consumption& of(const std::string& table);
  void addRead(const std::string& table, double units) { of(table).addTableRead(units); }
  void addWrite(const std::string& table, double units) { of(table).addTableWrite(units); }
  void touch(const std::string& table) { of(table); }
  const std::vector<Consumption>& entries() const { return entries_; }

  // "ConsumedCapacity": [{...}, ...] (capacity.h's object per table); nothing for None.
  void write(JsonWriter& w, CapacityDetail detail) const;

 private:
  std::vector<Consumption> entries_;
};

}  // namespace shoal
