#include "expr/context.h"

#include "api/error.h"
#include "api/limits.h"

namespace shoal::expr {
namespace {

template <typename Map>
std::string unusedKeys(const Map& supplied, const std::set<std::string>& used) {
  std::string keys;
  for (const auto& entry : supplied) {
    if (used.count(entry.first)) continue;
    if (!keys.empty()) keys += ", ";
    keys += entry.first;
  }
  return keys;
}

bool validKey(const std::string& key, char sigil) {
  if (key.size() < 2 || key[0] != sigil) return false;
  for (size_t i = 1; i < key.size(); ++i) {
    char c = key[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

void ExpressionContext::checkAllUsed() const {
  if (names) {
    std::string keys = unusedKeys(*names, usedNames);
    if (!keys.empty())
      throw ApiError::validation("Value provided in ExpressionAttributeNames unused in expressions: keys: {" + keys + "}");
  }
  if (values) {
    std::string keys = unusedKeys(*values, usedValues);
    if (!keys.empty())
      throw ApiError::validation("Value provided in ExpressionAttributeValues unused in expressions: keys: {" + keys + "}");
  }
}

void validateSubstitutions(const std::map<std::string, std::string>* names,
                           const std::map<std::string, AttributeValue>* values) {
  size_t total = 0;
  if (names) {
    if (names->empty()) throw ApiError::validation("ExpressionAttributeNames must not be empty");
    for (const auto& [key, name] : *names) {
      if (!validKey(key, '#') || key.size() > limits::kMaxExpressionPlaceholderBytes)
        throw ApiError::validation("ExpressionAttributeNames contains invalid key: Syntax error; key: \"" + key + "\"");
      total += key.size() + name.size();
    }
  }
  if (values) {
    if (values->empty()) throw ApiError::validation("ExpressionAttributeValues must not be empty");
    for (const auto& [key, value] : *values) {
      if (!validKey(key, ':') || key.size() > limits::kMaxExpressionPlaceholderBytes)
        throw ApiError::validation("ExpressionAttributeValues contains invalid key: Syntax error; key: \"" + key + "\"");
      total += key.size() + value.sizeBytes();
    }
  }
  if (total > limits::kMaxExpressionSubstitutionBytes)
    throw ApiError::validation("Expression attribute names and values exceed the maximum allowed size; size: " +
                               std::to_string(total) + ", maximum: " +
                               std::to_string(limits::kMaxExpressionSubstitutionBytes));
}

}  // namespace shoal::expr
