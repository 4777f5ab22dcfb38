#include "api/table_name.h"

#include "api/limits.h"

namespace shoal {

namespace {
bool patternMatches(std::string_view name) {
  for (unsigned char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-')) return false;
  return true;
}
}  // namespace

bool isValidTableName(std::string_view name) {
  return patternMatches(name) && name.size() >= limits::kTableNameMin && name.size() <= limits::kTableNameMax;
}

void checkTableName(Violations& v, const std::optional<std::string>& name, const std::string& field) {
  if (!name) {
    v.notNull(false, field);
    return;
  }
  std::string shown = "'" + *name + "'";
  if (!patternMatches(*name)) v.add(shown, field, "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
  if (name->size() < limits::kTableNameMin)
    v.add(shown, field, "Member must have length greater than or equal to " + std::to_string(limits::kTableNameMin));
  if (name->size() > limits::kTableNameMax)
    v.add(shown, field, "Member must have length less than or equal to " + std::to_string(limits::kTableNameMax));
}

std::string requireTableName(const RequestReader& request, Violations& more) {
  auto name = request.string("TableName");
  checkTableName(more, name);
  more.throwIfAny();
  return *name;
}

}  // namespace shoal
