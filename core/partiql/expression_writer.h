// Writes the expression engine's trees back as DynamoDB expression text, every name and value
// through a placeholder ("#0", ":0"), so that a PartiQL write can run as the PutItem,
// UpdateItem, DeleteItem or TransactWriteItems request it stands for. The operation parses
// the text into the very tree it came from (no reserved word or odd name can get in the way),
// and the one evaluator of expr/ runs it.
#pragma once
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "expr/ast.h"
#include "json/json.h"

namespace shoal::partiql {

class ExpressionWriter {
 public:
  std::string condition(const expr::ConditionNode& node);
  std::string update(const expr::UpdateAst& ast);
  std::string path(const expr::DocumentPath& path);
  std::string value(const AttributeValue& v);

  bool empty() const { return names_.empty() && values_.empty(); }
  // "ExpressionAttributeNames" and "ExpressionAttributeValues", each when not empty.
  void writeSubstitutions(JsonWriter& w) const;

 private:
  std::string operand(const expr::Operand& op);
  std::string name(const std::string& attribute);

  std::map<std::string, std::string> placeholderOf_;
  std::vector<std::pair<std::string, std::string>> names_;  // "#0" -> attribute name
  std::vector<std::pair<std::string, AttributeValue>> values_;
};

}  // namespace shoal::partiql
