// Debian's aws CLI (botocore, which also checks the x-amz-crc32 header) against the HTTP endpoint.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import { startServer } from "../src/server/index.js";

// Debian's package, not whatever `aws` comes first on the PATH.
const AWS = "/usr/bin/aws";
const missing = !existsSync(AWS) && `${AWS} is not installed (Debian package awscli; npm run setup installs it)`;

describe("aws CLI against the endpoint", { skip: missing }, () => {
  let endpoint;
  before(async () => {
    endpoint = await startServer({ port: 0 });
  });
  after(() => endpoint?.close());

  function aws(...args) {
    return new Promise((resolve) => {
      execFile(
        AWS,
        ["dynamodb", ...args, "--endpoint-url", endpoint.url, "--output", "json"],
        {
          timeout: 60_000,
          env: {
            PATH: process.env.PATH,
            HOME: process.env.HOME ?? "/tmp",
            AWS_ACCESS_KEY_ID: "x",
            AWS_SECRET_ACCESS_KEY: "x",
            AWS_DEFAULT_REGION: "us-east-1",
            AWS_CONFIG_FILE: "/dev/null",
            AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
            AWS_MAX_ATTEMPTS: "1",
          },
        },
        (error, stdout, stderr) => resolve({ code: error ? error.code : 0, stdout, stderr }),
      );
    });
  }

  test("create-table, put-item, get-item", async () => {
    const created = await aws(
      "create-table",
      "--table-name", "cli-items",
      "--attribute-definitions", "AttributeName=id,AttributeType=S",
      "--key-schema", "AttributeName=id,KeyType=HASH",
      "--billing-mode", "PAY_PER_REQUEST",
    );
    assert.equal(created.code, 0, created.stderr);
    const { TableDescription } = JSON.parse(created.stdout);
    assert.equal(TableDescription.TableName, "cli-items");
    assert.equal(TableDescription.TableStatus, "ACTIVE");

    const item = { id: { S: "cli-1" }, n: { N: "42" }, tags: { SS: ["a", "b"] } };
    const put = await aws("put-item", "--table-name", "cli-items", "--item", JSON.stringify(item));
    assert.equal(put.code, 0, put.stderr);

    const got = await aws("get-item", "--table-name", "cli-items", "--key", JSON.stringify({ id: { S: "cli-1" } }));
    assert.equal(got.code, 0, got.stderr);
    assert.deepEqual(JSON.parse(got.stdout), { Item: item });
  });

  test("errors reach the CLI with DynamoDB's type", async () => {
    const result = await aws("describe-table", "--table-name", "cli-missing");
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /ResourceNotFoundException/);
  });
});
