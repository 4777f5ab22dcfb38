// One HTTP request, from arrival to response: the endpoint's pipeline. Cheap checks come before
// costly ones, so a request that is refused costs little: the declared size and the signature's
// headers are checked before a permit is taken or a byte of the body is read; the body is read
// under a permit (admission.js), then the signature is verified over it, and only then does the
// engine run.
import {
  badTargetBody,
  DEFAULT_CONTENT_TYPE,
  JSON_CONTENT_TYPES,
  mediaType,
  operationFromTarget,
} from "../protocol/json-protocol.js";
import { newRequestId } from "../protocol/request-id.js";
import { inspect, verify } from "./authenticate.js";
import { BodyTooLarge, ClientGone, readBody } from "./body.js";
import { acceptsGzip, send, sendError } from "./respond.js";

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * @param {object} state the server's shared state (index.js)
 * @param {import("node:http").IncomingMessage} req
 * @param {import("node:http").ServerResponse} res
 */
export async function handleRequest(state, req, res) {
  const ctx = {
    requestId: newRequestId(),
    started: performance.now(),
    gzip: acceptsGzip(req.headers["accept-encoding"]),
    gzipMinBytes: state.gzipMinBytes,
    gzipped: false,
    state,
    closeConnection: false, // set when the connection should close after this response
    responseType: undefined,
    operation: undefined,
    accessKeyId: undefined,
    errorType: undefined,
    bytesIn: 0,
    bytesOut: 0,
  };
  res.setHeader("x-amzn-RequestId", ctx.requestId);
  if (state.log) res.once("close", () => state.log(logEntry(ctx, req, res)));
  try {
    await route(state, ctx, req, res);
  } catch (error) {
    if (res.headersSent || res.destroyed) {
      res.destroy();
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    sendError(ctx, res, 500, "com.amazonaws.dynamodb.v20120810#InternalServerError", message);
  }
}

async function route(state, ctx, req, res) {
  if (req.headers.origin) addCorsHeaders(req, res);
  if (req.method === "OPTIONS") return send(ctx, res, 200, "", "text/plain");
  if (req.method === "GET" || req.method === "HEAD") {
    req.resume();
    const path = (req.url ?? "/").split("?", 1)[0];
    if (path === "/health") {
      const health = state.health();
      return send(ctx, res, health.status === "ok" ? 200 : 503, JSON.stringify(health), "application/json");
    }
    // What DynamoDB answers to a GET of its endpoint; load balancers probe it.
    return send(ctx, res, 200, "healthy: shoaldb\n", "text/plain; charset=utf-8");
  }
  const json11 = mediaType(req.headers["content-type"]) === "application/x-amz-json-1.1";
  ctx.responseType = json11 ? "application/x-amz-json-1.1" : DEFAULT_CONTENT_TYPE;

  const length = Number(req.headers["content-length"]);
  const declared = req.headers["content-length"] !== undefined && Number.isFinite(length) ? length : undefined;
  if (declared > state.maxRequestBytes) return refuseTooLarge(state, ctx, res, declared);

  let pending = null;
  if (state.credentials) {
    const checked = inspect(state.credentials, req);
    if (checked.error) return refuse(ctx, res, checked.error.status, checked.error.type, checked.error.message);
    pending = checked.pending;
    ctx.accessKeyId = pending.accessKeyId;
  }

  const ticket = state.admission.acquire(declared ?? state.maxRequestBytes);
  if (ticket === null) {
    return refuse(ctx, res, 400, "com.amazon.coral.availability#ThrottlingException",
      `Rate of requests exceeds the allowed throughput: the server already has ${state.admission.active} requests ` +
        `running and ${state.admission.queued} waiting. Retry with backoff.`);
  }
  const onGone = () => ticket.cancel();
  res.once("close", onGone);
  let release;
  try {
    release = await ticket.granted;
    if (res.destroyed) return;
    let bytes;
    try {
      bytes = await readBody(req, state.maxRequestBytes);
    } catch (error) {
      if (error instanceof BodyTooLarge) return refuseTooLarge(state, ctx, res, undefined);
      if (error instanceof ClientGone) return res.destroy();
      throw error;
    }
    ctx.bytesIn = bytes.length;
    await answer(state, ctx, req, res, bytes, pending);
  } finally {
    res.off("close", onGone);
    release?.();
  }
}

async function answer(state, ctx, req, res, bytes, pending) {
  if (pending) {
    const error = verify(pending, req, bytes);
    if (error) return sendError(ctx, res, error.status, error.type, error.message);
  }
  const contentType = mediaType(req.headers["content-type"]);
  if (req.method !== "POST" || (bytes.length > 0 && !JSON_CONTENT_TYPES.has(contentType))) {
    // What DynamoDB's front end answers for anything that is not a JSON-protocol POST.
    ctx.errorType = "UnknownOperationException";
    return send(ctx, res, 404, "<UnknownOperationException/>\n", "text/xml");
  }
  let requestBody;
  try {
    requestBody = strictUtf8.decode(bytes);
  } catch {
    return sendError(ctx, res, 400, "SerializationException", "The request body is not valid UTF-8");
  }
  const operation = operationFromTarget(req.headers["x-amz-target"]);
  if (operation === null) return send(ctx, res, 400, badTargetBody(requestBody), ctx.responseType);
  ctx.operation = operation;
  const { status, body } = await state.db.executeRaw(operation, requestBody);
  send(ctx, res, status, body, ctx.responseType);
}

// Refused before the body was read: answer, and close the connection rather than read a body
// nobody wants.
function refuse(ctx, res, status, type, message) {
  ctx.closeConnection = true;
  sendError(ctx, res, status, type, message);
}

function refuseTooLarge(state, ctx, res, declared) {
  const size = declared === undefined ? "" : ` (${declared} bytes)`;
  refuse(ctx, res, 413, "RequestEntityTooLargeException",
    `Request payload${size} is over the limit of ${state.maxRequestBytes} bytes`);
}

function logEntry(ctx, req, res) {
  const entry = {
    time: new Date().toISOString(),
    requestId: ctx.requestId,
    remote: req.socket?.remoteAddress,
    method: req.method,
    path: (req.url ?? "").slice(0, 256),
    status: res.statusCode,
    ms: Math.round((performance.now() - ctx.started) * 1000) / 1000,
    bytesIn: ctx.bytesIn,
    bytesOut: ctx.bytesOut,
  };
  if (ctx.operation) entry.operation = ctx.operation;
  if (ctx.errorType) entry.error = ctx.errorType;
  if (ctx.accessKeyId) entry.accessKeyId = ctx.accessKeyId;
  if (ctx.gzipped) entry.gzip = true;
  if (!res.writableFinished) entry.aborted = true;
  return entry;
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
