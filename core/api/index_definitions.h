// LocalSecondaryIndexes and GlobalSecondaryIndexes of CreateTable, and the Create action of
// UpdateTable's GlobalSecondaryIndexUpdates: read, checked against the table's key schema,
// attribute definitions and billing mode, with DynamoDB's messages and limits.
#pragma once
#include <set>
#include <string>
#include <vector>

#include "api/violations.h"
#include "json/request_reader.h"
#include "table/schema.h"

namespace shoal {

// Parsed but not yet checked against the table: key elements and projection as written.
struct IndexDefinition {
  std::string field;  // "globalSecondaryIndexes.1.member" for messages
  bool global = true;
  std::string name;
  std::vector<struct KeyElement> keyElements;
  IndexProjection projection;
  bool hasThroughput = false;
  int64_t readCapacity = 0, writeCapacity = 0;
};

// Reads one index definition; shape violations go to `v`.
IndexDefinition readIndexDefinition(const JsonValue& json, bool global, const std::string& field, Violations& v);

// The attribute names every index key uses.
std::set<std::string> indexKeyNames(const std::vector<IndexDefinition>& defs);

// Checks one table's complete set of indexes and builds their schemas.
std::vector<IndexSchema> buildIndexes(const std::vector<IndexDefinition>& defs, const KeySchema& tableKey,
                                      const std::vector<AttributeDefinition>& attributes, BillingMode billing,
                                      int64_t nowMillis, size_t existingNonKeyAttributes = 0);

}  // namespace shoal
