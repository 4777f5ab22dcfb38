// ReturnConsumedCapacity (TOTAL, INDEXES) and ReturnItemCollectionMetrics through the AWS SDK v3, over both
// transports: DynamoDB's rounding (1 KB write units, 4 KB read units, eventually consistent reads at half,
// transactions at double) and the per-index breakdown, where an index pays only for the entries a write
// changes (a changed index key is a delete plus a put).
import assert from "node:assert/strict";
import {
  BatchWriteItemCommand,
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from "@aws-sdk/client-dynamodb";
import { after, before, describe, test } from "node:test";
import { rejection, transports } from "./transports.js";

const TABLE = "capacity";
const key = { pk: { S: "p" }, sk: { S: "s" } };

for (const [transport, open] of Object.entries(transports)) {
  describe(`consumed capacity through the AWS SDK v3 via the ${transport}`, () => {
    let target;
    let client;

    before(async () => {
      target = await open();
      client = new DynamoDBClient(target.config);
      // An LSI projecting keys only, a GSI projecting one attribute, a GSI projecting everything.
      await client.send(
        new CreateTableCommand({
          TableName: TABLE,
          BillingMode: "PAY_PER_REQUEST",
          KeySchema: [
            { AttributeName: "pk", KeyType: "HASH" },
            { AttributeName: "sk", KeyType: "RANGE" },
          ],
          AttributeDefinitions: ["pk", "sk", "d", "g", "h"].map((name) => ({ AttributeName: name, AttributeType: "S" })),
          LocalSecondaryIndexes: [
            {
              IndexName: "byD",
              KeySchema: [
                { AttributeName: "pk", KeyType: "HASH" },
                { AttributeName: "d", KeyType: "RANGE" },
              ],
              Projection: { ProjectionType: "KEYS_ONLY" },
            },
          ],
          GlobalSecondaryIndexes: [
            {
              IndexName: "byG",
              KeySchema: [{ AttributeName: "g", KeyType: "HASH" }],
              Projection: { ProjectionType: "INCLUDE", NonKeyAttributes: ["note"] },
            },
            { IndexName: "byH", KeySchema: [{ AttributeName: "h", KeyType: "HASH" }], Projection: { ProjectionType: "ALL" } },
          ],
        }),
      );
    });
    after(() => target.close());

    test("a put and updates of an item with index keys, broken down by index", async () => {
      const put = await client.send(
        new PutItemCommand({
          TableName: TABLE,
          Item: { ...key, d: { S: "d1" }, g: { S: "g1" }, h: { S: "h1" }, note: { S: "n" }, other: { S: "o" } },
          ReturnConsumedCapacity: "INDEXES",
        }),
      );
      assert.deepEqual(put.ConsumedCapacity, {
        TableName: TABLE,
        CapacityUnits: 4,
        WriteCapacityUnits: 4,
        Table: { CapacityUnits: 1, WriteCapacityUnits: 1 },
        LocalSecondaryIndexes: { byD: { CapacityUnits: 1, WriteCapacityUnits: 1 } },
        GlobalSecondaryIndexes: {
          byG: { CapacityUnits: 1, WriteCapacityUnits: 1 },
          byH: { CapacityUnits: 1, WriteCapacityUnits: 1 },
        },
      });
      // A new value of byG's key: a delete and a put there; byH rewrites its full copy; byD is untouched.
      const moved = await client.send(
        new UpdateItemCommand({
          TableName: TABLE,
          Key: key,
          UpdateExpression: "SET g = :g",
          ExpressionAttributeValues: { ":g": { S: "g2" } },
          ReturnConsumedCapacity: "INDEXES",
        }),
      );
      assert.equal(moved.ConsumedCapacity.CapacityUnits, 4);
      assert.deepEqual(moved.ConsumedCapacity.GlobalSecondaryIndexes, {
        byG: { CapacityUnits: 2, WriteCapacityUnits: 2 },
        byH: { CapacityUnits: 1, WriteCapacityUnits: 1 },
      });
      assert.equal(moved.ConsumedCapacity.LocalSecondaryIndexes, undefined);
      // TOTAL: the sum, without the breakdown.
      const total = await client.send(
        new UpdateItemCommand({
          TableName: TABLE,
          Key: key,
          UpdateExpression: "REMOVE d",
          ReturnConsumedCapacity: "TOTAL",
        }),
      );
      assert.deepEqual(total.ConsumedCapacity, { TableName: TABLE, CapacityUnits: 3, WriteCapacityUnits: 3 });
    });

    test("reads: eventually consistent at half, 4 KB units, an index query charged to the index", async () => {
      const item = { pk: { S: "r" }, sk: { S: "1" }, h: { S: "big" }, blob: { S: "x".repeat(6000) } };
      await client.send(new PutItemCommand({ TableName: TABLE, Item: item }));
      const Key = { pk: item.pk, sk: item.sk };
      const get = (ConsistentRead) =>
        client.send(new GetItemCommand({ TableName: TABLE, Key, ConsistentRead, ReturnConsumedCapacity: "TOTAL" }));
      const eventual = await get(false);
      assert.deepEqual(eventual.ConsumedCapacity, { TableName: TABLE, CapacityUnits: 1, ReadCapacityUnits: 1 });
      const strong = await get(true);
      assert.equal(strong.ConsumedCapacity.CapacityUnits, 2);
      const query = await client.send(
        new QueryCommand({
          TableName: TABLE,
          IndexName: "byH",
          KeyConditionExpression: "h = :h",
          ExpressionAttributeValues: { ":h": { S: "big" } },
          ReturnConsumedCapacity: "INDEXES",
        }),
      );
      assert.deepEqual(query.ConsumedCapacity, {
        TableName: TABLE,
        CapacityUnits: 1,
        ReadCapacityUnits: 1,
        Table: { CapacityUnits: 0 },
        GlobalSecondaryIndexes: { byH: { CapacityUnits: 1, ReadCapacityUnits: 1 } },
      });
    });

    test("transactions cost double; batches report per table with their indexes", async () => {
      const tx = await client.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            { Put: { TableName: TABLE, Item: { pk: { S: "t" }, sk: { S: "1" }, g: { S: "gt" } } } },
            {
              ConditionCheck: {
                TableName: TABLE,
                Key: { pk: { S: "t" }, sk: { S: "2" } },
                ConditionExpression: "attribute_not_exists(pk)",
              },
            },
          ],
          ReturnConsumedCapacity: "INDEXES",
        }),
      );
      assert.deepEqual(tx.ConsumedCapacity, [
        {
          TableName: TABLE,
          CapacityUnits: 6,
          ReadCapacityUnits: 2,
          WriteCapacityUnits: 4,
          Table: { CapacityUnits: 4, ReadCapacityUnits: 2, WriteCapacityUnits: 2 },
          GlobalSecondaryIndexes: { byG: { CapacityUnits: 2, WriteCapacityUnits: 2 } },
        },
      ]);
      const batch = await client.send(
        new BatchWriteItemCommand({
          RequestItems: { [TABLE]: [{ PutRequest: { Item: { pk: { S: "b" }, sk: { S: "1" }, h: { S: "hb" } } } }] },
          ReturnConsumedCapacity: "INDEXES",
        }),
      );
      assert.deepEqual(batch.ConsumedCapacity[0].GlobalSecondaryIndexes, {
        byH: { CapacityUnits: 1, WriteCapacityUnits: 1 },
      });
      assert.equal(batch.ConsumedCapacity[0].CapacityUnits, 2);
    });

    test("ReturnItemCollectionMetrics SIZE on single-item writes to a table with a local index", async () => {
      const Item = { pk: { S: "m" }, sk: { S: "1" }, d: { S: "x" } };
      const put = await client.send(new PutItemCommand({ TableName: TABLE, Item, ReturnItemCollectionMetrics: "SIZE" }));
      assert.deepEqual(put.ItemCollectionMetrics, { ItemCollectionKey: { pk: { S: "m" } }, SizeEstimateRangeGB: [0, 1] });
      const error = await rejection(client.send(new PutItemCommand({ TableName: TABLE, Item, ReturnConsumedCapacity: "SOME" })));
      assert.equal(error.name, "ValidationException");
      assert.equal(
        error.message,
        "1 validation error detected: Value 'SOME' at 'returnConsumedCapacity' failed to satisfy constraint: " +
          "Member must satisfy enum value set: [INDEXES, TOTAL, NONE]",
      );
    });
  });
}
