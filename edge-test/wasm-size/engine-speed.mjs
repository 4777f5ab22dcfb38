// One timing run of an engine build: `node engine-speed.mjs <dir with shoal-engine.{mjs,wasm}> [n]`.
// Instantiates the engine the way the package does (compiled module through instantiateWasm), with
// its write-ahead log on (as the package's durable storage runs it, records taken after each
// phase), then times the data path straight through Engine.execute (request JSON prepared
// beforehand), on a table with a global secondary index:
//   put: n PutItem; get: n GetItem; query: n/20 Query of 50 items; index query: n/20 Query of 50 on
//   the index; update: n/2 UpdateItem (SET, ADD, a condition); batch write: n/25 BatchWriteItem of
//   25 puts; transact: n/40 TransactWriteItems of 4 writes; partiql: n/4 ExecuteStatement (SELECT
//   by key, UPDATE); scan: every item in pages of 1,000 with a filter; delete: n/4 DeleteItem;
//   snapshot: snapshot() of it all; reopen: open() of a fresh engine on the snapshot; replay: open()
//   of a fresh engine on the log alone (recovery applying every record).
// Every phase checks its answers. Times are this process's CPU time (user + system, ms), not wall
// time: the machines this runs on are shared, and CPU time is what a build changes (measure.mjs
// runs this with flags that keep background compilation and GC threads out of it). Prints one
// JSON line of times and the snapshot's size.
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const dir = resolve(process.argv[2]);
const n = Number(process.argv[3] ?? 20000);

const clock = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const t0 = clock();
const wasmModule = await WebAssembly.compile(await readFile(join(dir, "shoal-engine.wasm")));
const { default: createShoalEngine } = await import(pathToFileURL(join(dir, "shoal-engine.mjs")).href);
const engineModule = await createShoalEngine({
  locateFile: (path) => path,
  instantiateWasm(imports, receive) {
    WebAssembly.instantiate(wasmModule, imports).then((instance) => receive(instance));
    return {};
  },
});
const engine = new engineModule.Engine();
const result = { startup: clock() - t0 };

function run(operation, request, on = engine) {
  const { status, body } = on.execute(operation, request, Date.now());
  if (status !== 200) throw new Error(`${operation}: ${status} ${body}`);
  return body;
}
const logParts = [];
const takeLog = () => logParts.push(engine.takeLogRecords());
engine.enableLog();

// A full garbage collection before each timed part, where the process allows it (measure.mjs runs
// this with --expose-gc), so no part pays for the garbage of the one before.
const collect = globalThis.gc ?? (() => {});

// Times fn() over prepared requests; check(answers) throws if they are wrong.
function phase(name, requests, operation, check = () => {}) {
  const answers = new Array(requests.length);
  collect();
  const start = clock();
  for (let i = 0; i < requests.length; i++) answers[i] = run(operation, requests[i]);
  result[name] = clock() - start;
  takeLog();
  check(answers);
}
const count = (answers, field) => answers.reduce((sum, body) => sum + JSON.parse(body)[field], 0);
const expect = (what, got, want) => {
  if (got !== want) throw new Error(`${what}: got ${got}, expected ${want}`);
};

run(
  "CreateTable",
  JSON.stringify({
    TableName: "bench",
    KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }, { AttributeName: "sk", KeyType: "RANGE" }],
    AttributeDefinitions: [
      { AttributeName: "pk", AttributeType: "S" },
      { AttributeName: "sk", AttributeType: "N" },
      { AttributeName: "tag", AttributeType: "S" },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: "byTag",
        KeySchema: [{ AttributeName: "tag", KeyType: "HASH" }, { AttributeName: "sk", KeyType: "RANGE" }],
        Projection: { ProjectionType: "ALL" },
      },
    ],
    BillingMode: "PAY_PER_REQUEST",
  }),
);
const partitions = 500;
const key = (i) => ({ pk: { S: `user#${i % partitions}` }, sk: { N: String(i) } });
const item = (i) => ({
  ...key(i),
  tag: { S: `t${i % 50}` },
  name: { S: `name ${i} ✓` },
  score: { N: String(i * 1.5) },
  tags: { SS: ["a", `t${i % 7}`] },
  nested: { M: { on: { BOOL: i % 2 === 0 }, list: { L: [{ N: "1" }, { S: "x" }] } } },
});
const range = (size, f) => Array.from({ length: size }, (_, i) => f(i));

