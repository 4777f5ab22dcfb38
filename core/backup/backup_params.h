// Request members the backup operations share: a table named by name or by ARN, backup names
// and ARNs, and timestamps (epoch seconds, as DynamoDB's JSON protocol sends them).
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "api/violations.h"
#include "json/request_reader.h"

namespace shoal {

// `member` holds a table name or a table ARN (arn:aws:dynamodb:<region>:<account>:table/<name>),
// 1 to 1024 characters; returns the table name. Violations go to `v`.
std::string readTableNameOrArn(const RequestReader& request, const char* member, const std::string& field,
                               Violations& v);
// The table name an ARN names, or nullopt when `arn` is not a DynamoDB table ARN.
std::optional<std::string> tableNameOfArn(const std::string& arn);

void checkBackupName(Violations& v, const std::optional<std::string>& name);
void checkBackupArn(Violations& v, const std::optional<std::string>& arn, const std::string& field);

// A timestamp member: epoch seconds (fractions allowed), as engine milliseconds.
std::optional<int64_t> readEpochMillis(const RequestReader& request, const char* member);

// Epoch milliseconds as DynamoDB's JSON protocol writes a timestamp: seconds, with a fraction.
void writeEpochSeconds(JsonWriter& w, int64_t millis);

}  // namespace shoal
