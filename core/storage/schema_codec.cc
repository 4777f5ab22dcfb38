#include "storage/schema_codec.h"

#include <stdexcept>
#include <utility>
#include <vector>

#include "api/table_name.h"
#include "storage/value_format.h"

namespace shoal::storage {
namespace {

// --- schema -----------------------------------------------------------------------------------

ScalarTag scalarTag(Type t) {
  switch (t) {
    case Type::S: return ScalarTag::S;
    case Type::N: return ScalarTag::N;
    case Type::B: return ScalarTag::B;
    default: break;
  }
  // A schema only ever holds S, N or B (CreateTable validates it); writing anything else would
  // make a file this build cannot read back, so refuse loudly instead.
  throw std::logic_error("key attribute type must be S, N or B");
}

Type decodeScalar(ByteReader& in) {
  uint8_t tag = in.byte("attribute type");
  switch (static_cast<ScalarTag>(tag)) {
    case ScalarTag::S: return Type::S;
    case ScalarTag::N: return Type::N;
    case ScalarTag::B: return Type::B;
  }
  ByteReader::fail("unknown attribute type " + std::to_string(tag));
}

void encodeKeyAttribute(std::string& out, const std::string& name, Type type) {
  putBytes(out, name);
  out.push_back(static_cast<char>(scalarTag(type)));
}

void encodeKeySchema(std::string& out, const KeySchema& key) {
  encodeKeyAttribute(out, key.hash.name, key.hash.type);
  out.push_back(key.range ? 1 : 0);
  if (key.range) encodeKeyAttribute(out, key.range->name, key.range->type);
}

KeySchema decodeKeySchema(ByteReader& in) {
  KeySchema key;
  key.hash.name = std::string(in.bytes("hash key name"));
  key.hash.type = decodeScalar(in);
  if (in.boolean("range key flag")) {
    KeyAttribute range;
    range.name = std::string(in.bytes("range key name"));
    range.type = decodeScalar(in);
    key.range = std::move(range);
  }
  return key;
}

ProjectionTag projectionTag(IndexProjection::Type t) {
  switch (t) {
    case IndexProjection::Type::KeysOnly: return ProjectionTag::KeysOnly;
    case IndexProjection::Type::Include: return ProjectionTag::Include;
    case IndexProjection::Type::All: return ProjectionTag::All;
  }
  throw std::logic_error("unknown projection type");
}

IndexStatusTag indexStatusTag(IndexStatus s) {
  switch (s) {
    case IndexStatus::Creating: return IndexStatusTag::Creating;
    case IndexStatus::Active: return IndexStatusTag::Active;
    case IndexStatus::Deleting: return IndexStatusTag::Deleting;
  }
  throw std::logic_error("unknown index status");
}

// Only the index's definition is stored: its entries are derived from the items and rebuilt
// when the table is loaded, so a snapshot can never hold an index that disagrees with them.
void encodeIndexSchema(std::string& out, const IndexSchema& index) {
  putBytes(out, index.name);
  out.push_back(index.global ? 1 : 0);
  encodeKeySchema(out, index.key);
  out.push_back(static_cast<char>(projectionTag(index.projection.type)));
  putVarint(out, index.projection.nonKeyAttributes.size());
  for (const auto& name : index.projection.nonKeyAttributes) putBytes(out, name);
  out.push_back(static_cast<char>(indexStatusTag(index.status)));
  putSignedVarint(out, index.readCapacity);
  putSignedVarint(out, index.writeCapacity);
  putSignedVarint(out, index.createdMillis);
}

IndexSchema decodeIndexSchema(ByteReader& in) {
  IndexSchema index;
  index.name = std::string(in.bytes("index name"));
  // A crafted file could hold a name no request can address; refuse it like any corruption.
  if (!isValidTableName(index.name)) ByteReader::fail("invalid index name");
  index.global = in.boolean("index kind");
  index.key = decodeKeySchema(in);
  uint8_t projection = in.byte("index projection");
  switch (static_cast<ProjectionTag>(projection)) {
    case ProjectionTag::KeysOnly: index.projection.type = IndexProjection::Type::KeysOnly; break;
    case ProjectionTag::Include: index.projection.type = IndexProjection::Type::Include; break;
    case ProjectionTag::All: index.projection.type = IndexProjection::Type::All; break;
    default: ByteReader::fail("unknown index projection " + std::to_string(projection));
  }
  size_t n = in.count("projected attributes");
  index.projection.nonKeyAttributes.reserve(n);
  for (size_t i = 0; i < n; ++i) index.projection.nonKeyAttributes.emplace_back(in.bytes("projected attribute"));
  uint8_t status = in.byte("index status");
  switch (static_cast<IndexStatusTag>(status)) {
    case IndexStatusTag::Creating: index.status = IndexStatus::Creating; break;
    case IndexStatusTag::Active: index.status = IndexStatus::Active; break;
    case IndexStatusTag::Deleting: index.status = IndexStatus::Deleting; break;
    default: ByteReader::fail("unknown index status " + std::to_string(status));
  }
  index.readCapacity = in.signedVarint("index read capacity");
  index.writeCapacity = in.signedVarint("index write capacity");
  index.createdMillis = in.signedVarint("index creation time");
  return index;
}

}  // namespace

// --- table schemas ------------------------------------------------------------------------------

void encodeSchema(std::string& out, const TableSchema& schema) {
  putBytes(out, schema.name);
  encodeKeySchema(out, schema.key);
  putVarint(out, schema.attributeDefinitions.size());
  for (const auto& d : schema.attributeDefinitions) encodeKeyAttribute(out, d.name, d.type);
  out.push_back(static_cast<char>(schema.billing == BillingMode::PayPerRequest ? BillingTag::PayPerRequest
                                                                              : BillingTag::Provisioned));
  putSignedVarint(out, schema.readCapacity);
  putSignedVarint(out, schema.writeCapacity);
  out.push_back(schema.deletionProtection ? 1 : 0);
  putSignedVarint(out, schema.createdMillis);
  putBytes(out, schema.tableId);

  // (tag, body) in increasing tag order; a section whose content is the default is left out.
  std::vector<std::pair<SchemaSection, std::string>> sections;
  auto section = [&sections](SchemaSection tag) -> std::string& { return sections.emplace_back(tag, "").second; };
  if (!schema.indexes.empty()) {
    std::string& body = section(SchemaSection::Indexes);
    putVarint(body, schema.indexes.size());
    for (const IndexSchema& index : schema.indexes) encodeIndexSchema(body, index);
  }
  const StreamSettings& stream = schema.stream;
  if (stream.enabled || !stream.viewType.empty() || stream.createdMillis != 0) {
    std::string& body = section(SchemaSection::Stream);
    body.push_back(stream.enabled ? 1 : 0);
    putBytes(body, stream.viewType);
    putSignedVarint(body, stream.createdMillis);
  }
  if (schema.ttl.enabled || !schema.ttl.attribute.empty()) {
    std::string& body = section(SchemaSection::TimeToLive);
    body.push_back(schema.ttl.enabled ? 1 : 0);
    putBytes(body, schema.ttl.attribute);
  }
  const PointInTimeRecovery& pitr = schema.pointInTimeRecovery;
  if (pitr.enabled || pitr.enabledMillis != 0 || pitr.recoveryPeriodDays != 0) {
    std::string& body = section(SchemaSection::PointInTimeRecovery);
    body.push_back(pitr.enabled ? 1 : 0);
    putSignedVarint(body, pitr.enabledMillis);
    putSignedVarint(body, pitr.recoveryPeriodDays);
  }
  const RestoreSource& restored = schema.restoredFrom;
  if (restored.restoreMillis != 0 || !restored.backupArn.empty() || !restored.sourceTableArn.empty()) {
    std::string& body = section(SchemaSection::RestoredFrom);
    putBytes(body, restored.backupArn);
    putBytes(body, restored.sourceTableArn);
    putSignedVarint(body, restored.restoreMillis);
  }
  if (!schema.tags.empty()) {
    std::string& body = section(SchemaSection::Tags);
    putVarint(body, schema.tags.size());
    for (const ResourceTag& t : schema.tags) {
      putBytes(body, t.key);
      putBytes(body, t.value);
    }
  }
  putVarint(out, sections.size());
  for (const auto& [tag, body] : sections) {
    out.push_back(static_cast<char>(tag));
    putBytes(out, body);
  }
}

TableSchema decodeSchema(ByteReader& in) {
  TableSchema s;
  s.name = std::string(in.bytes("table name"));
  if (!isValidTableName(s.name)) ByteReader::fail("invalid table name");
  s.key = decodeKeySchema(in);
  size_t n = in.count("attribute definitions", 2);
  s.attributeDefinitions.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    AttributeDefinition d;
    d.name = std::string(in.bytes("attribute definition"));
    d.type = decodeScalar(in);
    s.attributeDefinitions.push_back(std::move(d));
  }
  uint8_t billing = in.byte("billing mode");
  switch (static_cast<BillingTag>(billing)) {
    case BillingTag::Provisioned: s.billing = BillingMode::Provisioned; break;
    case BillingTag::PayPerRequest: s.billing = BillingMode::PayPerRequest; break;
    default: ByteReader::fail("unknown billing mode " + std::to_string(billing));
  }
  s.readCapacity = in.signedVarint("read capacity");
  s.writeCapacity = in.signedVarint("write capacity");
  s.deletionProtection = in.boolean("deletion protection");
  s.createdMillis = in.signedVarint("creation time");
  s.tableId = std::string(in.bytes("table id"));

