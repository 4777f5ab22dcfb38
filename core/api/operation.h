// What every operation handler receives, and the table of handlers by DynamoDB operation name.
// One file per group of operations (table_operations.cc, item_operations.cc, ...) registers
// its handlers in operation_table.cc.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "api/catalog.h"
#include "api/transaction_tokens.h"
#include "json/json.h"
#include "json/request_reader.h"

namespace shoal {

class StreamRegistry;
class Throughput;

struct OperationContext {
  Catalog& catalog;
  const RequestReader& request;
  JsonWriter& out;  // the handler writes the whole response object
  int64_t nowMillis;
  TransactionTokens& transactionTokens;  // TransactWriteItems' ClientRequestToken memory
  StreamRegistry& streams;               // change streams (DynamoDB Streams operations)
  Throughput& throughput;                // provisioned throughput emulation (off by default)
  const std::string& endpointAddress;    // DescribeEndpoints' Address
};

using OperationHandler = void (*)(OperationContext&);

// nullptr for a name DynamoDB does not have or ShoalDB does not implement yet.
OperationHandler findOperation(std::string_view name);

// Handlers, grouped by file.
void createTable(OperationContext&);
void describeTable(OperationContext&);
void listTables(OperationContext&);
void deleteTable(OperationContext&);
void updateTable(OperationContext&);
void putItem(OperationContext&);
void getItem(OperationContext&);
void deleteItem(OperationContext&);
void scan(OperationContext&);
void query(OperationContext&);
void updateItem(OperationContext&);
void batchGetItem(OperationContext&);
void batchWriteItem(OperationContext&);
void transactGetItems(OperationContext&);
void transactWriteItems(OperationContext&);
// PartiQL (partiql_operations.cc)
void executeStatement(OperationContext&);
void batchExecuteStatement(OperationContext&);
void executeTransaction(OperationContext&);
void updateTimeToLive(OperationContext&);
void describeTimeToLive(OperationContext&);
// Tags (tag_operations.cc), account and endpoint (account_operations.cc)
void tagResource(OperationContext&);
void untagResource(OperationContext&);
void listTagsOfResource(OperationContext&);
void describeLimits(OperationContext&);
void describeEndpoints(OperationContext&);
// DynamoDB Streams (X-Amz-Target DynamoDBStreams_20120810.*)
void listStreams(OperationContext&);
void describeStream(OperationContext&);
void getShardIterator(OperationContext&);
void getRecords(OperationContext&);
// Backups and point-in-time recovery (backup/)
void createBackup(OperationContext&);
void describeBackup(OperationContext&);
void deleteBackup(OperationContext&);
void listBackups(OperationContext&);
void restoreTableFromBackup(OperationContext&);
void restoreTableToPointInTime(OperationContext&);
void updateContinuousBackups(OperationContext&);
void describeContinuousBackups(OperationContext&);

}  // namespace shoal
