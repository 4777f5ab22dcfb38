// BatchGetItem, BatchWriteItem, TransactWriteItems and TransactGetItems through the official
// AWS SDK v3 (@aws-sdk/client-dynamodb and @aws-sdk/lib-dynamodb) against the engine, over the
// in-process request handler and the HTTP endpoint, and through ShoalDB's own document API.
import assert from "node:assert/strict";
import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  CreateTableCommand,
  DynamoDBClient,
  DynamoDBServiceException,
  GetItemCommand,
  IdempotentParameterMismatchException,
  PutItemCommand,
  ResourceNotFoundException,
  TransactGetItemsCommand,
  TransactWriteItemsCommand,
  TransactionCanceledException,
} from "@aws-sdk/client-dynamodb";
import {
  BatchGetCommand,
  BatchWriteCommand,
  DynamoDBDocumentClient,
  TransactGetCommand,
  TransactWriteCommand,
} from "@aws-sdk/lib-dynamodb";
import { after, before, describe, test } from "node:test";
import { ShoalDB } from "../src/index.js";
import { startServer } from "../src/server/index.js";
import { SDK_OPTIONS, tableInput } from "./helpers.js";

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
    return { config: { ...SDK_OPTIONS, endpoint: endpoint.url }, close: () => endpoint.close() };
  },
};

const key = (id) => ({ id: { S: id } });

