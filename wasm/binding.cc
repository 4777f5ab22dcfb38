// The Embind binding: one class, Engine, whose execute() takes an operation name and a
// request JSON string and returns {status, body}. Requests and responses cross the boundary
// once per call as strings; no per-attribute objects. Engine::execute never throws, so no C++
// exception can escape into JavaScript and abort the module.
//
// Durability bytes (log records, snapshots) cross as Uint8Array, copied exactly once per call:
// out of wasm memory into a fresh JS array, or from a JS array into a std::string. They are
// binary, so never std::string <-> JS string (that would UTF-8 transcode them).
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <exception>
#include <string>
#include <string_view>
#include <vector>

#include "api/engine.h"
#include "storage/log_reader.h"
#include "sync_binding.h"

namespace {

using emscripten::val;

// One copy: wasm memory -> a new Uint8Array the JS side owns.
val toUint8Array(const std::string& bytes) {
  val out = val::global("Uint8Array").new_(bytes.size());
  if (!bytes.empty())
    out.call<void>("set", val(emscripten::typed_memory_view(bytes.size(), reinterpret_cast<const uint8_t*>(bytes.data()))));
  return out;
}

// One copy: a Uint8Array (or null/undefined for "none") -> bytes in wasm memory. The view is
// made after the string is allocated, so memory growth cannot detach it before set().
std::string fromUint8Array(const val& bytes) {
  if (bytes.isNull() || bytes.isUndefined()) return std::string();
  size_t n = bytes["length"].as<size_t>();
  std::string out(n, '\0');
  if (n) val(emscripten::typed_memory_view(n, reinterpret_cast<uint8_t*>(out.data()))).call<void>("set", bytes);
  return out;
}

// C++ exceptions (out of memory while taking a snapshot) reach JS as an Error, not a trap.
[[noreturn]] void throwJsError(const std::exception& e) {
  val::global("Error").new_(std::string("ShoalDB engine: ") + e.what()).throw_();
}

struct WasmResponse {
  int status;
  std::string body;
};

class WasmEngine {
 public:
  explicit WasmEngine(double siteId) : engine_(static_cast<uint64_t>(siteId)) {}
  WasmEngine() : engine_(1) {}

  WasmResponse execute(const std::string& operation, const std::string& request, double nowMillis) {
    shoal::Response r = engine_.execute(operation, request, static_cast<int64_t>(nowMillis));
    return {r.status, std::move(r.body)};
  }

  void enableLog() { engine_.enableLog(); }
  bool logEnabled() const { return engine_.logEnabled(); }
  double logSequence() const { return static_cast<double>(engine_.logSequence()); }
  double pendingLogBytes() const { return static_cast<double>(engine_.pendingLogBytes()); }

  val takeLogRecords() {
    try {
      return toUint8Array(engine_.takeLogRecords());
    } catch (const std::exception& e) {
      throwJsError(e);
    }
  }

  val snapshot() {
    try {
      return toUint8Array(engine_.snapshot());
    } catch (const std::exception& e) {
      throwJsError(e);
    }
  }

  // snapshots: a Uint8Array, an array of them (the newest valid one is used), or null.
  // log: a Uint8Array or null. Returns a plain object describing what was recovered.
  val open(const val& snapshots, const val& log) {
    std::vector<std::string> snapshotBytes;
    std::string logBytes;
    try {
      if (snapshots.isArray()) {
        size_t n = snapshots["length"].as<size_t>();
        for (size_t i = 0; i < n; ++i) snapshotBytes.push_back(fromUint8Array(snapshots[i]));
      } else {
        snapshotBytes.push_back(fromUint8Array(snapshots));
      }
      logBytes = fromUint8Array(log);
    } catch (const std::exception& e) {
      throwJsError(e);
    }
    std::vector<std::string_view> views(snapshotBytes.begin(), snapshotBytes.end());
    shoal::storage::RecoveryResult r = engine_.open(views, logBytes);
    val out = val::object();
    out.set("ok", r.ok);
    out.set("error", r.error);
    val refused = val::array();
    for (const auto& why : r.refusedSnapshots) refused.call<void>("push", why);
    out.set("refusedSnapshots", refused);
    out.set("usedSnapshot", r.usedSnapshot);
    out.set("snapshotSequence", static_cast<double>(r.snapshotSequence));
    out.set("recordsApplied", static_cast<double>(r.recordsApplied));
    out.set("recordsSkipped", static_cast<double>(r.recordsSkipped));
    out.set("lastSequence", static_cast<double>(r.lastSequence));
    out.set("logBytesValid", static_cast<double>(r.logBytesValid));
    out.set("logBytesDropped", static_cast<double>(r.logBytesDropped));
    out.set("stop", std::string(shoal::storage::logStopName(r.stop)));
    out.set("stopDetail", r.stopDetail);
    return out;
  }

  // db.subscribe: watch a table, then take every watched table's new records as one JSON array
  // string after each execute (one call, no per-record objects).
  void watchTable(const std::string& table, bool on) { engine_.watchTable(table, on); }
  std::string takeWatchedRecords() { return engine_.takeWatchedRecords(); }
  // Deletes expired items (time to live) now; execute() also does so by itself now and then.
  double sweepExpired(double nowMillis) { return static_cast<double>(engine_.sweepExpired(static_cast<int64_t>(nowMillis))); }

