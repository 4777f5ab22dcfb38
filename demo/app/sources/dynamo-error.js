// The one error shape the console shows: DynamoDB's error type and message, from either source.

export class DynamoError extends Error {
  /**
   * @param {string} type the short DynamoDB error type, e.g. "ValidationException"
   * @param {string} message DynamoDB's message, as the service wrote it
   * @param {{ status?: number, fields?: object }} [details]
   */
  constructor(type, message, { status, fields } = {}) {
    super(message);
    this.name = type;
    this.type = type;
    this.status = status;
    this.fields = fields ?? {};
  }
}

/** From an HTTP error response of the JSON protocol: {"__type": "...#Type", "message": "..."}. */
export function errorFromBody(status, body) {
  const { __type, message, Message, ...fields } = body && typeof body === "object" ? body : {};
  const qualified = String(__type ?? (status >= 500 ? "InternalServerError" : "UnknownError"));
  const type = qualified.slice(qualified.lastIndexOf("#") + 1).split(":", 1)[0];
  return new DynamoError(type, message ?? Message ?? "", { status, fields });
}

/** Any thrown value as a DynamoError (a ShoalDBError from the in-page engine keeps its type). */
export function asDynamoError(error) {
  if (error instanceof DynamoError) return error;
  if (error && typeof error === "object" && typeof error.$metadata === "object") {
    const { name, message, $fault, $metadata, ...fields } = error;
    return new DynamoError(error.name, error.message, { status: $metadata.httpStatusCode, fields });
  }
  return new DynamoError(error?.name && error.name !== "Error" ? error.name : "Error", String(error?.message ?? error));
}
