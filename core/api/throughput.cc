#include "api/throughput.h"

#include <algorithm>
#include <vector>

#include "api/table_description.h"

namespace shoal {
namespace {

const char* kTableMessage =
    "The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning "
    "level with the UpdateTable API.";
const char* kIndexMessage =
    "The level of configured provisioned throughput for one or more global secondary indexes of the table was "
    "exceeded. Consider increasing your provisioning level for the under-provisioned global secondary indexes with the "
    "UpdateTable API.";

// One bucket a request draws from: what it costs there and at what rate the bucket refills.
struct Draw {
  std::string key;
  double rate;
  double units;
  std::string reason;    // ThrottlingReason.reason
  std::string resource;  // ThrottlingReason.resource (an ARN)
  bool index;
};

ApiError throttled(const Draw& d) {
  rapidjson::StringBuffer buf;
  JsonWriter w(buf);
  w.StartArray();
  w.StartObject();
  writeKey(w, "reason");
  writeString(w, d.reason);
  writeKey(w, "resource");
  writeString(w, d.resource);
  w.EndObject();
  w.EndArray();
  ApiError e("ProvisionedThroughputExceededException", d.index ? kIndexMessage : kTableMessage);
  e.withMember("ThrottlingReasons", buf.GetString());
  return e;
}

}  // namespace

Throughput::Bucket& Throughput::bucket(const std::string& key, double unitsPerSecond, int64_t nowMillis) {
  auto [it, fresh] = buckets_.try_emplace(key);
  Bucket& b = it->second;
  if (fresh) {
    b.tokens = unitsPerSecond;
    b.refilledMillis = nowMillis;
  } else if (nowMillis > b.refilledMillis) {
    double refill = unitsPerSecond * static_cast<double>(nowMillis - b.refilledMillis) / 1000.0;
    b.tokens = std::min(unitsPerSecond * limits::kBurstSeconds, b.tokens + refill);
    b.refilledMillis = nowMillis;
  }
  return b;
}

std::optional<ApiError> Throughput::tryCharge(const Table& table, const Consumption& consumed, int64_t nowMillis) {
  const TableSchema& schema = table.schema();
  if (!enabled_ || schema.billing != BillingMode::Provisioned) return std::nullopt;

  // The table's buckets also pay for its local indexes.
  CapacityUnits onTable = consumed.tableUnits();
  for (const Consumption::Index& i : consumed.indexes()) {
    if (i.global) continue;
    onTable.read += i.units.read;
    onTable.write += i.units.write;
  }
  const std::string arn = tableArn(schema.name);
  std::vector<Draw> draws;
  auto add = [&](const std::string& index, int64_t rate, double units, bool read) {
    if (units <= 0) return;
    std::string kind = index.empty() ? "Table" : "Index";
    draws.push_back({schema.tableId + "/" + index + (read ? "/r" : "/w"), static_cast<double>(rate), units,
                     kind + (read ? "Read" : "Write") + "ProvisionedThroughputExceeded",
                     index.empty() ? arn : arn + "/index/" + index, !index.empty()});
  };
  add("", schema.readCapacity, onTable.read, true);
  add("", schema.writeCapacity, onTable.write, false);
  for (const Consumption::Index& i : consumed.indexes()) {
    if (!i.global) continue;
    const SecondaryIndex* index = table.findIndex(i.name);
    if (!index) continue;
    add(i.name, index->schema().readCapacity, i.units.read, true);
    add(i.name, index->schema().writeCapacity, i.units.write, false);
  }
  for (const Draw& d : draws)
    if (bucket(d.key, d.rate, nowMillis).tokens <= 0) return throttled(d);
  for (const Draw& d : draws) buckets_[d.key].tokens -= d.units;
  return std::nullopt;
}

void Throughput::charge(const Table& table, const Consumption& consumed, int64_t nowMillis) {
  if (auto error = tryCharge(table, consumed, nowMillis)) throw *error;
}

}  // namespace shoal
