// Opt-in emulation of provisioned throughput, for testing how an app retries: off by default
// (ShoalDB never throttles then). When on, every PROVISIONED table and each of its global
// secondary indexes has a read and a write token bucket, refilled at its provisioned units per
// second of request time (the nowMillis each request brings) and holding at most 300 seconds
// of unused capacity, DynamoDB's burst allowance. A bucket starts with one second's worth when
// first used. A request is admitted when every bucket it draws from holds a positive balance,
// and is then charged what it consumed (which may overdraw the bucket, as a large read does on
// DynamoDB: later requests wait until it refills). Local secondary indexes draw from their
// table's buckets; PAY_PER_REQUEST tables are never throttled.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "api/capacity.h"
#include "api/error.h"
#include "api/limits.h"
#include "table/table.h"

namespace shoal {

class Throughput {
 public:
  void setEnabled(bool on) {
    enabled_ = on;
    buckets_.clear();
  }
  bool enabled() const { return enabled_; }

  // The ProvisionedThroughputExceededException `consumed` would meet on `table`, if any;
  // otherwise charges it. Does nothing when emulation is off.
  std::optional<ApiError> tryCharge(const Table& table, const Consumption& consumed, int64_t nowMillis);
  // As tryCharge, throwing the error.
  void charge(const Table& table, const Consumption& consumed, int64_t nowMillis);

 private:
  struct Bucket {
    double tokens = 0;
    int64_t refilledMillis = 0;
  };
  // The bucket of one resource and direction, refilled up to now.
  Bucket& bucket(const std::string& key, double unitsPerSecond, int64_t nowMillis);

  bool enabled_ = false;
  std::map<std::string, Bucket> buckets_;  // "<table id>/<index or empty>/r|w"
};

}  // namespace shoal
