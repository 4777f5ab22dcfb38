// A Node HTTP endpoint speaking DynamoDB's JSON protocol, backed by the same wasm engine as every
// other runtime: a drop-in for DynamoDB Local. It answers DynamoDB Streams too (X-Amz-Target
// DynamoDBStreams_20120810.*), so a streams client can use the same endpoint URL.
//
// Anonymous by default (any credentials, any region, signatures unchecked, as DynamoDB Local);
// with `credentials`, requests must be signed with AWS Signature Version 4 (authenticate.js).
// Built to be left running: bounded request size, slow-client timeouts, bounded concurrency and
// body memory (admission.js), gzip, a health endpoint, structured logs, and a graceful close().
// This file owns the server's lifecycle; handler.js is the per-request pipeline.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { ShoalDB } from "../index.node.js"; // the Node entry: it registers storage "fs"
import { createAccessLog } from "./access-log.js";
import { Admission } from "./admission.js";
import { credentialTable } from "./authenticate.js";
import { handleRequest } from "./handler.js";

/**
 * DynamoDB's request size limit: 16 MB, the most a BatchWriteItem request may carry (25 items of
 * 400 KB are far less, but the limit is on the whole request, and DynamoDB states it as 16 MB).
 */
export const MAX_REQUEST_BYTES = 16 * 1024 * 1024;

/** The defaults of startServer's tuning options; see index.d.ts for what each one bounds. */
export const SERVER_DEFAULTS = Object.freeze({
  port: 8000,
  host: "127.0.0.1",
  maxRequestBytes: MAX_REQUEST_BYTES,
  maxConcurrentRequests: 128,
  maxQueuedRequests: 1024,
  maxBufferedBytes: 8 * MAX_REQUEST_BYTES,
  maxConnections: 4096,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 60_000,
  responseTimeoutMs: 60_000,
  keepAliveTimeoutMs: 30_000,
  shutdownTimeoutMs: 10_000,
  gzipMinBytes: 1024,
});

const VERSION = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")).version;

/**
 * Starts the endpoint. With `db`, serves that database (and leaves it open on close); otherwise
 * opens one with `storage` (and `path`, `durability`) and closes it on close.
 * @param {import("./index.js").ServerOptions} [options]
 */
export async function startServer(options = {}) {
  const o = { ...SERVER_DEFAULTS, ...definedOnly(options) };
  if (o.requestTimeoutMs < o.headersTimeoutMs) {
    throw new RangeError("startServer: requestTimeoutMs must be at least headersTimeoutMs");
  }
  const credentials = credentialTable(options.credentials);
  const admission = new Admission({
    maxActive: o.maxConcurrentRequests,
    maxQueued: o.maxQueuedRequests,
    maxBytes: o.maxBufferedBytes,
  });
  const log = createAccessLog(options.log);
  const ownsDb = options.db === undefined;
  const db = options.db ?? (await ShoalDB.open(openOptions(options)));
  const startedAt = Date.now();

  const state = {
    db,
    credentials,
    admission,
    log,
    maxRequestBytes: o.maxRequestBytes,
    gzipMinBytes: o.gzipMinBytes,
    responseTimeoutMs: o.responseTimeoutMs,
    draining: false,
    inFlight: 0,
    health: () => ({
      status: state.draining ? "draining" : "ok",
      service: "shoaldb",
      version: VERSION,
      uptimeSeconds: Math.floor((Date.now() - startedAt) / 1000),
      auth: credentials ? "sigv4" : "anonymous",
      requests: { inFlight: state.inFlight, running: admission.active, queued: admission.queued },
    }),
  };

  const server = createServer({
    // How often Node looks for connections past headersTimeout / requestTimeout.
    connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(o.headersTimeoutMs / 4))),
  });
  server.headersTimeout = o.headersTimeoutMs;
  server.requestTimeout = o.requestTimeoutMs;
  server.keepAliveTimeout = o.keepAliveTimeoutMs;
  server.maxConnections = o.maxConnections;
  server.on("request", (req, res) => {
    state.inFlight += 1;
    res.once("close", () => {
      state.inFlight -= 1;
      // While draining, a keep-alive connection whose last response is done closes now.
      if (state.draining) server.closeIdleConnections();
    });
    handleRequest(state, req, res).catch(() => res.destroy());
  });
  server.on("clientError", answerClientError);

  try {
    await new Promise((resolve, reject) => {
      server.once("error", reject);
      server.listen(o.port, o.host, () => {
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
  // A db passed in need only answer executeRaw (tests pass stand-ins); a ShoalDB database also
  // learns the address DescribeEndpoints should answer.
  if (typeof db.setEndpointAddress === "function") await db.setEndpointAddress(`${urlHost}:${address.port}`);
  let closing;
  return {
    server,
    db,
    host: address.address,
    port: address.port,
    url: `http://${urlHost}:${address.port}`,
    health: state.health,
    close() {
      closing ??= drain(server, state, o.shutdownTimeoutMs).then(() => (ownsDb ? db.close() : undefined));
      return closing;
    },
  };
}

// Graceful stop: no new connections, idle ones closed, every request in flight answered (its
// response says Connection: close), then the listener is gone. Connections still busy after
// `timeoutMs` are cut.
async function drain(server, state, timeoutMs) {
  state.draining = true;
  const closed = new Promise((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const timer = setTimeout(() => server.closeAllConnections(), timeoutMs);
  try {
    await closed;
  } finally {
    clearTimeout(timer);
  }
}

// Malformed HTTP, oversized headers and slow clients never reach the handler: answer them as
// plainly as HTTP allows and drop the connection.
function answerClientError(error, socket) {
  if (!socket.writable || socket.writableEnded) {
    socket.destroy();
    return;
  }
  let status = "400 Bad Request";
  let type = "SerializationException";
  let message = "The request is not valid HTTP/1.1";
  if (error.code === "ERR_HTTP_REQUEST_TIMEOUT" || error.code === "ERR_HTTP_HEADERS_TIMEOUT") {
    status = "408 Request Timeout";
    type = "RequestTimeoutException";
    message = "The request was not received in time";
  } else if (error.code === "HPE_HEADER_OVERFLOW") {
    status = "431 Request Header Fields Too Large";
    type = "RequestHeaderFieldsTooLargeException";
    message = "The request headers are too large";
  }
  const body = JSON.stringify({ __type: `com.amazon.coral.service#${type}`, message });
  socket.end(
    `HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Type: application/x-amz-json-1.0\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

function openOptions({ storage = "memory", path, durability, wasmModule, throughputEmulation }) {
  return definedOnly({ storage, path, durability, wasmModule, throughputEmulation });
}

function definedOnly(object) {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
}
