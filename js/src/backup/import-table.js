// Import: DynamoDB JSON lines into an existing table, in BatchWriteItem batches of 25 (DynamoDB's
// limit), retrying what comes back unprocessed. A key may appear twice (later lines win, as
// PutItem would have it): its second line starts a new batch, since one BatchWriteItem may not
// name a key twice. Not atomic: when a line is refused, the lines before it are imported and the
// error names the line.
import { ImportLineError, parseItemLine, splitLines } from "./dynamodb-json-lines.js";

const BATCH = 25; // limits::kMaxBatchWriteRequests
const MAX_ATTEMPTS = 10;

/**
 * @param {{ execute(operation: string, input: object): Promise<any> }} target  a ShoalDB, or an
 *   endpoint client with the same execute()
 * @param {string} table  an existing table
 * @param {Parameters<typeof splitLines>[0]} source  the export text (see splitLines)
 * @param {{ onProgress?: (progress: { lines: number, items: number }) => void }} [options]
 * @returns {Promise<{ lines: number, items: number }>}
 */
export async function importTable(target, table, source, { onProgress } = {}) {
  if (typeof table !== "string" || table === "") {
    throw new TypeError("importTable: the table must be a non-empty string");
  }
  const { Table } = await target.execute("DescribeTable", { TableName: table });
  const keyNames = Table.KeySchema.map((k) => k.AttributeName);
  let batch = [];
  const keysInBatch = new Set();
  let lines = 0;
  let items = 0;

  const flush = async () => {
    if (batch.length === 0) return;
    await writeBatch(target, table, batch);
    items += batch.length;
    batch = [];
    keysInBatch.clear();
    onProgress?.({ lines, items });
  };

  for await (const text of splitLines(source)) {
    lines += 1;
    if (text.trim() === "") continue;
    const item = parseItemLine(text, lines);
    const key = JSON.stringify(keyNames.map((name) => item[name] ?? null));
    if (keysInBatch.has(key)) await flush();
    batch.push({ item, line: lines });
    keysInBatch.add(key);
    if (batch.length === BATCH) await flush();
  }
  await flush();
  return { lines, items };
}

async function writeBatch(target, table, batch) {
  let requests = { [table]: batch.map(({ item }) => ({ PutRequest: { Item: item } })) };
  try {
    for (let attempt = 1; ; attempt++) {
      const { UnprocessedItems } = await target.execute("BatchWriteItem", { RequestItems: requests });
      if (!UnprocessedItems || Object.keys(UnprocessedItems).length === 0) return;
      if (attempt >= MAX_ATTEMPTS) throw new Error(`items stayed unprocessed after ${MAX_ATTEMPTS} attempts`);
      requests = UnprocessedItems;
      await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt));
    }
  } catch (error) {
    // Which line? The batch was refused whole (BatchWriteItem validates every item first), so
    // writing its items one by one finds the first bad one.
    for (const { item, line } of batch) {
      try {
        await target.execute("PutItem", { TableName: table, Item: item });
      } catch (itemError) {
        throw new ImportLineError(line, itemError.message, { cause: itemError });
      }
    }
    // Every item went in on its own (the batch failed for a passing reason): the batch is done.
    void error;
  }
}