phase("put", range(n, (i) => JSON.stringify({ TableName: "bench", Item: item(i) })), "PutItem");
phase("get", range(n, (i) => JSON.stringify({ TableName: "bench", Key: key(i) })), "GetItem", (answers) => {
  expect("GetItem items", answers.filter((body) => body.includes('"Item"')).length, n);
});
const perPartition = n / partitions;
const queries = n / 20;
phase(
  "query",
  range(queries, (q) =>
    JSON.stringify({
      TableName: "bench",
      KeyConditionExpression: "pk = :p AND sk >= :from",
      ExpressionAttributeValues: { ":p": { S: `user#${q % partitions}` }, ":from": { N: "0" } },
      Limit: 50,
    }),
  ),
  "Query",
  (answers) => expect("Query items", count(answers, "Count"), queries * Math.min(50, perPartition)),
);
phase(
  "index query",
  range(queries, (q) =>
    JSON.stringify({
      TableName: "bench",
      IndexName: "byTag",
      KeyConditionExpression: "tag = :t AND sk > :from",
      ExpressionAttributeValues: { ":t": { S: `t${q % 50}` }, ":from": { N: String(q) } },
      Limit: 50,
    }),
  ),
  "Query",
  (answers) => expect("index Query pages", answers.filter((body) => JSON.parse(body).Count === 50).length, queries),
);
phase(
  "update",
  range(n / 2, (i) =>
    JSON.stringify({
      TableName: "bench",
      Key: key(i),
      UpdateExpression: "SET #n = :n, nested.#on = :on ADD score :one",
      ConditionExpression: "attribute_exists(pk) AND score >= :zero",
      ExpressionAttributeNames: { "#n": "name", "#on": "on" },
      ExpressionAttributeValues: { ":n": { S: `renamed ${i}` }, ":on": { BOOL: true }, ":one": { N: "1" }, ":zero": { N: "0" } },
      ReturnValues: "UPDATED_NEW",
    }),
  ),
  "UpdateItem",
  (answers) => expect("UpdateItem scores", answers.every((body, i) => body.includes(`"${i * 1.5 + 1}"`)), true),
);
phase(
  "batch write",
  range(n / 25, (b) =>
    JSON.stringify({
      RequestItems: { bench: range(25, (k) => ({ PutRequest: { Item: item(n + b * 25 + k) } })) },
    }),
  ),
  "BatchWriteItem",
  (answers) => expect("unprocessed", answers.filter((body) => body !== '{"UnprocessedItems":{}}').length, 0),
);
phase(
  "transact",
  range(n / 40, (t) =>
    JSON.stringify({
      TransactItems: [
        { Put: { TableName: "bench", Item: item(2 * n + t * 2) } },
        { Put: { TableName: "bench", Item: item(2 * n + t * 2 + 1) } },
        {
          Update: {
            TableName: "bench",
            Key: key(t),
            UpdateExpression: "ADD score :one",
            ExpressionAttributeValues: { ":one": { N: "1" } },
          },
        },
        { ConditionCheck: { TableName: "bench", Key: key(t + 1), ConditionExpression: "attribute_exists(pk)" } },
      ],
    }),
  ),
  "TransactWriteItems",
);
phase(
  "partiql",
  range(n / 4, (i) =>
    i % 2 === 0
      ? JSON.stringify({ Statement: `SELECT name, score FROM bench WHERE pk = ? AND sk = ?`, Parameters: Object.values(key(i)) })
      : JSON.stringify({ Statement: `UPDATE bench SET score = score + 1 WHERE pk = ? AND sk = ?`, Parameters: Object.values(key(i)) }),
  ),
  "ExecuteStatement",
  (answers) => expect("SELECT answers", answers.filter((body) => body.includes('"score"')).length, n / 8),
);
const total = 2 * n + (n / 40) * 2;
{
  let scanned = 0;
  let pages = 0;
  let startKey;
  collect();
  const start = clock();
  do {
    const request = {
      TableName: "bench",
      Limit: 1000,
      FilterExpression: "begins_with(#n, :prefix)",
      ExpressionAttributeNames: { "#n": "name" },
      ExpressionAttributeValues: { ":prefix": { S: "name" } },
    };
    if (startKey) request.ExclusiveStartKey = startKey;
    const page = JSON.parse(run("Scan", JSON.stringify(request)));
    scanned += page.ScannedCount;
    pages++;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  result.scan = clock() - start;
  expect("Scan items", scanned, total);
}
phase("delete", range(n / 4, (i) => JSON.stringify({ TableName: "bench", Key: key(n + i) })), "DeleteItem");

const probe = JSON.stringify({ TableName: "bench", Key: key(n - 1) });
collect();
const t4 = clock();
const snapshot = engine.snapshot();
const t5 = clock();
const reopened = new engineModule.Engine();
const recovered = reopened.open(snapshot, null);
const t6 = clock();
if (!recovered.ok) throw new Error(`open: ${recovered.error}`);
expect("the reopened engine's answer", run("GetItem", probe, reopened), run("GetItem", probe));
reopened.delete();

const log = new Uint8Array(logParts.reduce((sum, part) => sum + part.length, 0));
logParts.reduce((at, part) => (log.set(part, at), at + part.length), 0);
const replayed = new engineModule.Engine();
collect();
const t7 = clock();
const fromLog = replayed.open(null, log);
const t8 = clock();
if (!fromLog.ok) throw new Error(`replay: ${fromLog.error}`);
expect("the replayed engine's answer", run("GetItem", probe, replayed), run("GetItem", probe));
replayed.delete();

Object.assign(result, { snapshot: t5 - t4, reopen: t6 - t5, replay: t8 - t7, snapshotBytes: snapshot.length });
engine.delete();
console.log(JSON.stringify(result));
