// A child process for storage-crash.test.js: opens a database folder and writes until it is
// killed, printing one line per acknowledged write ("ack <mode> <id>..."). Puts and two-item
// transactions alternate, so a half-applied transaction would show after a crash.
import { ShoalDB } from "../../src/index.node.js";

const [dir, prefix, durability] = process.argv.slice(2);
// `node --test test/` also loads every file under test/: without arguments this is not a run.
if (durability === undefined) process.exit(0);
const db = await ShoalDB.open({ storage: "fs", path: dir, durability, checkpointMinBytes: 16 * 1024 });
try {
  await db.createTable({
    TableName: "crash",
    KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
    AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
    BillingMode: "PAY_PER_REQUEST",
  });
} catch (error) {
  if (error.name !== "ResourceInUseException") throw error;
}
const pad = "x".repeat(200);
for (let n = 0; ; n += 1) {
  const id = `${prefix}-${n}`;
  if (n % 2 === 0) {
    await db.put({ TableName: "crash", Item: { id, pad } });
    process.stdout.write(`ack ${durability} ${id}\n`);
  } else {
    await db.transactWrite({
      TransactItems: [
        { Put: { TableName: "crash", Item: { id: `${id}-a`, pair: id, pad } } },
        { Put: { TableName: "crash", Item: { id: `${id}-b`, pair: id, pad } } },
      ],
    });
    process.stdout.write(`ack ${durability} ${id}-a ${id}-b\n`);
  }
}
