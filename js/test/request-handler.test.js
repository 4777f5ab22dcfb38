import assert from "node:assert/strict";
import { test } from "node:test";
import { crc32 } from "../src/protocol/crc32.js";
import { ShoalDBRequestHandler } from "../src/sdk/request-handler.js";
import { echoDb } from "./helpers.js";

const request = (headers, body) => ({ method: "POST", protocol: "http:", hostname: "shoaldb.local", path: "/", headers, body });

test("runs the operation named by X-Amz-Target and answers like DynamoDB", async () => {
  const db = echoDb();
  const handler = new ShoalDBRequestHandler(db);
  const { response } = await handler.handle(
    request({ "content-type": "application/x-amz-json-1.0", "X-Amz-Target": "DynamoDB_20120810.ListTables" }, '{"Limit":1}'),
  );
  assert.deepEqual(db.calls, [{ operation: "ListTables", body: '{"Limit":1}' }]);
  assert.equal(response.statusCode, 200);
  assert.ok(response.body instanceof Uint8Array);
  const text = new TextDecoder().decode(response.body);
  assert.deepEqual(JSON.parse(text), { operation: "ListTables", body: '{"Limit":1}' });
  assert.equal(response.headers["content-type"], "application/x-amz-json-1.0");
  assert.equal(response.headers["content-length"], String(response.body.length));
  assert.equal(response.headers["x-amz-crc32"], String(crc32(response.body)));
  assert.match(response.headers["x-amzn-requestid"], /^[A-Z0-9]{52}$/);
});

test("accepts a byte body", async () => {
  const db = echoDb();
  await new ShoalDBRequestHandler(db).handle(
    request({ "x-amz-target": "DynamoDB_20120810.GetItem" }, new TextEncoder().encode('{"TableName":"é"}')),
  );
  assert.equal(db.calls[0].body, '{"TableName":"é"}');
});

test("a missing or foreign target never reaches the engine", async () => {
  const db = echoDb();
  const handler = new ShoalDBRequestHandler(db);
  for (const headers of [{}, { "x-amz-target": "Kinesis_20131202.PutRecord" }]) {
    const { response } = await handler.handle(request(headers, "{}"));
    assert.equal(response.statusCode, 400);
    assert.match(new TextDecoder().decode(response.body), /#UnknownOperationException/);
  }
  assert.equal(db.calls.length, 0);
});

test("an aborted request is rejected with AbortError", async () => {
  const controller = new AbortController();
  controller.abort();
  const db = echoDb();
  await assert.rejects(
    new ShoalDBRequestHandler(db).handle(request({ "x-amz-target": "DynamoDB_20120810.ListTables" }, "{}"), {
      abortSignal: controller.signal,
    }),
    { name: "AbortError" },
  );
  assert.equal(db.calls.length, 0);
});

test("keeps the SDK's handler configuration", () => {
  const handler = new ShoalDBRequestHandler(echoDb());
  handler.updateHttpClientConfig("requestTimeout", 1000);
  assert.deepEqual(handler.httpHandlerConfigs(), { requestTimeout: 1000 });
  handler.destroy();
});