for (const [transport, open] of Object.entries(transports)) {
  describe(`batches and transactions via the ${transport}`, () => {
    let target;
    let client;
    let doc;

    const getItem = async (TableName, id) =>
      (await client.send(new GetItemCommand({ TableName, Key: key(id), ConsistentRead: true }))).Item;

    before(async () => {
      target = await open();
      client = new DynamoDBClient(target.config);
      doc = DynamoDBDocumentClient.from(client);
      await client.send(new CreateTableCommand(tableInput("bt-users")));
      await client.send(new CreateTableCommand(tableInput("bt-orders", { range: true })));
    });
    after(async () => {
      client.destroy();
      await target.close();
    });

    test("BatchWriteItem over two tables, then BatchGetItem reads them back", async () => {
      const write = await client.send(
        new BatchWriteItemCommand({
          RequestItems: {
            "bt-users": [
              { PutRequest: { Item: { ...key("u1"), name: { S: "Ann" }, age: { N: "31" } } } },
              { PutRequest: { Item: { ...key("u2"), name: { S: "Bo" } } } },
            ],
            "bt-orders": [{ PutRequest: { Item: { ...key("u1"), sk: { N: "1" }, total: { N: "9.5" } } } }],
          },
          ReturnConsumedCapacity: "TOTAL",
        }),
      );
      assert.deepEqual(write.UnprocessedItems, {});
      assert.deepEqual(
        write.ConsumedCapacity.map((c) => [c.TableName, c.CapacityUnits]),
        [
          ["bt-users", 2],
          ["bt-orders", 1],
        ],
      );

      const read = await client.send(
        new BatchGetItemCommand({
          RequestItems: {
            "bt-users": { Keys: [key("u1"), key("nobody"), key("u2")], ProjectionExpression: "#n", ExpressionAttributeNames: { "#n": "name" } },
            "bt-orders": { Keys: [{ ...key("u1"), sk: { N: "1" } }], ConsistentRead: true },
          },
        }),
      );
      assert.deepEqual(read.Responses["bt-users"].map((i) => i.name.S).sort(), ["Ann", "Bo"]);
      assert.deepEqual(read.Responses["bt-orders"], [{ ...key("u1"), sk: { N: "1" }, total: { N: "9.5" } }]);
      assert.deepEqual(read.UnprocessedKeys, {});

      const del = await client.send(new BatchWriteItemCommand({ RequestItems: { "bt-users": [{ DeleteRequest: { Key: key("u2") } }] } }));
      assert.deepEqual(del.UnprocessedItems, {});
      assert.equal(await getItem("bt-users", "u2"), undefined);
    });

    test("batch validation errors are the SDK's modelled exceptions", async () => {
      const keys = Array.from({ length: 101 }, (_, i) => key(`k${i}`));
      const tooMany = await client.send(new BatchGetItemCommand({ RequestItems: { "bt-users": { Keys: keys } } })).catch((e) => e);
      assert.ok(tooMany instanceof DynamoDBServiceException);
      assert.equal(tooMany.name, "ValidationException");
      assert.match(tooMany.message, /Member must have length less than or equal to 100$/);

      const puts = Array.from({ length: 26 }, (_, i) => ({ PutRequest: { Item: key(`p${i}`) } }));
      const tooManyWrites = await client.send(new BatchWriteItemCommand({ RequestItems: { "bt-users": puts } })).catch((e) => e);
      assert.equal(tooManyWrites.name, "ValidationException");
      assert.match(tooManyWrites.message, /less than or equal to 25/);
      assert.equal(await getItem("bt-users", "p0"), undefined);

      const dup = await client
        .send(new BatchWriteItemCommand({ RequestItems: { "bt-users": [{ PutRequest: { Item: key("d") } }, { DeleteRequest: { Key: key("d") } }] } }))
        .catch((e) => e);
      assert.equal(dup.message, "Provided list of item keys contains duplicates");

      const missing = await client
        .send(new BatchGetItemCommand({ RequestItems: { "bt-nowhere": { Keys: [key("a")] } } }))
        .catch((e) => e);
      assert.ok(missing instanceof ResourceNotFoundException);
    });

    test("lib-dynamodb BatchWrite and BatchGet on plain JS values", async () => {
      await doc.send(
        new BatchWriteCommand({
          RequestItems: {
            "bt-users": [{ PutRequest: { Item: { id: "doc1", tags: new Set(["a", "b"]), n: 7 } } }],
            "bt-orders": [{ PutRequest: { Item: { id: "doc1", sk: 2, note: "hi" } } }],
          },
        }),
      );
      const { Responses, UnprocessedKeys } = await doc.send(
        new BatchGetCommand({ RequestItems: { "bt-users": { Keys: [{ id: "doc1" }] }, "bt-orders": { Keys: [{ id: "doc1", sk: 2 }] } } }),
      );
      assert.deepEqual(Responses["bt-users"], [{ id: "doc1", tags: new Set(["a", "b"]), n: 7 }]);
      assert.deepEqual(Responses["bt-orders"], [{ id: "doc1", sk: 2, note: "hi" }]);
      assert.deepEqual(UnprocessedKeys, {});
    });

    test("TransactWriteItems commits every action, TransactGetItems reads in order", async () => {
      await client.send(new PutItemCommand({ TableName: "bt-users", Item: { ...key("alice"), balance: { N: "100" } } }));
      await client.send(new PutItemCommand({ TableName: "bt-users", Item: { ...key("bob"), balance: { N: "5" } } }));
      const out = await client.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            {
              Update: {
                TableName: "bt-users",
                Key: key("alice"),
                UpdateExpression: "SET balance = balance - :a",
                ConditionExpression: "balance >= :a",
                ExpressionAttributeValues: { ":a": { N: "30" } },
              },
            },
            { Update: { TableName: "bt-users", Key: key("bob"), UpdateExpression: "SET balance = balance + :a", ExpressionAttributeValues: { ":a": { N: "30" } } } },
            { Put: { TableName: "bt-orders", Item: { ...key("alice"), sk: { N: "10" }, what: { S: "transfer" } } } },
            { ConditionCheck: { TableName: "bt-users", Key: key("carol"), ConditionExpression: "attribute_not_exists(id)" } },
          ],
          ReturnConsumedCapacity: "TOTAL",
        }),
      );
      assert.deepEqual(
        out.ConsumedCapacity.map((c) => [c.TableName, c.CapacityUnits]),
        [
          ["bt-users", 6],
          ["bt-orders", 2],
        ],
      );
      const got = await client.send(
        new TransactGetItemsCommand({
          TransactItems: [
            { Get: { TableName: "bt-users", Key: key("alice"), ProjectionExpression: "balance" } },
            { Get: { TableName: "bt-users", Key: key("nobody") } },
            { Get: { TableName: "bt-users", Key: key("bob") } },
          ],
        }),
      );
      assert.equal(got.Responses.length, 3);
      assert.deepEqual(got.Responses[0].Item, { balance: { N: "70" } });
      assert.equal(got.Responses[1].Item, undefined);
      assert.equal(got.Responses[2].Item.balance.N, "35");
    });

    test("a failed condition surfaces as TransactionCanceledException with CancellationReasons, and nothing is written", async () => {
      await client.send(new PutItemCommand({ TableName: "bt-users", Item: { ...key("locked"), state: { S: "locked" } } }));
      const error = await client
        .send(
          new TransactWriteItemsCommand({
            TransactItems: [
              { Put: { TableName: "bt-users", Item: { ...key("fresh") } } },
              {
                Update: {
                  TableName: "bt-users",
                  Key: key("locked"),
                  UpdateExpression: "SET #s = :open",
                  ConditionExpression: "#s = :open",
                  ExpressionAttributeNames: { "#s": "state" },
                  ExpressionAttributeValues: { ":open": { S: "open" } },
                  ReturnValuesOnConditionCheckFailure: "ALL_OLD",
                },
              },
              { Delete: { TableName: "bt-users", Key: key("alice") } },
            ],
          }),
        )
        .catch((e) => e);
      assert.ok(error instanceof TransactionCanceledException, `got ${error?.name}: ${error?.message}`);
      assert.equal(error.name, "TransactionCanceledException");
      assert.equal(error.$metadata.httpStatusCode, 400);
      assert.equal(error.message, "Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed, None]");
      assert.deepEqual(error.CancellationReasons, [
        { Code: "None" },
        { Code: "ConditionalCheckFailed", Message: "The conditional request failed", Item: { ...key("locked"), state: { S: "locked" } } },
        { Code: "None" },
      ]);
      assert.equal(await getItem("bt-users", "fresh"), undefined);
      assert.ok(await getItem("bt-users", "alice"));
    });

    test("transaction validation: one item at most once, 100 actions at most", async () => {
      const dup = await client
        .send(new TransactWriteItemsCommand({ TransactItems: [{ Put: { TableName: "bt-users", Item: key("x") } }, { Delete: { TableName: "bt-users", Key: key("x") } }] }))
        .catch((e) => e);
      assert.equal(dup.name, "ValidationException");
      assert.equal(dup.message, "Transaction request cannot include multiple operations on one item");
      const many = Array.from({ length: 101 }, (_, i) => ({ Put: { TableName: "bt-users", Item: key(`t${i}`) } }));
      const tooMany = await client.send(new TransactWriteItemsCommand({ TransactItems: many })).catch((e) => e);
      assert.equal(tooMany.name, "ValidationException");
      assert.match(tooMany.message, /less than or equal to 100$/);
      await client.send(new TransactWriteItemsCommand({ TransactItems: many.slice(0, 100) }));
      assert.ok(await getItem("bt-users", "t99"));
    });

    test("ClientRequestToken: a retry is not applied twice; another request with the token is refused", async () => {
      const request = {
        ClientRequestToken: `token-${transport.length}`,
        TransactItems: [{ Update: { TableName: "bt-users", Key: key("visits"), UpdateExpression: "ADD n :one", ExpressionAttributeValues: { ":one": { N: "1" } } } }],
      };
      await client.send(new TransactWriteItemsCommand(request));
      await client.send(new TransactWriteItemsCommand(request));
      assert.equal((await getItem("bt-users", "visits")).n.N, "1");
      const error = await client
        .send(new TransactWriteItemsCommand({ ...request, TransactItems: [{ Put: { TableName: "bt-users", Item: key("other") } }] }))
        .catch((e) => e);
      assert.ok(error instanceof IdempotentParameterMismatchException, `got ${error?.name}: ${error?.message}`);
      assert.ok(error.message.length > 0);
      assert.equal(await getItem("bt-users", "other"), undefined);
    });

    test("lib-dynamodb TransactWrite and TransactGet", async () => {
      await doc.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: "bt-users", Item: { id: "doc-tx", list: [1, "two"], flag: true } } },
            { Put: { TableName: "bt-orders", Item: { id: "doc-tx", sk: 1 }, ConditionExpression: "attribute_not_exists(id)" } },
          ],
        }),
      );
      const { Responses } = await doc.send(
        new TransactGetCommand({
          TransactItems: [{ Get: { TableName: "bt-users", Key: { id: "doc-tx" } } }, { Get: { TableName: "bt-orders", Key: { id: "doc-tx", sk: 1 } } }],
        }),
      );
      assert.deepEqual(Responses.map((r) => r.Item), [
        { id: "doc-tx", list: [1, "two"], flag: true },
        { id: "doc-tx", sk: 1 },
      ]);
      const error = await doc
        .send(new TransactWriteCommand({ TransactItems: [{ Put: { TableName: "bt-orders", Item: { id: "doc-tx", sk: 1 }, ConditionExpression: "attribute_not_exists(id)" } }] }))
        .catch((e) => e);
      assert.ok(error instanceof TransactionCanceledException);
      assert.deepEqual(error.CancellationReasons.map((r) => r.Code), ["ConditionalCheckFailed"]);
    });
  });
}

