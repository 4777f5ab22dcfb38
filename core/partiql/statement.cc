#include "partiql/statement.h"

namespace shoal::partiql {

std::string columnName(const expr::DocumentPath& path) {
  size_t lastName = 0;
  for (size_t i = 0; i < path.elements.size(); ++i)
    if (!path.elements[i].isIndex()) lastName = i;
  std::string name = path.elements[lastName].name;
  for (size_t i = lastName + 1; i < path.elements.size(); ++i)
    name += "[" + std::to_string(path.elements[i].index) + "]";
  return name;
}

}  // namespace shoal::partiql
