// A Node HTTP endpoint speaking DynamoDB's JSON protocol, backed by the same wasm engine as every
// other runtime: a drop-in for DynamoDB Local. It answers DynamoDB Streams too (X-Amz-Target
// DynamoDBStreams_20120810.*), so a streams client can use the same endpoint URL. Any credentials and any region are accepted; the
// request signature is not checked.
import { createServer } from "node:http";
import * as zlib from "node:zlib";
import { ShoalDB } from "../database.js";
import { crc32 as crc32Js } from "../protocol/crc32.js";
import {
  badTargetBody,
  DEFAULT_CONTENT_TYPE,
  JSON_CONTENT_TYPES,
  mediaType,
  operationFromTarget,
} from "../protocol/json-protocol.js";
import { newRequestId } from "../protocol/request-id.js";

/** DynamoDB's request size limit. */
export const MAX_REQUEST_BYTES = 16 * 1024 * 1024;

const crc32 = typeof zlib.crc32 === "function" ? (bytes) => zlib.crc32(bytes) : crc32Js; // zlib.crc32: Node 20.15+

/**
 * Starts the endpoint. With `db`, serves that database (and leaves it open on close); otherwise
 * opens one with `storage` and closes it on close.
 * @param {import("./index.js").ServerOptions} [options]
 */
export async function startServer(options = {}) {
  const { port = 8000, host = "127.0.0.1", storage = "memory", wasmModule, maxRequestBytes = MAX_REQUEST_BYTES } = options;
  const ownsDb = options.db === undefined;
  const db = options.db ?? (await ShoalDB.open({ storage, wasmModule }));
  const server = createServer((req, res) => {
    handleRequest(db, req, res, maxRequestBytes).catch((error) => {
      try {
        failRequest(res, error);
      } catch {
        res.destroy();
      }
    });
  });
  // Malformed HTTP never reaches the handler; answer it and drop the connection.
  server.on("clientError", (error, socket) => {
    if (socket.writable && !socket.writableEnded) socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
    else socket.destroy();
  });
  try {
    await new Promise((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, host, () => {
        server.off("error", reject);
        resolve();
      });
    });
  } catch (error) {
    if (ownsDb) await db.close();
    throw error;
  }
  const address = server.address();
  const urlHost = address.family === "IPv6" || address.family === 6 ? `[${address.address}]` : address.address;
  let closing;
  return {
    server,
    db,
    host: address.address,
    port: address.port,
    url: `http://${urlHost}:${address.port}`,
    close() {
      closing ??= new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }).then(() => (ownsDb ? db.close() : undefined));
      return closing;
    },
  };
}

async function handleRequest(db, req, res, maxRequestBytes) {
  if (req.headers.origin) addCorsHeaders(req, res);
  if (req.method === "OPTIONS") return send(res, 200, "", "text/plain");
  if (req.method === "GET" || req.method === "HEAD") {
    req.resume();
    return send(res, 200, "healthy: shoaldb\n", "text/plain; charset=utf-8");
  }
  const declaredLength = Number(req.headers["content-length"]);
  if (declaredLength > maxRequestBytes) return tooLarge(req, res, declaredLength, maxRequestBytes);
  const bytes = await readBody(req, maxRequestBytes);
  if (bytes === null) return tooLarge(req, res, undefined, maxRequestBytes);
  const contentType = mediaType(req.headers["content-type"]);
  if (req.method !== "POST" || (bytes.length > 0 && !JSON_CONTENT_TYPES.has(contentType))) {
    // What DynamoDB's front end answers for anything that is not a JSON-protocol POST.
    return send(res, 404, "<UnknownOperationException/>\n", "text/xml");
  }
  const responseType = contentType === "application/x-amz-json-1.1" ? contentType : DEFAULT_CONTENT_TYPE;
  const requestBody = new TextDecoder().decode(bytes);
  const operation = operationFromTarget(req.headers["x-amz-target"]);
  if (operation === null) return send(res, 400, badTargetBody(requestBody), responseType);
  const { status, body } = await db.executeRaw(operation, requestBody);
  send(res, status, body, responseType);
}

// The body, or null once it exceeds the limit (the rest is then drained and dropped).
function readBody(req, maxRequestBytes) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let length = 0;
    let overflow = false;
    req.on("data", (chunk) => {
      if (overflow) return;
      length += chunk.length;
      if (length > maxRequestBytes) {
        overflow = true;
        chunks.length = 0;
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(overflow ? null : Buffer.concat(chunks, length)));
    req.on("error", reject);
  });
}

function tooLarge(req, res, length, maxRequestBytes) {
  req.resume();
  res.setHeader("Connection", "close");
  const size = length === undefined ? "" : ` (${length} bytes)`;
  send(
    res,
    413,
    JSON.stringify({
      __type: "com.amazon.coral.service#RequestEntityTooLargeException",
      message: `Request payload${size} is over the limit of ${maxRequestBytes} bytes`,
    }),
    DEFAULT_CONTENT_TYPE,
  );
}

function send(res, status, body, contentType) {
  const bytes = Buffer.from(body, "utf8");
  res.statusCode = status;
  res.setHeader("Content-Type", contentType);
  res.setHeader("Content-Length", bytes.length);
  res.setHeader("x-amzn-RequestId", newRequestId());
  res.setHeader("x-amz-crc32", String(crc32(bytes)));
  res.end(bytes);
}

function failRequest(res, error) {
  if (res.headersSent) {
    res.destroy(error);
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  send(
    res,
    500,
    JSON.stringify({ __type: "com.amazonaws.dynamodb.v20120810#InternalServerError", message }),
    DEFAULT_CONTENT_TYPE,
  );
}

// Browsers calling the endpoint directly (DynamoDB Local allows every origin by default).
function addCorsHeaders(req, res) {
  res.setHeader("Access-Control-Allow-Origin", "*");
  res.setHeader("Access-Control-Expose-Headers", "x-amzn-RequestId, x-amz-crc32");
  if (req.method === "OPTIONS") {
    const headers = req.headers["access-control-request-headers"];
    if (headers) res.setHeader("Access-Control-Allow-Headers", headers);
    res.setHeader("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
    res.setHeader("Access-Control-Max-Age", "172800");
  }
}
