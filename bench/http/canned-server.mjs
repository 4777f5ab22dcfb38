// The ceiling of the HTTP path in Node: a server that reads each request's body and answers every
// request with the same valid GetItem response (a ~200-byte item from the workload), with the
// headers ShoalDB's endpoint sends. No parsing, no engine: what is left is Node's HTTP cost.
// Usage: node canned-server.mjs PORT
import { createServer } from "node:http";
import * as zlib from "node:zlib";
import { item, rng } from "./workload.mjs";

const body = Buffer.from(JSON.stringify({ Item: item(0, rng(1)) }), "utf8");
const crc = String(zlib.crc32(body));

const server = createServer((req, res) => {
  req.on("data", () => {});
  req.on("end", () => {
    res.statusCode = 200;
    res.setHeader("Content-Type", "application/x-amz-json-1.0");
    res.setHeader("Content-Length", body.length);
    res.setHeader("x-amzn-RequestId", "CANNEDCANNEDCANNEDCANNEDCANNEDCANNEDCANNEDCANNEDCANN");
    res.setHeader("x-amz-crc32", crc);
    res.end(body);
  });
});
server.listen(Number(process.argv[2]), "127.0.0.1", () => console.log(`canned server on ${server.address().port}`));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
