// A DynamoDB table as the hub, through the AWS SDK v3: against dynalite (started here) and
// against ShoalDB's own HTTP endpoint.
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import dynalite from "dynalite";
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { ShoalDB } from "../../src/index.node.js";
import { startServer } from "../../src/server/index.js";
import { SDK_OPTIONS } from "../helpers.js";
import { closeAll, converged, countByColor, setAttribute, TABLE_T } from "./sync-helpers.js";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

const services = {
  dynalite: async () => {
    const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
    await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
    return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) };
  },
  "ShoalDB's endpoint": async () => {
    const endpoint = await startServer({ port: 0, storage: "memory" });
    return { url: endpoint.url, close: () => endpoint.close() };
  },
};

for (const [name, startService] of Object.entries(services)) {
  describe(`a DynamoDB table as the hub (${name})`, () => {
    let service;
    let clients = [];
    before(async () => {
      service = await startService();
    });
    after(async () => {
      for (const c of clients) c.destroy();
      await service.close();
    });
    const open = async (tableName) => {
      const client = new DynamoDBClient({ ...SDK_OPTIONS, endpoint: service.url });
      clients.push(client);
      const db = await ShoalDB.open({ sync: { dynamodb: { client, tableName, pollMs: 50 } } });
      await db.createTable(TABLE_T);
      return db;
    };

    it("two peers converge through the table, concurrent writes and deletes included", async () => {
      const dbs = [await open("hub-a"), await open("hub-a")];
      const [a, b] = dbs;
      try {
        for (let i = 0; i < 12; i++) {
          await dbs[i % 2].put({ TableName: "Things", Item: { id: `i${i}`, color: "red", i } });
        }
        await converged(dbs);
        await Promise.all([setAttribute(a, "i1", "color", "green"), setAttribute(b, "i1", "color", "blue")]);
        await b.delete({ TableName: "Things", Key: { id: "i2" } });
        await converged(dbs);
        assert.equal((await a.get({ TableName: "Things", Key: { id: "i2" } })).Item, undefined);
        const reds = await Promise.all(dbs.map((db) => countByColor(db, "red")));
        assert.deepEqual(reds, [10, 10]);
        assert.equal(a.sync.conflicts().length + b.sync.conflicts().length > 0, true);
      } finally {
        await closeAll(dbs);
      }
    });

    it("a peer that joins later pulls the whole log", async () => {
      const first = await open("hub-b");
      let late;
      try {
        for (let i = 0; i < 5; i++) await first.put({ TableName: "Things", Item: { id: `x${i}` } });
        late = await open("hub-b");
        await converged([first, late]);
      } finally {
        await closeAll([first, late].filter(Boolean));
      }
    });
  });
}
