// Load: `shoaldb serve` (its own process, as users run it) holds 64 concurrent keep-alive connections
// of mixed reads and writes from autocannon, against 127.0.0.1, for 60 s: no errors, no non-2xx
// answers, and the server's resident memory stays bounded. SHOALDB_LOAD_SECONDS shortens the run
// for a developer; the suite runs the full 60 s. Throughput and p99 are printed (README: Server).
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";

const SECONDS = Number(process.env.SHOALDB_LOAD_SECONDS ?? 60);
const CONNECTIONS = 64;
const KEYS = 2000; // partitions; each has SORT_KEYS items, overwritten again and again
const SORT_KEYS = 5;
// The bound on the server's RSS growth from the end of warm-up to the end of the run. The data set
// is fixed-size (writes overwrite), so growth past allocator noise would be a leak: per-request
// state kept, a queue that grows, buffers not released.
const MAX_RSS_GROWTH_BYTES = 64 * 1024 * 1024;
const BIN = fileURLToPath(new URL("../bin/shoaldb.js", import.meta.url));
const JSON_10 = "application/x-amz-json-1.0";

function rssBytes(pid) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)[1]) * 1024;
}

async function startServe() {
  const child = spawn(process.execPath, [BIN, "serve", "--port", "0"], { stdio: ["ignore", "pipe", "inherit"] });
  const url = await new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const match = /http:\/\/127\.0\.0\.1:\d+/.exec(out);
      if (match) resolve(match[0]);
    });
    child.on("exit", (code) => reject(new Error(`serve exited with ${code}`)));
    setTimeout(() => reject(new Error("serve printed no URL")), 20_000).unref();
  });
  return { child, url };
}

const call = (url, operation, body) =>
  fetch(url, {
    method: "POST",
    headers: { "content-type": JSON_10, "x-amz-target": `DynamoDB_20120810.${operation}` },
    body: JSON.stringify(body),
  });

// One request of the mix, chosen at random: 50% GetItem, 25% PutItem, 10% UpdateItem, 10% Query,
// 5% BatchWriteItem (5 puts).
function randomRequest() {
  const key = `user${Math.floor(Math.random() * KEYS)}`;
  const sk = Math.floor(Math.random() * SORT_KEYS);
  const item = (s) => ({
    pk: { S: key },
    sk: { N: String(s) },
    name: { S: `name ${key}/${s}` },
    n: { N: String(Math.random()).slice(0, 12) },
    tags: { SS: ["a", "b"] },
  });
  const roll = Math.random();
  if (roll < 0.5) return ["GetItem", { TableName: "load", Key: { pk: { S: key }, sk: { N: String(sk) } } }];
  if (roll < 0.75) return ["PutItem", { TableName: "load", Item: item(sk) }];
  if (roll < 0.85) {
    return ["UpdateItem", {
      TableName: "load",
      Key: { pk: { S: key }, sk: { N: String(sk) } },
      UpdateExpression: "ADD hits :one SET touched = :t",
      ExpressionAttributeValues: { ":one": { N: "1" }, ":t": { S: new Date().toISOString() } },
    }];
  }
  if (roll < 0.95) {
    return ["Query", {
      TableName: "load",
      KeyConditionExpression: "pk = :pk AND sk >= :lo",
      ExpressionAttributeValues: { ":pk": { S: key }, ":lo": { N: "1" } },
    }];
  }
  const puts = Array.from({ length: SORT_KEYS }, (_, s) => ({ PutRequest: { Item: item(s) } }));
  return ["BatchWriteItem", { RequestItems: { load: puts } }];
}

test(`64 keep-alive connections of mixed reads and writes for ${SECONDS} s: no errors, bounded memory`, {
  timeout: (SECONDS + 120) * 1000,
}, async (t) => {
  const { child, url } = await startServe();
  try {
    const created = await call(url, "CreateTable", {
      TableName: "load",
      KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }, { AttributeName: "sk", KeyType: "RANGE" }],
      AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }, { AttributeName: "sk", AttributeType: "N" }],
      BillingMode: "PAY_PER_REQUEST",
    });
    assert.equal(created.status, 200);

    const run = (duration) =>
      autocannon({
        url,
        connections: CONNECTIONS,
        duration,
        pipelining: 1, // keep-alive, one request at a time per connection, as the AWS SDKs do
        timeout: 30, // seconds; generous, so that a machine busy with other work does not count as a server error
        requests: [{
          method: "POST",
          setupRequest(req) {
            const [operation, body] = randomRequest();
            return {
              ...req,
              headers: { "content-type": JSON_10, "x-amz-target": `DynamoDB_20120810.${operation}` },
              body: JSON.stringify(body),
            };
          },
        }],
      });

    // Warm-up: fills every key, lets the wasm heap and V8 reach their working size.
    const warm = await run(Math.max(2, Math.min(10, Math.round(SECONDS / 6))));
    assert.equal(warm.errors, 0);
    const rssAfterWarmUp = rssBytes(child.pid);
    let rssPeak = rssAfterWarmUp;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssBytes(child.pid))), 250);
    let result;
    try {
      result = await run(SECONDS);
    } finally {
      clearInterval(sampler);
    }
    const rssAtEnd = rssBytes(child.pid);
    rssPeak = Math.max(rssPeak, rssAtEnd);

    const mb = (bytes) => (bytes / 1024 / 1024).toFixed(1);
    const summary =
      `${CONNECTIONS} connections, ${SECONDS} s: ${result.requests.total} requests, ` +
      `${result.requests.average.toFixed(0)} req/s average, latency p50 ${result.latency.p50} ms, ` +
      `p99 ${result.latency.p99} ms, max ${result.latency.max} ms; ` +
      `server RSS ${mb(rssAfterWarmUp)} MB after warm-up, ` +
      `peak ${mb(rssPeak)} MB, end ${mb(rssAtEnd)} MB`;
    t.diagnostic(summary);
    console.log(`# load: ${summary}`);

    assert.equal(result.errors, 0, "connection errors");
    assert.equal(result.timeouts, 0, "timeouts");
    assert.equal(result.non2xx, 0, "answers other than 2xx");
    assert.ok(result["2xx"] > 0 && result["2xx"] === result.requests.total);
    assert.ok(rssPeak - rssAfterWarmUp < MAX_RSS_GROWTH_BYTES,
      `RSS grew ${mb(rssPeak - rssAfterWarmUp)} MB under load (bound ${mb(MAX_RSS_GROWTH_BYTES)} MB)`);

    const health = await (await fetch(`${url}/health`)).json();
    assert.deepEqual(health.requests, { inFlight: 1, running: 0, queued: 0 });
  } finally {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    const code = await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve("timeout"), 15_000))]);
    if (code === "timeout") child.kill("SIGKILL");
    else assert.equal(code, 0, "serve stops cleanly after the load");
  }
});
