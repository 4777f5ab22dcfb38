#include "api/cancellation.h"

#include "json/json.h"
#include "json/wire_value.h"

namespace shoal {

CancellationReason CancellationReason::fromError(const ApiError& e) {
  if (e.type() == "ConditionalCheckFailedException") {
    CancellationReason r{"ConditionalCheckFailed", e.what(), {}};
    if (e.item()) r.item = *e.item();
    return r;
  }
  if (e.type() == "ValidationException") return validationError(e.what());
  if (e.type() == "ProvisionedThroughputExceededException") return {"ProvisionedThroughputExceeded", e.what(), {}};
  throw e;  // not something a single action can be cancelled for
}

bool anyFailed(const std::vector<CancellationReason>& reasons) {
  for (const auto& r : reasons)
    if (!r.ok()) return true;
  return false;
}

ApiError transactionCanceled(const std::vector<CancellationReason>& reasons) {
  std::string message = "Transaction cancelled, please refer cancellation reasons for specific reasons [";
  rapidjson::StringBuffer buf;
  JsonWriter w(buf);
  w.StartArray();
  for (size_t i = 0; i < reasons.size(); ++i) {
    const CancellationReason& r = reasons[i];
    message += (i ? ", " : "") + r.code;
    w.StartObject();
    writeKey(w, "Code");
    writeString(w, r.code);
    if (r.item) {
      writeKey(w, "Item");
      writeAttributeMap(w, *r.item);
    }
    if (!r.message.empty()) {
      writeKey(w, "Message");
      writeString(w, r.message);
    }
    w.EndObject();
  }
  w.EndArray();
  message += "]";
  ApiError e = ApiError::transactionCanceled(message);
  e.withMember("CancellationReasons", std::string(buf.GetString(), buf.GetSize()));
  return e;
}

}  // namespace shoal
