#include "api/engine.h"

#include <new>

#include "api/error.h"
#include "api/limits.h"
#include "api/operation.h"
#include "json/json.h"
#include "storage/snapshot.h"
#include "json/wire_value.h"
#include "sync/sync_recovery.h"

namespace shoal {
namespace {

Response errorResponse(const ApiError& e) {
  rapidjson::StringBuffer buf;
  JsonWriter w(buf);
  w.StartObject();
  writeKey(w, "__type");
  writeString(w, e.qualifiedType());
  writeKey(w, e.messageMember());
  writeString(w, e.what());
  if (e.item()) {
    writeKey(w, "Item");
    writeAttributeMap(w, *e.item());
  }
  for (const auto& [name, json] : e.members()) {
    writeKey(w, name);
    w.RawValue(json.data(), json.size(), rapidjson::kObjectType);
  }
  w.EndObject();
  return {e.httpStatus(), buf.GetString()};
}

}  // namespace

Response Engine::execute(std::string_view operation, std::string_view requestJson, int64_t nowMillis) {
  try {
    catalog_.activateCreatedIndexes();
    setClock(nowMillis);
    sweeper_.maybeSweep(catalog_, nowMillis);
    OperationHandler handler = findOperation(operation);
    if (!handler) throw ApiError::unknownOperation("An unknown operation was requested.");
    JsonDocument doc;
    parseJsonObject(requestJson, doc);
    RequestReader request(doc);
    rapidjson::StringBuffer buf;
    JsonWriter out(buf);
    OperationContext ctx{catalog_, request, out, nowMillis, transactionTokens_, streams_, throughput_,
                         endpointAddress_};
    handler(ctx);
    return {200, std::string(buf.GetString(), buf.GetSize())};
  } catch (const ApiError& e) {
    return errorResponse(e);
  } catch (const std::bad_alloc&) {
    return errorResponse(ApiError::internal("The server ran out of memory while handling the request"));
  } catch (const std::exception& e) {
    return errorResponse(ApiError::internal(std::string("Internal server error: ") + e.what()));
  }
}

void Engine::setClock(int64_t nowMillis) {
  for (const auto& [name, table] : catalog_.tables()) table->setClock(nowMillis);
  streams_.setClock(nowMillis);
}

size_t Engine::sweepExpired(int64_t nowMillis) {
  setClock(nowMillis);
  return sweeper_.sweep(catalog_, nowMillis, limits::kTtlSweepMaxItems);
}

void Engine::enableLog() {
  if (log_) return;
  log_ = std::make_unique<storage::LogWriter>(catalog_, 0);
  catalog_.addObserver(log_.get());
}

std::string Engine::takeLogRecords() { return log_ ? log_->takePending() : std::string(); }

std::string Engine::snapshot() {
  storage::SnapshotSections sections;
  if (replicator_->enabled()) replicator_->encode(sections[storage::SnapshotSection::Sync]);
  return storage::writeSnapshot(catalog_, {logSequence(), catalog_.clock().last()}, sections);
}

storage::RecoveryResult Engine::open(const std::vector<std::string_view>& snapshots, std::string_view log) {
  storage::RecoveryResult r;
  auto replicator = std::make_unique<sync::Replicator>();
  sync::ReplicatorRecovery syncRecovery(*replicator);
  try {
    r = storage::recover(snapshots, log, catalog_, &syncRecovery);
  } catch (const std::exception& e) {  // std::bad_alloc: recover changed nothing
    r = storage::RecoveryResult();
    r.ok = false;
    r.error = std::string("recovery failed: ") + e.what();
    r.logBytesDropped = log.size();
  }
  if (!r.ok) return r;
  // recover() replaced the catalog and with it its observer list (the new replicator is on it);
  // the records of the old state, if any were pending, describe state that no longer exists.
  replicator_ = std::move(replicator);
  replicator_->bind(catalog_);
  if (log_) catalog_.removeObserver(log_.get());
  log_ = std::make_unique<storage::LogWriter>(catalog_, r.lastSequence);
  catalog_.addObserver(log_.get());
  // The stream registry observes the new catalog too, and starts every enabled stream empty.
  catalog_.addObserver(&streams_);
  streams_.reset();
  return r;
}

storage::RecoveryResult Engine::open(std::string_view snapshot, std::string_view log) {
  return open(std::vector<std::string_view>{snapshot}, log);
}

}  // namespace shoal
