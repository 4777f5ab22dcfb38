import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { convertErrorFields, DOCUMENT_METHODS, fromWireResponse, SHAPES, toWireRequest } from "../src/document/conversion.js";
import { NumberValue } from "../src/document/number-value.js";
import { ShoalDBError } from "../src/errors.js";

describe("document requests -> wire", () => {
  test("PutItem marshalls Item and ExpressionAttributeValues, keeps the rest", () => {
    const input = {
      TableName: "t",
      Item: { id: "a", n: 1 },
      ConditionExpression: "attribute_not_exists(id) OR n < :max",
      ExpressionAttributeNames: { "#n": "n" },
      ExpressionAttributeValues: { ":max": 10 },
      ReturnValues: "ALL_OLD",
    };
    assert.deepEqual(toWireRequest("PutItem", input), {
      TableName: "t",
      Item: { id: { S: "a" }, n: { N: "1" } },
      ConditionExpression: "attribute_not_exists(id) OR n < :max",
      ExpressionAttributeNames: { "#n": "n" },
      ExpressionAttributeValues: { ":max": { N: "10" } },
      ReturnValues: "ALL_OLD",
    });
    assert.deepEqual(input.Item, { id: "a", n: 1 }, "the caller's input is not modified");
  });

  test("legacy Expected and AttributeUpdates hold single values", () => {
    assert.deepEqual(
      toWireRequest("UpdateItem", {
        Key: { id: 1 },
        Expected: { n: { Value: 5 }, s: { ComparisonOperator: "IN", AttributeValueList: ["x", "y"] } },
        AttributeUpdates: { n: { Action: "ADD", Value: 1 } },
      }),
      {
        Key: { id: { N: "1" } },
        Expected: { n: { Value: { N: "5" } }, s: { ComparisonOperator: "IN", AttributeValueList: [{ S: "x" }, { S: "y" }] } },
        AttributeUpdates: { n: { Action: "ADD", Value: { N: "1" } } },
      },
    );
  });

  test("BatchWriteItem: each table's requests", () => {
    assert.deepEqual(
      toWireRequest("BatchWriteItem", {
        RequestItems: {
          t1: [{ PutRequest: { Item: { id: "a" } } }, { DeleteRequest: { Key: { id: "b" } } }],
          t2: [{ PutRequest: { Item: { k: 2 } } }],
        },
      }),
      {
        RequestItems: {
          t1: [{ PutRequest: { Item: { id: { S: "a" } } } }, { DeleteRequest: { Key: { id: { S: "b" } } } }],
          t2: [{ PutRequest: { Item: { k: { N: "2" } } } }],
        },
      },
    );
  });

  test("BatchGetItem and TransactWriteItems", () => {
    assert.deepEqual(
      toWireRequest("BatchGetItem", { RequestItems: { t: { Keys: [{ id: "a" }], ProjectionExpression: "id" } } }),
      { RequestItems: { t: { Keys: [{ id: { S: "a" } }], ProjectionExpression: "id" } } },
    );
    assert.deepEqual(
      toWireRequest("TransactWriteItems", {
        TransactItems: [
          { Put: { TableName: "t", Item: { id: "a" } } },
          { Update: { TableName: "t", Key: { id: "b" }, UpdateExpression: "SET v = :v", ExpressionAttributeValues: { ":v": true } } },
          { ConditionCheck: { TableName: "t", Key: { id: "c" }, ConditionExpression: "attribute_exists(id)" } },
          { Delete: { TableName: "t", Key: { id: "d" } } },
        ],
      }),
      {
        TransactItems: [
          { Put: { TableName: "t", Item: { id: { S: "a" } } } },
          {
            Update: {
              TableName: "t",
              Key: { id: { S: "b" } },
              UpdateExpression: "SET v = :v",
              ExpressionAttributeValues: { ":v": { BOOL: true } },
            },
          },
          { ConditionCheck: { TableName: "t", Key: { id: { S: "c" } }, ConditionExpression: "attribute_exists(id)" } },
          { Delete: { TableName: "t", Key: { id: { S: "d" } } } },
        ],
      },
    );
  });

  test("Query with ExclusiveStartKey and KeyConditions", () => {
    assert.deepEqual(
      toWireRequest("Query", {
        ExclusiveStartKey: { pk: "p", sk: 3 },
        KeyConditions: { pk: { ComparisonOperator: "EQ", AttributeValueList: ["p"] } },
      }),
      {
        ExclusiveStartKey: { pk: { S: "p" }, sk: { N: "3" } },
        KeyConditions: { pk: { ComparisonOperator: "EQ", AttributeValueList: [{ S: "p" }] } },
      },
    );
  });

  test("marshall options apply", () => {
    assert.deepEqual(toWireRequest("PutItem", { Item: { a: 1, b: undefined } }, { removeUndefinedValues: true }), {
      Item: { a: { N: "1" } },
    });
    assert.throws(() => toWireRequest("PutItem", { Item: { b: undefined } }), /undefined/);
  });

  test("operations without a shape pass through untouched", () => {
    const input = { TableName: "t" };
    assert.equal(toWireRequest("DescribeTable", input), input);
  });
});

