// Request members that CreateTable and UpdateTable share: AttributeDefinitions, BillingMode
// with ProvisionedThroughput, and StreamSpecification.
#pragma once
#include <vector>

#include "api/violations.h"
#include "json/request_reader.h"
#include "table/schema.h"

namespace shoal {

// Entries with a bad shape are reported to `v` and left out.
std::vector<AttributeDefinition> readAttributeDefinitions(const JsonValue* definitions, Violations& v);

// CreateTable: BillingMode (default PROVISIONED) and ProvisionedThroughput into `schema`.
void readCreateBilling(const RequestReader& request, TableSchema& schema);
// UpdateTable: changes `schema`'s billing when the request asks; returns whether it did.
bool readUpdateBilling(const RequestReader& request, TableSchema& schema);

// StreamSpecification {StreamEnabled, StreamViewType}; returns whether the request had one.
bool readStreamSpecification(const RequestReader& request, StreamSettings& stream, int64_t nowMillis);

}  // namespace shoal
