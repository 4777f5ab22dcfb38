// Export: every item of a table as DynamoDB JSON lines (dynamodb-json-lines.js), read with
// consistent Scan pages in key order. Like a Scan, it is not a snapshot: a write made while the
// export runs may or may not be in it (CreateBackup and RestoreTableFromBackup give a frozen
// copy to export from).
import { itemLine } from "./dynamodb-json-lines.js";

/**
 * @param {{ execute(operation: string, input: object): Promise<any> }} target  a ShoalDB, or an
 *   endpoint client with the same execute()
 * @param {string} table
 * @param {{ onProgress?: (progress: { items: number }) => void }} [options]
 * @returns {AsyncGenerator<string>} one line per item, each ending in "\n"
 */
export async function* exportTable(target, table, { onProgress } = {}) {
  if (typeof table !== "string" || table === "") {
    throw new TypeError("exportTable: the table must be a non-empty string");
  }
  let items = 0;
  let ExclusiveStartKey;
  do {
    const page = await target.execute("Scan", { TableName: table, ConsistentRead: true, ExclusiveStartKey });
    for (const item of page.Items ?? []) yield itemLine(item);
    items += page.Items?.length ?? 0;
    onProgress?.({ items });
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey !== undefined);
}
