// Peers syncing through a ShoalDB hub over WebSockets: DynamoDB endpoints written through the AWS
// SDK v3, tokens and table permissions, and a durable hub that restarts.
import {
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
} from "@aws-sdk/client-dynamodb";
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { ShoalDB } from "../../src/index.node.js";
import { startServer } from "../../src/server/index.js";
import { attachSync } from "../../src/sync/index.js";
import { runHub } from "../../src/sync/hub.js";
import { SDK_OPTIONS } from "../helpers.js";
import { converged, fastTimings, TABLE_T, tableContents, waitFor } from "./sync-helpers.js";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

const TOKEN = "hub-test-token";

async function endpointPeer(hubUrl, token = TOKEN) {
  const db = await ShoalDB.open({ storage: "memory" });
  const peer = await attachSync(db, { url: hubUrl, token, ...fastTimings });
  const endpoint = await startServer({ port: 0, db });
  const client = new DynamoDBClient({ ...SDK_OPTIONS, endpoint: endpoint.url });
  return {
    db,
    peer,
    client,
    async close() {
      client.destroy();
      await endpoint.close();
      await db.close();
    },
  };
}

describe("sync through a hub", () => {
  it("two DynamoDB endpoints written through the AWS SDK converge through the hub", async () => {
    const hub = await runHub({ port: 0, token: TOKEN, ...fastTimings });
    const one = await endpointPeer(hub.url);
    const two = await endpointPeer(hub.url);
    try {
      // The table is created on one endpoint only: the others learn it from the writes.
      await one.client.send(new CreateTableCommand(TABLE_T));
      for (let i = 0; i < 20; i++) {
        const Item = { id: { S: `one-${i}` }, color: { S: "red" } };
        await one.client.send(new PutItemCommand({ TableName: "Things", Item }));
      }
      await waitFor(() => two.db.sync.status().Vector[one.db.sync.site], { what: "the table reaching endpoint two" });
      const setColor = (color) =>
        new UpdateItemCommand({
          TableName: "Things",
          Key: { id: { S: "one-1" } },
          UpdateExpression: "SET color = :c",
          ExpressionAttributeValues: { ":c": { S: color } },
        });
      await Promise.all([
        one.client.send(setColor("from one")),
        two.client.send(setColor("from two")),
        two.client.send(
          new PutItemCommand({ TableName: "Things", Item: { id: { S: "two-0" }, color: { S: "blue" } } }),
        ),
      ]);
      await converged([one.db, two.db, hub.db]);
      const fromOne = await one.client.send(new GetItemCommand({ TableName: "Things", Key: { id: { S: "two-0" } } }));
      assert.deepEqual(fromOne.Item, { id: { S: "two-0" }, color: { S: "blue" } });
      assert.equal((await tableContents(two.db, "Things")).length, 21);
    } finally {
      await one.close();
      await two.close();
      await hub.close();
    }
  });

  it("refuses a peer with a wrong token", async () => {
    const hub = await runHub({ port: 0, token: TOKEN });
    const db = await ShoalDB.open({ storage: "memory" });
    try {
      const errors = [];
      const peer = await attachSync(db, { url: hub.url, token: "not-the-token", ...fastTimings });
      peer.onError((e) => errors.push(e));
      const transport = [...peer.links][0];
      assert.equal(transport, undefined, "no link before the hub accepts the token");
      await waitFor(() => errors.length > 0, { what: "the refusal" });
      assert.ok(errors.every((e) => e.code === "Unauthorized"), errors.map((e) => e.message).join("; "));
      assert.ok(errors.some((e) => /the token is not valid for this hub/.test(e.message)));
      await db.put({ TableName: "Things", Item: { id: "x" } }).catch(() => {});
      assert.deepEqual(hub.db.sync.status().Peers, {});
    } finally {
      await db.close();
      await hub.close();
    }
  });

  it("voids writes to a table the peer may not write, and applies the others", async () => {
    const hub = await runHub({
      port: 0,
      tokens: { writer: { read: "*", write: "*" }, limited: { name: "kiosk", read: "*", write: ["Open"] } },
      ...fastTimings,
    });
    const tables = ["Open", "Closed"].map((TableName) => ({ ...TABLE_T, TableName }));
    const writer = await ShoalDB.open({ sync: { url: hub.url, token: "writer", ...fastTimings } });
    const limited = await ShoalDB.open({ sync: { url: hub.url, token: "limited", ...fastTimings } });
    try {
      for (const t of tables) await writer.createTable(t);
      await writer.put({ TableName: "Open", Item: { id: "w" } });
      await writer.put({ TableName: "Closed", Item: { id: "w" } });
      await converged([writer, limited, hub.db], ["Open", "Closed"]);
      const errors = [];
      limited.sync.onError((e) => errors.push(e));
      await limited.put({ TableName: "Closed", Item: { id: "not allowed" } });
      await limited.put({ TableName: "Open", Item: { id: "allowed" } });
      const allowed = { TableName: "Open", Key: { id: "allowed" } };
      await waitFor(async () => (await hub.db.get(allowed)).Item, { what: "the allowed write" });
      await waitFor(() => errors.length > 0, { what: "the refusal notice" });
      assert.match(errors[0].message, /Closed may not be written/);
      assert.equal((await hub.db.get({ TableName: "Closed", Key: { id: "not allowed" } })).Item, undefined);
      await waitFor(async () => (await writer.get({ TableName: "Open", Key: { id: "allowed" } })).Item);
      assert.equal((await writer.get({ TableName: "Closed", Key: { id: "not allowed" } })).Item, undefined);
    } finally {
      await writer.close();
      await limited.close();
      await hub.close();
    }
  });

  it("a durable peer restarts from its own state: offline writes kept, then only deltas", async () => {
    const dir = await mkdtemp(join(tmpdir(), "shoaldb-peer-"));
    const hub = await runHub({ port: 0, token: TOKEN, ...fastTimings });
    const other = await ShoalDB.open({ sync: { url: hub.url, token: TOKEN, ...fastTimings } });
    try {
      await other.createTable(TABLE_T);
      let peer = await ShoalDB.open({ path: dir, sync: { url: hub.url, token: TOKEN, ...fastTimings } });
      await peer.createTable(TABLE_T);
      await peer.put({ TableName: "Things", Item: { id: "before" } });
      await converged([peer, other, hub.db]);
      const site = peer.sync.site;
      await peer.close();
      // Offline: the peer writes without a hub; the others go on.
      peer = await ShoalDB.open({ path: dir });
      await peer.put({ TableName: "Things", Item: { id: "offline" } });
      await peer.close();
      for (let i = 0; i < 5; i++) await other.put({ TableName: "Things", Item: { id: `meanwhile-${i}` } });
      peer = await ShoalDB.open({ path: dir, sync: { url: hub.url, token: TOKEN, ...fastTimings } });
      try {
        assert.equal(peer.sync.site, site, "the site id is the database's, kept in its storage");
        await converged([peer, other, hub.db]);
        assert.equal((await tableContents(other, "Things")).length, 7);
        const pages = peer.sync.links.reduce((sum, link) => sum + link.stats.statePagesReceived, 0);
        assert.equal(pages, 0, "caught up with units, not the state");
      } finally {
        await peer.close();
      }
    } finally {
      await other.close();
      await hub.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("a durable hub keeps acknowledged writes across a restart", async () => {
    const dir = await mkdtemp(join(tmpdir(), "shoaldb-hub-"));
    try {
      let hub = await runHub({ port: 0, token: TOKEN, storage: dir, ...fastTimings });
      const port = hub.port;
      const writer = await ShoalDB.open({ sync: { url: hub.url, token: TOKEN, ...fastTimings } });
      await writer.createTable(TABLE_T);
      for (let i = 0; i < 10; i++) await writer.put({ TableName: "Things", Item: { id: `i${i}`, color: "red" } });
      await converged([writer, hub.db]);
      await writer.close();
      await hub.close();

      hub = await runHub({ port, token: TOKEN, storage: dir, ...fastTimings });
      const reader = await ShoalDB.open({ sync: { url: hub.url, token: TOKEN, ...fastTimings } });
      try {
        const items = async () => (await tableContents(reader, "Things").catch(() => [])).length;
        await waitFor(async () => (await items()) === 10, { what: "the data from the restarted hub" });
      } finally {
        await reader.close();
        await hub.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
