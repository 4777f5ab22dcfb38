// Reads a KeySchema array (of a table or of an index) and checks its shape the way DynamoDB
// does, with violations reported under `field` ("keySchema",
// "globalSecondaryIndexes.1.member.keySchema", ...).
#pragma once
#include <string>
#include <vector>

#include "api/violations.h"
#include "json/json.h"
#include "table/schema.h"

namespace shoal {

struct KeyElement {
  std::string name;
  std::string keyType;  // "HASH" or "RANGE" once checked
};

std::vector<KeyElement> readKeyElements(const JsonValue* keySchema, Violations& v, const std::string& field);

// After the violations are thrown: HASH first, optional RANGE second, distinct names. Types
// come from the attribute definitions (every name must be defined there; checked by the caller).
KeySchema toKeySchema(const std::vector<KeyElement>& elements, const std::vector<AttributeDefinition>& definitions);

}  // namespace shoal
