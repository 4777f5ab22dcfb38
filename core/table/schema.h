// What CreateTable declares about a table: its key schema, attribute definitions and billing.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "value/attribute_value.h"

namespace shoal {

struct KeyAttribute {
  std::string name;
  Type type = Type::S;  // S, N or B
};

struct KeySchema {
  KeyAttribute hash;
  std::optional<KeyAttribute> range;
};

struct AttributeDefinition {
  std::string name;
  Type type = Type::S;
};

enum class BillingMode { Provisioned, PayPerRequest };

// Which attributes a secondary index holds besides the table's and the index's keys.
struct IndexProjection {
  enum class Type { KeysOnly, Include, All };
  Type type = Type::All;
  std::vector<std::string> nonKeyAttributes;  // Include only
};

enum class IndexStatus { Creating, Active, Deleting };

struct IndexSchema {
  std::string name;
  bool global = true;  // false: local secondary index (same partition key as the table)
  KeySchema key;
  IndexProjection projection;
  IndexStatus status = IndexStatus::Active;
  int64_t readCapacity = 0;  // GSIs of PROVISIONED tables
  int64_t writeCapacity = 0;
  int64_t createdMillis = 0;
};

// StreamSpecification: whether the table's change stream records writes, and how much of
// each item a record carries.
struct StreamSettings {
  bool enabled = false;
  std::string viewType;       // KEYS_ONLY, NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES
  int64_t createdMillis = 0;  // when the current stream was enabled: its label and ARN
};

// UpdateTimeToLive: the attribute whose epoch-seconds value expires an item.
struct TimeToLive {
  bool enabled = false;
  std::string attribute;
};

// UpdateContinuousBackups: point-in-time recovery (backup/point_in_time_history.h keeps the
// history it restores from while it is on).
struct PointInTimeRecovery {
  bool enabled = false;
  int64_t enabledMillis = 0;   // when it was last turned on: nothing before is restorable
  int64_t recoveryPeriodDays = 0;  // RecoveryPeriodInDays; 0 = DynamoDB's default (35)
};

// Where a table restored by RestoreTableFromBackup or RestoreTableToPointInTime came from: the
// RestoreSummary of its description.
struct RestoreSource {
  std::string backupArn;       // empty for a point-in-time restore
  std::string sourceTableArn;
  int64_t restoreMillis = 0;   // the backup's time or the point in time; 0: not a restored table
};

// A tag of the table (TagResource, CreateTable's Tags), in the order first added.
struct ResourceTag {
  std::string key;
  std::string value;
};

struct TableSchema {
  std::string name;
  KeySchema key;
  std::vector<AttributeDefinition> attributeDefinitions;
  BillingMode billing = BillingMode::Provisioned;
  int64_t readCapacity = 0;
  int64_t writeCapacity = 0;
  bool deletionProtection = false;
  int64_t createdMillis = 0;
  std::string tableId;  // UUID text
  std::vector<IndexSchema> indexes;  // LSIs and GSIs, in the order declared
  StreamSettings stream;
  TimeToLive ttl;
  std::vector<ResourceTag> tags;
  PointInTimeRecovery pointInTimeRecovery;
  RestoreSource restoredFrom;
};

}  // namespace shoal
