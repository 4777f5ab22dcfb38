#include "api/resource_tags.h"

#include <cctype>
#include <string_view>

#include "api/error.h"
#include "api/limits.h"
#include "api/table_name.h"

namespace shoal {
namespace {

size_t codePoints(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// Letters, white space and numbers of any script (bytes of a multi-byte UTF-8 character are
// taken as such), plus the punctuation tags allow.
bool allowedTagText(const std::string& s) {
  for (unsigned char c : s) {
    if (c >= 0x80 || std::isalnum(c) || std::isspace(c)) continue;
    if (std::string_view("+-=._:/@").find(static_cast<char>(c)) == std::string_view::npos) return false;
  }
  return true;
}

const char* kInvalid = "One or more parameter values were invalid: ";

}  // namespace

std::string tableNameOfArn(const RequestReader& request, const char* operation) {
  const JsonValue* member = request.member("ResourceArn");
  if (!member || member->IsNull()) throw ApiError::validation("Invalid TableArn");
  auto arn = request.string("ResourceArn");
  // arn:partition:service:region:account:resource/name; anything less is refused before any
  // table is looked at, as IAM would refuse it.
  size_t colons = 0;
  for (char c : *arn) colons += c == ':';
  size_t lastColon = arn->rfind(':');
  bool shaped = colons >= 5 && lastColon != std::string::npos && arn->find('/', lastColon) != std::string::npos;
  if (!shaped) {
    ApiError e("AccessDeniedException", "User: arn:aws:iam::000000000000:root is not authorized to perform: dynamodb:" +
                                             std::string(operation) + " on resource: " + (arn->empty() ? "*" : *arn));
    throw e;
  }
  const std::string prefix = "table/";
  std::string resource = arn->substr(lastColon + 1);
  bool dynamodb = arn->rfind("arn:", 0) == 0 && arn->find(":dynamodb:") != std::string::npos;
  std::string name = resource.rfind(prefix, 0) == 0 ? resource.substr(prefix.size()) : std::string();
  Violations nameCheck;
  checkTableName(nameCheck, name);
  if (!dynamodb || name.empty() || name.find('/') != std::string::npos || !nameCheck.empty())
    throw ApiError::validation("Invalid TableArn: Invalid ResourceArn provided as input " + *arn);
  return name;
}

std::vector<ResourceTag> readTags(const JsonValue& list, Violations& v, const std::string& field) {
  std::vector<ResourceTag> tags;
  size_t index = 0;
  for (const JsonValue& element : list.GetArray()) {
    ++index;
    if (!element.IsObject()) throw ApiError::serialization("Unexpected value type in payload");
    RequestReader tag(element);
    auto key = tag.string("Key");
    auto value = tag.string("Value");
    std::string path = field + "." + std::to_string(index) + ".member.";
    v.notNull(key.has_value(), path + "key");
    v.notNull(value.has_value(), path + "value");
    if (key && key->empty()) v.add("''", path + "key", "Member must have length greater than or equal to 1");
    if (key && codePoints(*key) > limits::kMaxTagKeyLength)
      v.add("'" + *key + "'", path + "key",
            "Member must have length less than or equal to " + std::to_string(limits::kMaxTagKeyLength));
    if (value && codePoints(*value) > limits::kMaxTagValueLength)
      v.add("'" + *value + "'", path + "value",
            "Member must have length less than or equal to " + std::to_string(limits::kMaxTagValueLength));
    if (key && value) tags.push_back({*key, *value});
  }
  v.throwIfAny();
  for (const ResourceTag& t : tags) {
    if (!allowedTagText(t.key) || !allowedTagText(t.value))
      throw ApiError::validation(std::string(kInvalid) + "Tag keys and values may only contain letters, white space, "
                                 "numbers and + - = . _ : / @");
    std::string prefix = t.key.substr(0, 4);
    for (char& c : prefix) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (prefix == "aws:")
      throw ApiError::validation(std::string(kInvalid) + "The tag key prefix 'aws:' is reserved for tags that AWS "
                                 "assigns: " + t.key);
  }
  return tags;
}

std::vector<ResourceTag> mergeTags(std::vector<ResourceTag> current, const std::vector<ResourceTag>& added) {
  for (const ResourceTag& t : added) {
    bool replaced = false;
    for (ResourceTag& c : current)
      if (c.key == t.key) {
        c.value = t.value;
        replaced = true;
      }
    if (!replaced) current.push_back(t);
  }
  if (current.size() > limits::kMaxTagsPerResource)
    throw ApiError::validation(std::string(kInvalid) + "The number of tags on a table would exceed the tag limit of " +
                               std::to_string(limits::kMaxTagsPerResource));
  return current;
}

}  // namespace shoal
