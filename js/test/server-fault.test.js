// The endpoint killed mid-load: `shoaldb serve --storage DIR --durability strict` is killed with
// SIGKILL while 32 connections write, then restarted on the same folder, several times. Every
// write the server acknowledged (HTTP 200) is there afterwards, and every acknowledged ADD to a
// counter is counted. Finally a SIGTERM stops it gracefully, losing nothing.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";

const CLI = new URL("../bin/shoaldb.js", import.meta.url).pathname;
const ROUNDS = Number(process.env.SHOAL_FAULT_ROUNDS ?? 6);
const CONNECTIONS = 32;

function startServer(dir) {
  const child = spawn(process.execPath, [CLI, "serve", "--port", "0", "--storage", dir, "--durability", "strict"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const match = /serving DynamoDB on (http:\/\/\S+)/.exec(out);
      if (match) resolve({ child, url: match[1].replace(/[;)]$/, "") });
    });
    child.stderr.on("data", (chunk) => {
      err += chunk;
    });
    child.on("exit", (code, signal) => reject(new Error(`serve exited (${code ?? signal}) before listening: ${err}`)));
  });
}

async function call(url, operation, input) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/x-amz-json-1.0", "x-amz-target": `DynamoDB_20120810.${operation}` },
    body: JSON.stringify(input),
  });
  const body = await response.json();
  return { status: response.status, body };
}

function stopped(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve({ code: child.exitCode, signal: child.signalCode });
    else child.on("exit", (code, signal) => resolve({ code, signal }));
  });
}

test(`serve --durability strict keeps every acknowledged write through ${ROUNDS} SIGKILLs under load`, { timeout: 10 * 60_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), "shoaldb-fault-"));
  const acked = new Set();
  const counted = new Map(); // counter id -> acknowledged ADDs
  try {
    let { child, url } = await startServer(dir);
    const created = await call(url, "CreateTable", {
      TableName: "fault",
      KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
      AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
      BillingMode: "PAY_PER_REQUEST",
    });
    assert.equal(created.status, 200);

    for (let round = 0; round < ROUNDS; round += 1) {
      let running = true;
      // Killed after a random number of acknowledged writes (and a few ms more, to land mid-write),
      // so each round proves something whatever the machine's load.
      const killAfter = 50 + Math.floor(Math.random() * 250);
      let roundAcks = 0;
      let reached;
      const enoughAcks = new Promise((resolve) => {
        reached = resolve;
      });
      const worker = async (w) => {
        for (let n = 0; running; n += 1) {
          const counter = `counter-${w}`;
          const put = n % 2 === 0;
          let result;
          try {
            result = put
              ? await call(url, "PutItem", { TableName: "fault", Item: { id: { S: `r${round}-w${w}-${n}` }, v: { N: String(n) } } })
              : await call(url, "UpdateItem", {
                  TableName: "fault",
                  Key: { id: { S: counter } },
                  UpdateExpression: "ADD c :one",
                  ExpressionAttributeValues: { ":one": { N: "1" } },
                });
          } catch {
            return; // the connection died with the server: this write was never acknowledged
          }
          assert.equal(result.status, 200, JSON.stringify(result.body));
          if ((roundAcks += 1) === killAfter) reached();
          if (put) acked.add(`r${round}-w${w}-${n}`);
          else counted.set(counter, (counted.get(counter) ?? 0) + 1);
        }
      };
      const workers = Array.from({ length: CONNECTIONS }, (_, w) => worker(w));
      await enoughAcks;
      await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 20)));
      child.kill("SIGKILL");
      await stopped(child);
      running = false;
      await Promise.all(workers);

      ({ child, url } = await startServer(dir));
      const present = new Map();
      let ExclusiveStartKey;
      do {
        const page = await call(url, "Scan", { TableName: "fault", ExclusiveStartKey });
        assert.equal(page.status, 200);
        for (const item of page.body.Items) present.set(item.id.S, item);
        ExclusiveStartKey = page.body.LastEvaluatedKey;
      } while (ExclusiveStartKey);
      for (const id of acked) assert.ok(present.has(id), `round ${round}: acknowledged ${id} is missing`);
      for (const [counter, adds] of counted) {
        const stored = Number(present.get(counter)?.c?.N ?? 0);
        // An ADD made durable but whose answer was lost in the kill counts too: at least, not exactly.
        assert.ok(stored >= adds, `round ${round}: ${counter} holds ${stored} but ${adds} ADDs were acknowledged`);
      }
    }
    assert.ok(acked.size >= ROUNDS * 25, `too few acknowledged writes (${acked.size}) to prove anything`);

    // A graceful stop flushes and exits 0; the data is all there after it.
    const put = await call(url, "PutItem", { TableName: "fault", Item: { id: { S: "last" } } });
    assert.equal(put.status, 200);
    child.kill("SIGTERM");
    assert.deepEqual(await stopped(child), { code: 0, signal: null });
    ({ child, url } = await startServer(dir));
    const last = await call(url, "GetItem", { TableName: "fault", Key: { id: { S: "last" } } });
    assert.equal(last.body.Item.id.S, "last");
    child.kill("SIGTERM");
    await stopped(child);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
