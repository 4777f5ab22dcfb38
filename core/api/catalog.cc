#include "api/catalog.h"

#include <algorithm>

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
  for (const auto& index : slot->schema().indexes)
    if (index.status == IndexStatus::Creating) indexesCreating_ = true;  // e.g. loaded from a snapshot
  for (auto* o : observers_) o->onCreateTable(slot->schema());
  return *slot;
}

Table& Catalog::createFilled(TableSchema schema, const ChangeSet& change) {
  auto table = std::make_unique<Table>(std::move(schema));
  for (const auto& w : change.writes) {
    if (w.table != table->schema().name || !w.item) throw ApiError::internal("a restore writes only its new table");
    if (!table->indexes().empty()) table->validateIndexKeys(*w.item);
  }
  PreviousItems previous;
  previous.reserve(change.writes.size());
  for (const auto& w : change.writes) previous.push_back(table->put(w.key, *w.item));
  std::string name = table->schema().name;
  auto& slot = tables_[name];
  slot = std::move(table);
  for (const auto& index : slot->schema().indexes)
    if (index.status == IndexStatus::Creating) indexesCreating_ = true;
  std::vector<Table*> targets(change.writes.size(), slot.get());
  backups_.recordCommit(change, previous, targets);
  for (auto* o : observers_) o->onRestoreTable(slot->schema(), change, previous);
  return *slot;
}

void Catalog::drop(const std::string& name) {
  tables_.erase(name);
  backups_.forgetHistory(name);
  for (auto* o : observers_) o->onDeleteTable(name);
}

PreviousItems Catalog::commit(const ChangeSet& change) {
  // Resolve every table and check every index key first, so nothing changes unless all
  // writes can be applied.
  std::vector<Table*> targets;
  targets.reserve(change.writes.size());
  for (const auto& w : change.writes) {
    targets.push_back(&require(w.table));
    if (w.item && !targets.back()->indexes().empty()) targets.back()->validateIndexKeys(*w.item);
  }
  PreviousItems previous;
  previous.reserve(change.writes.size());
  for (size_t i = 0; i < change.writes.size(); ++i) {
    const ItemWrite& w = change.writes[i];
    previous.push_back(w.item ? targets[i]->put(w.key, *w.item) : targets[i]->erase(w.key));
  }
  backups_.recordCommit(change, previous, targets);
  for (auto* o : observers_) o->onCommit(change, previous);
  return previous;
}

void Catalog::addBackup(Backup backup) {
  std::string arn = backup.arn;
  backups_.add(std::move(backup));
  const Backup& added = *backups_.find(arn);
  for (auto* o : observers_) o->onCreateBackup(added);
}

void Catalog::deleteBackup(const std::string& arn) {
  backups_.erase(arn);
  for (auto* o : observers_) o->onDeleteBackup(arn);
}

void Catalog::schemaChanged(const Table& table) {
  for (auto* o : observers_) o->onUpdateTable(table.schema());
}

void Catalog::notifySyncControl(std::string_view event) {
  for (auto* o : observers_) o->onSyncControl(event);
}

void Catalog::activateCreatedIndexes() {
  if (!indexesCreating_) return;
  indexesCreating_ = false;
  for (auto& [name, table] : tables_) {
    bool changed = false;
    for (auto& index : table->mutableSchema().indexes)
      if (index.status == IndexStatus::Creating) {
        index.status = IndexStatus::Active;
        changed = true;
      }
    if (changed) schemaChanged(*table);
  }
}

void Catalog::removeObserver(CommitObserver* observer) {
  observers_.erase(std::remove(observers_.begin(), observers_.end(), observer), observers_.end());
}

}  // namespace shoal
