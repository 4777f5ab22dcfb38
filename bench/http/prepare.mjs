// Prepares one peer over HTTP: creates the table, loads the 20,000 items with BatchWriteItem from
// 16 concurrent clients (as the timed phases use 16 connections), then sends each phase's first
// request once and checks the answer has the shape that phase expects (so every peer is known to
// do the same work), or that the peer does not support the operation.
// Prints one line: RESULT {"load_s": seconds, "phases": {name: "ok" | "unsupported: ..."}}.
// Usage: node prepare.mjs URL [--canned]   (the canned server answers everything with one item)
import {
  BATCH_GET, ITEMS, PHASES, QUERY_LIMIT, TABLE, createTableRequest, loadRequests, phaseBodies,
} from "./workload.mjs";

const [url, mode] = process.argv.slice(2);
const canned = mode === "--canned";

// A request, retried when the connection fails (a keep-alive connection the server has just
// closed); every request prepare sends may be repeated (puts of the same items, reads).
async function call(operation, body) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await callOnce(operation, body);
    } catch (error) {
      if (attempt >= 5 || !(error instanceof TypeError)) throw error;
      console.error(`bench/http: ${operation} to ${url}: ${error.cause?.code ?? error.message}; retrying`);
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}

async function callOnce(operation, body) {
  const response = await fetch(url, {
    method: "POST",
    headers: {
      "Content-Type": "application/x-amz-json-1.0",
      "X-Amz-Target": `DynamoDB_20120810.${operation}`,
      Authorization:
        "AWS4-HMAC-SHA256 Credential=bench/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0",
      "X-Amz-Date": "20260101T000000Z",
    },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: response.status, json: JSON.parse(await response.text()) };
}

async function load() {
  if (!canned) {
    const created = await call("CreateTable", createTableRequest());
    // (A retried CreateTable may find the table its first attempt made.)
    if (created.status !== 200 && !/ResourceInUse/.test(created.json.__type)) {
      throw new Error(`CreateTable: ${JSON.stringify(created.json)}`);
    }
    for (let tries = 0; ; tries++) {
      const { json } = await call("DescribeTable", { TableName: TABLE });
      const indexes = json.Table?.GlobalSecondaryIndexes ?? [];
      if (json.Table?.TableStatus === "ACTIVE" && indexes.every((g) => g.IndexStatus === "ACTIVE")) break;
      if (tries > 100) throw new Error("table did not become ACTIVE");
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  const queue = loadRequests();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      for (let request = queue.shift(); request; request = queue.shift()) {
        for (let tries = 0; ; tries++) {
          const { status, json } = await call("BatchWriteItem", request);
          if (status !== 200) throw new Error(`BatchWriteItem: ${JSON.stringify(json)}`);
          if (canned || !json.UnprocessedItems?.[TABLE]) break;
          if (tries > 20) throw new Error("BatchWriteItem: items stay unprocessed");
          request = { RequestItems: json.UnprocessedItems };
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  if (!canned) {
    const { json } = await call("Scan", { TableName: TABLE, Select: "COUNT" });
    let count = json.Count;
    for (let start = json.LastEvaluatedKey; start; ) {
      const page = await call("Scan", { TableName: TABLE, Select: "COUNT", ExclusiveStartKey: start });
      count += page.json.Count;
      start = page.json.LastEvaluatedKey;
    }
    if (count !== ITEMS) throw new Error(`loaded ${count} items, expected ${ITEMS}`);
  }
  return seconds;
}

// What a correct answer to each phase's first request looks like.
const EXPECT = {
  GetItem: (json) => json.Item !== undefined,
  PutItem: (json) => typeof json === "object",
  BatchWriteItem: (json) => Object.keys(json.UnprocessedItems).length === 0,
  UpdateItem: (json) => typeof json === "object",
  Query: (json) =>
    json.Count === QUERY_LIMIT && json.Items.length === QUERY_LIMIT && json.LastEvaluatedKey !== undefined,
  // A 1 MB page: several thousand ~200-byte items, and more to come.
  Scan: (json) => json.Count > 3000 && json.LastEvaluatedKey !== undefined,
  BatchGetItem: (json) => json.Responses[TABLE].length === BATCH_GET,
  TransactWriteItems: (json) => typeof json === "object",
};

const loadSeconds = await load();
const phases = {};
for (const phase of PHASES) {
  const { status, json } = await call(phase.operation, phaseBodies(phase)[0]);
  if (canned) phases[phase.name] = "ok";
  else if (status === 400 && /UnknownOperation/.test(json.__type ?? "")) phases[phase.name] = "unsupported";
  else if (status !== 200) throw new Error(`${phase.name}: HTTP ${status} ${JSON.stringify(json)}`);
  else if (!EXPECT[phase.operation](json)) {
    throw new Error(`${phase.name}: unexpected answer ${JSON.stringify(json).slice(0, 300)}`);
  }
  else phases[phase.name] = phase.operation === "Scan" ? `ok (${json.Count} items)` : "ok";
}
console.log(`RESULT ${JSON.stringify({ load_s: loadSeconds, phases })}`);