describe("batches and transactions through ShoalDB's document API", () => {
  let db;
  before(async () => {
    db = await ShoalDB.open({ storage: "memory" });
    await db.execute("CreateTable", tableInput("doc-tx"));
  });
  after(() => db.close());

  test("transactWrite, transactGet, batchWrite, batchGet on plain values", async () => {
    await db.transactWrite({ TransactItems: [{ Put: { TableName: "doc-tx", Item: { id: "a", n: 1 } } }, { Put: { TableName: "doc-tx", Item: { id: "b", n: 2 } } }] });
    const { Responses } = await db.transactGet({ TransactItems: [{ Get: { TableName: "doc-tx", Key: { id: "b" } } }, { Get: { TableName: "doc-tx", Key: { id: "zz" } } }] });
    assert.deepEqual(Responses, [{ Item: { id: "b", n: 2 } }, {}]);
    await db.batchWrite({ RequestItems: { "doc-tx": [{ DeleteRequest: { Key: { id: "a" } } }, { PutRequest: { Item: { id: "c", s: "x" } } }] } });
    const got = await db.batchGet({ RequestItems: { "doc-tx": { Keys: [{ id: "a" }, { id: "c" }] } } });
    assert.deepEqual(got.Responses["doc-tx"], [{ id: "c", s: "x" }]);
  });

  test("a cancelled transaction throws with CancellationReasons, the old item as plain values", async () => {
    const error = await db
      .transactWrite({
        TransactItems: [
          { ConditionCheck: { TableName: "doc-tx", Key: { id: "b" }, ConditionExpression: "n > :v", ExpressionAttributeValues: { ":v": 5 }, ReturnValuesOnConditionCheckFailure: "ALL_OLD" } },
          { Put: { TableName: "doc-tx", Item: { id: "d" } } },
        ],
      })
      .catch((e) => e);
    assert.equal(error.name, "TransactionCanceledException");
    assert.match(error.message, /\[ConditionalCheckFailed, None\]$/);
    assert.deepEqual(error.CancellationReasons, [
      { Code: "ConditionalCheckFailed", Message: "The conditional request failed", Item: { id: "b", n: 2 } },
      { Code: "None" },
    ]);
    const { Item } = await db.get({ TableName: "doc-tx", Key: { id: "d" } });
    assert.equal(Item, undefined);
  });
});
