#include "sync/sync_recovery.h"

namespace shoal::sync {

void ReplicatorRecovery::load(std::string_view section, Catalog& catalog) {
  replicator_ = Replicator();
  replicator_.bind(catalog);
  if (!section.empty()) replicator_.decode(section);
}

void ReplicatorRecovery::begin(Catalog& catalog) {
  replicator_.bind(catalog);
  catalog.addObserver(&replicator_);
}

bool ReplicatorRecovery::replay(const storage::LogRecord& record, Catalog& catalog, std::string& why) {
  replicator_.bind(catalog);
  if (record.type == storage::RecordType::SyncControl) {
    try {
      replicator_.replayControl(record.sync);
      return true;
    } catch (const storage::DecodeError& e) {
      why = std::string("sync control event: ") + e.what();
      return false;
    }
  }
  ApplyResult r =
      isStatePage(record.sync) ? replicator_.applyStatePage(record.sync) : replicator_.applyUnit(record.sync);
  if (r.status == ApplyStatus::Applied) return true;
  // The unit applied when it was logged; anything else means the state does not fit the log.
  why = std::string("sync unit ") + applyStatusName(r.status) + (r.reason.empty() ? "" : ": " + r.reason);
  return false;
}

}  // namespace shoal::sync
