import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import * as zlib from "node:zlib";
import { describe, test } from "node:test";
import { crc32 } from "../src/protocol/crc32.js";
import { badTargetBody, mediaType, operationFromTarget } from "../src/protocol/json-protocol.js";
import { newRequestId } from "../src/protocol/request-id.js";

describe("crc32", () => {
  test("matches the standard check value", () => {
    assert.equal(crc32(new TextEncoder().encode("123456789")), 0xcbf43926);
    assert.equal(crc32(new Uint8Array()), 0);
  });

  test("matches zlib on random data", { skip: typeof zlib.crc32 !== "function" && "node:zlib has no crc32" }, () => {
    for (const size of [1, 7, 1000, 65537]) {
      const bytes = randomBytes(size);
      assert.equal(crc32(bytes), zlib.crc32(bytes));
    }
  });
});

describe("X-Amz-Target", () => {
  test("names the operation after the DynamoDB prefix", () => {
    assert.equal(operationFromTarget("DynamoDB_20120810.PutItem"), "PutItem");
    assert.equal(operationFromTarget("DynamoDB_20120810.NoSuchThing"), "NoSuchThing");
  });

  test("DynamoDB Streams' prefix names its four operations, and only there", () => {
    for (const op of ["ListStreams", "DescribeStream", "GetShardIterator", "GetRecords"]) {
      assert.equal(operationFromTarget(`DynamoDBStreams_20120810.${op}`), op);
      assert.equal(operationFromTarget(`DynamoDB_20120810.${op}`), null);
    }
    assert.equal(operationFromTarget("DynamoDBStreams_20120810.PutItem"), null);
    assert.equal(operationFromTarget("DynamoDBStreams_20120810."), null);
  });

  test("anything else names no operation", () => {
    for (const bad of [undefined, "", "PutItem", "DynamoDB_20111205.PutItem", "DynamoDB_20120810.", "DynamoDB_20120810.Put.Item", "Foo.Bar"]) {
      assert.equal(operationFromTarget(bad), null, String(bad));
    }
  });

  test("a bad target answers UnknownOperationException, or SerializationException for bad JSON", () => {
    assert.deepEqual(JSON.parse(badTargetBody("{}")), { __type: "com.amazon.coral.service#UnknownOperationException" });
    assert.deepEqual(JSON.parse(badTargetBody("")), { __type: "com.amazon.coral.service#UnknownOperationException" });
    assert.deepEqual(JSON.parse(badTargetBody("{nope")), { __type: "com.amazon.coral.service#SerializationException" });
  });
});

test("mediaType drops parameters and case", () => {
  assert.equal(mediaType("Application/X-Amz-Json-1.0; charset=UTF-8"), "application/x-amz-json-1.0");
  assert.equal(mediaType(undefined), "");
});

test("request ids look like DynamoDB's and differ", () => {
  const a = newRequestId();
  assert.match(a, /^[A-Z0-9]{52}$/);
  assert.notEqual(a, newRequestId());
});
