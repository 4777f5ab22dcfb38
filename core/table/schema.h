// What CreateTable declares about a table: its key schema, attribute definitions and billing.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "value/attribute_value.h"

namespace shoal {

struct KeyAttribute {
  std::string name;
  Type type = Type::S;  // S, N or B
};

struct KeySchema {
  KeyAttribute hash;
  std::optional<KeyAttribute> range;
};

struct AttributeDefinition {
  std::string name;
  Type type = Type::S;
};

enum class BillingMode { Provisioned, PayPerRequest };

struct TableSchema {
  std::string name;
  KeySchema key;
  std::vector<AttributeDefinition> attributeDefinitions;
  BillingMode billing = BillingMode::Provisioned;
  int64_t readCapacity = 0;
  int64_t writeCapacity = 0;
  bool deletionProtection = false;
  int64_t createdMillis = 0;
  std::string tableId;  // UUID text
};

}  // namespace shoal
