// Writing responses as DynamoDB's front end does: a request id, an x-amz-crc32 checksum of the bytes
// on the wire, and gzip above a size threshold when the client accepts it (DynamoDB also compresses
// only larger responses, and its CRC32 is of the compressed bytes, which is what clients check).
import * as zlib from "node:zlib";
import { crc32 as crc32Js } from "../protocol/crc32.js";
import { DEFAULT_CONTENT_TYPE } from "../protocol/json-protocol.js";

const crc32 = typeof zlib.crc32 === "function" ? (bytes) => zlib.crc32(bytes) : crc32Js; // zlib.crc32: Node 20.15+

// Level 1: on DynamoDB wire JSON it compresses within a few percent of the default level 6 at two
// to three times the speed (measured in bench/server/gzip.js).
const GZIP_LEVEL = 1;

/** True when an Accept-Encoding header value accepts gzip (by name or "*", with a q above 0). */
export function acceptsGzip(acceptEncoding) {
  if (typeof acceptEncoding !== "string") return false;
  for (const part of acceptEncoding.split(",")) {
    const [coding, ...params] = part.split(";");
    const name = coding.trim().toLowerCase();
    if (name !== "gzip" && name !== "x-gzip" && name !== "*") continue;
    const q = params.map((p) => p.trim()).find((p) => p.toLowerCase().startsWith("q="));
    if (q === undefined || Number(q.slice(2)) > 0) return true;
  }
  return false;
}

/**
 * Sends a complete response. `ctx` is the request's record (see handler.js): it says whether to
 * gzip and whether to close the connection, and gets the bytes sent.
 */
export function send(ctx, res, status, body, contentType) {
  let bytes = typeof body === "string" ? Buffer.from(body, "utf8") : body;
  if (ctx.gzip) {
    res.setHeader("Vary", "Accept-Encoding");
    if (bytes.length >= ctx.gzipMinBytes) {
      bytes = zlib.gzipSync(bytes, { level: GZIP_LEVEL });
      res.setHeader("Content-Encoding", "gzip");
      ctx.gzipped = true;
    }
  }
  if (status >= 400 && ctx.errorType === undefined) ctx.errorType = errorTypeOf(body);
  if (ctx.closeConnection || ctx.state?.draining) res.setHeader("Connection", "close");
  res.statusCode = status;
  res.setHeader("Content-Type", contentType);
  res.setHeader("Content-Length", bytes.length);
  res.setHeader("x-amz-crc32", String(crc32(bytes)));
  ctx.bytesOut = bytes.length;
  const socket = res.socket; // taken first: the response lets go of its socket once it is finished
  res.end(bytes);
  if (socket && socket.writableLength > 0 && ctx.state) {
    // The kernel did not take the whole response: a client that stops reading would pin the rest
    // in memory. It gets responseTimeoutMs to read it, then the connection is cut.
    const timer = setTimeout(() => socket.destroy(), ctx.state.responseTimeoutMs);
    const done = () => {
      clearTimeout(timer);
      socket.off("drain", done);
      socket.off("close", done);
    };
    socket.on("drain", done);
    socket.on("close", done);
  }
}

/** A DynamoDB JSON error response. `type` is a bare name or a full "namespace#Name". */
export function sendError(ctx, res, status, type, message) {
  const __type = type.includes("#") ? type : `com.amazon.coral.service#${type}`;
  const body = message === undefined ? { __type } : { __type, message };
  ctx.errorType = __type.slice(__type.indexOf("#") + 1);
  send(ctx, res, status, JSON.stringify(body), ctx.responseType ?? DEFAULT_CONTENT_TYPE);
}

function errorTypeOf(body) {
  if (typeof body !== "string" || !body.startsWith("{")) return undefined;
  try {
    const type = JSON.parse(body).__type;
    return typeof type === "string" ? type.slice(type.indexOf("#") + 1) : undefined;
  } catch {
    return undefined;
  }
}
