// The official AWS SDK v3 (@aws-sdk/client-dynamodb, @aws-sdk/lib-dynamodb) against ShoalDB, over
// both transports: the in-process request handler and the HTTP endpoint. One suite, run twice.
import assert from "node:assert/strict";
import {
  CreateTableCommand,
  DeleteItemCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  DynamoDBServiceException,
  GetItemCommand,
  ListTablesCommand,
  paginateListTables,
  PutItemCommand,
  ResourceInUseException,
  ResourceNotFoundException,
} from "@aws-sdk/client-dynamodb";
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, NumberValue as SdkNumberValue, PutCommand } from "@aws-sdk/lib-dynamodb";
import { after, before, describe, test } from "node:test";
import { ShoalDB } from "../src/index.js";
import { startServer } from "../src/server/index.js";
import { SDK_OPTIONS, tableInput } from "./helpers.js";

// The SDK warns once per process that its releases from 2027 on need Node 22; the lock file pins
// this one, so the warning is only noise in the test output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

const transports = {
  "in-process request handler": async () => {
    const db = await ShoalDB.open({ storage: "memory" });
    return {
      config: { ...SDK_OPTIONS, endpoint: "http://shoaldb.local", requestHandler: db.requestHandler() },
      close: () => db.close(),
    };
  },
  "HTTP endpoint": async () => {
    const endpoint = await startServer({ port: 0, storage: "memory" });
    return { config: { ...SDK_OPTIONS, region: "eu-west-3", endpoint: endpoint.url }, close: () => endpoint.close() };
  },
};

