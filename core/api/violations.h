// Collects request-shape constraint failures and reports them the way DynamoDB does:
// "1 validation error detected: Value null at 'tableName' failed to satisfy constraint: Member
// must not be null" or "2 validation errors detected: ...; ...".
#pragma once
#include <string>
#include <vector>

namespace shoal {

class Violations {
 public:
  // `shown` is the offending value as DynamoDB prints it ("null", "'ab'", "[...]").
  void add(const std::string& shown, const std::string& field, const std::string& constraint);
  void notNull(bool present, const std::string& field);
  // The form DynamoDB uses where it does not echo the value: "Value at 'RequestItems.t.member.Keys'
  // failed to satisfy constraint: ...".
  void addUnshown(const std::string& field, const std::string& constraint);
  bool empty() const { return items_.empty(); }
  void throwIfAny() const;

 private:
  std::vector<std::string> items_;
};

}  // namespace shoal
