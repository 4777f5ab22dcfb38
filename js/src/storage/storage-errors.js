// Errors of the storage layer. They are not DynamoDB errors: a request that meets one is answered
// with DynamoDB's InternalServerError, and the database must be reopened.
export class StorageFailedError extends Error {
  constructor(message, cause) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = "StorageFailedError";
  }
}