  size_t sections = in.count("schema sections", 2);
  uint8_t previous = 0;
  for (size_t i = 0; i < sections; ++i) {
    uint8_t tag = in.byte("schema section");
    if (tag <= previous) ByteReader::fail("schema sections out of order");
    previous = tag;
    ByteReader body(in.bytes("schema section"));
    switch (static_cast<SchemaSection>(tag)) {
      case SchemaSection::Indexes: {
        size_t indexes = body.count("index count", 8);
        s.indexes.reserve(indexes);
        for (size_t k = 0; k < indexes; ++k) s.indexes.push_back(decodeIndexSchema(body));
        break;
      }
      case SchemaSection::Stream:
        s.stream.enabled = body.boolean("stream enabled");
        s.stream.viewType = std::string(body.bytes("stream view type"));
        s.stream.createdMillis = body.signedVarint("stream creation time");
        break;
      case SchemaSection::TimeToLive:
        s.ttl.enabled = body.boolean("ttl enabled");
        s.ttl.attribute = std::string(body.bytes("ttl attribute"));
        break;
      case SchemaSection::PointInTimeRecovery:
        s.pointInTimeRecovery.enabled = body.boolean("point-in-time recovery enabled");
        s.pointInTimeRecovery.enabledMillis = body.signedVarint("point-in-time recovery enabled at");
        s.pointInTimeRecovery.recoveryPeriodDays = body.signedVarint("recovery period");
        break;
      case SchemaSection::RestoredFrom:
        s.restoredFrom.backupArn = std::string(body.bytes("restore source backup"));
        s.restoredFrom.sourceTableArn = std::string(body.bytes("restore source table"));
        s.restoredFrom.restoreMillis = body.signedVarint("restore time");
        break;
      case SchemaSection::Tags: {
        size_t tags = body.count("tag count", 2);
        s.tags.reserve(tags);
        for (size_t k = 0; k < tags; ++k) {
          ResourceTag t;
          t.key = std::string(body.bytes("tag key"));
          t.value = std::string(body.bytes("tag value"));
          s.tags.push_back(std::move(t));
        }
        break;
      }
      default:
        throw DecodeError("table schema section " + std::to_string(tag) + " is newer than this build reads",
                          DecodeFailure::UnsupportedVersion);
    }
    body.expectEnd("schema section");
  }
  return s;
}

}  // namespace shoal::storage
