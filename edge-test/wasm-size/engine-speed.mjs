// One timing run of an engine build: `node engine-speed.mjs <dir with shoal-engine.{mjs,wasm}> [n]`.
// Instantiates the engine the way the package does (compiled module through instantiateWasm), then
// times n PutItem and n GetItem calls straight through Engine.execute (request JSON prepared
// beforehand). Where the engine has snapshots, also times snapshot() of those items and open() of
// a fresh engine from it. Prints one JSON line: compile+instantiate, put, get (and snapshot,
// reopen) in ms, and the snapshot's size.
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const dir = resolve(process.argv[2]);
const n = Number(process.argv[3] ?? 20000);

const t0 = performance.now();
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
const startup = performance.now() - t0;

function run(operation, request) {
  const { status, body } = engine.execute(operation, request, Date.now());
  if (status !== 200) throw new Error(`${operation}: ${status} ${body}`);
  return body;
}

run(
  "CreateTable",
  JSON.stringify({
    TableName: "bench",
    KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }, { AttributeName: "sk", KeyType: "RANGE" }],
    AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }, { AttributeName: "sk", AttributeType: "N" }],
    BillingMode: "PAY_PER_REQUEST",
  }),
);
const puts = [];
const gets = [];
for (let i = 0; i < n; i++) {
  const key = { pk: { S: `user#${i % 500}` }, sk: { N: String(i) } };
  puts.push(
    JSON.stringify({
      TableName: "bench",
      Item: { ...key, name: { S: `name ${i} ✓` }, score: { N: String(i * 1.5) }, tags: { SS: ["a", `t${i % 7}`] }, nested: { M: { on: { BOOL: i % 2 === 0 }, list: { L: [{ N: "1" }, { S: "x" }] } } } },
    }),
  );
  gets.push(JSON.stringify({ TableName: "bench", Key: key }));
}
const t1 = performance.now();
for (const request of puts) run("PutItem", request);
const t2 = performance.now();
let bytes = 0;
for (const request of gets) bytes += run("GetItem", request).length;
const t3 = performance.now();
if (bytes < n * 100) throw new Error("GetItem returned too little");
const result = { startup, put: t2 - t1, get: t3 - t2 };
if (typeof engine.snapshot === "function") {
  const t4 = performance.now();
  const snapshot = engine.snapshot();
  const t5 = performance.now();
  const reopened = new engineModule.Engine();
  const recovered = reopened.open(snapshot, null);
  const t6 = performance.now();
  if (!recovered.ok) throw new Error(`open: ${recovered.error}`);
  if (run("GetItem", gets[n - 1]) !== reopened.execute("GetItem", gets[n - 1], Date.now()).body) {
    throw new Error("the reopened engine answers differently");
  }
  reopened.delete();
  Object.assign(result, {
    snapshot: t5 - t4,
    reopen: t6 - t5,
    snapshotBytes: snapshot.length,
  });
}
engine.delete();
console.log(JSON.stringify(result));
