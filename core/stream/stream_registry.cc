#include "stream/stream_registry.h"

#include <algorithm>

#include "api/limits.h"
#include "api/table_description.h"

namespace shoal {

void StreamRegistry::reset() {
  streams_.clear();
  open_.clear();
  for (const auto& [name, table] : catalog_.tables())
    if (table->schema().stream.enabled) openStreamOf(table->schema());
}

uint64_t StreamRegistry::nextSequence() {
  // Never below 1000 x engine millis: numbers issued after a reopen stay larger than before it.
  uint64_t floor = now_ > 0 ? static_cast<uint64_t>(now_) * 1000 : 0;
  lastSequence_ = std::max(lastSequence_ + 1, floor);
  return lastSequence_;
}

ChangeStream* StreamRegistry::openStreamOf(const TableSchema& schema) {
  std::string arn = streamArn(schema.name, schema.stream.createdMillis);
  auto open = open_.find(schema.name);
  if (open != open_.end()) {
    if (open->second == arn) return streams_.at(arn).get();
    closeStreamOf(schema.name);
  }
  auto& slot = streams_[arn];  // a closed stream of the same ARN (same table, same millisecond) is replaced
  slot = std::make_unique<ChangeStream>(schema, nextSequence());
  open_[schema.name] = arn;
  return slot.get();
}

void StreamRegistry::closeStreamOf(const std::string& table) {
  auto open = open_.find(table);
  if (open == open_.end()) return;
  streams_.at(open->second)->close(now_, lastSequence_);
  open_.erase(open);
}

void StreamRegistry::onCreateTable(const TableSchema& schema) {
  closeStreamOf(schema.name);
  if (schema.stream.enabled) openStreamOf(schema);
}

void StreamRegistry::onDeleteTable(const std::string& name) { closeStreamOf(name); }

void StreamRegistry::onUpdateTable(const TableSchema& schema) {
  if (schema.stream.enabled)
    openStreamOf(schema);
  else
    closeStreamOf(schema.name);
}

void StreamRegistry::onCommit(const ChangeSet& change, const PreviousItems& previous) {
  if (open_.empty() && watched_.empty()) return;  // the common case costs one test per commit
  const uint64_t origin = change.stamp.site;
  for (size_t i = 0; i < change.writes.size(); ++i) {
    const ItemWrite& w = change.writes[i];
    bool watched = watched_.count(w.table) != 0;
    if (!watched && !open_.count(w.table)) continue;
    const Table* table = catalog_.find(w.table);
    if (!table) continue;
    ChangeStream* stream = table->schema().stream.enabled ? openStreamOf(table->schema()) : nullptr;
    if (!stream && !watched) continue;

    const StoredItem* before = previous[i] ? &*previous[i] : nullptr;
    const StoredItem* after = w.item ? &*w.item : nullptr;
    if (before && table->isExpired(*before)) {
      emit(*table, stream, watched, StreamEventName::Remove, true, origin, before, nullptr);
      before = nullptr;
    }
    if (after && before) {
      Item was = before->toItem();
      if (was == after->toItem()) continue;
      emit(*table, stream, watched, StreamEventName::Modify, false, origin, before, after);
    } else if (after) {
      emit(*table, stream, watched, StreamEventName::Insert, false, origin, nullptr, after);
    } else if (before) {
      emit(*table, stream, watched, StreamEventName::Remove, false, origin, before, nullptr);
    }
  }
}

void StreamRegistry::emit(const Table& table, ChangeStream* stream, bool watched, StreamEventName event, bool byService,
                          uint64_t originSite, const StoredItem* before, const StoredItem* after) {
  StreamRecord r;
  r.sequence = nextSequence();
  r.event = event;
  r.byService = byService;
  r.createdMillis = now_;
  if (after) r.newImage = after->toItem();
  if (before) r.oldImage = before->toItem();
  r.keys = table.keyAttributes(after ? *r.newImage : *r.oldImage);
  if (watched) {
    StreamRecord full = r;
    full.applyView(StreamView::NewAndOldImages);
    rapidjson::StringBuffer buf;
    JsonWriter w(buf);
    w.StartObject();
    writeKey(w, "TableName");
    writeString(w, table.schema().name);
    writeKey(w, "OriginSite");
    w.Uint64(originSite);
    writeKey(w, "Record");
    writeStreamRecord(w, full, table.schema().name);
    w.EndObject();
    watchedBytes_ += buf.GetSize();
    watchedRecords_.emplace_back(buf.GetString(), buf.GetSize());
    while (watchedRecords_.size() > 1 && watchedBytes_ > limits::kStreamMaxRetainedBytes) {
      watchedBytes_ -= watchedRecords_.front().size();
      watchedRecords_.pop_front();
    }
  }
  if (stream) {
    r.applyView(stream->view());
    stream->append(std::move(r), now_);
  }
}

void StreamRegistry::trim() {
  for (auto it = streams_.begin(); it != streams_.end();) {
    ChangeStream& s = *it->second;
    s.trim(now_);
    if (s.closedMillis() && *s.closedMillis() <= now_ - limits::kStreamRetentionMillis)
      it = streams_.erase(it);
    else
      ++it;
  }
}

ChangeStream* StreamRegistry::find(const std::string& arn) {
  auto it = streams_.find(arn);
  return it == streams_.end() ? nullptr : it->second.get();
}

void StreamRegistry::watch(const std::string& table, bool on) {
  if (on)
    watched_.insert(table);
  else
    watched_.erase(table);
}

std::string StreamRegistry::takeWatched() {
  std::string out = "[";
  out.reserve(watchedBytes_ + watchedRecords_.size() + 2);
  for (size_t i = 0; i < watchedRecords_.size(); ++i) {
    if (i) out += ',';
    out += watchedRecords_[i];
  }
  out += ']';
  watchedRecords_.clear();
  watchedBytes_ = 0;
  return out;
}

}  // namespace shoal
