// Tags (TagResource, UntagResource, ListTagsOfResource, CreateTable's Tags), DescribeLimits and
// DescribeEndpoints through the AWS SDK v3 over both transports, with DynamoDB's limits and errors.
import assert from "node:assert/strict";
import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeEndpointsCommand,
  DescribeLimitsCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTagsOfResourceCommand,
  ResourceNotFoundException,
  TagResourceCommand,
  UntagResourceCommand,
} from "@aws-sdk/client-dynamodb";
import { after, before, describe, test } from "node:test";
import { rejection, transports } from "./transports.js";

const table = (TableName, extra = {}) =>
  new CreateTableCommand({
    TableName,
    KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
    AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
    BillingMode: "PAY_PER_REQUEST",
    ...extra,
  });

function validation(error, message) {
  assert.equal(error.name, "ValidationException", `got ${error.name}: ${error.message}`);
  assert.equal(error.$metadata.httpStatusCode, 400);
  if (message instanceof RegExp) assert.match(error.message, message);
  else assert.equal(error.message, message);
}

for (const [transport, open] of Object.entries(transports)) {
  describe(`tags, limits and endpoints through the AWS SDK v3 via the ${transport}`, () => {
    let target;
    let client;
    let arn;

    before(async () => {
      target = await open();
      client = new DynamoDBClient(target.config);
      await client.send(table("tagged", { Tags: [{ Key: "team", Value: "data" }] }));
      arn = (await client.send(new DescribeTableCommand({ TableName: "tagged" }))).Table.TableArn;
    });
    after(() => target.close());

    const list = async () => (await client.send(new ListTagsOfResourceCommand({ ResourceArn: arn }))).Tags;
    const tag = (Tags, ResourceArn = arn) => client.send(new TagResourceCommand({ ResourceArn, Tags }));
    const untag = (TagKeys) => client.send(new UntagResourceCommand({ ResourceArn: arn, TagKeys }));

    test("CreateTable's Tags, then tag, retag, untag and list", async () => {
      assert.deepEqual(await list(), [{ Key: "team", Value: "data" }]);
      await tag([
        { Key: "env", Value: "test" },
        { Key: "team", Value: "core" },
      ]);
      assert.deepEqual(await list(), [
        { Key: "team", Value: "core" },
        { Key: "env", Value: "test" },
      ]);
      await untag(["team", "not-there"]);
      assert.deepEqual(await list(), [{ Key: "env", Value: "test" }]);
      // Values may be empty; keys and values may hold letters of any script, spaces and + - = . _ : / @.
      await tag([{ Key: "Größe ok/x=1 @a+b-c.d_e:f", Value: "" }]);
      assert.equal((await list()).length, 2);
    });

    test("at most 50 tags per table", async () => {
      await client.send(table("fifty"));
      const fiftyArn = (await client.send(new DescribeTableCommand({ TableName: "fifty" }))).Table.TableArn;
      const tags = (from, to) => Array.from({ length: to - from }, (_, i) => ({ Key: `k${from + i}`, Value: "v" }));
      await tag(tags(0, 30), fiftyArn);
      await tag(tags(20, 50), fiftyArn); // 20 new: 50 in all
      validation(await rejection(tag(tags(50, 51), fiftyArn)), /tag limit of 50/);
      const { Tags } = await client.send(new ListTagsOfResourceCommand({ ResourceArn: fiftyArn }));
      assert.equal(Tags.length, 50);
      // A table created with too many tags is not created at all.
      validation(await rejection(client.send(table("toomany", { Tags: tags(0, 51) }))), /tag limit of 50/);
      const absent = await rejection(client.send(new DescribeTableCommand({ TableName: "toomany" })));
      assert.equal(absent.name, "ResourceNotFoundException");
    });

    test("DynamoDB's errors for tags", async () => {
      validation(await rejection(tag([])), "Atleast one Tag needs to be provided as Input.");
      validation(await rejection(untag([])), "Atleast one Tag Key needs to be provided as Input.");
      validation(
        await rejection(tag([{ Key: "k".repeat(129), Value: "v" }])),
        `1 validation error detected: Value '${"k".repeat(129)}' at 'tags.1.member.key' failed to satisfy constraint: ` +
          "Member must have length less than or equal to 128",
      );
      validation(
        await rejection(tag([{ Key: "k", Value: "v".repeat(257) }])),
        /at 'tags.1.member.value' failed to satisfy constraint: Member must have length less than or equal to 256$/,
      );
      validation(await rejection(tag([{ Key: "aws:owner", Value: "x" }])), /'aws:' is reserved/);
      validation(await rejection(tag([{ Key: "bad#key", Value: "x" }])), /may only contain/);
      const missing = arn.replace(/table\/tagged$/, "table/absent");
      const notFound = await rejection(client.send(new ListTagsOfResourceCommand({ ResourceArn: missing })));
      assert.ok(notFound instanceof ResourceNotFoundException);
      assert.equal(notFound.message, `Requested resource not found: ResourcArn: ${missing} not found`);
      validation(
        await rejection(client.send(new ListTagsOfResourceCommand({ ResourceArn: `${arn}/index/byX` }))),
        `Invalid TableArn: Invalid ResourceArn provided as input ${arn}/index/byX`,
      );
      const denied = await rejection(client.send(new ListTagsOfResourceCommand({ ResourceArn: "abcd" })));
      assert.equal(denied.name, "AccessDeniedException");
      assert.match(denied.message, /is not authorized to perform: dynamodb:ListTagsOfResource on resource: abcd$/);
    });

    test("a deleted table's tags go with it", async () => {
      await client.send(table("gone", { Tags: [{ Key: "a", Value: "b" }] }));
      const goneArn = (await client.send(new DescribeTableCommand({ TableName: "gone" }))).Table.TableArn;
      await client.send(new DeleteTableCommand({ TableName: "gone" }));
      await client.send(table("gone"));
      assert.deepEqual((await client.send(new ListTagsOfResourceCommand({ ResourceArn: goneArn }))).Tags, []);
    });

    test("DescribeLimits and DescribeEndpoints", async () => {
      const limits = await client.send(new DescribeLimitsCommand({}));
      assert.equal(limits.AccountMaxReadCapacityUnits, 80000);
      assert.equal(limits.AccountMaxWriteCapacityUnits, 80000);
      assert.equal(limits.TableMaxReadCapacityUnits, 40000);
      assert.equal(limits.TableMaxWriteCapacityUnits, 40000);
      const { Endpoints } = await client.send(new DescribeEndpointsCommand({}));
      assert.equal(Endpoints.length, 1);
      assert.equal(Endpoints[0].CachePeriodInMinutes, 1440);
      // The HTTP endpoint answers the host:port it listens on; in-process, the default address.
      const endpoint = target.config.endpoint;
      const expected = endpoint === "http://shoaldb.local" ? "localhost:8000" : new URL(endpoint).host;
      assert.equal(Endpoints[0].Address, expected);
    });
  });
}
