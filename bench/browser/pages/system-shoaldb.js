// ShoalDB through its document API, as an app would use it: BatchWriteItem (25 items a call, its
// limit), GetItem, Query on the table and on a GSI, UpdateItem with SET n = n + :one, and Scan.
// Durable storage runs with relaxed durability (writes are flushed together every 5 ms), like the
// peers' relaxed modes; settle() is db.flush(), so the write phases include making them durable.
import { ShoalDB } from "/js/src/index.js";
import { deleteIndexedDBStorage } from "/js/src/storage/indexeddb-storage.js";
import { deleteOpfsStorage } from "/js/src/storage/opfs-storage.js";

const TableName = "items";
const TABLE = {
  TableName,
  KeySchema: [
    { AttributeName: "pk", KeyType: "HASH" },
    { AttributeName: "sk", KeyType: "RANGE" },
  ],
  AttributeDefinitions: [
    { AttributeName: "pk", AttributeType: "S" },
    { AttributeName: "sk", AttributeType: "S" },
    { AttributeName: "gk", AttributeType: "S" },
    { AttributeName: "gs", AttributeType: "N" },
  ],
  GlobalSecondaryIndexes: [
    {
      IndexName: "by-g",
      KeySchema: [
        { AttributeName: "gk", KeyType: "HASH" },
        { AttributeName: "gs", KeyType: "RANGE" },
      ],
      Projection: { ProjectionType: "ALL" },
    },
  ],
  BillingMode: "PAY_PER_REQUEST",
};

export async function warm() {
  const db = await ShoalDB.open({ storage: "memory" }); // fetches and compiles the engine's wasm
  await db.close();
}

const options = (storage, name) => (storage === "memory" ? { storage } : { storage, name, durability: "relaxed" });

export async function remove(storage, name) {
  if (storage === "opfs") await deleteOpfsStorage(name);
  if (storage === "indexeddb") await deleteIndexedDBStorage(name);
}

export async function openFresh(storage, name) {
  await remove(storage, name);
  let db = await ShoalDB.open(options(storage, name));
  await db.createTable(TABLE);
  return {
    async insert(items) {
      for (let from = 0; from < items.length; from += 25) {
        const requests = items.slice(from, from + 25).map((Item) => ({ PutRequest: { Item } }));
        const { UnprocessedItems } = await db.batchWrite({ RequestItems: { [TableName]: requests } });
        if (Object.keys(UnprocessedItems ?? {}).length > 0) throw new Error("ShoalDB: unprocessed items");
      }
    },
    settle: () => db.flush(),
    get: async (pk, sk) => (await db.get({ TableName, Key: { pk, sk } })).Item,
    range: async (pk, from, to) =>
      (
        await db.query({
          TableName,
          KeyConditionExpression: "pk = :pk AND sk BETWEEN :from AND :to",
          ExpressionAttributeValues: { ":pk": pk, ":from": from, ":to": to },
        })
      ).Items,
    byIndex: async (gk, from, limit) =>
      (
        await db.query({
          TableName,
          IndexName: "by-g",
          KeyConditionExpression: "gk = :gk AND gs >= :from",
          ExpressionAttributeValues: { ":gk": gk, ":from": from },
          Limit: limit,
        })
      ).Items,
    increment: async (pk, sk) =>
      (
        await db.update({
          TableName,
          Key: { pk, sk },
          UpdateExpression: "SET n = n + :one",
          ExpressionAttributeValues: { ":one": 1 },
          ReturnValues: "UPDATED_NEW",
        })
      ).Attributes.n,
    async readAll() {
      const all = [];
      let ExclusiveStartKey;
      do {
        const page = await db.scan({ TableName, ExclusiveStartKey });
        for (const item of page.Items) all.push(item);
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
      return all;
    },
    async count() {
      let count = 0;
      let ExclusiveStartKey;
      do {
        const page = await db.scan({ TableName, Select: "COUNT", ExclusiveStartKey });
        count += page.Count;
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
      return count;
    },
    close: () => db.close(), // flushes and checkpoints (a zstd snapshot), so the reopen replays nothing
    async reopen() {
      db = await ShoalDB.open(options(storage, name));
    },
  };
}
