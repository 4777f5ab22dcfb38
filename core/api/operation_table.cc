#include <algorithm>
#include <iterator>

#include "api/operation.h"

namespace shoal {
namespace {

struct Entry {
  std::string_view name;
  OperationHandler handler;
};

// A linear search over a few dozen names costs less than parsing the request; keep the list
// alphabetical for readers.
constexpr Entry kOperations[] = {
    {"BatchExecuteStatement", batchExecuteStatement}, {"BatchGetItem", batchGetItem}, {"BatchWriteItem", batchWriteItem},
    {"CreateBackup", createBackup},
    {"CreateTable", createTable}, {"DeleteBackup", deleteBackup},
    {"DeleteItem", deleteItem}, {"DeleteTable", deleteTable},
    {"DescribeBackup", describeBackup}, {"DescribeContinuousBackups", describeContinuousBackups},
    {"DescribeStream", describeStream}, {"DescribeTable", describeTable},
    {"DescribeEndpoints", describeEndpoints}, {"DescribeLimits", describeLimits},
    {"DescribeTimeToLive", describeTimeToLive}, {"ExecuteStatement", executeStatement},
    {"ExecuteTransaction", executeTransaction}, {"GetItem", getItem},
    {"GetRecords", getRecords},   {"GetShardIterator", getShardIterator},
    {"ListBackups", listBackups},
    {"ListStreams", listStreams}, {"ListTables", listTables},
    {"ListTagsOfResource", listTagsOfResource},
    {"PutItem", putItem},         {"Query", query},
    {"RestoreTableFromBackup", restoreTableFromBackup}, {"RestoreTableToPointInTime", restoreTableToPointInTime},
    {"Scan", scan},
    {"TagResource", tagResource},
    {"TransactGetItems", transactGetItems}, {"TransactWriteItems", transactWriteItems},
    {"UntagResource", untagResource},
    {"UpdateContinuousBackups", updateContinuousBackups},
    {"UpdateItem", updateItem},   {"UpdateTable", updateTable}, {"UpdateTimeToLive", updateTimeToLive},
};

}  // namespace

OperationHandler findOperation(std::string_view name) {
  for (const Entry& e : kOperations)
    if (e.name == name) return e.handler;
  return nullptr;
}

}  // namespace shoal
