// An AWS SDK v3 HttpHandler that never touches the network: it reads the DynamoDB (or DynamoDB
// Streams) operation from the X-Amz-Target header, runs it on a ShoalDB in this process and answers
// with what DynamoDB would send. `new DynamoDBClient({ requestHandler: db.requestHandler(), ... })` then works in a
// browser, a worker or Node alike.
//
// The body is returned as a Uint8Array: the SDK's deserializers take a Uint8Array body as is and
// only hand other bodies to the runtime's stream collector (Node streams or web streams).
import { crc32 } from "../protocol/crc32.js";
import { badTargetBody, DEFAULT_CONTENT_TYPE, operationFromTarget } from "../protocol/json-protocol.js";
import { newRequestId } from "../protocol/request-id.js";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export class ShoalDBRequestHandler {
  #db;
  #config = {};

  constructor(db) {
    this.#db = db;
    /** Read by the SDK's host-header middleware: this is neither HTTP/1.1 nor HTTP/2. */
    this.metadata = { handlerProtocol: "shoaldb-in-process" };
  }

  async handle(request, { abortSignal } = {}) {
    throwIfAborted(abortSignal);
    const requestBody = bodyText(request.body);
    const operation = operationFromTarget(header(request.headers, "x-amz-target"));
    const { status, body } =
      operation === null
        ? { status: 400, body: badTargetBody(requestBody) }
        : await this.#db.executeRaw(operation, requestBody);
    throwIfAborted(abortSignal);
    const bytes = encoder.encode(body);
    return {
      response: {
        statusCode: status,
        headers: {
          "content-type": DEFAULT_CONTENT_TYPE,
          "content-length": String(bytes.length),
          "x-amzn-requestid": newRequestId(),
          "x-amz-crc32": String(crc32(bytes)),
        },
        body: bytes,
      },
    };
  }

  updateHttpClientConfig(key, value) {
    this.#config[key] = value;
  }

  httpHandlerConfigs() {
    return { ...this.#config };
  }

  /** Does not close the database: the handler borrows it. */
  destroy() {}
}

export function createRequestHandler(db) {
  return new ShoalDBRequestHandler(db);
}

function header(headers, name) {
  if (!headers) return undefined;
  if (headers[name] !== undefined) return headers[name];
  for (const key of Object.keys(headers)) {
    if (key.toLowerCase() === name) return headers[key];
  }
  return undefined;
}

function bodyText(body) {
  if (body === undefined || body === null) return "";
  if (typeof body === "string") return body;
  if (body instanceof Uint8Array || body instanceof ArrayBuffer || ArrayBuffer.isView(body)) return decoder.decode(body);
  throw new TypeError("ShoalDB request handler: unsupported request body type");
}

function throwIfAborted(signal) {
  if (!signal?.aborted) return;
  const error = new Error("Request aborted");
  error.name = "AbortError";
  throw error;
}
