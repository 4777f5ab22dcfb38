#include "api/catalog.h"

#include "api/error.h"

namespace shoal {

Table* Catalog::find(const std::string& name) {
  auto it = tables_.find(name);
  return it == tables_.end() ? nullptr : it->second.get();
}

Table& Catalog::require(const std::string& name) {
  Table* t = find(name);
  if (!t) throw ApiError::resourceNotFound("Requested resource not found");
  return *t;
}

Table& Catalog::create(TableSchema schema) {
  std::string name = schema.name;
  auto& slot = tables_[name];
  slot = std::make_unique<Table>(std::move(schema));
  return *slot;
}

void Catalog::drop(const std::string& name) { tables_.erase(name); }

}  // namespace shoal
