import assert from "node:assert/strict";
import { test } from "node:test";
import { errorFromResponse, ShoalDBError, shortErrorType } from "../src/errors.js";

test("shortErrorType takes the name after the namespace", () => {
  assert.equal(shortErrorType("com.amazonaws.dynamodb.v20120810#ResourceNotFoundException"), "ResourceNotFoundException");
  assert.equal(shortErrorType("com.amazon.coral.validate#ValidationException"), "ValidationException");
  assert.equal(shortErrorType("ValidationException"), "ValidationException");
});

test("errorFromResponse builds an SDK-shaped error", () => {
  const error = errorFromResponse(400, {
    __type: "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException",
    message: "Requested resource not found",
  });
  assert.ok(error instanceof ShoalDBError);
  assert.ok(error instanceof Error);
  assert.equal(error.name, "ResourceNotFoundException");
  assert.equal(error.message, "Requested resource not found");
  assert.equal(error.$fault, "client");
  assert.deepEqual(error.$metadata, { httpStatusCode: 400 });
});

test("server errors, capitalised Message and extra fields", () => {
  const error = errorFromResponse(500, { __type: "x#InternalServerError", Message: "boom", Detail: 1 });
  assert.equal(error.$fault, "server");
  assert.equal(error.message, "boom");
  assert.equal(error.Detail, 1);
});

test("extra fields cannot replace the error's own properties", () => {
  const error = errorFromResponse(400, { __type: "x#ValidationException", message: "m", name: "Spoof", stack: "s" });
  assert.equal(error.name, "ValidationException");
  assert.notEqual(error.stack, "s");
});