  // ShoalDB.open's pointInTimeRecovery option: the longest recovery window (ms) and the most
  // bytes of history per table. Set before open() so that replay trims as the live engine did.
  void setPointInTimeRecoveryLimits(double retentionMillis, double maxRetainedBytes) {
    engine_.setPointInTimeRecoveryLimits(
        {static_cast<int64_t>(retentionMillis), static_cast<size_t>(maxRetainedBytes)});
  }

  // ShoalDB.open's throughputEmulation option (api/throughput.h), and DescribeEndpoints' Address.
  void setThroughputEmulation(bool on) { engine_.setThroughputEmulation(on); }
  void setEndpointAddress(const std::string& address) { engine_.setEndpointAddress(address); }

  void setSiteId(double site) { engine_.setSiteId(static_cast<uint64_t>(site)); }
  double siteId() const { return static_cast<double>(engine_.siteId()); }

  // --- Multi-master sync (js/src/sync/, core/sync/SYNC.md): protocol messages in and out.
  void syncEnable() { engine_.enableSync(); }
  val syncHello() { return guard([&] { return toUint8Array(shoal::sync::helloMessage(engine_)); }); }
  val syncReceive(const val& message, double now, const val& writable) {
    return guard([&] { return wasm_sync::receive(engine_, fromUint8Array(message), now, writable, toUint8Array); });
  }
  val syncChanges(const val& theirVector, double maxBytes, const val& readable) {
    return guard(
        [&] { return wasm_sync::changes(engine_, fromUint8Array(theirVector), maxBytes, readable, toUint8Array); });
  }
  val syncState(const val& cursor, double maxBytes, const val& readable) {
    return guard([&] { return wasm_sync::state(engine_, fromUint8Array(cursor), maxBytes, readable, toUint8Array); });
  }
  std::string syncStatus() { return shoal::sync::statusJson(engine_); }
  std::string syncConflicts(double afterId, double limit) {
    return engine_.replicator().conflicts().json(static_cast<uint64_t>(afterId), static_cast<size_t>(limit));
  }
  void syncForgetPeer(double site) { engine_.replicator().forgetPeer(static_cast<uint64_t>(site)); }
  // For store-and-forward hubs (js/src/sync/dynamodb-hub.js): what a message adds to a vector,
  // and a peer's vector learned without a Hello (the hub's), so units it holds can be collected.
  val syncVectorAfter(const val& vector, const val& message) {
    return guard([&] {
      shoal::sync::VersionVector v = wasm_sync::vectorOf(fromUint8Array(vector));
      return toUint8Array(wasm_sync::vectorBytes(shoal::sync::vectorAfter(v, fromUint8Array(message))));
    });
  }
  void syncNoteReport(double site, const val& vector) {
    engine_.replicator().noteReport(static_cast<uint64_t>(site), wasm_sync::vectorOf(fromUint8Array(vector)));
  }

 private:
  template <typename F>
  static val guard(F f) {
    try {
      return f();
    } catch (const std::exception& e) {
      throwJsError(e);
    }
  }

  shoal::Engine engine_;
};

}  // namespace

EMSCRIPTEN_BINDINGS(shoal) {
  emscripten::value_object<WasmResponse>("Response")
      .field("status", &WasmResponse::status)
      .field("body", &WasmResponse::body);
  emscripten::class_<WasmEngine>("Engine")
      .constructor<>()
      .constructor<double>()
      .function("execute", &WasmEngine::execute)
      .function("enableLog", &WasmEngine::enableLog)
      .function("logEnabled", &WasmEngine::logEnabled)
      .function("logSequence", &WasmEngine::logSequence)
      .function("pendingLogBytes", &WasmEngine::pendingLogBytes)
      .function("takeLogRecords", &WasmEngine::takeLogRecords)
      .function("snapshot", &WasmEngine::snapshot)
      .function("open", &WasmEngine::open)
      .function("watchTable", &WasmEngine::watchTable)
      .function("takeWatchedRecords", &WasmEngine::takeWatchedRecords)
      .function("sweepExpired", &WasmEngine::sweepExpired)
      .function("setPointInTimeRecoveryLimits", &WasmEngine::setPointInTimeRecoveryLimits)
      .function("syncEnable", &WasmEngine::syncEnable)
      .function("syncHello", &WasmEngine::syncHello)
      .function("syncReceive", &WasmEngine::syncReceive)
      .function("syncChanges", &WasmEngine::syncChanges)
      .function("syncState", &WasmEngine::syncState)
      .function("syncStatus", &WasmEngine::syncStatus)
      .function("syncConflicts", &WasmEngine::syncConflicts)
      .function("syncForgetPeer", &WasmEngine::syncForgetPeer)
      .function("syncVectorAfter", &WasmEngine::syncVectorAfter)
      .function("syncNoteReport", &WasmEngine::syncNoteReport)
      .function("setThroughputEmulation", &WasmEngine::setThroughputEmulation)
      .function("setEndpointAddress", &WasmEngine::setEndpointAddress)
      .function("setSiteId", &WasmEngine::setSiteId)
      .function("siteId", &WasmEngine::siteId);
}
