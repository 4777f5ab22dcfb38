// The endpoint as a server that is left running: slow clients, bounded concurrency and memory, gzip,
// the health endpoint, request logs and graceful shutdown. A stand-in database whose requests can
// be held open makes "in flight" something a test controls.
import assert from "node:assert/strict";
import { request as httpRequest } from "node:http";
import { connect } from "node:net";
import { describe, test } from "node:test";
import { gunzipSync } from "node:zlib";
import { crc32 } from "../src/protocol/crc32.js";
import { Admission } from "../src/server/admission.js";
import { startServer } from "../src/server/index.js";
import { acceptsGzip } from "../src/server/respond.js";

const JSON_10 = "application/x-amz-json-1.0";

/** A database whose "Hold" requests wait until release() is called; other operations echo. */
function heldDb() {
  const waiting = [];
  return {
    closed: false,
    started: 0,
    async executeRaw(operation, body) {
      this.started += 1;
      if (operation === "Hold") await new Promise((resolve) => waiting.push(resolve));
      if (operation === "Big") return { status: 200, body: JSON.stringify({ Items: "x".repeat(Number(body) || 0) }) };
      return { status: 200, body: JSON.stringify({ operation }) };
    },
    release() {
      for (const resolve of waiting.splice(0)) resolve();
    },
    get holding() {
      return waiting.length;
    },
    async close() {
      this.closed = true;
    },
  };
}

function post(url, operation, body = "{}", headers = {}) {
  return fetch(url, {
    method: "POST",
    headers: { "content-type": JSON_10, "x-amz-target": `DynamoDB_20120810.${operation}`, ...headers },
    body,
  });
}

/** A raw HTTP/1.1 exchange: writes `text`, resolves with everything read until the server closes. */
function raw(port, text, { keepOpenMs = 0 } = {}) {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.write(text));
    let reply = "";
    const started = Date.now();
    socket.on("data", (data) => (reply += data));
    socket.on("close", () => resolve({ reply, ms: Date.now() - started }));
    socket.on("error", reject);
    if (keepOpenMs) setTimeout(() => socket.destroy(), keepOpenMs).unref();
  });
}

/** A request through node:http (no automatic decompression, unlike fetch). */
function rawPost(port, operation, body, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: "127.0.0.1", port, method: "POST", path: "/", agent: false, headers: {
        "content-type": JSON_10, "x-amz-target": `DynamoDB_20120810.${operation}`, ...headers } },
      (res) => {
        const chunks = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, bytes: Buffer.concat(chunks) }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

