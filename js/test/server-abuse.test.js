// Hostile and broken input against the real endpoint (the wasm engine behind it): each gets a clear
// error, and after each the server still answers a normal request.
import assert from "node:assert/strict";
import { connect } from "node:net";
import { after, before, describe, test } from "node:test";
import { startServer } from "../src/server/index.js";
import { tableInput } from "./helpers.js";

const JSON_10 = "application/x-amz-json-1.0";

describe("abuse of the HTTP endpoint", () => {
  let endpoint;

  before(async () => {
    endpoint = await startServer({ port: 0 });
    assert.equal((await call("CreateTable", tableInput("abuse"))).status, 200);
    const put = await call("PutItem", { TableName: "abuse", Item: { id: { S: "known" }, v: { N: "1" } } });
    assert.equal(put.status, 200);
  });
  after(() => endpoint.close());

  function call(operation, body, headers = {}) {
    return fetch(endpoint.url, {
      method: "POST",
      headers: { "content-type": JSON_10, "x-amz-target": `DynamoDB_20120810.${operation}`, ...headers },
      body: typeof body === "string" || body instanceof Uint8Array ? body : JSON.stringify(body),
    });
  }

  /** The error a call answers with: `{ status, type, message }` (type without its namespace). */
  async function errorOf(operation, body, headers) {
    const response = await call(operation, body, headers);
    const text = await response.text();
    let parsed = {};
    try {
      parsed = JSON.parse(text);
    } catch {}
    return { status: response.status, type: parsed.__type?.split("#").pop(), message: parsed.message, text };
  }

  // The server is up and its data intact.
  async function assertStillUp() {
    const response = await call("GetItem", { TableName: "abuse", Key: { id: { S: "known" } } });
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { Item: { id: { S: "known" }, v: { N: "1" } } });
  }

  function rawExchange(text) {
    return new Promise((resolve, reject) => {
      const socket = connect(endpoint.port, "127.0.0.1", () => socket.write(text));
      let reply = "";
      socket.on("data", (data) => (reply += data));
      socket.on("close", () => resolve(reply));
      // The server may close while the client still writes: what it answered is what counts.
      socket.on("error", (error) => (["ECONNRESET", "EPIPE"].includes(error.code) ? resolve(reply) : reject(error)));
      setTimeout(() => socket.destroy(), 10_000).unref();
    });
  }

  test("malformed HTTP gets 400 (or 431 for huge headers) and the connection is closed", async () => {
    const cases = [
      ["not HTTP at all", "HELLO THERE\r\n\r\n", /^HTTP\/1\.1 400/],
      ["a header without a colon", "POST / HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n", /^HTTP\/1\.1 400/],
      ["a Content-Length that is not a number",
        "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: ten\r\n\r\n", /^HTTP\/1\.1 400/],
      ["two Content-Lengths that disagree",
        "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}", /^HTTP\/1\.1 400/],
      ["Content-Length with chunked (request smuggling)",
        "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        /^HTTP\/1\.1 400/],
      ["a bad chunk size",
        "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n", /^HTTP\/1\.1 400/],
      ["a NUL in the request line", "POST /\0 HTTP/1.1\r\nHost: x\r\n\r\n", /^HTTP\/1\.1 400/],
      ["64 KB of headers", `POST / HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(64 * 1024)}\r\n\r\n`, /^HTTP\/1\.1 431/],
    ];
    for (const [name, text, expected] of cases) {
      const reply = await rawExchange(text);
      assert.match(reply, expected, name);
      assert.match(reply, /Connection: close/i, name);
      await assertStillUp();
    }
  });

  test("an oversized body is refused with 413 whether declared or streamed", async () => {
    const declared = await rawExchange(
      `POST / HTTP/1.1\r\nHost: x\r\nContent-Type: ${JSON_10}\r\nX-Amz-Target: DynamoDB_20120810.PutItem\r\n` +
        `Content-Length: ${16 * 1024 * 1024 + 1}\r\n\r\n{"TableName":`,
    );
    assert.match(declared, /^HTTP\/1\.1 413/);
    assert.match(declared, /RequestEntityTooLargeException/);
    assert.match(declared, /over the limit of 16777216 bytes/);

    const chunk = new Uint8Array(1024 * 1024).fill(0x20);
    let sent = 0;
    const streamed = new ReadableStream({
      pull(controller) {
        if (sent++ < 17) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const response = await fetch(endpoint.url, {
      method: "POST",
      headers: { "content-type": JSON_10, "x-amz-target": "DynamoDB_20120810.PutItem" },
      body: streamed,
      duplex: "half",
    }).catch((error) => error);
    // The server answers as soon as the limit is passed; the client may see the answer or, if it
    // was still sending when the connection closed, a reset.
    if (!(response instanceof Error)) {
      assert.equal(response.status, 413);
      assert.equal((await response.json()).__type, "com.amazon.coral.service#RequestEntityTooLargeException");
    }
    await assertStillUp();
  });

  test("deeply nested JSON is refused, not a stack overflow", async () => {
    const depth = 100_000;
    const arrays = await errorOf("PutItem", `${"[".repeat(depth)}${"]".repeat(depth)}`);
    assert.equal(arrays.status, 400);
    assert.ok(arrays.type, arrays.text);
    const nested = `${'{"M":{"a":'.repeat(5000)}{"S":"x"}${"}}".repeat(5000)}`;
    const maps = `{"TableName":"abuse","Item":{"id":{"S":"deep"},"m":${nested}}}`;
    const deepItem = await errorOf("PutItem", maps);
    assert.equal(deepItem.status, 400);
    assert.equal(deepItem.type, "ValidationException");
    assert.match(deepItem.message, /nest|depth/i);
    await assertStillUp();
  });

  test("invalid UTF-8 is a SerializationException", async () => {
    const bytes = new Uint8Array([
      ...new TextEncoder().encode('{"TableName":"abuse","Item":{"id":{"S":"'),
      0xc3, 0x28, 0xff, 0xfe, // an invalid two-byte sequence, then bytes UTF-8 never uses
      ...new TextEncoder().encode('"}}}'),
    ]);
    const error = await errorOf("PutItem", bytes);
    assert.deepEqual([error.status, error.type], [400, "SerializationException"]);
    assert.match(error.message, /UTF-8/);
    const scanned = await call("Scan", { TableName: "abuse" });
    assert.equal((await scanned.json()).Count, 1, "nothing was written");
    await assertStillUp();
  });

  test("huge numbers of attributes: accepted up to the item size limit, refused past it", async () => {
    const item = { id: { S: "wide" } };
    for (let i = 0; i < 20_000; i++) item[`a${i}`] = { N: String(i) };
    assert.equal((await call("PutItem", { TableName: "abuse", Item: item })).status, 200);
    const got = await (await call("GetItem", { TableName: "abuse", Key: { id: { S: "wide" } } })).json();
    assert.equal(Object.keys(got.Item).length, 20_001);
    assert.equal(got.Item.a19999.N, "19999");

    const tooWide = { id: { S: "too-wide" } };
    for (let i = 0; i < 100_000; i++) tooWide[`attribute_${i}`] = { S: "value" };
    const error = await errorOf("PutItem", { TableName: "abuse", Item: tooWide });
    assert.deepEqual([error.status, error.type], [400, "ValidationException"]);
    assert.match(error.message, /Item size has exceeded the maximum allowed size/);

    const manyValues = {};
    for (let i = 0; i < 50_000; i++) manyValues[`:v${i}`] = { N: "1" };
    const unused = await errorOf("GetItem", {
      TableName: "abuse",
      Key: { id: { S: "known" } },
      ExpressionAttributeValues: manyValues,
    });
    assert.deepEqual([unused.status, unused.type], [400, "ValidationException"]);
    await assertStillUp();
  });

  test("pathological expressions are refused with ValidationException", async () => {
    const base = { TableName: "abuse", Key: { id: { S: "known" } }, ExpressionAttributeValues: { ":v": { N: "1" } } };
    const cases = {
      "deep parentheses": `${"(".repeat(2000)}v = :v${")".repeat(2000)}`,
      "too long": `v = :v${" AND v = :v".repeat(1000)}`,
      "too many operators": Array.from({ length: 301 }, () => "v = :v").join(" AND "),
      "deep NOT": `${"NOT ".repeat(1000)}v = :v`,
      "unbalanced": `${"(".repeat(100)}v = :v`,
      "a long document path": `attribute_exists(${Array.from({ length: 200 }, (_, i) => `p${i}`).join(".")})`,
    };
    for (const [name, expression] of Object.entries(cases)) {
      const started = Date.now();
      const error = await errorOf("DeleteItem", { ...base, ConditionExpression: expression });
      assert.deepEqual([error.status, error.type], [400, "ValidationException"], `${name}: ${error.text}`);
      assert.match(error.message, /ConditionExpression|expression/i, name);
      assert.ok(Date.now() - started < 5000, `${name} took ${Date.now() - started} ms`);
    }
    const hugeItem = { id: { S: "n" }, n: { N: "9".repeat(100_000) } };
    const hugeNumber = await errorOf("PutItem", { TableName: "abuse", Item: hugeItem });
    assert.deepEqual([hugeNumber.status, hugeNumber.type], [400, "ValidationException"]);
    await assertStillUp();
  });

  test("an unknown or garbled X-Amz-Target is UnknownOperationException", async () => {
    for (const target of ["DynamoDB_20120810.DropEverything", "DynamoDB_20120810.", "Nope.PutItem", "x".repeat(8000)]) {
      const response = await fetch(endpoint.url, {
        method: "POST",
        headers: { "content-type": JSON_10, "x-amz-target": target },
        body: "{}",
      });
      assert.equal(response.status, 400, target.slice(0, 40));
      assert.equal((await response.json()).__type, "com.amazon.coral.service#UnknownOperationException");
    }
    await assertStillUp();
  });

  test("a wrong content type or a body that is not JSON gets DynamoDB's answers", async () => {
    const get = { TableName: "abuse", Key: { id: { S: "known" } } };
    const wrongType = await call("GetItem", get, { "content-type": "text/plain" });
    assert.equal(wrongType.status, 404);
    assert.match(await wrongType.text(), /UnknownOperationException/);
    for (const body of ["{not json", '{"TableName":"abuse"', "\u0000", "[]", "null", "1e999999"]) {
      const error = await errorOf("GetItem", body);
      assert.equal(error.status, 400, body);
      assert.match(error.type, /SerializationException|ValidationException/, body);
    }
    await assertStillUp();
  });

  test("a burst of bad requests on one keep-alive connection leaves the server healthy", async () => {
    const bad = [];
    for (let i = 0; i < 200; i++) bad.push(errorOf(i % 2 ? "PutItem" : "NoSuchThing", i % 3 ? "{" : "[[[[[[[["));
    for (const error of await Promise.all(bad)) assert.equal(error.status, 400);
    const health = await (await fetch(`${endpoint.url}/health`)).json();
    assert.equal(health.status, "ok");
    assert.equal(health.requests.running, 0);
    await assertStillUp();
  });
});
