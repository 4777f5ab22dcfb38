// PartiQL SELECT. A statement whose WHERE pins the partition key with equality reads that
// partition's range of the table or index (narrowed by a sort-key condition when a conjunct
// gives one), as Query does; any other reads the whole table or index, as Scan does. Both go
// through the pages Query and Scan write (api/read_page.h), with the whole WHERE compiled into
// the expression engine's filter, and Limit, 1 MB pages, ConsistentRead, the index rules and
// ConsumedCapacity as those operations have them.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "api/operation.h"
#include "partiql/statement.h"

namespace shoal {

struct SelectOptions {
  bool consistent = false;
  std::optional<int64_t> limit;
  std::optional<std::string> nextToken;
  std::optional<std::string> returnConsumedCapacity;
  uint64_t fingerprint = 0;  // of the statement and its parameters (partiql/next_token.h)
};

// Writes ExecuteStatement's response: Items, then NextToken and LastEvaluatedKey when the
// page stopped early, then ConsumedCapacity.
void executeSelect(OperationContext& ctx, partiql::SelectStatement& select, const SelectOptions& options);

// The one item a SELECT with its whole primary key names (BatchExecuteStatement), read with
// GetItem: the projected item, or nullopt when there is none. `reason` names the caller in
// the refusal of any other SELECT ("BatchExecuteStatement").
struct KeyedRead {
  std::optional<Item> item;
  double capacityUnits = 0;
};
KeyedRead readByKey(OperationContext& ctx, const partiql::SelectStatement& select, bool consistent,
                    const char* caller);

// The primary key of a SELECT that a transaction or batch may read, or the ValidationException
// "Select statements within <caller> must specify the primary key in the where clause.".
Item requireFullKey(Catalog& catalog, const partiql::SelectStatement& select, const char* caller);

// The SELECT's columns of `item` (the item itself for SELECT *).
Item projectColumns(const partiql::SelectStatement& select, const Item& item);

}  // namespace shoal
