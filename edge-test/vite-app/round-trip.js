// What the app does with the database, in the page and in a dedicated worker alike: create a
// table, put an item, get it back (document API and wire API), and read a DynamoDB error.
import { NumberValue, ShoalDB } from "shoaldb";

export async function roundTrip() {
  const db = await ShoalDB.open({ storage: "memory" });
  try {
    await db.createTable({
      TableName: "notes",
      KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
      AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
      BillingMode: "PAY_PER_REQUEST",
    });
    await db.put({
      TableName: "notes",
      Item: { id: "n1", text: "hello from Vite", n: 42, big: new NumberValue("123456789012345678901234567890"), tags: new Set(["x", "y"]) },
    });
    const { Item } = await db.get({ TableName: "notes", Key: { id: "n1" } });
    const wire = await db.execute("GetItem", { TableName: "notes", Key: { id: { S: "n1" } }, ProjectionExpression: "#t", ExpressionAttributeNames: { "#t": "text" } });
    let error;
    try {
      await db.get({ TableName: "missing", Key: { id: "x" } });
    } catch (e) {
      error = { name: e.name, status: e.$metadata.httpStatusCode };
    }
    return {
      item: { ...Item, big: Item.big.value, tags: [...Item.tags].sort() },
      wire,
      error,
    };
  } finally {
    await db.close();
  }
}
