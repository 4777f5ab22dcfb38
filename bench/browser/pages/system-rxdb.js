// RxDB 17 on its memory storage (RxStorage "memory": documents in JS arrays with sorted indexes;
// nothing is stored, so it runs in the memory rows only). Composite primary key pk|sk, an index
// on [gk, gs]; bulkInsert, findOne, find with selector/sort/limit, and incrementalModify (RxDB's
// read-modify-write of a document). Queries return RxDocuments, whose fields are getters.
import { createRxDatabase, getRxStorageMemory } from "/build/rxdb.js";

const SCHEMA = {
  version: 0,
  primaryKey: { key: "id", fields: ["pk", "sk"], separator: "|" },
  type: "object",
  properties: {
    id: { type: "string", maxLength: 20 },
    pk: { type: "string", maxLength: 8 },
    sk: { type: "string", maxLength: 8 },
    gk: { type: "string", maxLength: 8 },
    gs: { type: "integer", minimum: 0, maximum: 1_000_000, multipleOf: 1 },
    n: { type: "integer" },
    name: { type: "string" },
    body: { type: "string" },
  },
  required: ["id", "pk", "sk", "gk", "gs", "n", "name", "body"],
  indexes: [["gk", "gs"]],
};

export async function warm() {}

export async function remove() {}

export async function openFresh(storage, name) {
  if (storage !== "memory") throw new Error(`this column runs RxDB's memory storage, not ${storage}`);
  const db = await createRxDatabase({ name, storage: getRxStorageMemory(), multiInstance: false });
  const { items } = await db.addCollections({ items: { schema: SCHEMA } });
  const id = (pk, sk) => `${pk}|${sk}`;
  return {
    async insert(docs) {
      const { error } = await items.bulkInsert(docs);
      if (error.length > 0) throw new Error(`RxDB: ${error.length} inserts failed`);
    },
    settle: async () => {},
    get: (pk, sk) => items.findOne(id(pk, sk)).exec(),
    range: (pk, from, to) =>
      items.find({ selector: { pk, sk: { $gte: from, $lte: to } }, sort: [{ sk: "asc" }] }).exec(),
    byIndex: (gk, from, limit) =>
      items.find({ selector: { gk, gs: { $gte: from } }, sort: [{ gs: "asc" }], limit }).exec(),
    async increment(pk, sk) {
      const doc = await items.findOne(id(pk, sk)).exec();
      const updated = await doc.incrementalModify((data) => {
        data.n += 1;
        return data;
      });
      return updated.n;
    },
    readAll: () => items.find().exec(),
    count: () => items.count().exec(),
    close: () => db.close(),
    async reopen() {
      throw new Error("RxDB's memory storage keeps nothing to reopen");
    },
  };
}
