// Tags of a table (TagResource, UntagResource, ListTagsOfResource and CreateTable's Tags): the
// ResourceArn they address and the tag lists, checked against DynamoDB's tagging limits (at
// most 50 tags per table, keys of 1-128 and values of 0-256 Unicode characters, letters,
// white space, numbers and + - = . _ : / @ only, no key with the reserved "aws:" prefix).
#pragma once
#include <string>
#include <vector>

#include "api/violations.h"
#include "json/request_reader.h"
#include "table/schema.h"

namespace shoal {

// The table name a ResourceArn names. The errors are DynamoDB's: no ARN is "Invalid TableArn";
// something that is not ARN-shaped at all is AccessDeniedException (`operation` is named in
// it); an ARN that is not a table's (an index's, a malformed one) is "Invalid TableArn: Invalid
// ResourceArn provided as input <arn>".
std::string tableNameOfArn(const RequestReader& request, const char* operation);

// A Tags list (TagResource, CreateTable): member constraints go to `v` (`field` is "tags"),
// then the rules DynamoDB checks itself throw ValidationException.
std::vector<ResourceTag> readTags(const JsonValue& list, Violations& v, const std::string& field);

// `current` with `added` applied (an existing key takes the new value), refused when the
// result would hold more than 50 tags.
std::vector<ResourceTag> mergeTags(std::vector<ResourceTag> current, const std::vector<ResourceTag>& added);

}  // namespace shoal
