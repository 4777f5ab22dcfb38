#include <algorithm>
#include <iterator>

#include "api/operation.h"

namespace shoal {
namespace {

struct Entry {
  std::string_view name;
  OperationHandler handler;
};

// Sorted by name for binary search.
constexpr Entry kOperations[] = {
    {"CreateTable", createTable}, {"DeleteItem", deleteItem}, {"DeleteTable", deleteTable},
    {"DescribeTable", describeTable}, {"GetItem", getItem},   {"ListTables", listTables},
    {"PutItem", putItem},         {"Query", query},       {"Scan", scan},
    {"UpdateItem", updateItem},
};

}  // namespace

OperationHandler findOperation(std::string_view name) {
  auto it = std::lower_bound(std::begin(kOperations), std::end(kOperations), name,
                             [](const Entry& e, std::string_view n) { return e.name < n; });
  return it != std::end(kOperations) && it->name == name ? it->handler : nullptr;
}

}  // namespace shoal
