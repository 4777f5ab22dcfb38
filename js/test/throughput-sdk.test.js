// Throughput emulation through the AWS SDK v3 (ShoalDB.open({ throughputEmulation: true }) and the HTTP
// endpoint's option behind `shoaldb serve --emulate-throughput`): a PROVISIONED table past its capacity
// answers ProvisionedThroughputExceededException, as DynamoDB does, so an app's retry logic can be tested;
// the SDK's own retries get every write through once the token bucket refills. Off by default.
import assert from "node:assert/strict";
import {
  BatchWriteItemCommand,
  CreateTableCommand,
  DynamoDBClient,
  ProvisionedThroughputExceededException,
  PutItemCommand,
  ScanCommand,
} from "@aws-sdk/client-dynamodb";
import { after, before, describe, test } from "node:test";
import { parseFlags } from "../src/cli/args.js";
import { SERVE_FLAGS, serverOptions } from "../src/cli/serve.js";
import { ShoalDB } from "../src/index.js";
import { startServer } from "../src/server/index.js";
import { SDK_OPTIONS } from "./helpers.js";
import { rejection } from "./transports.js";

const openers = {
  "in-process request handler": async (throughputEmulation) => {
    const db = await ShoalDB.open({ storage: "memory", throughputEmulation });
    const config = { ...SDK_OPTIONS, endpoint: "http://shoaldb.local", requestHandler: db.requestHandler() };
    return { config, close: () => db.close() };
  },
  "HTTP endpoint": async (throughputEmulation) => {
    const endpoint = await startServer({ port: 0, host: "127.0.0.1", storage: "memory", throughputEmulation });
    return { config: { ...SDK_OPTIONS, endpoint: endpoint.url }, close: () => endpoint.close() };
  },
};

function provisioned(TableName, read, write) {
  return new CreateTableCommand({
    TableName,
    KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
    AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
    ProvisionedThroughput: { ReadCapacityUnits: read, WriteCapacityUnits: write },
  });
}

const put = (TableName, id) => new PutItemCommand({ TableName, Item: { id: { S: id } } });

for (const [transport, open] of Object.entries(openers)) {
  describe(`throughput emulation through the AWS SDK v3 via the ${transport}`, () => {
    let off;
    let on;

    before(async () => {
      off = await open(undefined);
      on = await open(true);
    });
    after(async () => {
      await off.close();
      await on.close();
    });

    test("off by default: a 1-unit table takes a burst of writes", async () => {
      const client = new DynamoDBClient(off.config);
      await client.send(provisioned("free", 1, 1));
      await Promise.all(Array.from({ length: 30 }, (_, i) => client.send(put("free", `k${i}`))));
      const { Count } = await client.send(new ScanCommand({ TableName: "free", Select: "COUNT" }));
      assert.equal(Count, 30);
    });

    test("on: past its write capacity a table answers ProvisionedThroughputExceededException", async () => {
      const client = new DynamoDBClient(on.config); // maxAttempts 1: no retries
      await client.send(provisioned("tight", 5, 3));
      let throttled;
      for (let i = 0; i < 20 && !throttled; i++) {
        throttled = await client.send(put("tight", `k${i}`)).then(
          () => undefined,
          (error) => error,
        );
      }
      assert.ok(throttled instanceof ProvisionedThroughputExceededException, `got ${throttled?.name}: ${throttled?.message}`);
      assert.equal(
        throttled.message,
        "The level of configured provisioned throughput for the table was exceeded. " +
          "Consider increasing your provisioning level with the UpdateTable API.",
      );
      assert.equal(throttled.$metadata.httpStatusCode, 400);
      assert.equal(throttled.ThrottlingReasons[0].reason, "TableWriteProvisionedThroughputExceeded");
      assert.match(throttled.ThrottlingReasons[0].resource, /:table\/tight$/);

      // A batch whose every write is throttled fails as a whole; one partly processed returns the rest.
      const batch = new BatchWriteItemCommand({ RequestItems: { tight: [{ PutRequest: { Item: { id: { S: "b" } } } }] } });
      const refused = await rejection(client.send(batch));
      assert.equal(refused.name, "ProvisionedThroughputExceededException");
    });

    test("on: the SDK's retries get every write through as the bucket refills", async () => {
      const client = new DynamoDBClient({ ...on.config, maxAttempts: 12 });
      await client.send(provisioned("retried", 5, 10));
      const results = await Promise.all(Array.from({ length: 25 }, (_, i) => client.send(put("retried", `k${i}`))));
      const attempts = results.map((r) => r.$metadata.attempts);
      assert.ok(attempts.some((n) => n > 1), `some write was retried (attempts: ${attempts.join(",")})`);
      const scan = new ScanCommand({ TableName: "retried", Select: "COUNT", ConsistentRead: true });
      const { Count } = await client.send(scan);
      assert.equal(Count, 25);
    });

    test("on: on-demand tables are never throttled", async () => {
      const client = new DynamoDBClient(on.config);
      await client.send(
        new CreateTableCommand({
          TableName: "ondemand",
          KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
          AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
          BillingMode: "PAY_PER_REQUEST",
        }),
      );
      await Promise.all(Array.from({ length: 50 }, (_, i) => client.send(put("ondemand", `k${i}`))));
    });
  });
}

describe("turning throughput emulation on", () => {
  test("`shoaldb serve --emulate-throughput` passes the option to the endpoint; off without it", () => {
    assert.equal(serverOptions(parseFlags(SERVE_FLAGS, ["--emulate-throughput"])).throughputEmulation, true);
    assert.equal(serverOptions(parseFlags(SERVE_FLAGS, [])).throughputEmulation, undefined);
  });

  test("ShoalDB.open refuses a throughputEmulation that is not a boolean", async () => {
    await assert.rejects(ShoalDB.open({ storage: "memory", throughputEmulation: "yes" }), {
      name: "TypeError",
      message: "ShoalDB.open: throughputEmulation must be true or false",
    });
  });
});
