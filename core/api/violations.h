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
  void throwIfAny() const;

 private:
  std::vector<std::string> items_;
};

}  // namespace shoal
