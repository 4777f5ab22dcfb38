// The requests every edge runtime's DynamoDB endpoint must answer like DynamoDB: registered as
// node:test tests (run in order) against the URL that `endpoint()` returns once started.
import assert from "node:assert/strict";
import { test } from "node:test";
import { DynamoDBClient, GetItemCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";

const TABLE = "edge-items";

// The SDK warns once per process that its releases from 2027 on need Node 22; the lock file pins
// this one, so the warning is only noise in the test output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

/** One DynamoDB JSON-protocol request; the parsed answer with its status and headers. */
export async function dynamodb(url, operation, input, { target = `DynamoDB_20120810.${operation}` } = {}) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/x-amz-json-1.0", "x-amz-target": target },
    body: JSON.stringify(input),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: JSON.parse(text) };
}

/**
 * @param {() => string} endpoint the base URL, e.g. "http://127.0.0.1:1234/"
 * @param {string} runtime what GET / reports
 */
export function dynamoDBEndpointTests(endpoint, runtime) {
  test(`GET / answers from ${runtime}`, async () => {
    const response = await fetch(endpoint());
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { ok: true, runtime });
  });

  test("CreateTable", async () => {
    const { status, headers, body } = await dynamodb(endpoint(), "CreateTable", {
      TableName: TABLE,
      KeySchema: [
        { AttributeName: "pk", KeyType: "HASH" },
        { AttributeName: "sk", KeyType: "RANGE" },
      ],
      AttributeDefinitions: [
        { AttributeName: "pk", AttributeType: "S" },
        { AttributeName: "sk", AttributeType: "N" },
      ],
      BillingMode: "PAY_PER_REQUEST",
    });
    assert.equal(status, 200, JSON.stringify(body));
    assert.equal(headers.get("content-type"), "application/x-amz-json-1.0");
    assert.match(headers.get("x-amzn-requestid") ?? "", /^[0-9a-f-]{36}$/);
    assert.equal(body.TableDescription.TableName, TABLE);
    assert.equal(body.TableDescription.TableStatus, "ACTIVE");
    assert.deepEqual(body.TableDescription.KeySchema, [
      { AttributeName: "pk", KeyType: "HASH" },
      { AttributeName: "sk", KeyType: "RANGE" },
    ]);
  });

  test("PutItem, then GetItem reads it back", async () => {
    const item = {
      pk: { S: "user#1" },
      sk: { N: "7" },
      name: { S: "Ada" },
      big: { N: "12345678901234567890.5" },
      tags: { SS: ["a", "b"] },
      blob: { B: "AQID" },
      nested: { M: { ok: { BOOL: true }, list: { L: [{ NULL: true }, { N: "1" }] } } },
    };
    const put = await dynamodb(endpoint(), "PutItem", { TableName: TABLE, Item: item });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    assert.deepEqual(put.body, {});

    const got = await dynamodb(endpoint(), "GetItem", { TableName: TABLE, Key: { pk: { S: "user#1" }, sk: { N: "7" } } });
    assert.equal(got.status, 200, JSON.stringify(got.body));
    assert.deepEqual(got.body, { Item: item });

    const missing = await dynamodb(endpoint(), "GetItem", { TableName: TABLE, Key: { pk: { S: "user#1" }, sk: { N: "8" } } });
    assert.equal(missing.status, 200);
    assert.deepEqual(missing.body, {});
  });

  test("a conditional put that fails answers ConditionalCheckFailedException", async () => {
    const { status, body } = await dynamodb(endpoint(), "PutItem", {
      TableName: TABLE,
      Item: { pk: { S: "user#1" }, sk: { N: "7" } },
      ConditionExpression: "attribute_not_exists(pk)",
    });
    assert.equal(status, 400);
    assert.equal(body.__type, "com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException");
  });

  test("errors: a missing table, a validation error, an unknown operation", async () => {
    const notFound = await dynamodb(endpoint(), "GetItem", { TableName: "no-such-table", Key: { pk: { S: "x" } } });
    assert.equal(notFound.status, 400);
    assert.equal(notFound.body.__type, "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException");
    assert.match(notFound.body.message, /not found/i);

    const invalid = await dynamodb(endpoint(), "GetItem", { TableName: TABLE, Key: { pk: { S: "user#1" } } });
    assert.equal(invalid.status, 400);
    assert.equal(invalid.body.__type, "com.amazon.coral.validate#ValidationException");

    const unknown = await dynamodb(endpoint(), "Nope", {}, { target: "DynamoDB_20120810.Nope" });
    assert.equal(unknown.status, 400);
    assert.match(unknown.body.__type, /#UnknownOperationException$/);
  });

  test("the AWS SDK v3 DynamoDBClient talks to it", async () => {
    const client = new DynamoDBClient({
      endpoint: endpoint(),
      region: "local",
      credentials: { accessKeyId: "x", secretAccessKey: "x" },
      maxAttempts: 1,
    });
    try {
      await client.send(new PutItemCommand({ TableName: TABLE, Item: { pk: { S: "sdk" }, sk: { N: "1" }, v: { S: "from the SDK" } } }));
      const { Item } = await client.send(new GetItemCommand({ TableName: TABLE, Key: { pk: { S: "sdk" }, sk: { N: "1" } } }));
      assert.deepEqual(Item, { pk: { S: "sdk" }, sk: { N: "1" }, v: { S: "from the SDK" } });
      await assert.rejects(
        client.send(new GetItemCommand({ TableName: "no-such-table", Key: { pk: { S: "x" } } })),
        (error) => error.name === "ResourceNotFoundException" && error.$metadata.httpStatusCode === 400,
      );
    } finally {
      client.destroy();
    }
  });
}
