// TagResource, UntagResource and ListTagsOfResource. Tags belong to the table's schema, so they
// are logged, snapshotted and restored with it (storage/schema_codec.h, section 20), and go
// with the table when it is deleted. DynamoDB applies tag changes eventually; ShoalDB at once.
#include "api/error.h"
#include "api/operation.h"
#include "api/resource_tags.h"
#include "api/violations.h"

namespace shoal {

void tagResource(OperationContext& ctx) {
  const RequestReader& req = ctx.request;
  std::string name = tableNameOfArn(req, "TagResource");
  const JsonValue* list = req.array("Tags");
  Violations v;
  v.notNull(list != nullptr, "tags");
  v.throwIfAny();
  if (list->Empty()) throw ApiError::validation("Atleast one Tag needs to be provided as Input.");
  std::vector<ResourceTag> added = readTags(*list, v, "tags");
  Table* table = ctx.catalog.find(name);
  if (!table)
    throw ApiError::resourceNotFound("Requested resource not found: ResourcArn: " + *req.string("ResourceArn") +
                                     " not found");
  table->mutableSchema().tags = mergeTags(table->schema().tags, added);
  ctx.catalog.schemaChanged(*table);
  ctx.out.StartObject();
  ctx.out.EndObject();
}

void untagResource(OperationContext& ctx) {
  const RequestReader& req = ctx.request;
  std::string name = tableNameOfArn(req, "UntagResource");
  const JsonValue* keys = req.array("TagKeys");
  Violations v;
  v.notNull(keys != nullptr, "tagKeys");
  v.throwIfAny();
  if (keys->Empty()) throw ApiError::validation("Atleast one Tag Key needs to be provided as Input.");
  std::vector<std::string> removed;
  for (const JsonValue& k : keys->GetArray()) {
    if (!k.IsString()) throw ApiError::serialization("Unexpected value type in payload");
    removed.emplace_back(k.GetString(), k.GetStringLength());
  }
  Table* table = ctx.catalog.find(name);
  if (!table) throw ApiError::resourceNotFound("Requested resource not found");
  // Removing a key the table does not have is not an error.
  std::vector<ResourceTag>& tags = table->mutableSchema().tags;
  size_t before = tags.size();
  for (const std::string& key : removed)
    for (auto it = tags.begin(); it != tags.end();) it = it->key == key ? tags.erase(it) : it + 1;
  if (tags.size() != before) ctx.catalog.schemaChanged(*table);
  ctx.out.StartObject();
  ctx.out.EndObject();
}

void listTagsOfResource(OperationContext& ctx) {
  const RequestReader& req = ctx.request;
  std::string name = tableNameOfArn(req, "ListTagsOfResource");
  const Table* table = ctx.catalog.find(name);
  if (!table)
    throw ApiError::resourceNotFound("Requested resource not found: ResourcArn: " + *req.string("ResourceArn") +
                                     " not found");
  // At most 50 tags: always one page, so never a NextToken.
  JsonWriter& w = ctx.out;
  w.StartObject();
  writeKey(w, "Tags");
  w.StartArray();
  for (const ResourceTag& t : table->schema().tags) {
    w.StartObject();
    writeKey(w, "Key");
    writeString(w, t.key);
    writeKey(w, "Value");
    writeString(w, t.value);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

}  // namespace shoal
