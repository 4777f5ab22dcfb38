// The one entry point of the engine: execute(operation, request JSON) -> response JSON or a
// DynamoDB error, with the HTTP status DynamoDB would answer. Everything the JS side, the
// HTTP endpoint and the tests do goes through here.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "api/catalog.h"
#include "api/throughput.h"
#include "api/transaction_tokens.h"
#include "api/ttl_sweep.h"
#include "storage/log_writer.h"
#include "storage/recovery.h"
#include "stream/stream_registry.h"
#include "sync/replicator.h"

namespace shoal {

struct Response {
  int status = 200;   // 200, or the error's HTTP status
  std::string body;   // response JSON, or {"__type": ..., "message": ...}
};

class Engine {
 public:
  explicit Engine(uint64_t siteId = 1) : catalog_(siteId), streams_(catalog_), replicator_(new sync::Replicator()) {
    catalog_.addObserver(&streams_);
    replicator_->bind(catalog_);
    catalog_.addObserver(replicator_.get());
  }
  Engine(const Engine&) = delete;  // the catalog holds pointers to the engine's observers
  Engine& operator=(const Engine&) = delete;

  // Never throws: every failure, including a bug caught as std::exception, becomes an error
  // response, and validation happens before any state changes.
  Response execute(std::string_view operation, std::string_view requestJson, int64_t nowMillis);

  Catalog& catalog() { return catalog_; }

  // --- Time to live and streams (api/ttl_sweep.h, stream/stream_registry.h). execute() sweeps
  // expired items by itself now and then; this sweeps now (tests, or an app that wants expired
  // items gone before it snapshots). Returns how many items it deleted (at most 1000).
  size_t sweepExpired(int64_t nowMillis);
  StreamRegistry& streams() { return streams_; }
  // db.subscribe: watch a table's changes, then take the records of every watched table since
  // the last take as one JSON array (see StreamRegistry::takeWatched).
  void watchTable(const std::string& table, bool on) { streams_.watch(table, on); }
  std::string takeWatchedRecords() { return streams_.takeWatched(); }

  // --- Durability (see core/storage/FORMAT.md). A memory-only database never calls these and
  // pays nothing: no log record is encoded until enableLog() or open().

  // Starts recording every committed change, created and deleted table as log records. A
  // database that already holds data when this is called must take a snapshot() right after,
  // as the log alone does not contain that data. Idempotent.
  void enableLog();
  bool logEnabled() const { return log_ != nullptr; }
  // The log records committed since the last call, whole records only, for the adapter to
  // append to the log in order. Empty when the log is off.
  std::string takeLogRecords();
  size_t pendingLogBytes() const { return log_ ? log_->pendingBytes() : 0; }
  // The sequence of the last log record written (or recovered); 0 before any.
  uint64_t logSequence() const { return log_ ? log_->lastSequence() : 0; }

  // A snapshot of everything committed so far, log records still pending included. Once it is
  // stored, every log record up to logSequence() at this call may be deleted (a checkpoint).
  std::string snapshot();

  // Recovers from stored bytes (the newest valid of `snapshots`, then the log records after it)
  // and turns the log on, continuing its sequence. Replaces all state on success; on failure
  // (no snapshot could be loaded) changes nothing. Never throws.
  storage::RecoveryResult open(const std::vector<std::string_view>& snapshots, std::string_view log);
  storage::RecoveryResult open(std::string_view snapshot, std::string_view log);

  // Opt-in emulation of provisioned throughput (api/throughput.h): PROVISIONED tables that
  // exceed their capacity answer ProvisionedThroughputExceededException. Off by default.
  void setThroughputEmulation(bool on) { throughput_.setEnabled(on); }
  bool throughputEmulation() const { return throughput_.enabled(); }
  // What DescribeEndpoints answers as the Address: the host (and port) clients reach this
  // engine at, as far as its host knows it (the HTTP endpoint sets its own).
  void setEndpointAddress(std::string address) { endpointAddress_ = std::move(address); }

  // Point-in-time recovery's bounds (backup/backup_catalog.h): the longest recovery window any
  // table gets (DynamoDB's 35 days by default) and the most bytes of history one table keeps.
  // Options, not data: never stored, kept across open(); set them before open() so that replay
  // trims as the live engine did.
  void setPointInTimeRecoveryLimits(const PointInTimeLimits& limits) { catalog_.backups().setLimits(limits); }

  // This peer's site id, stamped on every write (and stored in snapshots).
  void setSiteId(uint64_t site) { catalog_.setSiteId(site); }
  uint64_t siteId() const { return catalog_.siteId(); }

  // --- Multi-master sync (core/sync/SYNC.md). Off until enableSync(); then every local commit
  // becomes a unit for other peers, and the replicator merges theirs.
  void enableSync() { replicator_->enable(); }
  sync::Replicator& replicator() { return *replicator_; }
  // Engine time for the change stream and TTL of changes sync commits outside execute().
  void setTime(int64_t nowMillis) { setClock(nowMillis); }

 private:
  // The engine's clock for this request: expiry of items, stream record times.
  void setClock(int64_t nowMillis);

  Catalog catalog_;
  StreamRegistry streams_;  // observes catalog_ from construction on
  TtlSweeper sweeper_;
  TransactionTokens transactionTokens_;  // request memory, not data: never logged or snapshotted
  Throughput throughput_;                // token buckets: request memory too
  std::string endpointAddress_ = "localhost:8000";
  std::unique_ptr<storage::LogWriter> log_;  // null while the log is off
  std::unique_ptr<sync::Replicator> replicator_;  // observes catalog_; replaced whole by open()
};

}  // namespace shoal
