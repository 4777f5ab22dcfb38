// The substitutions of one request (ExpressionAttributeNames, ExpressionAttributeValues) and
// which of them its expressions used. Every expression of a request resolves against the same
// context; afterwards the operation calls checkAllUsed(), because DynamoDB refuses a request
// that supplies a name or value none of its expressions uses.
#pragma once
#include <map>
#include <set>
#include <string>

#include "value/attribute_value.h"

namespace shoal::expr {

struct ExpressionContext {
  const std::map<std::string, std::string>* names = nullptr;      // "#n" -> attribute name
  const std::map<std::string, AttributeValue>* values = nullptr;  // ":v" -> value
  std::set<std::string> usedNames;
  std::set<std::string> usedValues;

  // "Value provided in ExpressionAttributeNames unused in expressions: keys: {#a, #b}", then
  // the same for ExpressionAttributeValues.
  void checkAllUsed() const;
};

// Checks the two maps themselves, as DynamoDB does before parsing any expression: present
// maps are not empty ("ExpressionAttributeNames must not be empty"), keys are '#' or ':'
// followed by letters, digits and '_' ("ExpressionAttributeNames contains invalid key: Syntax
// error; key: \"a\""), keys are at most 255 bytes, and all substitutions together are at most
// 2 MB. Value contents (empty sets, bad numbers) are the JSON layer's job.
void validateSubstitutions(const std::map<std::string, std::string>* names,
                           const std::map<std::string, AttributeValue>* values);

}  // namespace shoal::expr
