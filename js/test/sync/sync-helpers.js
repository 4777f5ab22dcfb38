// Shared by the sync tests (not a test file itself).
import { randomUUID } from "node:crypto";
import { ShoalDB } from "../../src/index.node.js";

export const fastTimings = { heartbeatMs: 50, ackTimeoutMs: 2_000, reconnectMs: 50 };

/** A channel name no other test uses. */
export function channelName() {
  return `shoaldb-test-${randomUUID()}`;
}

/** A table `Things` keyed by string `id`, with a GSI `ByColor` on string `color`. */
export const TABLE_T = {
  TableName: "Things",
  KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
  AttributeDefinitions: [
    { AttributeName: "id", AttributeType: "S" },
    { AttributeName: "color", AttributeType: "S" },
  ],
  GlobalSecondaryIndexes: [
    {
      IndexName: "ByColor",
      KeySchema: [{ AttributeName: "color", KeyType: "HASH" }],
      Projection: { ProjectionType: "ALL" },
    },
  ],
  BillingMode: "PAY_PER_REQUEST",
};

/** Opens `n` in-memory peers on one BroadcastChannel, each with table Things. */
export async function openPeers(n, { channel = channelName(), create = true, ...options } = {}) {
  const dbs = [];
  for (let i = 0; i < n; i++) {
    const db = await ShoalDB.open({ sync: { channel, ...fastTimings, ...options } });
    if (create) await db.createTable(TABLE_T);
    dbs.push(db);
  }
  return { dbs, channel };
}

export async function closeAll(dbs) {
  for (const db of dbs) await db.close();
}

/** Polls `check` (sync or async) until it returns a truthy value; fails after `timeoutMs`. */
export async function waitFor(check, { timeoutMs = 10_000, what = "condition" } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      last = await check();
      if (last) return last;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}${last instanceof Error ? `: ${last.message}` : ""}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Every item of a table in key order (wire JSON), for comparing peers. */
export async function tableContents(db, TableName) {
  const items = [];
  let ExclusiveStartKey;
  do {
    const request = { TableName, ConsistentRead: true, ...(ExclusiveStartKey ? { ExclusiveStartKey } : {}) };
    const page = await db.execute("Scan", request);
    items.push(...page.Items);
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items.map((item) => JSON.stringify(sortKeys(item))).sort();
}

function sortKeys(value) {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys(value[k])]));
}

/** Counts the items of table Things whose color is `color`, through the GSI. */
export async function countByColor(db, color) {
  const query = { TableName: "Things", IndexName: "ByColor", KeyConditionExpression: "color = :c" };
  return (await db.query({ ...query, ExpressionAttributeValues: { ":c": color } })).Count;
}

/** Sets one attribute of item `id` of table Thingshings (document API). */
export function setAttribute(db, id, name, value) {
  return db.update({
    TableName: "Things",
    Key: { id },
    UpdateExpression: "SET #n = :v",
    ExpressionAttributeNames: { "#n": name },
    ExpressionAttributeValues: { ":v": value },
  });
}

/** Resolves when every db holds the same items in `tables` and the same version vector. */
export async function converged(dbs, tables = ["Things"], options = {}) {
  return waitFor(async () => {
    const vectors = dbs.map((db) => JSON.stringify(db.sync.status().Vector));
    if (new Set(vectors).size !== 1) return false;
    for (const table of tables) {
      const contents = await Promise.all(dbs.map((db) => tableContents(db, table)));
      const first = JSON.stringify(contents[0]);
      if (!contents.every((c) => JSON.stringify(c) === first)) return false;
    }
    return true;
  }, { what: "convergence", ...options });
}
