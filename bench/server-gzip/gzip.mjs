// Does gzip slow the endpoint's responses down, and from what size does it pay? One run, one server
// (the real engine), Query responses of several sizes fetched over one keep-alive connection three
// ways, interleaved per round: without Accept-Encoding, with gzip at the server's threshold (the
// default gzipMinBytes), and with gzip forced on every response. The client decompresses what it
// gets, as an SDK with gzip would. Prints medians of per-round mean latencies and their ratios to
// the uncompressed run, with bytes on the wire; then the server's CPU cost of gzip alone.
import { Agent, request } from "node:http";
import { gunzipSync, gzipSync } from "node:zlib";
import { SERVER_DEFAULTS, startServer } from "../../js/src/server/index.js";

const ROUNDS = Number(process.env.ROUNDS ?? 7);
const REQUESTS = Number(process.env.REQUESTS ?? 200); // per size, mode and round
const SIZES = [1, 4, 16, 64, 512]; // items per Query page (about 160 bytes each)

const plain = await startServer({ port: 0, gzipMinBytes: SERVER_DEFAULTS.gzipMinBytes });
const forced = await startServer({ port: 0, db: plain.db, gzipMinBytes: 0 });
const agent = new Agent({ keepAlive: true, maxSockets: 1 });

function call(port, operation, body, gzip) {
  return new Promise((resolve, reject) => {
    const headers = { "content-type": "application/x-amz-json-1.0", "x-amz-target": `DynamoDB_20120810.${operation}` };
    if (gzip) headers["accept-encoding"] = "gzip";
    const req = request({ host: "127.0.0.1", port, method: "POST", path: "/", agent, headers }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => {
        const wire = Buffer.concat(chunks);
        const text = (res.headers["content-encoding"] === "gzip" ? gunzipSync(wire) : wire).toString();
        if (res.statusCode !== 200) reject(new Error(text));
        else resolve({ wire: wire.length, text });
      });
    });
    req.on("error", reject);
    req.end(JSON.stringify(body));
  });
}

await call(plain.port, "CreateTable", {
  TableName: "gzip-bench",
  KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }, { AttributeName: "sk", KeyType: "RANGE" }],
  AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }, { AttributeName: "sk", AttributeType: "N" }],
  BillingMode: "PAY_PER_REQUEST",
});
for (const size of SIZES) {
  for (let i = 0; i < size; i++) {
    await call(plain.port, "PutItem", { TableName: "gzip-bench", Item: {
      pk: { S: `p${size}` }, sk: { N: String(i) }, name: { S: `customer ${i} of partition ${size}` },
      email: { S: `user${i}@example.com` }, balance: { N: `${i}.25` }, tags: { SS: ["new", "eu"] } } });
  }
}
const query = (size) => ({
  TableName: "gzip-bench",
  KeyConditionExpression: "pk = :p",
  ExpressionAttributeValues: { ":p": { S: `p${size}` } },
});

const MODES = [
  ["identity", plain.port, false],
  [`gzip >= ${SERVER_DEFAULTS.gzipMinBytes} B`, plain.port, true],
  ["gzip always", forced.port, true],
];
const samples = new Map(); // `${size}|${mode}` -> [mean µs per round]
const wire = new Map();
for (let round = 0; round < ROUNDS; round++) {
  for (const size of SIZES) {
    const order = MODES.map((_, i) => MODES[(i + round) % MODES.length]); // rotate who goes first
    for (const [mode, port, gzip] of order) {
      const started = process.hrtime.bigint();
      let last;
      for (let i = 0; i < REQUESTS; i++) last = await call(port, "Query", query(size), gzip);
      const us = Number(process.hrtime.bigint() - started) / 1000 / REQUESTS;
      const key = `${size}|${mode}`;
      if (!samples.has(key)) samples.set(key, []);
      samples.get(key).push(us);
      wire.set(key, last.wire);
      if (mode === "identity") wire.set(`${size}|text`, Buffer.byteLength(last.text));
    }
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`gzip on the endpoint: ${ROUNDS} rounds x ${REQUESTS} sequential Query requests per size and mode`);
const headings = MODES.map(([m]) => `${m}: µs/request (x identity), wire bytes`);
console.log(`| items | response bytes | ${headings.join(" | ")} |`);
console.log("|---|---|" + MODES.map(() => "---").join("|") + "|");
for (const size of SIZES) {
  const base = samples.get(`${size}|identity`);
  const cells = MODES.map(([mode]) => {
    const s = samples.get(`${size}|${mode}`);
    const ratios = s.map((v, i) => v / base[i]);
    return `${median(s).toFixed(0)} (${median(ratios).toFixed(2)}), ${wire.get(`${size}|${mode}`)}`;
  });
  console.log(`| ${size} | ${wire.get(`${size}|text`)} | ${cells.join(" | ")} |`);
}
// The server's own cost, without the network and the client: what gzip adds to each response.
console.log("\nserver CPU per response for gzip (level 1, the server's), median of 7 runs of 500:");
console.log("| response bytes | gzip µs | wire bytes |\n|---|---|---|");
for (const size of SIZES) {
  const text = Buffer.from((await call(plain.port, "Query", query(size), false)).text);
  const runs = [];
  let out;
  for (let r = 0; r < 7; r++) {
    const started = process.hrtime.bigint();
    for (let i = 0; i < 500; i++) out = gzipSync(text, { level: 1 });
    runs.push(Number(process.hrtime.bigint() - started) / 1000 / 500);
  }
  console.log(`| ${text.length} | ${median(runs).toFixed(1)} | ${out.length} |`);
}
agent.destroy();
await forced.close();
await plain.close();
