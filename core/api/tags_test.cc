#include <string>

#include "api/test_db.h"

using shoal::testing::TestDb;

namespace {

const std::string kArn = "arn:aws:dynamodb:ddblocal:000000000000:table/Tagged";

std::string tagRequest(const std::string& tags, const std::string& arn = kArn) {
  return R"J({"ResourceArn":")J" + arn + R"J(","Tags":)J" + tags + "}";
}

std::string listed(TestDb& db, const std::string& arn = kArn) {
  auto r = db.ok("ListTagsOfResource", R"J({"ResourceArn":")J" + arn + R"J("})J");
  std::string out;
  for (const auto& t : r["Tags"].GetArray())
    out += std::string(t["Key"].GetString()) + "=" + t["Value"].GetString() + ";";
  return out;
}

std::string tags(int from, int to) {
  std::string s = "[";
  for (int i = from; i < to; ++i)
    s += (i == from ? "" : ",") + std::string(R"J({"Key":"k)J") + std::to_string(i) + R"J(","Value":"v"})J";
  return s + "]";
}

}  // namespace

TEST_CASE("TagResource, UntagResource and ListTagsOfResource", "[api][tags]") {
  TestDb db;
  db.ok("CreateTable", R"J({"TableName":"Tagged","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],
    "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],"BillingMode":"PAY_PER_REQUEST",
    "Tags":[{"Key":"team","Value":"data"}]})J");
  CHECK(listed(db) == "team=data;");
  db.ok("TagResource", tagRequest(R"J([{"Key":"env","Value":"test"},{"Key":"team","Value":"core"}])J"));
  CHECK(listed(db) == "team=core;env=test;");  // an existing key takes the new value, in place
  db.ok("UntagResource", R"J({"ResourceArn":")J" + kArn + R"J(","TagKeys":["team","absent"]})J");
  CHECK(listed(db) == "env=test;");
  // The table's description does not list its tags (DynamoDB's does not either).
  CHECK_FALSE(db.ok("DescribeTable", R"J({"TableName":"Tagged"})J")["Table"].HasMember("Tags"));
  // 50 at most: env and 30, then 19 new and 10 replaced; one more is refused and changes nothing,
  // while a new value for a key the table has is fine at the limit.
  db.ok("TagResource", tagRequest(tags(0, 30)));
  db.ok("TagResource", tagRequest(tags(20, 49)));
  CHECK(db.err("TagResource", tagRequest(tags(49, 50))) ==
        "ValidationException: One or more parameter values were invalid: The number of tags on a table would exceed "
        "the tag limit of 50");
  db.ok("TagResource", tagRequest(R"J([{"Key":"k0","Value":"new"}])J"));
  CHECK(db.ok("ListTagsOfResource", R"J({"ResourceArn":")J" + kArn + R"J("})J")["Tags"].Size() == 50);
}