for (const [transport, open] of Object.entries(transports)) {
  describe(`AWS SDK v3 via the ${transport}`, () => {
    let target;
    let client;
    let doc;

    before(async () => {
      target = await open();
      client = new DynamoDBClient(target.config);
      doc = DynamoDBDocumentClient.from(client);
      await client.send(new CreateTableCommand(tableInput("sdk-items")));
    });
    after(async () => {
      client.destroy();
      await target.close();
    });

    test("CreateTable answers a full TableDescription", async () => {
      const { TableDescription: d, $metadata } = await client.send(new CreateTableCommand(tableInput("sdk-created", { range: true })));
      assert.equal($metadata.httpStatusCode, 200);
      assert.match($metadata.requestId, /^[A-Z0-9]{52}$/);
      assert.equal(d.TableName, "sdk-created");
      assert.equal(d.TableStatus, "ACTIVE");
      assert.deepEqual(d.KeySchema, [
        { AttributeName: "id", KeyType: "HASH" },
        { AttributeName: "sk", KeyType: "RANGE" },
      ]);
      assert.deepEqual(d.AttributeDefinitions, [
        { AttributeName: "id", AttributeType: "S" },
        { AttributeName: "sk", AttributeType: "N" },
      ]);
      assert.ok(d.CreationDateTime instanceof Date);
      assert.ok(Math.abs(d.CreationDateTime.getTime() - Date.now()) < 60_000, "CreationDateTime is now");
      assert.equal(d.ItemCount, 0);
      assert.equal(d.TableSizeBytes, 0);
      assert.match(d.TableArn, /^arn:aws:dynamodb:[^:]+:\d{12}:table\/sdk-created$/);
      assert.match(d.TableId, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      assert.equal(d.BillingModeSummary?.BillingMode, "PAY_PER_REQUEST");
    });

    test("DescribeTable", async () => {
      const { Table } = await client.send(new DescribeTableCommand({ TableName: "sdk-items" }));
      assert.equal(Table.TableName, "sdk-items");
      assert.equal(Table.TableStatus, "ACTIVE");
      assert.deepEqual(Table.KeySchema, [{ AttributeName: "id", KeyType: "HASH" }]);
    });

    test("ListTables pages with Limit and ExclusiveStartTableName", async () => {
      for (const name of ["page-c", "page-a", "page-b"]) await client.send(new CreateTableCommand(tableInput(name)));
      const all = (await client.send(new ListTablesCommand({}))).TableNames;
      assert.deepEqual(all, [...all].sort(), "names come back sorted");
      assert.ok(["page-a", "page-b", "page-c"].every((name) => all.includes(name)));

      const first = await client.send(new ListTablesCommand({ Limit: 2 }));
      assert.deepEqual(first.TableNames, all.slice(0, 2));
      assert.equal(first.LastEvaluatedTableName, all[1]);
      const second = await client.send(new ListTablesCommand({ Limit: 2, ExclusiveStartTableName: first.LastEvaluatedTableName }));
      assert.deepEqual(second.TableNames, all.slice(2, 4));

      const paged = [];
      for await (const page of paginateListTables({ client, pageSize: 1 }, {})) paged.push(...page.TableNames);
      assert.deepEqual(paged, all);
    });

    test("PutItem, GetItem, DeleteItem with ReturnValues ALL_OLD", async () => {
      const Item = { id: { S: "k1" }, n: { N: "1.50" }, b: { B: new Uint8Array([1, 2, 3]) }, l: { L: [{ BOOL: true }, { NULL: true }] } };
      const put = await client.send(new PutItemCommand({ TableName: "sdk-items", Item }));
      assert.equal(put.Attributes, undefined);
      const { Item: got } = await client.send(new GetItemCommand({ TableName: "sdk-items", Key: { id: { S: "k1" } }, ConsistentRead: true }));
      assert.deepEqual(got, { ...Item, n: { N: "1.5" } });
      const { Attributes } = await client.send(
        new DeleteItemCommand({ TableName: "sdk-items", Key: { id: { S: "k1" } }, ReturnValues: "ALL_OLD" }),
      );
      assert.deepEqual(Attributes, got);
      const after = await client.send(new GetItemCommand({ TableName: "sdk-items", Key: { id: { S: "k1" } } }));
      assert.equal(after.Item, undefined);
    });

    test("ResourceNotFoundException is the SDK's modelled class", async () => {
      const error = await client.send(new GetItemCommand({ TableName: "no-such-table", Key: { id: { S: "x" } } })).catch((e) => e);
      assert.ok(error instanceof ResourceNotFoundException, `got ${error?.name}: ${error?.message}`);
      assert.equal(error.name, "ResourceNotFoundException");
      assert.equal(error.$fault, "client");
      assert.equal(error.$metadata.httpStatusCode, 400);
      assert.ok(error.message.length > 0);
    });

    test("ResourceInUseException for a table that exists", async () => {
      const error = await client.send(new CreateTableCommand(tableInput("sdk-items"))).catch((e) => e);
      assert.ok(error instanceof ResourceInUseException, `got ${error?.name}: ${error?.message}`);
      assert.equal(error.name, "ResourceInUseException");
    });

    test("ValidationException for a missing key and a wrong key type", async () => {
      const missing = await client.send(new PutItemCommand({ TableName: "sdk-items", Item: { other: { S: "x" } } })).catch((e) => e);
      assert.ok(missing instanceof DynamoDBServiceException);
      assert.equal(missing.name, "ValidationException");
      assert.equal(missing.$metadata.httpStatusCode, 400);
      assert.match(missing.message, /key/i);
      const wrongType = await client.send(new GetItemCommand({ TableName: "sdk-items", Key: { id: { N: "1" } } })).catch((e) => e);
      assert.equal(wrongType.name, "ValidationException");
      assert.match(wrongType.message, /key/i);
    });

    test("DeleteTable, then the table is gone", async () => {
      await client.send(new CreateTableCommand(tableInput("sdk-doomed")));
      const { TableDescription } = await client.send(new DeleteTableCommand({ TableName: "sdk-doomed" }));
      assert.equal(TableDescription.TableName, "sdk-doomed");
      await assert.rejects(client.send(new DescribeTableCommand({ TableName: "sdk-doomed" })), ResourceNotFoundException);
    });

    test("DynamoDBDocumentClient: put, get, delete on plain JS values", async () => {
      const item = {
        id: "doc-1",
        count: 3,
        tags: new Set(["a", "b"]),
        big: new SdkNumberValue("12345678901234567890"),
        nested: { list: [1, "two", null] },
      };
      await doc.send(new PutCommand({ TableName: "sdk-items", Item: item }));
      const { Item } = await doc.send(new GetCommand({ TableName: "sdk-items", Key: { id: "doc-1" } }));
      assert.equal(Item.count, 3);
      assert.deepEqual(Item.tags, new Set(["a", "b"]));
      assert.deepEqual(Item.nested, { list: [1, "two", null] });
      assert.equal(Item.big.toString(), "12345678901234567890");
      const { Attributes } = await doc.send(new DeleteCommand({ TableName: "sdk-items", Key: { id: "doc-1" }, ReturnValues: "ALL_OLD" }));
      assert.equal(Attributes.id, "doc-1");
    });
  });
}
