// DynamoDB's JSON protocol, the part shared by the in-process AWS SDK handler and the HTTP server:
// reading the X-Amz-Target header and shaping the protocol-level errors that DynamoDB's front end
// produces before any operation runs.

export const TARGET_PREFIX = "DynamoDB_20120810.";

/**
 * DynamoDB Streams' prefix. The engine answers its operations beside DynamoDB's, so one endpoint
 * serves both clients; each prefix names only its own service's operations.
 */
export const STREAMS_TARGET_PREFIX = "DynamoDBStreams_20120810.";
export const STREAMS_OPERATIONS = new Set(["ListStreams", "DescribeStream", "GetShardIterator", "GetRecords"]);

/** The content types DynamoDB accepts on requests (media type only, parameters ignored). */
export const JSON_CONTENT_TYPES = new Set([
  "application/x-amz-json-1.0",
  "application/x-amz-json-1.1",
  "application/json",
]);

/** The JSON protocol's default response content type. */
export const DEFAULT_CONTENT_TYPE = "application/x-amz-json-1.0";

/**
 * The operation named by an X-Amz-Target header value, or null when the header is missing or not
 * of the form `DynamoDB_20120810.<Operation>` or `DynamoDBStreams_20120810.<StreamsOperation>`.
 */
export function operationFromTarget(target) {
  if (typeof target !== "string") return null;
  const streams = target.startsWith(STREAMS_TARGET_PREFIX);
  if (!streams && !target.startsWith(TARGET_PREFIX)) return null;
  const operation = target.slice((streams ? STREAMS_TARGET_PREFIX : TARGET_PREFIX).length);
  if (!/^[A-Za-z]+$/.test(operation)) return null;
  return STREAMS_OPERATIONS.has(operation) === streams ? operation : null;
}

/** The media type of a Content-Type header value, lower-cased, without parameters. */
export function mediaType(contentType) {
  if (typeof contentType !== "string") return "";
  return contentType.split(";", 1)[0].trim().toLowerCase();
}

/** The body DynamoDB's front end answers with for a protocol-level error (HTTP 400). */
export function protocolErrorBody(type, message) {
  const body = { __type: `com.amazon.coral.service#${type}` };
  if (message !== undefined) body.message = message;
  return JSON.stringify(body);
}

/**
 * What DynamoDB answers when the target is missing or unknown: SerializationException if the body
 * is not JSON (it parses the body first), otherwise UnknownOperationException.
 */
export function badTargetBody(requestBody) {
  if (requestBody !== "") {
    try {
      JSON.parse(requestBody);
    } catch {
      return protocolErrorBody("SerializationException");
    }
  }
  return protocolErrorBody("UnknownOperationException");
}
