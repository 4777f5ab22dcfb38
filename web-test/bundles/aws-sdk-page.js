// Bundled for the browser by test/aws-sdk.test.js (esbuild, platform "browser"), the way an app
// ships it: the official AWS SDK v3 talking to ShoalDB through the in-process request handler,
// with no network.
import {
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  ListTablesCommand,
  PutItemCommand,
  ResourceNotFoundException,
} from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { ShoalDB } from "shoaldb";

export async function run({ wasmUrl }) {
  const db = await ShoalDB.open({ storage: "memory", wasmUrl });
  const client = new DynamoDBClient({
    region: "local",
    endpoint: "http://shoaldb.local",
    credentials: { accessKeyId: "x", secretAccessKey: "x" },
    requestHandler: db.requestHandler(),
    maxAttempts: 1,
  });
  const doc = DynamoDBDocumentClient.from(client);
  const created = await client.send(
    new CreateTableCommand({
      TableName: "browser",
      KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
      AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
      BillingMode: "PAY_PER_REQUEST",
    }),
  );
  await client.send(new PutItemCommand({ TableName: "browser", Item: { id: { S: "low" }, bytes: { B: new Uint8Array([9, 8]) } } }));
  const low = await client.send(new GetItemCommand({ TableName: "browser", Key: { id: { S: "low" } } }));
  await doc.send(new PutCommand({ TableName: "browser", Item: { id: "doc", n: 7, tags: new Set(["a"]) } }));
  const high = await doc.send(new GetCommand({ TableName: "browser", Key: { id: "doc" } }));
  const tables = await client.send(new ListTablesCommand({}));
  let notFound;
  try {
    await client.send(new GetItemCommand({ TableName: "absent", Key: { id: { S: "x" } } }));
  } catch (error) {
    notFound = { name: error.name, modelled: error instanceof ResourceNotFoundException, status: error.$metadata.httpStatusCode };
  }
  client.destroy();
  await db.close();
  return {
    status: created.TableDescription.TableStatus,
    requestId: /^[A-Z0-9]{52}$/.test(created.$metadata.requestId),
    low: { id: low.Item.id.S, bytes: Array.from(low.Item.bytes.B) },
    high: { id: high.Item.id, n: high.Item.n, tags: [...high.Item.tags] },
    tables: tables.TableNames,
    notFound,
  };
}
