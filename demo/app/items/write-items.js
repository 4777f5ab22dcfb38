// Writes many items into a table: BatchWriteItem in groups of 25 (DynamoDB's limit), retrying
// what comes back unprocessed. A group that fails is written again one item at a time, so that
// the error names the line it came from.
const BATCH = 25;
const MAX_RETRIES = 8;

export class WriteItemsError extends Error {
  constructor(line, error, written) {
    super(error.message);
    this.name = error.name;
    this.cause = error;
    this.line = line;
    this.written = written;
  }
}

/**
 * @param {(op: string, input: object) => Promise<object>} run
 * @param {{ line: number, item: object }[]} entries
 * @param {(written: number) => void} [onProgress]
 * @returns {Promise<number>} items written
 */
export async function writeItems(run, tableName, entries, onProgress = () => {}) {
  let written = 0;
  for (let start = 0; start < entries.length; start += BATCH) {
    const group = entries.slice(start, start + BATCH);
    try {
      await batchWrite(run, tableName, group.map((e) => e.item));
    } catch (error) {
      // Find the item DynamoDB refuses (a bad attribute, a key twice in one batch, ...).
      for (const { line, item } of group) {
        try {
          await run("PutItem", { TableName: tableName, Item: item });
        } catch (itemError) {
          throw new WriteItemsError(line, itemError, written);
        }
        written++;
      }
      // Every item alone went in: the group failed only as a group (duplicate keys); later lines win.
      onProgress(written);
      continue;
    }
    written += group.length;
    onProgress(written);
  }
  return written;
}

async function batchWrite(run, tableName, items) {
  let requests = { [tableName]: items.map((Item) => ({ PutRequest: { Item } })) };
  for (let attempt = 0; ; attempt++) {
    const { UnprocessedItems } = await run("BatchWriteItem", { RequestItems: requests });
    if (!UnprocessedItems || Object.keys(UnprocessedItems).length === 0) return;
    if (attempt >= MAX_RETRIES) throw new Error("Some items stayed unprocessed after several retries.");
    requests = UnprocessedItems;
    await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
  }
}
