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
    {"CreateTable", createTable}, {"DeleteItem", deleteItem}, {"DeleteTable", deleteTable},
    {"DescribeStream", describeStream}, {"DescribeTable", describeTable},
    {"DescribeEndpoints", describeEndpoints}, {"DescribeLimits", describeLimits},
    {"DescribeTimeToLive", describeTimeToLive}, {"ExecuteStatement", executeStatement},
    {"ExecuteTransaction", executeTransaction}, {"GetItem", getItem},
    {"GetRecords", getRecords},   {"GetShardIterator", getShardIterator},
    {"ListStreams", listStreams}, {"ListTables", listTables},
    {"ListTagsOfResource", listTagsOfResource},
    {"PutItem", putItem},         {"Query", query},       {"Scan", scan},
    {"TagResource", tagResource},
    {"TransactGetItems", transactGetItems}, {"TransactWriteItems", transactWriteItems},
    {"UntagResource", untagResource},
    {"UpdateItem", updateItem},   {"UpdateTable", updateTable}, {"UpdateTimeToLive", updateTimeToLive},
};

}  // namespace

OperationHandler findOperation(std::string_view name) {
  for (const Entry& e : kOperations)
    if (e.name == name) return e.handler;
  return nullptr;
}

}  // namespace shoal
