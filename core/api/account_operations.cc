// DescribeLimits and DescribeEndpoints: what DynamoDB answers about the account and the
// service endpoint, which for ShoalDB are fixed figures and the engine's own address.
#include "api/limits.h"
#include "api/operation.h"

namespace shoal {

// DynamoDB's default quotas: what a new account may provision in a region, and per table.
void describeLimits(OperationContext& ctx) {
  JsonWriter& w = ctx.out;
  w.StartObject();
  writeKey(w, "AccountMaxReadCapacityUnits");
  w.Int64(limits::kAccountMaxCapacityUnits);
  writeKey(w, "AccountMaxWriteCapacityUnits");
  w.Int64(limits::kAccountMaxCapacityUnits);
  writeKey(w, "TableMaxReadCapacityUnits");
  w.Int64(limits::kTableMaxCapacityUnits);
  writeKey(w, "TableMaxWriteCapacityUnits");
  w.Int64(limits::kTableMaxCapacityUnits);
  w.EndObject();
}

void describeEndpoints(OperationContext& ctx) {
  JsonWriter& w = ctx.out;
  w.StartObject();
  writeKey(w, "Endpoints");
  w.StartArray();
  w.StartObject();
  writeKey(w, "Address");
  writeString(w, ctx.endpointAddress);
  writeKey(w, "CachePeriodInMinutes");
  w.Int64(limits::kEndpointCachePeriodMinutes);
  w.EndObject();
  w.EndArray();
  w.EndObject();
}

}  // namespace shoal
