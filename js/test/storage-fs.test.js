// Storage "fs": the folder layout, one process per folder, and a 100,000-item snapshot round trip.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { ShoalDB } from "../src/index.node.js";

const dirs = [];
async function freshDir() {
  const dir = await mkdtemp(join(tmpdir(), "shoaldb-fs-"));
  dirs.push(dir);
  return dir;
}
after(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

async function scanAll(db, input) {
  const items = [];
  let ExclusiveStartKey;
  do {
    const page = await db.scan({ ...input, ExclusiveStartKey });
    items.push(...page.Items);
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}

describe('storage "fs"', () => {
  test("path (or the default folder) holds a snapshot, a log and a lock while open", async () => {
    const dir = await freshDir();
    const db = await ShoalDB.open({ path: join(dir, "nested", "db") });
    assert.equal(db.storage.kind, "fs", "a path alone asks for the runtime's durable default");
    assert.deepEqual((await readdir(join(dir, "nested", "db"))).sort(), ["LOCK", "log", "snapshot"]);
    await db.close();
    assert.deepEqual((await readdir(join(dir, "nested", "db"))).sort(), ["log", "snapshot"]);
  });

  test("a folder open in this process, or in another live process, is refused", async () => {
    const dir = await freshDir();
    const db = await ShoalDB.open({ storage: "fs", path: dir });
    await assert.rejects(ShoalDB.open({ storage: "fs", path: dir }), /already open in this process/);
    await db.close();

    const holder = spawn(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        `import { ShoalDB } from ${JSON.stringify(new URL("../src/index.node.js", import.meta.url).href)};
         await ShoalDB.open({ storage: "fs", path: ${JSON.stringify(dir)} });
         process.stdout.write("open\\n");
         setInterval(() => {}, 1000);`,
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    try {
      await new Promise((resolve, reject) => {
        holder.stdout.on("data", (chunk) => String(chunk).includes("open") && resolve());
        holder.on("exit", () => reject(new Error("the holder exited")));
      });
      await assert.rejects(ShoalDB.open({ storage: "fs", path: dir }), new RegExp(`in use by process ${holder.pid}`));
    } finally {
      holder.kill("SIGKILL");
      await new Promise((resolve) => holder.on("exit", resolve));
    }
    // The holder died without closing: its lock is stale and is taken over.
    const reopened = await ShoalDB.open({ storage: "fs", path: dir });
    await reopened.close();
  });

  test("a snapshot.tmp left by a checkpoint that did not finish is ignored and removed", async () => {
    const dir = await freshDir();
    const db = await ShoalDB.open({ storage: "fs", path: dir });
    await db.createTable({
      TableName: "things",
      KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
      AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
      BillingMode: "PAY_PER_REQUEST",
    });
    await db.put({ TableName: "things", Item: { id: "a" } });
    await db.close();
    await writeFile(join(dir, "snapshot.tmp"), "half a snapshot");
    const reopened = await ShoalDB.open({ storage: "fs", path: dir });
    assert.equal((await reopened.get({ TableName: "things", Key: { id: "a" } })).Item.id, "a");
    assert.ok(!(await readdir(dir)).includes("snapshot.tmp"));
    await reopened.close();
  });

  test("100,000 items with a GSI and an LSI: identical after a snapshot round trip", { timeout: 10 * 60_000 }, async () => {
    const dir = await freshDir();
    const db = await ShoalDB.open({ storage: "fs", path: dir, durability: "relaxed" });
    await db.createTable({
      TableName: "big",
      KeySchema: [
        { AttributeName: "pk", KeyType: "HASH" },
        { AttributeName: "sk", KeyType: "RANGE" },
      ],
      AttributeDefinitions: [
        { AttributeName: "pk", AttributeType: "S" },
        { AttributeName: "sk", AttributeType: "N" },
        { AttributeName: "g", AttributeType: "S" },
        { AttributeName: "l", AttributeType: "N" },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: "byG",
          KeySchema: [
            { AttributeName: "g", KeyType: "HASH" },
            { AttributeName: "sk", KeyType: "RANGE" },
          ],
          Projection: { ProjectionType: "ALL" },
        },
      ],
      LocalSecondaryIndexes: [
        {
          IndexName: "byL",
          KeySchema: [
            { AttributeName: "pk", KeyType: "HASH" },
            { AttributeName: "l", KeyType: "RANGE" },
          ],
          Projection: { ProjectionType: "KEYS_ONLY" },
        },
      ],
      BillingMode: "PAY_PER_REQUEST",
    });
    const total = 100_000;
    for (let start = 0; start < total; start += 25) {
      const requests = [];
      for (let i = start; i < start + 25; i += 1) {
        const item = { pk: `p${i % 997}`, sk: i, data: `value ${i}`, tags: new Set([`t${i % 7}`]) };
        if (i % 3 !== 0) item.g = `g${i % 50}`; // sparse GSI
        if (i % 2 === 0) item.l = -i;
        requests.push({ PutRequest: { Item: item } });
      }
      await db.batchWrite({ RequestItems: { big: requests } });
    }
    const table = await scanAll(db, { TableName: "big" });
    const gsi = await scanAll(db, { TableName: "big", IndexName: "byG" });
    const lsi = await scanAll(db, { TableName: "big", IndexName: "byL" });
    assert.equal(table.length, total);
    assert.equal(gsi.length, total - Math.ceil(total / 3));
    assert.equal(lsi.length, total / 2);
    await db.close(); // checkpoints: the reopen reads the snapshot alone

    const reopened = await ShoalDB.open({ storage: "fs", path: dir });
    assert.equal(reopened.storage.recovery.recordsApplied, 0);
    assert.deepEqual(await scanAll(reopened, { TableName: "big" }), table);
    assert.deepEqual(await scanAll(reopened, { TableName: "big", IndexName: "byG" }), gsi);
    assert.deepEqual(await scanAll(reopened, { TableName: "big", IndexName: "byL" }), lsi);
    const query = await reopened.query({
      TableName: "big",
      IndexName: "byG",
      KeyConditionExpression: "g = :g AND sk BETWEEN :a AND :b",
      ExpressionAttributeValues: { ":g": "g7", ":a": 1000, ":b": 2000 },
    });
    assert.deepEqual(
      query.Items.map((item) => item.sk),
      table.filter((item) => item.g === "g7" && item.sk >= 1000 && item.sk <= 2000).map((item) => item.sk).sort((a, b) => a - b),
    );
    await reopened.close();
  });
});
