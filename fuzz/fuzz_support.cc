#include "fuzz_support.h"

#include <map>

#include "storage/schema_codec.h"
#include "storage/value_codec.h"
#include "table/secondary_index.h"

namespace shoal::fuzz {

std::vector<std::string_view> splitOnNul(std::string_view data, size_t max) {
  std::vector<std::string_view> pieces;
  while (pieces.size() + 1 < max) {
    size_t nul = data.find('\0');
    if (nul == std::string_view::npos) break;
    pieces.push_back(data.substr(0, nul));
    data.remove_prefix(nul + 1);
  }
  pieces.push_back(data);
  return pieces;
}

std::string catalogDigest(const Catalog& catalog) {
  std::string out;
  for (const auto& [name, table] : catalog.tables()) {
    storage::putBytes(out, name);
    storage::encodeSchema(out, table->schema());
    storage::putVarint(out, table->rows().size());
    for (const auto& [key, item] : table->rows()) {
      storage::putBytes(out, key);
      storage::encodeStoredItem(out, item);
    }
    for (const SecondaryIndex& index : table->indexes()) {
      storage::putVarint(out, index.entries().size());
      for (const auto& [key, entry] : index.entries()) {
        storage::putBytes(out, key);
        storage::putBytes(out, entry.tableKey);
      }
    }
  }
  return out;
}

void checkIndexes(const Catalog& catalog) {
  for (const auto& [name, table] : catalog.tables()) {
    for (const SecondaryIndex& index : table->indexes()) {
      SecondaryIndex fresh(&index.schema());
      for (const auto& [key, item] : table->rows()) fresh.insert(key, item, table->schema().key);
      bool same = fresh.entries().size() == index.entries().size() && fresh.sizeBytes() == index.sizeBytes();
      for (auto a = fresh.entries().begin(), b = index.entries().begin(); same && a != fresh.entries().end(); ++a, ++b)
        same = a->first == b->first && a->second.tableKey == b->second.tableKey &&
               a->second.projectedBytes == b->second.projectedBytes;
      check(same, "index " + index.schema().name + " of " + name + " disagrees with its table's rows");
    }
  }
}

bool isValidJson(std::string_view text, JsonDocument& doc) {
  constexpr unsigned kFlags = rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag;
  doc.Parse<kFlags>(text.data(), text.size());
  return !doc.HasParseError();
}

const std::vector<std::string>& namePalette() {
  static const std::vector<std::string> names{"a", "b", "l", "m", "pk", "sk", "n", "s", "ss", "ns", "bs", "nul",
                                              "x.y", "size", "é", "a b", std::string(300, 'k')};
  return names;
}

const std::vector<AttributeValue>& valuePalette() {
  static const std::vector<AttributeValue> values = [] {
    Map nested{{"a", num("1")}, {"b", AttributeValue::map(Map{{"c", AttributeValue::list(List{num("1")})}})}};
    return std::vector<AttributeValue>{
        num("1"), num("-2.5"), num("0"), num("9.9999999999999999999999999999999999999E+125"), num("1E-130"),
        str("x"), str("abc"), str("é"), str(""), AttributeValue::binary(std::string("\0\xff", 2)),
        AttributeValue::binary(""), AttributeValue::boolean(true), AttributeValue::null(),
        AttributeValue::list(List{num("1"), str("x")}), AttributeValue::list(List{}), AttributeValue::map(nested),
        AttributeValue::map(Map{}), AttributeValue::stringSet({"x", "y"}),
        AttributeValue::numberSet({Number::parse("1"), Number::parse("2")}),
        AttributeValue::binarySet({std::string("\x01", 1)}), str("S"), str("NS"), str("L"), str(std::string(5000, 'z'))};
  }();
  return values;
}

namespace {

const char* const kSchemaRequests[][2] = {
    {"CreateTable", R"({"TableName":"Items","BillingMode":"PAY_PER_REQUEST",
      "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],
      "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"N"},
        {"AttributeName":"score","AttributeType":"N"},{"AttributeName":"owner","AttributeType":"S"},
        {"AttributeName":"created","AttributeType":"N"},{"AttributeName":"tag","AttributeType":"S"}],
      "LocalSecondaryIndexes":[{"IndexName":"ByScore","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},
        {"AttributeName":"score","KeyType":"RANGE"}],"Projection":{"ProjectionType":"ALL"}}],
      "GlobalSecondaryIndexes":[{"IndexName":"ByOwner","KeySchema":[{"AttributeName":"owner","KeyType":"HASH"},
        {"AttributeName":"created","KeyType":"RANGE"}],
        "Projection":{"ProjectionType":"INCLUDE","NonKeyAttributes":["title"]}},
        {"IndexName":"ByTag","KeySchema":[{"AttributeName":"tag","KeyType":"HASH"}],
        "Projection":{"ProjectionType":"KEYS_ONLY"}}]})"},
    {"CreateTable", R"({"TableName":"Simple","BillingMode":"PAY_PER_REQUEST",
      "KeySchema":[{"AttributeName":"id","KeyType":"HASH"}],
      "AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}],
      "StreamSpecification":{"StreamEnabled":true,"StreamViewType":"NEW_AND_OLD_IMAGES"}})"},
    {"UpdateTimeToLive", R"({"TableName":"Simple",
      "TimeToLiveSpecification":{"Enabled":true,"AttributeName":"expires"}})"},
    {"CreateTable", R"({"TableName":"Blobs","ProvisionedThroughput":{"ReadCapacityUnits":5,"WriteCapacityUnits":5},
      "KeySchema":[{"AttributeName":"bk","KeyType":"HASH"},{"AttributeName":"bs","KeyType":"RANGE"}],
      "AttributeDefinitions":[{"AttributeName":"bk","AttributeType":"B"},{"AttributeName":"bs","AttributeType":"B"},
        {"AttributeName":"n","AttributeType":"N"}],
      "GlobalSecondaryIndexes":[{"IndexName":"ByN","KeySchema":[{"AttributeName":"n","KeyType":"HASH"}],
        "Projection":{"ProjectionType":"ALL"},
        "ProvisionedThroughput":{"ReadCapacityUnits":1,"WriteCapacityUnits":1}}]})"},
    {"BatchWriteItem", R"({"RequestItems":{"Items":[
      {"PutRequest":{"Item":{"pk":{"S":"a"},"sk":{"N":"1"},"score":{"N":"10"},"owner":{"S":"ann"},
        "created":{"N":"100"},"title":{"S":"first"},"tag":{"S":"x"},"tags":{"SS":["x","y"]},
        "m":{"M":{"l":{"L":[{"N":"1"},{"S":"two"},{"M":{"deep":{"BOOL":true}}}]},"n":{"NULL":true}}}}}},
      {"PutRequest":{"Item":{"pk":{"S":"a"},"sk":{"N":"2"},"score":{"N":"-3.5"},"owner":{"S":"bob"},
        "created":{"N":"101"},"nums":{"NS":["1","2.5","-7"]},"bin":{"B":"AAEC"},"bins":{"BS":["AA==","AQ=="]}}}},
      {"PutRequest":{"Item":{"pk":{"S":"a"},"sk":{"N":"3"},"count":{"N":"0"},"list":{"L":[]},"map":{"M":{}}}}},
      {"PutRequest":{"Item":{"pk":{"S":"b"},"sk":{"N":"1E+2"},"owner":{"S":"ann"},"created":{"N":"99"},
        "tag":{"S":"y"},"s":{"S":"été"}}}},
      {"PutRequest":{"Item":{"pk":{"S":"c"},"sk":{"N":"-0.001"},"score":{"N":"99999999999999999999999999999999999999"}}}}
    ]}})"},
    {"PutItem", R"({"TableName":"Simple","Item":{"id":{"S":"one"},"v":{"N":"1"},"expires":{"N":"1600000000"}}})"},
    {"PutItem", R"({"TableName":"Simple","Item":{"id":{"S":"two"},"v":{"N":"2"},"expires":{"N":"1900000000"},
      "doc":{"M":{"a":{"L":[{"N":"1"},{"N":"2"}]},"b":{"S":"x"}}}}})"},
    {"PutItem", R"({"TableName":"Blobs","Item":{"bk":{"B":"AA=="},"bs":{"B":"/w=="},"n":{"N":"5"}}})"},
    {"PutItem", R"({"TableName":"Blobs","Item":{"bk":{"B":"AA=="},"bs":{"B":"AAA="}}})"},
};

}  // namespace

void createSchema(Engine& engine) {
  for (const auto& [op, body] : kSchemaRequests) {
    Response r = engine.execute(op, body, kNow);
    check(r.status == 200, std::string("fuzz schema request ") + op + " failed", r.body);
  }
}

}  // namespace shoal::fuzz