TEST_CASE("Tags: DynamoDB's limits and errors", "[api][tags]") {
  TestDb db;
  db.createTable("Tagged");
  CHECK(db.err("TagResource", R"J({"Tags":[{"Key":"a","Value":"b"}]})J") == "ValidationException: Invalid TableArn");
  CHECK(db.err("TagResource", R"J({"ResourceArn":"abcd","Tags":[{"Key":"a","Value":"b"}]})J") ==
        "AccessDeniedException: User: arn:aws:iam::000000000000:root is not authorized to perform: "
        "dynamodb:TagResource on resource: abcd");
  CHECK(db.err("ListTagsOfResource", R"J({"ResourceArn":"a:b:c:d:e:f/g"})J") ==
        "ValidationException: Invalid TableArn: Invalid ResourceArn provided as input a:b:c:d:e:f/g");
  CHECK(db.err("ListTagsOfResource", R"J({"ResourceArn":")J" + kArn + R"J(/index/byX"})J") ==
        "ValidationException: Invalid TableArn: Invalid ResourceArn provided as input " + kArn + "/index/byX");
  CHECK(db.err("TagResource", R"J({"ResourceArn":")J" + kArn + R"J("})J") ==
        "ValidationException: 1 validation error detected: Value null at 'tags' failed to satisfy constraint: Member "
        "must not be null");
  CHECK(db.err("TagResource", tagRequest("[]")) ==
        "ValidationException: Atleast one Tag needs to be provided as Input.");
  CHECK(db.err("UntagResource", R"J({"ResourceArn":")J" + kArn + R"J(","TagKeys":[]})J") ==
        "ValidationException: Atleast one Tag Key needs to be provided as Input.");
  std::string longKey(129, 'k');
  CHECK(db.err("TagResource", tagRequest(R"J([{"Key":")J" + longKey + R"J(","Value":"v"}])J")) ==
        "ValidationException: 1 validation error detected: Value '" + longKey +
            "' at 'tags.1.member.key' failed to satisfy constraint: Member must have length less than or equal to 128");
  // Lengths count Unicode characters, not bytes: 128 two-byte characters are fine.
  std::string wide;
  for (int i = 0; i < 128; ++i) wide += "\xC3\xA9";
  db.ok("TagResource", tagRequest(R"J([{"Key":")J" + wide + R"J(","Value":""}])J"));
  CHECK(db.err("TagResource", tagRequest(R"J([{"Key":"AWS:x","Value":"v"}])J")) ==
        "ValidationException: One or more parameter values were invalid: The tag key prefix 'aws:' is reserved for "
        "tags that AWS assigns: AWS:x");
  CHECK(db.err("TagResource", tagRequest(R"J([{"Key":"a#b","Value":"v"}])J")).find("may only contain") !=
        std::string::npos);
  const std::string missing = "arn:aws:dynamodb:ddblocal:000000000000:table/Missing";
  CHECK(db.err("TagResource", tagRequest(R"J([{"Key":"a","Value":"b"}])J", missing)) ==
        "ResourceNotFoundException: Requested resource not found: ResourcArn: " + missing + " not found");
  CHECK(db.err("UntagResource", R"J({"ResourceArn":")J" + missing + R"J(","TagKeys":["a"]})J") ==
        "ResourceNotFoundException: Requested resource not found");
  // CreateTable refuses too many tags and creates nothing.
  CHECK(db.err("CreateTable", R"J({"TableName":"TooMany","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],
    "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],"BillingMode":"PAY_PER_REQUEST",
    "Tags":)J" + tags(0, 51) + "}").find("tag limit of 50") != std::string::npos);
  CHECK(db.call("DescribeTable", R"J({"TableName":"TooMany"})J").status == 400);
}

TEST_CASE("Tags are kept with the table across log replay and snapshots, and go with it", "[api][tags]") {
  TestDb db;
  db.engine.enableLog();
  db.createTable("Tagged");
  db.ok("TagResource", tagRequest(R"J([{"Key":"a","Value":"1"},{"Key":"b","Value":""}])J"));
  std::string log = db.engine.takeLogRecords();
  {
    shoal::Engine replayed;
    REQUIRE(replayed.open("", log).ok);
    TestDb view;
    CHECK(view.engine.open(db.engine.snapshot(), "").ok);
    CHECK(listed(view) == "a=1;b=;");
    auto r = replayed.execute("ListTagsOfResource", R"J({"ResourceArn":")J" + kArn + R"J("})J", db.now);
    CHECK(r.body == R"J({"Tags":[{"Key":"a","Value":"1"},{"Key":"b","Value":""}]})J");
  }
  db.ok("UntagResource", R"J({"ResourceArn":")J" + kArn + R"J(","TagKeys":["a"]})J");
  shoal::Engine replayed;
  REQUIRE(replayed.open("", log + db.engine.takeLogRecords()).ok);
  auto r = replayed.execute("ListTagsOfResource", R"J({"ResourceArn":")J" + kArn + R"J("})J", db.now);
  CHECK(r.body == R"J({"Tags":[{"Key":"b","Value":""}]})J");
  // A table deleted and created again under the same name starts without tags.
  db.ok("DeleteTable", R"J({"TableName":"Tagged"})J");
  db.createTable("Tagged");
  CHECK(listed(db).empty());
}

TEST_CASE("DescribeLimits and DescribeEndpoints", "[api][limits]") {
  TestDb db;
  CHECK(db.call("DescribeLimits", "{}").body ==
        R"J({"AccountMaxReadCapacityUnits":80000,"AccountMaxWriteCapacityUnits":80000,)J"
        R"J("TableMaxReadCapacityUnits":40000,"TableMaxWriteCapacityUnits":40000})J");
  CHECK(db.call("DescribeEndpoints", "{}").body ==
        R"J({"Endpoints":[{"Address":"localhost:8000","CachePeriodInMinutes":1440}]})J");
  db.engine.setEndpointAddress("127.0.0.1:4567");
  CHECK(db.ok("DescribeEndpoints", "{}")["Endpoints"][0]["Address"].GetString() == std::string("127.0.0.1:4567"));
}
