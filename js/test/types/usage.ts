// Compiled (not run) by types.test.js: the public API as a TypeScript user writes it.
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { marshall, NumberValue, ShoalDB, ShoalDBError, unmarshall, type AttributeValue } from "shoaldb";
import { startServer, type RunningServer } from "shoaldb/server";

export async function usage(wasmModule: WebAssembly.Module): Promise<void> {
  const db: ShoalDB = await ShoalDB.open({ storage: "memory", wasmModule, marshallOptions: { removeUndefinedValues: true } });
  await db.createTable({
    TableName: "t",
    KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
    AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
  });
  const raw = await db.execute("PutItem", { TableName: "t", Item: { id: { S: "a" } } });
  const text: string = (await db.executeRaw("GetItem", "{}")).body;
  await db.put({ TableName: "t", Item: { id: "a", n: 1, big: new NumberValue("1"), tags: new Set(["x"]), b: new Uint8Array(1), u: undefined } });
  const got = await db.get({ TableName: "t", Key: { id: "a" } });
  const n: unknown = got.Item?.n;
  const deleted = await db.delete({ TableName: "t", Key: { id: "a" }, ReturnValues: "ALL_OLD" });
  const tables: string[] = (await db.listTables({ Limit: 1 })).TableNames;
  await db.query({ TableName: "t", KeyConditionExpression: "id = :id", ExpressionAttributeValues: { ":id": "a" } });
  await db.batchWrite({ RequestItems: { t: [{ PutRequest: { Item: { id: "b" } } }, { DeleteRequest: { Key: { id: "c" } } }] } });
  await db.transactWrite({ TransactItems: [{ Put: { TableName: "t", Item: { id: "d" } } }] });

  const client = new DynamoDBClient({
    region: "local",
    endpoint: "http://shoaldb.local",
    credentials: { accessKeyId: "x", secretAccessKey: "x" },
    requestHandler: db.requestHandler(),
  });
  DynamoDBDocumentClient.from(client);

  const wire: AttributeValue = marshall({ a: 1 }).a;
  const back: Record<string, any> = unmarshall({ a: wire });
  const bigint: bigint = new NumberValue(5n).toBigInt();

  const server: RunningServer = await startServer({ port: 0, db });
  const url: string = server.url;
  await server.close();
  await db.close();
  void [raw, text, n, deleted, tables, back, bigint, url];
}