const until = async (condition, what) => {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

describe("slow clients", () => {
  test("headers that never end get 408 after headersTimeoutMs, and the server goes on", async () => {
    const endpoint = await startServer({ port: 0, db: heldDb(), headersTimeoutMs: 300, requestTimeoutMs: 2000 });
    try {
      const unfinished = "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: app";
      const { reply, ms } = await raw(endpoint.port, unfinished, { keepOpenMs: 10_000 });
      assert.match(reply, /^HTTP\/1\.1 408 Request Timeout/);
      assert.match(reply, /RequestTimeoutException/);
      assert.ok(ms >= 250 && ms < 5000, `closed after ${ms} ms`);
      assert.equal((await post(endpoint.url, "ListTables")).status, 200);
    } finally {
      await endpoint.close();
    }
  });

  test("a body that stops arriving gets 408 after requestTimeoutMs, and its permit is returned", async () => {
    const endpoint = await startServer({ port: 0, db: heldDb(), headersTimeoutMs: 200, requestTimeoutMs: 600 });
    try {
      const head =
        `POST / HTTP/1.1\r\nHost: x\r\nContent-Type: ${JSON_10}\r\nX-Amz-Target: DynamoDB_20120810.PutItem\r\n` +
        "Content-Length: 100\r\n\r\n{\"Item\":";
      const { reply, ms } = await raw(endpoint.port, head, { keepOpenMs: 10_000 });
      assert.match(reply, /^HTTP\/1\.1 408/);
      assert.ok(ms >= 500 && ms < 5000, `closed after ${ms} ms`);
      await until(() => endpoint.health().requests.running === 0, "the permit to be released");
      assert.equal((await post(endpoint.url, "ListTables")).status, 200);
    } finally {
      await endpoint.close();
    }
  });
});

describe("slow readers", () => {
  // Asks for a 48 MB response, more than the socket buffers on both ends hold (Linux lets a loopback
  // receive buffer grow to tcp_rmem's maximum, 32 MB by default), never reads it, and says whether
  // the server closed the connection within `waitMs`. Watched from the server's side: a paused
  // client socket does not notice that it was closed.
  async function unreadResponse(endpoint, waitMs) {
    const body = "48000000";
    const serverSocketClosed = new Promise((resolve) => {
      endpoint.server.once("connection", (s) => s.once("close", () => resolve("closed")));
    });
    const client = connect(endpoint.port, "127.0.0.1", () => {
      client.write(`POST / HTTP/1.1\r\nHost: x\r\nContent-Type: ${JSON_10}\r\n` +
        `X-Amz-Target: DynamoDB_20120810.Big\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
      client.pause(); // never read
    });
    client.on("error", () => {});
    const responded = new Promise((resolve) => {
      endpoint.server.once("request", (req, res) => res.once("prefinish", resolve));
    });
    await responded; // the 48 MB are built and handed to the socket
    const kept = new Promise((resolve) => setTimeout(() => resolve("kept"), waitMs).unref());
    const outcome = await Promise.race([serverSocketClosed, kept]);
    client.destroy();
    return outcome;
  }

  test("a client that stops reading a large response is cut off after responseTimeoutMs", async () => {
    const patient = await startServer({ port: 0, db: heldDb(), responseTimeoutMs: 60_000 });
    try {
      assert.equal(await unreadResponse(patient, 1500), "kept", "within responseTimeoutMs the server waits");
    } finally {
      await patient.close();
    }
    const endpoint = await startServer({ port: 0, db: heldDb(), responseTimeoutMs: 300 });
    try {
      assert.equal(await unreadResponse(endpoint, 5000), "closed");
      assert.equal((await post(endpoint.url, "ListTables")).status, 200);
      const small = await rawPost(endpoint.port, "Big", "1000");
      assert.equal(small.status, 200, "responses that fit the socket buffer need no deadline");
    } finally {
      await endpoint.close();
    }
  });
});

describe("bounded concurrency and memory", () => {
  test("past maxConcurrentRequests requests wait; past maxQueuedRequests they are throttled", async () => {
    const db = heldDb();
    const endpoint = await startServer({ port: 0, db, maxConcurrentRequests: 2, maxQueuedRequests: 2 });
    try {
      const held = [0, 1, 2, 3].map(() => post(endpoint.url, "Hold"));
      await until(() => db.holding === 2 && endpoint.health().requests.queued === 2, "2 running and 2 queued");
      const refused = await post(endpoint.url, "Hold");
      assert.equal(refused.status, 400);
      const body = await refused.json();
      assert.equal(body.__type, "com.amazon.coral.availability#ThrottlingException");
      assert.match(body.message, /2 requests running and 2 waiting/);
      assert.equal(refused.headers.get("connection"), "close");
      assert.equal(db.started, 2, "queued requests have not reached the database");
      db.release();
      await until(() => db.holding === 2, "the queued two to run");
      db.release();
      for (const response of await Promise.all(held)) assert.equal(response.status, 200);
      assert.deepEqual(endpoint.health().requests, { inFlight: 0, running: 0, queued: 0 });
    } finally {
      db.release();
      await endpoint.close();
    }
  });

  test("request bodies held at once stay within maxBufferedBytes", async () => {
    const db = heldDb();
    const endpoint = await startServer({ port: 0, db, maxBufferedBytes: 1000, maxConcurrentRequests: 10 });
    try {
      const body = JSON.stringify({ pad: "p".repeat(580) }); // 600 bytes: two do not fit in 1000
      const first = post(endpoint.url, "Hold", body);
      const second = post(endpoint.url, "Hold", body);
      await until(() => db.holding === 1 && endpoint.health().requests.queued === 1, "one running, one queued");
      db.release();
      await until(() => db.holding === 1 && endpoint.health().requests.queued === 0, "the second to run");
      db.release();
      assert.equal((await first).status, 200);
      assert.equal((await second).status, 200);
    } finally {
      db.release();
      await endpoint.close();
    }
  });

  test("a client that gives up while queued leaves the queue", async () => {
    const db = heldDb();
    const endpoint = await startServer({ port: 0, db, maxConcurrentRequests: 1 });
    try {
      const first = post(endpoint.url, "Hold");
      await until(() => db.holding === 1, "the first to run");
      const controller = new AbortController();
      const stays = post(endpoint.url, "Hold");
      const abandoned = fetch(endpoint.url, {
        method: "POST",
        headers: { "content-type": JSON_10, "x-amz-target": "DynamoDB_20120810.Hold" },
        body: "{}",
        signal: controller.signal,
      }).catch((error) => error.name);
      await until(() => endpoint.health().requests.queued === 2, "two queued");
      controller.abort();
      assert.equal(await abandoned, "AbortError");
      await until(() => endpoint.health().requests.queued === 1, "the abandoned one to leave");
      db.release();
      await until(() => db.holding === 1, "the remaining queued one to run");
      db.release();
      assert.equal((await first).status, 200);
      assert.equal((await stays).status, 200);
      assert.equal(db.started, 2);
    } finally {
      db.release();
      await endpoint.close();
    }
  });

  test("Admission grants in arrival order and releases once", async () => {
    const gate = new Admission({ maxActive: 1, maxBytes: 100, maxQueued: 1 });
    const a = gate.acquire(10);
    const b = gate.acquire(10);
    assert.equal(gate.acquire(10), null, "the queue of one is full");
    const releaseA = await a.granted;
    assert.equal(gate.active, 1);
    releaseA();
    releaseA();
    const releaseB = await b.granted;
    assert.equal(gate.active, 1);
    releaseB();
    assert.equal(gate.active, 0);
    assert.equal(gate.bytes, 0);
    const big = gate.acquire(10_000);
    (await big.granted)();
    assert.throws(() => new Admission({ maxActive: 0, maxBytes: 1, maxQueued: 0 }), /maxActive/);
  });
});

describe("gzip", () => {
  test("Accept-Encoding is read as HTTP defines it", () => {
    assert.equal(acceptsGzip("gzip"), true);
    assert.equal(acceptsGzip("deflate, gzip;q=0.5"), true);
    assert.equal(acceptsGzip("*"), true);
    assert.equal(acceptsGzip("gzip;q=0"), false);
    assert.equal(acceptsGzip("identity"), false);
    assert.equal(acceptsGzip(undefined), false);
  });

  test("large responses are gzipped when asked, with the CRC32 of the compressed bytes", async () => {
    const endpoint = await startServer({ port: 0, db: heldDb(), gzipMinBytes: 1024 });
    try {
      const big = await rawPost(endpoint.port, "Big", "20000", { "accept-encoding": "gzip" });
      assert.equal(big.status, 200);
      assert.equal(big.headers["content-encoding"], "gzip");
      assert.equal(big.headers.vary, "Accept-Encoding");
      assert.ok(big.bytes.length < 1000, `${big.bytes.length} bytes on the wire`);
      assert.equal(big.headers["x-amz-crc32"], String(crc32(big.bytes)));
      assert.equal(JSON.parse(gunzipSync(big.bytes).toString()).Items.length, 20000);

      const small = await rawPost(endpoint.port, "Big", "100", { "accept-encoding": "gzip" });
      assert.equal(small.headers["content-encoding"], undefined, "below gzipMinBytes");
      assert.equal(JSON.parse(small.bytes.toString()).Items.length, 100);

      for (const headers of [{}, { "accept-encoding": "gzip;q=0" }]) {
        const plain = await rawPost(endpoint.port, "Big", "20000", headers);
        assert.equal(plain.headers["content-encoding"], undefined);
        assert.equal(plain.headers["x-amz-crc32"], String(crc32(plain.bytes)));
        assert.equal(JSON.parse(plain.bytes.toString()).Items.length, 20000);
      }
    } finally {
      await endpoint.close();
    }
  });
});

describe("health and logs", () => {
  test("GET /health answers JSON; GET / the plain probe", async () => {
    const endpoint = await startServer({ port: 0, db: heldDb() });
    try {
      const response = await fetch(`${endpoint.url}/health`);
      assert.equal(response.status, 200);
      assert.match(response.headers.get("content-type"), /^application\/json/);
      const health = await response.json();
      assert.equal(health.status, "ok");
      assert.equal(health.service, "shoaldb");
      assert.equal(health.auth, "anonymous");
      assert.match(health.version, /^\d+\.\d+\.\d+/);
      assert.equal(typeof health.uptimeSeconds, "number");
      assert.deepEqual(health.requests, { inFlight: 1, running: 0, queued: 0 });
      assert.match(await (await fetch(endpoint.url)).text(), /^healthy: shoaldb/);
    } finally {
      await endpoint.close();
    }
  });

  test("log: one entry per request, with the operation, status, error type, sizes and time", async () => {
    const entries = [];
    const endpoint = await startServer({ port: 0, db: heldDb(), log: (entry) => entries.push(entry) });
    try {
      await post(endpoint.url, "ListTables", '{"Limit":3}');
      await post(endpoint.url, "NotAnOperation!", "{}");
      await fetch(`${endpoint.url}/health`);
      await until(() => entries.length === 3, "three entries");
      const [ok, bad, health] = entries;
      assert.equal(ok.operation, "ListTables");
      assert.equal(ok.status, 200);
      assert.equal(ok.bytesIn, 11);
      assert.ok(ok.bytesOut > 0);
      assert.equal(typeof ok.ms, "number");
      assert.equal(ok.remote, "127.0.0.1");
      assert.match(ok.requestId, /^[A-Z0-9]{52}$/);
      assert.ok(!Number.isNaN(Date.parse(ok.time)));
      assert.equal(bad.status, 400);
      assert.equal(bad.error, "UnknownOperationException");
      assert.equal(health.path, "/health");
      for (const entry of entries) JSON.stringify(entry);
    } finally {
      await endpoint.close();
    }
  });

  test("without log nothing is written", async () => {
    const writes = [];
    const original = process.stdout.write;
    const endpoint = await startServer({ port: 0, db: heldDb() });
    process.stdout.write = (chunk, ...rest) => {
      writes.push(String(chunk));
      return original.call(process.stdout, chunk, ...rest);
    };
    try {
      await post(endpoint.url, "ListTables");
    } finally {
      process.stdout.write = original;
      await endpoint.close();
    }
    assert.deepEqual(writes.filter((w) => w.includes("requestId")), []);
  });
});

describe("graceful shutdown", () => {
  test("close() stops accepting, answers the requests in flight, then closes the database it opened", async () => {
    const db = heldDb();
    const endpoint = await startServer({ port: 0, db });
    const inFlight = rawPost(endpoint.port, "Hold", "{}");
    await until(() => db.holding === 1, "the request to reach the database");
    const closing = endpoint.close();
    let closed = false;
    closing.then(() => (closed = true));
    await assert.rejects(fetch(endpoint.url), "no new connections");
    assert.equal(endpoint.health().status, "draining");
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(closed, false, "close() waits for the request in flight");
    db.release();
    const response = await inFlight;
    assert.equal(response.status, 200);
    assert.equal(response.headers.connection, "close");
    await closing;
    assert.equal(db.closed, false, "a database passed in stays open");

    const owned = await startServer({ port: 0 });
    await owned.close();
    assert.equal(owned.db.closed, true, "the database the server opened is closed");
  });

  test("idle keep-alive connections do not hold close() up; stuck requests are cut after the timeout", async () => {
    const db = heldDb();
    const endpoint = await startServer({ port: 0, db, shutdownTimeoutMs: 300 });
    const agent = new (await import("node:http")).Agent({ keepAlive: true });
    await new Promise((resolve) => {
      httpRequest({ port: endpoint.port, path: "/health", agent }, (res) => res.resume().on("end", resolve)).end();
    });
    const stuck = new Promise((resolve) => {
      const req = httpRequest({ port: endpoint.port, method: "POST", path: "/", headers: {
        "content-type": JSON_10, "x-amz-target": "DynamoDB_20120810.Hold" } }, () => resolve("answered"));
      req.on("error", () => resolve("cut"));
      req.end("{}");
    });
    await until(() => db.holding === 1, "the stuck request");
    const started = Date.now();
    await endpoint.close();
    assert.ok(Date.now() - started < 3000);
    assert.equal(await stuck, "cut");
    agent.destroy();
    db.release();
  });
});
