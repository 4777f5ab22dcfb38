// Sync's part of opening a database (storage/recovery.h): the snapshot's sync section, and the
// SyncUnit and SyncControl log records, replayed into a fresh Replicator.
#pragma once
#include "storage/recovery.h"
#include "sync/replicator.h"

namespace shoal::sync {

class ReplicatorRecovery : public storage::SyncRecovery {
 public:
  explicit ReplicatorRecovery(Replicator& replicator) : replicator_(replicator) {}

  void load(std::string_view section, Catalog& catalog) override;
  void begin(Catalog& catalog) override;
  bool replay(const storage::LogRecord& record, Catalog& catalog, std::string& why) override;

 private:
  Replicator& replicator_;
};

}  // namespace shoal::sync
