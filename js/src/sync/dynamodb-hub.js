// A DynamoDB table as the hub (or any DynamoDB-compatible service: ShoalDB's own endpoint,
// DynamoDB Local, dynalite, ScyllaDB Alternator), through the AWS SDK v3, for when peers outgrow
// one machine. The table is an append-only log of the protocol's messages:
//   pk (S) "log", sk (N) 1, 2, 3, ... contiguous, m (B) a Changes or State message, site (N)
// Push: what the table lacks (this peer tracks the table's version vector: everything it pulled
// or pushed) in messages of at most `maxBatchBytes`, each appended at the next sequence number
// with a conditional PutItem (attribute_not_exists), so peers never overwrite each other and the
// log has no holes; a peer that loses the race pulls what was appended and tries again. Pull: a
// Query for sk > the last applied, every `pollMs` (and after a push), applied in log order. The
// units inside keep their per-attribute stamps, so the merge is the same as between peers.
const LOG = "log";
// The site id this peer files the table's vector under (never a real site: those are < 2^52).
const TABLE_SITE = Number.MAX_SAFE_INTEGER;
const EMPTY_VECTOR = new Uint8Array([0]);

/**
 * @param {import("./sync-peer.js").SyncPeer} peer
 * @param {{ client: any, tableName?: string, pollMs?: number, maxBatchBytes?: number, createTable?: boolean }} options
 */
export async function connectDynamoDBHub(peer, options) {
  const { client, tableName = "shoaldb-sync", pollMs = 1000, maxBatchBytes = 300 * 1024, createTable = true } = options;
  if (!client || typeof client.send !== "function") {
    throw new TypeError("ShoalDB sync: dynamodb.client must be an AWS SDK v3 DynamoDBClient");
  }
  const sdk = await loadSdk();
  if (createTable) await ensureTable(sdk, client, tableName);
  const site = peer.site;
  let last = 0; // the last sequence number applied
  let tableVector = EMPTY_VECTOR;
  let closed = false;
  let running = null;
  let again = false;
  let timer = null;

  const pull = async () => {
    let ExclusiveStartKey;
    do {
      const page = await client.send(
        new sdk.QueryCommand({
          TableName: tableName,
          KeyConditionExpression: "pk = :log AND sk > :last",
          ExpressionAttributeValues: { ":log": { S: LOG }, ":last": { N: String(last) } },
          ConsistentRead: true,
          ExclusiveStartKey,
        }),
      );
      for (const item of page.Items ?? []) {
        const sequence = Number(item.sk.N);
        if (sequence !== last + 1) return; // appended out of order? never: puts are conditional
        const bytes = item.m.B;
        if (Number(item.site?.N) !== site) {
          const result = await peer.receive(bytes, null);
          if (result.error) {
            peer.reportError(new Error(`ShoalDB sync: log entry ${sequence} was refused: ${result.error}`));
          }
        }
        tableVector = await peer.enqueue(() => peer.engine.syncVectorAfter(tableVector, bytes));
        last = sequence;
      }
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey && !closed);
  };

  // Appends `message` at the next sequence number; false when another peer took it first.
  const append = async (message) => {
    try {
      await client.send(
        new sdk.PutItemCommand({
          TableName: tableName,
          Item: { pk: { S: LOG }, sk: { N: String(last + 1) }, m: { B: message }, site: { N: String(site) } },
          ConditionExpression: "attribute_not_exists(pk)",
        }),
      );
      last += 1;
      return true;
    } catch (error) {
      if (error?.name === "ConditionalCheckFailedException") return false;
      throw error;
    }
  };

  const push = async () => {
    while (!closed) {
      const batch = await peer.enqueue(() => peer.engine.syncChanges(tableVector, maxBatchBytes, null));
      if (batch.behind) {
        await pushState();
        continue;
      }
      if (batch.message === null) return;
      if (await append(batch.message)) tableVector = batch.vector;
      else await pull(); // lost the race: take what was appended, then compute again
    }
  };

  // The table lacks units this peer no longer keeps: append its whole state, page by page.
  const pushState = async () => {
    let cursor = null;
    do {
      const page = await peer.enqueue(() => peer.engine.syncState(cursor, maxBatchBytes, null));
      if (!(await append(page.message))) return pull(); // start over; appended pages merge harmlessly
      tableVector = await peer.enqueue(() => peer.engine.syncVectorAfter(tableVector, page.message));
      cursor = page.cursor;
    } while (cursor !== null && !closed);
  };

  const round = async () => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await pull();
          await push();
          // Units the table holds are there for every peer: this one need not keep them.
          await peer.enqueue(() => peer.engine.syncNoteReport(TABLE_SITE, tableVector));
        } while (again && !closed);
      } catch (error) {
        if (!closed) peer.reportError(error);
      } finally {
        running = null;
      }
    })();
    return running;
  };

  const tick = () => {
    if (closed) return;
    round().finally(() => {
      if (!closed) {
        timer = setTimeout(tick, pollMs);
        timer.unref?.();
      }
    });
  };
  // Local writes: push soon (the peer pumps its links after each request).
  const link = { pump: () => void round(), close() {} };
  peer.addLink(link);
  tick();

  return peer.addTransport({
    kind: "dynamodb",
    tableName,
    /** Pulls and pushes now; resolves when done (tests, shutdown). */
    sync: round,
    async close() {
      closed = true;
      clearTimeout(timer);
      peer.removeLink(link);
      await running;
    },
  });
}

async function ensureTable(sdk, client, TableName) {
  try {
    await client.send(
      new sdk.CreateTableCommand({
        TableName,
        KeySchema: [
          { AttributeName: "pk", KeyType: "HASH" },
          { AttributeName: "sk", KeyType: "RANGE" },
        ],
        AttributeDefinitions: [
          { AttributeName: "pk", AttributeType: "S" },
          { AttributeName: "sk", AttributeType: "N" },
        ],
        BillingMode: "PAY_PER_REQUEST",
      }),
    );
  } catch (error) {
    if (error?.name !== "ResourceInUseException") throw error;
  }
  for (let i = 0; i < 600; i++) {
    const { Table } = await client.send(new sdk.DescribeTableCommand({ TableName }));
    if (Table?.TableStatus === "ACTIVE") return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`ShoalDB sync: table ${TableName} did not become ACTIVE`);
}

// The AWS SDK is the app's dependency, not shoaldb's; a variable keeps bundlers from resolving it.
async function loadSdk() {
  const name = "@aws-sdk/client-dynamodb";
  try {
    return await import(name);
  } catch {
    throw new Error("ShoalDB sync: a DynamoDB hub needs @aws-sdk/client-dynamodb installed");
  }
}
