// Shared by the test files (not a test file itself).

/** A stand-in for ShoalDB's executeRaw that echoes what it was asked, for transport tests. */
export function echoDb() {
  return {
    calls: [],
    async executeRaw(operation, body) {
      this.calls.push({ operation, body });
      return { status: 200, body: JSON.stringify({ operation, body }) };
    },
  };
}

/** AWS SDK client options for talking to ShoalDB: any credentials and region are accepted. */
export const SDK_OPTIONS = {
  region: "local",
  credentials: { accessKeyId: "x", secretAccessKey: "x" },
  maxAttempts: 1,
};

/** CreateTable input (wire JSON) for a table keyed by a string `id`, optionally with a number `sk`. */
export function tableInput(TableName, { range = false } = {}) {
  const KeySchema = [{ AttributeName: "id", KeyType: "HASH" }];
  const AttributeDefinitions = [{ AttributeName: "id", AttributeType: "S" }];
  if (range) {
    KeySchema.push({ AttributeName: "sk", KeyType: "RANGE" });
    AttributeDefinitions.push({ AttributeName: "sk", AttributeType: "N" });
  }
  return { TableName, KeySchema, AttributeDefinitions, BillingMode: "PAY_PER_REQUEST" };
}
