// The HTTP endpoint's protocol behaviour, with a stand-in database (engine-backed behaviour is in
// sdk.test.js and server.test.js).
import assert from "node:assert/strict";
import { connect } from "node:net";
import { after, before, describe, test } from "node:test";
import { crc32 } from "../src/protocol/crc32.js";
import { startServer } from "../src/server/index.js";
import { echoDb } from "./helpers.js";

const JSON_10 = "application/x-amz-json-1.0";

describe("HTTP endpoint protocol", () => {
  let endpoint;
  let db;

  before(async () => {
    db = echoDb();
    db.executeRaw = async function (operation, body) {
      if (operation === "Explode") throw new Error("kaboom");
      this.calls.push({ operation, body });
      return { status: 200, body: JSON.stringify({ operation, body }) };
    };
    endpoint = await startServer({ port: 0, db, maxRequestBytes: 1024 });
  });
  after(() => endpoint.close());

  const post = (headers, body) => fetch(endpoint.url, { method: "POST", headers, body });

  test("listens on 127.0.0.1 on the port it was given", () => {
    assert.equal(endpoint.host, "127.0.0.1");
    assert.ok(endpoint.port > 0);
    assert.equal(endpoint.url, `http://127.0.0.1:${endpoint.port}`);
  });

  test("GET / answers a health check", async () => {
    const response = await fetch(endpoint.url + "/");
    assert.equal(response.status, 200);
    assert.match(await response.text(), /^healthy/);
  });

  test("a JSON 1.0 POST runs the target operation, with DynamoDB's headers", async () => {
    const response = await post({ "content-type": JSON_10, "x-amz-target": "DynamoDB_20120810.ListTables" }, '{"Limit":2}');
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("content-type"), JSON_10);
    const bytes = new Uint8Array(await response.arrayBuffer());
    assert.equal(response.headers.get("x-amz-crc32"), String(crc32(bytes)));
    assert.match(response.headers.get("x-amzn-requestid"), /^[A-Z0-9]{52}$/);
    assert.deepEqual(JSON.parse(new TextDecoder().decode(bytes)), { operation: "ListTables", body: '{"Limit":2}' });
  });

  test("JSON 1.1 is accepted and echoed", async () => {
    const response = await post(
      { "content-type": "application/x-amz-json-1.1; charset=utf-8", "x-amz-target": "DynamoDB_20120810.ListTables" },
      "{}",
    );
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("content-type"), "application/x-amz-json-1.1");
  });

  test("a missing or garbled target is UnknownOperationException (400)", async () => {
    for (const target of [undefined, "DynamoDB_20120810", "Foo.PutItem", "DynamoDB_20120810.Put Item"]) {
      const headers = { "content-type": JSON_10 };
      if (target) headers["x-amz-target"] = target;
      const response = await post(headers, "{}");
      assert.equal(response.status, 400, String(target));
      assert.deepEqual(await response.json(), { __type: "com.amazon.coral.service#UnknownOperationException" });
    }
  });

  test("a bad target with a body that is not JSON is SerializationException", async () => {
    const response = await post({ "content-type": JSON_10 }, "{not json");
    assert.equal(response.status, 400);
    assert.deepEqual(await response.json(), { __type: "com.amazon.coral.service#SerializationException" });
  });

  test("a non-JSON content type is answered 404 as DynamoDB does", async () => {
    const response = await post({ "content-type": "text/plain", "x-amz-target": "DynamoDB_20120810.ListTables" }, "{}");
    assert.equal(response.status, 404);
    assert.match(await response.text(), /UnknownOperationException/);
  });

  test("a body over the limit is refused with 413, and the server goes on", async () => {
    const big = "x".repeat(2048);
    const response = await post({ "content-type": JSON_10, "x-amz-target": "DynamoDB_20120810.PutItem" }, big);
    assert.equal(response.status, 413);
    assert.match((await response.json()).message, /over the limit of 1024 bytes/);
    const again = await post({ "content-type": JSON_10, "x-amz-target": "DynamoDB_20120810.ListTables" }, "{}");
    assert.equal(again.status, 200);
    assert.ok(!db.calls.some((call) => call.operation === "PutItem"), "the oversized request never ran");
  });

  test("a chunked body over the limit is refused too", async () => {
    const chunks = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 4; i++) controller.enqueue(new TextEncoder().encode("y".repeat(512)));
        controller.close();
      },
    });
    const response = await fetch(endpoint.url, {
      method: "POST",
      headers: { "content-type": JSON_10, "x-amz-target": "DynamoDB_20120810.PutItem" },
      body: chunks,
      duplex: "half",
    });
    assert.equal(response.status, 413);
    assert.ok(!db.calls.some((call) => call.operation === "PutItem"));
  });

  test("a failure inside the engine call is a 500, not a crash", async () => {
    const response = await post({ "content-type": JSON_10, "x-amz-target": "DynamoDB_20120810.Explode" }, "{}");
    assert.equal(response.status, 500);
    const body = await response.json();
    assert.match(body.__type, /#InternalServerError$/);
    assert.equal(body.message, "kaboom");
    const health = await fetch(endpoint.url);
    assert.equal(health.status, 200);
  });

  test("malformed HTTP is answered 400 and the server goes on", async () => {
    const reply = await new Promise((resolve, reject) => {
      const socket = connect(endpoint.port, "127.0.0.1", () => socket.write("NOT HTTP AT ALL\r\n\r\n"));
      let text = "";
      socket.on("data", (data) => (text += data));
      socket.on("end", () => resolve(text));
      socket.on("error", reject);
    });
    assert.match(reply, /^HTTP\/1\.1 400/);
    assert.equal((await fetch(endpoint.url)).status, 200);
  });

  test("CORS preflight from a browser page is allowed", async () => {
    const response = await fetch(endpoint.url, {
      method: "OPTIONS",
      headers: {
        origin: "http://example.test",
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type,x-amz-target,authorization",
      },
    });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("access-control-allow-origin"), "*");
    assert.equal(response.headers.get("access-control-allow-headers"), "content-type,x-amz-target,authorization");
  });
});

test("close() stops listening", async () => {
  const endpoint = await startServer({ port: 0, db: echoDb() });
  await endpoint.close();
  await assert.rejects(fetch(endpoint.url));
});

test("a port in use is reported, not swallowed", async () => {
  const first = await startServer({ port: 0, db: echoDb() });
  try {
    await assert.rejects(startServer({ port: first.port, db: echoDb() }), { code: "EADDRINUSE" });
  } finally {
    await first.close();
  }
});