describe("wire responses -> document", () => {
  test("GetItem Item and Query Items / LastEvaluatedKey", () => {
    assert.deepEqual(fromWireResponse("GetItem", { Item: { id: { S: "a" }, big: { N: "12345678901234567890" } } }), {
      Item: { id: "a", big: new NumberValue("12345678901234567890") },
    });
    assert.deepEqual(
      fromWireResponse("Query", {
        Items: [{ id: { S: "a" } }, { id: { S: "b" } }],
        Count: 2,
        ScannedCount: 2,
        LastEvaluatedKey: { id: { S: "b" } },
      }),
      { Items: [{ id: "a" }, { id: "b" }], Count: 2, ScannedCount: 2, LastEvaluatedKey: { id: "b" } },
    );
  });

  test("GetItem without an item stays without one", () => {
    assert.deepEqual(fromWireResponse("GetItem", {}), {});
  });

  test("BatchGetItem Responses and UnprocessedKeys", () => {
    assert.deepEqual(
      fromWireResponse("BatchGetItem", {
        Responses: { t: [{ id: { N: "1" } }] },
        UnprocessedKeys: { t: { Keys: [{ id: { N: "2" } }], ConsistentRead: true } },
      }),
      { Responses: { t: [{ id: 1 }] }, UnprocessedKeys: { t: { Keys: [{ id: 2 }], ConsistentRead: true } } },
    );
  });

  test("BatchWriteItem UnprocessedItems and TransactGetItems Responses", () => {
    assert.deepEqual(
      fromWireResponse("BatchWriteItem", { UnprocessedItems: { t: [{ PutRequest: { Item: { id: { S: "x" } } } }] } }),
      { UnprocessedItems: { t: [{ PutRequest: { Item: { id: "x" } } }] } },
    );
    assert.deepEqual(fromWireResponse("TransactGetItems", { Responses: [{ Item: { id: { S: "x" } } }, {}] }), {
      Responses: [{ Item: { id: "x" } }, {}],
    });
  });

  test("unmarshall options apply", () => {
    assert.deepEqual(fromWireResponse("DeleteItem", { Attributes: { n: { N: "1" } } }, { wrapNumbers: true }), {
      Attributes: { n: new NumberValue("1") },
    });
  });

  test("error items are unmarshalled", () => {
    const error = new ShoalDBError("TransactionCanceledException", "cancelled", {
      fields: { CancellationReasons: [{ Code: "None" }, { Code: "ConditionalCheckFailed", Item: { id: { S: "a" } } }] },
    });
    convertErrorFields(error);
    assert.deepEqual(error.CancellationReasons, [{ Code: "None" }, { Code: "ConditionalCheckFailed", Item: { id: "a" } }]);
    const conditional = new ShoalDBError("ConditionalCheckFailedException", "failed", { fields: { Item: { n: { N: "2" } } } });
    assert.deepEqual(convertErrorFields(conditional).Item, { n: 2 });
  });
});

test("every document method names an operation with a shape", () => {
  for (const [method, operation] of Object.entries(DOCUMENT_METHODS)) {
    assert.ok(SHAPES[operation], `${method} -> ${operation}`);
  }
});
