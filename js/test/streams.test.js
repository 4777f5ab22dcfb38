// Change streams from JS: db.subscribe, and DynamoDB Streams through the official
// @aws-sdk/client-dynamodb-streams over both transports (the in-process request handler and the
// HTTP endpoint), plus UpdateTimeToLive through @aws-sdk/client-dynamodb.
import assert from "node:assert/strict";
import {
  CreateTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  PutItemCommand,
  UpdateItemCommand,
  UpdateTimeToLiveCommand,
} from "@aws-sdk/client-dynamodb";
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListStreamsCommand,
  ResourceNotFoundException,
} from "@aws-sdk/client-dynamodb-streams";
import { after, before, describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { ShoalDB } from "../src/index.js";
import { startServer } from "../src/server/index.js";
import { SDK_OPTIONS, tableInput } from "./helpers.js";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

const withStream = (name, viewType = "NEW_AND_OLD_IMAGES") => ({
  ...tableInput(name),
  StreamSpecification: { StreamEnabled: true, StreamViewType: viewType },
});

describe("db.subscribe", () => {
  let db;
  before(async () => {
    db = await ShoalDB.open();
  });
  after(() => db.close());

  test("hands each change in document form and as the raw record, until unsubscribed", async () => {
    await db.createTable(tableInput("Plain")); // no stream needed
    const seen = [];
    const off = db.subscribe("Plain", (change, record) => seen.push({ change, record }));
    await db.put({ TableName: "Plain", Item: { id: "a", n: 1, tags: new Set(["x"]) } });
    assert.equal(seen.length, 1, "delivered before the write's promise settles");
    await db.put({ TableName: "Plain", Item: { id: "a", n: 1, tags: new Set(["x"]) } }); // identical: no change
    await db.update({ TableName: "Plain", Key: { id: "a" }, UpdateExpression: "SET n = n + :one", ExpressionAttributeValues: { ":one": 1 } });
    await db.delete({ TableName: "Plain", Key: { id: "a" } });
    await db.delete({ TableName: "Plain", Key: { id: "a" } }); // absent: no change
    assert.deepEqual(
      seen.map((s) => s.change.eventName),
      ["INSERT", "MODIFY", "REMOVE"],
    );
    const [insert, modify, remove] = seen.map((s) => s.change);
    assert.equal(insert.table, "Plain");
    assert.deepEqual(insert.keys, { id: "a" });
    assert.deepEqual(insert.newImage, { id: "a", n: 1, tags: new Set(["x"]) });
    assert.equal(insert.oldImage, undefined);
    assert.ok(insert.approximateCreationDateTime instanceof Date);
    assert.match(insert.sequenceNumber, /^\d{21,}$/);
    assert.equal(modify.oldImage.n, 1);
    assert.equal(modify.newImage.n, 2);
    assert.deepEqual(remove.oldImage, { id: "a", n: 2, tags: new Set(["x"]) });
    assert.equal(remove.newImage, undefined);
    assert.ok(BigInt(insert.sequenceNumber) < BigInt(modify.sequenceNumber));
    assert.ok(BigInt(modify.sequenceNumber) < BigInt(remove.sequenceNumber));

    const raw = seen[0].record;
    assert.equal(raw.eventName, "INSERT");
    assert.equal(raw.eventSource, "aws:dynamodb");
    assert.equal(raw.eventVersion, "1.1");
    assert.deepEqual(raw.dynamodb.Keys, { id: { S: "a" } });
    assert.deepEqual(raw.dynamodb.NewImage.tags, { SS: ["x"] });
    assert.equal(raw.dynamodb.StreamViewType, "NEW_AND_OLD_IMAGES");

    off();
    off(); // twice is harmless
    await db.put({ TableName: "Plain", Item: { id: "b" } });
    assert.equal(seen.length, 3);
  });

  test("several handlers, per table, and through every API of this db", async () => {
    await db.createTable(withStream("Multi", "KEYS_ONLY"));
    await db.createTable(tableInput("Elsewhere"));
    const first = [];
    const second = [];
    const offFirst = db.subscribe("Multi", (c) => first.push(c));
    const offSecond = db.subscribe("Multi", (c) => second.push(c));
    await db.put({ TableName: "Elsewhere", Item: { id: "x" } });
    await db.batchWrite({ RequestItems: { Multi: [{ PutRequest: { Item: { id: "1" } } }, { PutRequest: { Item: { id: "2" } } }] } });
    await db.transactWrite({ TransactItems: [{ Delete: { TableName: "Multi", Key: { id: "1" } } }] });
    await db.executeRaw("PutItem", JSON.stringify({ TableName: "Multi", Item: { id: { S: "3" }, v: { N: "7" } } }));
    const client = new DynamoDBClient({ ...SDK_OPTIONS, endpoint: "http://shoaldb.local", requestHandler: db.requestHandler() });
    await client.send(new PutItemCommand({ TableName: "Multi", Item: { id: { S: "4" } } }));
    assert.deepEqual(
      first.map((c) => `${c.eventName} ${c.keys.id}`),
      ["INSERT 1", "INSERT 2", "REMOVE 1", "INSERT 3", "INSERT 4"],
    );
    assert.deepEqual(second, first);
    // Both images even though the table's stream keeps KEYS_ONLY.
    assert.equal(first[3].newImage.v, 7);
    offFirst();
    offSecond();
    await db.put({ TableName: "Multi", Item: { id: "5" } });
    assert.equal(first.length, 5);
  });

  test("a handler may unsubscribe while changes are delivered", async () => {
    await db.createTable(tableInput("Once"));
    const seen = [];
    const off = db.subscribe("Once", (c) => {
      seen.push(c.keys.id);
      off();
    });
    await db.batchWrite({ RequestItems: { Once: [{ PutRequest: { Item: { id: "1" } } }, { PutRequest: { Item: { id: "2" } } }] } });
    assert.deepEqual(seen, ["1"]);
  });

  test("refuses bad arguments", async () => {
    assert.throws(() => db.subscribe("", () => {}), TypeError);
    assert.throws(() => db.subscribe("T", "nope"), TypeError);
    const closed = await ShoalDB.open();
    await closed.close();
    assert.throws(() => closed.subscribe("T", () => {}), /closed/);
  });

  test("expired items vanish from reads at once and are deleted by the service", async () => {
    const client = new DynamoDBClient({ ...SDK_OPTIONS, endpoint: "http://shoaldb.local", requestHandler: db.requestHandler() });
    await db.createTable(tableInput("Ttl"));
    const update = await client.send(
      new UpdateTimeToLiveCommand({ TableName: "Ttl", TimeToLiveSpecification: { Enabled: true, AttributeName: "expires" } }),
    );
    assert.deepEqual(update.TimeToLiveSpecification, { Enabled: true, AttributeName: "expires" });
    const described = await client.send(new DescribeTimeToLiveCommand({ TableName: "Ttl" }));
    assert.deepEqual(described.TimeToLiveDescription, { TimeToLiveStatus: "ENABLED", AttributeName: "expires" });
    await assert.rejects(
      client.send(new UpdateTimeToLiveCommand({ TableName: "Ttl", TimeToLiveSpecification: { Enabled: true, AttributeName: "expires" } })),
      (e) => e.name === "ValidationException" && e.message === "TimeToLive is already enabled",
    );

    const seen = [];
    const off = db.subscribe("Ttl", (c) => seen.push(c));
    const now = Math.floor(Date.now() / 1000);
    await db.put({ TableName: "Ttl", Item: { id: "gone", expires: now - 60 } });
    await db.put({ TableName: "Ttl", Item: { id: "kept", expires: now + 3600 } });
    assert.equal((await db.get({ TableName: "Ttl", Key: { id: "gone" } })).Item, undefined);
    assert.equal((await db.scan({ TableName: "Ttl" })).Count, 1);
    // The engine sweeps at most once a second of engine time; any request then runs it.
    await sleep(1100);
    await db.get({ TableName: "Ttl", Key: { id: "kept" } });
    const removal = seen.find((c) => c.eventName === "REMOVE");
    assert.ok(removal, "the sweep's deletion reaches subscribers");
    assert.deepEqual(removal.keys, { id: "gone" });
    assert.deepEqual(removal.userIdentity, { principalId: "dynamodb.amazonaws.com", type: "Service" });
    assert.equal(removal.oldImage.expires, now - 60);
    const table = await db.describeTable({ TableName: "Ttl" });
    assert.equal(table.Table.ItemCount, 1);
    off();
  });
});

const transports = {
  "in-process request handler": async () => {
    const db = await ShoalDB.open();
    const config = { ...SDK_OPTIONS, endpoint: "http://shoaldb.local", requestHandler: db.requestHandler() };
    return { config, close: () => db.close() };
  },
  "HTTP endpoint": async () => {
    const endpoint = await startServer({ port: 0 });
    return { config: { ...SDK_OPTIONS, endpoint: endpoint.url }, close: () => endpoint.close() };
  },
};

for (const [name, open] of Object.entries(transports)) {
  describe(`@aws-sdk/client-dynamodb-streams, ${name}`, () => {
    let transport;
    let dynamodb;
    let streams;
    before(async () => {
      transport = await open();
      dynamodb = new DynamoDBClient(transport.config);
      streams = new DynamoDBStreamsClient(transport.config);
    });
    after(() => transport.close());

    test("ListStreams, DescribeStream, GetShardIterator and GetRecords read every change", async () => {
      const { TableDescription } = await dynamodb.send(new CreateTableCommand(withStream("Orders")));
      const arn = TableDescription.LatestStreamArn;
      const listed = await streams.send(new ListStreamsCommand({ TableName: "Orders" }));
      assert.deepEqual(listed.Streams, [{ StreamArn: arn, TableName: "Orders", StreamLabel: TableDescription.LatestStreamLabel }]);

      const { StreamDescription: desc } = await streams.send(new DescribeStreamCommand({ StreamArn: arn }));
      assert.equal(desc.StreamStatus, "ENABLED");
      assert.equal(desc.StreamViewType, "NEW_AND_OLD_IMAGES");
      assert.equal(desc.TableName, "Orders");
      assert.deepEqual(desc.KeySchema, [{ AttributeName: "id", KeyType: "HASH" }]);
      assert.ok(desc.CreationRequestDateTime instanceof Date);
      assert.equal(desc.Shards.length, 1);
      const shard = desc.Shards[0];
      assert.match(shard.SequenceNumberRange.StartingSequenceNumber, /^\d{21,}$/);

      const latest = await streams.send(
        new GetShardIteratorCommand({ StreamArn: arn, ShardId: shard.ShardId, ShardIteratorType: "LATEST" }),
      );
      await dynamodb.send(new PutItemCommand({ TableName: "Orders", Item: { id: { S: "o1" }, amount: { N: "10" } } }));
      await dynamodb.send(
        new UpdateItemCommand({
          TableName: "Orders",
          Key: { id: { S: "o1" } },
          UpdateExpression: "SET amount = :t",
          ExpressionAttributeValues: { ":t": { N: "12" } },
        }),
      );

      const page = await streams.send(new GetRecordsCommand({ ShardIterator: latest.ShardIterator }));
      assert.deepEqual(
        page.Records.map((r) => r.eventName),
        ["INSERT", "MODIFY"],
      );
      const [insert, modify] = page.Records;
      assert.equal(insert.eventSource, "aws:dynamodb");
      assert.ok(insert.dynamodb.ApproximateCreationDateTime instanceof Date);
      assert.deepEqual(insert.dynamodb.Keys, { id: { S: "o1" } });
      assert.deepEqual(modify.dynamodb.OldImage, { id: { S: "o1" }, amount: { N: "10" } });
      assert.deepEqual(modify.dynamodb.NewImage, { id: { S: "o1" }, amount: { N: "12" } });
      assert.ok(BigInt(insert.dynamodb.SequenceNumber) < BigInt(modify.dynamodb.SequenceNumber));
      assert.ok(page.NextShardIterator);
      const empty = await streams.send(new GetRecordsCommand({ ShardIterator: page.NextShardIterator }));
      assert.deepEqual(empty.Records, []);

      const at = await streams.send(
        new GetShardIteratorCommand({
          StreamArn: arn,
          ShardId: shard.ShardId,
          ShardIteratorType: "AT_SEQUENCE_NUMBER",
          SequenceNumber: modify.dynamodb.SequenceNumber,
        }),
      );
      assert.deepEqual(
        (await streams.send(new GetRecordsCommand({ ShardIterator: at.ShardIterator }))).Records.map((r) => r.eventName),
        ["MODIFY"],
      );
      const afterInsert = await streams.send(
        new GetShardIteratorCommand({
          StreamArn: arn,
          ShardId: shard.ShardId,
          ShardIteratorType: "AFTER_SEQUENCE_NUMBER",
          SequenceNumber: insert.dynamodb.SequenceNumber,
        }),
      );
      assert.equal((await streams.send(new GetRecordsCommand({ ShardIterator: afterInsert.ShardIterator }))).Records.length, 1);
      const horizon = await streams.send(
        new GetShardIteratorCommand({ StreamArn: arn, ShardId: shard.ShardId, ShardIteratorType: "TRIM_HORIZON" }),
      );
      const limited = await streams.send(new GetRecordsCommand({ ShardIterator: horizon.ShardIterator, Limit: 1 }));
      assert.equal(limited.Records.length, 1);
      assert.equal(limited.Records[0].eventName, "INSERT");
    });

    test("errors are DynamoDB Streams' own", async () => {
      const missing = "arn:aws:dynamodb:ddblocal:000000000000:table/Nope/stream/2024-01-01T00:00:00.000";
      await assert.rejects(streams.send(new DescribeStreamCommand({ StreamArn: missing })), (e) => {
        assert.ok(e instanceof ResourceNotFoundException);
        assert.equal(e.message, `Requested resource not found: Stream: ${missing} not found`);
        return true;
      });
      await assert.rejects(streams.send(new GetRecordsCommand({ ShardIterator: "not-an-iterator" })), {
        name: "ValidationException",
        message: "Invalid ShardIterator",
      });
    });
  });
}
