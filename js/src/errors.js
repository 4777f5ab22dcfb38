// The error a ShoalDB call throws when the engine answers with a DynamoDB error. Shaped like the
// AWS SDK v3's service exceptions (name, message, $fault, $metadata.httpStatusCode, plus the
// error's own fields such as CancellationReasons), so code written against the SDK reads it the
// same way.

export class ShoalDBError extends Error {
  /**
   * @param {string} name the short DynamoDB error type, e.g. "ValidationException"
   * @param {string} message
   * @param {{ httpStatusCode?: number, fields?: object }} [details]
   */
  constructor(name, message, { httpStatusCode = 400, fields } = {}) {
    super(message);
    this.name = name;
    this.$fault = httpStatusCode >= 500 ? "server" : "client";
    this.$metadata = { httpStatusCode };
    if (fields) {
      for (const [key, value] of Object.entries(fields)) {
        if (!(key in this)) this[key] = value;
      }
    }
  }
}

/** The short type of a DynamoDB "__type" value: the part after '#' (or ':' in some services). */
export function shortErrorType(qualifiedType) {
  const type = String(qualifiedType);
  const afterHash = type.slice(type.lastIndexOf("#") + 1);
  return afterHash.split(":", 1)[0];
}

/** A ShoalDBError from an engine error response: HTTP status and the parsed error JSON. */
export function errorFromResponse(httpStatusCode, body) {
  const { __type, message, Message, ...fields } = body && typeof body === "object" ? body : {};
  const name = __type ? shortErrorType(__type) : httpStatusCode >= 500 ? "InternalServerError" : "UnknownError";
  return new ShoalDBError(name, message ?? Message ?? "", { httpStatusCode, fields });
}
