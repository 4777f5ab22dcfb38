#include "backup/backup_params.h"

#include <cmath>
#include <string_view>

#include "api/error.h"
#include "api/limits.h"
#include "json/wire_value.h"

namespace shoal {
namespace {

bool isNameChar(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
}

void checkLength(Violations& v, const std::string& value, const std::string& field, size_t min, size_t max) {
  if (value.size() < min)
    v.add("'" + value + "'", field, "Member must have length greater than or equal to " + std::to_string(min));
  if (value.size() > max)
    v.add("'" + value + "'", field, "Member must have length less than or equal to " + std::to_string(max));
}

}  // namespace

std::optional<std::string> tableNameOfArn(const std::string& arn) {
  // arn:<partition>:dynamodb:<region>:<account>:table/<name>
  size_t colons = 0, pos = 0;
  for (; pos < arn.size() && colons < 5; ++pos)
    if (arn[pos] == ':') ++colons;
  if (arn.rfind("arn:", 0) != 0 || colons < 5 || arn.find(":dynamodb:") == std::string::npos) return std::nullopt;
  std::string_view resource(arn.data() + pos, arn.size() - pos);
  if (resource.substr(0, 6) != "table/" || resource.size() == 6) return std::nullopt;
  std::string name(resource.substr(6));
  if (name.find('/') != std::string::npos) return std::nullopt;
  return name;
}

std::string readTableNameOrArn(const RequestReader& request, const char* member, const std::string& field,
                               Violations& v) {
  auto value = request.string(member);
  if (!value) {
    v.notNull(false, field);
    return {};
  }
  checkLength(v, *value, field, 1, limits::kTableNameOrArnMax);
  if (value->rfind("arn:", 0) == 0) {
    if (auto name = tableNameOfArn(*value)) return *name;
    v.add("'" + *value + "'", field, "Member must be a table name or a DynamoDB table ARN");
  }
  return *value;
}

void checkBackupName(Violations& v, const std::optional<std::string>& name) {
  if (!name) {
    v.notNull(false, "backupName");
    return;
  }
  for (unsigned char c : *name)
    if (!isNameChar(c)) {
      v.add("'" + *name + "'", "backupName", "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
      break;
    }
  checkLength(v, *name, "backupName", limits::kBackupNameMin, limits::kBackupNameMax);
}

void checkBackupArn(Violations& v, const std::optional<std::string>& arn, const std::string& field) {
  if (!arn) {
    v.notNull(false, field);
    return;
  }
  checkLength(v, *arn, field, limits::kBackupArnMin, limits::kBackupArnMax);
}

std::optional<int64_t> readEpochMillis(const RequestReader& request, const char* member) {
  const JsonValue* v = request.member(member);
  if (!v) return std::nullopt;
  if (!v->IsNumber()) {
    if (v->IsString()) throw ApiError::serialization("STRING_VALUE can not be converted to a Timestamp");
    throw ApiError::serialization(std::string("Unexpected token for a timestamp: ") + jsonKindName(*v));
  }
  double seconds = v->GetDouble();
  // Beyond year 275760 a Date cannot hold it either; refuse rather than overflow.
  if (!std::isfinite(seconds) || std::fabs(seconds) > 8.64e12)
    throw ApiError::serialization("NUMBER_VALUE can not be converted to a Timestamp: out of range");
  return static_cast<int64_t>(std::llround(seconds * 1000.0));
}

void writeEpochSeconds(JsonWriter& w, int64_t millis) { w.Double(static_cast<double>(millis) / 1000.0); }

}  // namespace shoal
