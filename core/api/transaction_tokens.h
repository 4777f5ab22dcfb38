// ClientRequestToken idempotency of TransactWriteItems: a token names one successful request
// for 10 minutes of engine time after it completed. The same token with the same request is
// answered without writing again; with a different request it is
// IdempotentParameterMismatchException. The engine keeps only a fingerprint per token, never
// the request itself.
#pragma once
#include <cstdint>
#include <map>
#include <string>

#include "json/json.h"

namespace shoal {

struct RequestFingerprint {
  uint64_t a = 0, b = 0;
  bool operator==(const RequestFingerprint& o) const { return a == o.a && b == o.b; }
};

// A hash of the request's canonical form (object members in name order), so the same request
// serialized with its members in another order has the same fingerprint. Iterative: no
// request nesting can exhaust the stack.
RequestFingerprint fingerprintOf(const JsonValue& request);

class TransactionTokens {
 public:
  enum class Seen { New, SameRequest, OtherRequest };

  Seen check(const std::string& token, const RequestFingerprint& request, int64_t nowMillis);
  void remember(const std::string& token, const RequestFingerprint& request, int64_t nowMillis);
  size_t size() const { return byToken_.size(); }

 private:
  struct Entry {
    RequestFingerprint request;
    int64_t completedMillis;
  };
  void expire(int64_t nowMillis);

  std::map<std::string, Entry> byToken_;
  std::multimap<int64_t, std::string> byTime_;  // completion time -> token, for expiry
};

}  // namespace shoal
