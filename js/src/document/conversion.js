// Which fields of DynamoDB requests, responses and errors hold items, keys or attribute values:
// the single table the document API uses to marshall inputs and unmarshall outputs, so adding an
// operation means adding its shape here and nothing else.
//
// A shape is a tree over the JSON: an object names fields, "*" stands for every key of a map (a
// table name, an attribute name), a one-element array means "each element", and the leaves are
// ITEM (an object of attribute name -> attribute value: an item, a key, ExpressionAttributeValues)
// or VALUE (one attribute value).
import { marshall, marshallValue, setOwn, unmarshall, unmarshallValue } from "./marshall.js";

const ITEM = "item";
const VALUE = "value";

const CONDITION = { Value: VALUE, AttributeValueList: [VALUE] }; // legacy Expected / *Conditions / *Filter
const ITEM_COLLECTION_METRICS = { ItemCollectionKey: ITEM };
const WRITE_REQUESTS = { "*": [{ PutRequest: { Item: ITEM }, DeleteRequest: { Key: ITEM } }] };
const KEYS_AND_ATTRIBUTES = { "*": { Keys: [ITEM] } };

/** Per operation: the request shape, the response shape. */
export const SHAPES = {
  PutItem: {
    input: { Item: ITEM, ExpressionAttributeValues: ITEM, Expected: { "*": CONDITION } },
    output: { Attributes: ITEM, ItemCollectionMetrics: ITEM_COLLECTION_METRICS },
  },
  GetItem: { input: { Key: ITEM }, output: { Item: ITEM } },
  DeleteItem: {
    input: { Key: ITEM, ExpressionAttributeValues: ITEM, Expected: { "*": CONDITION } },
    output: { Attributes: ITEM, ItemCollectionMetrics: ITEM_COLLECTION_METRICS },
  },
  UpdateItem: {
    input: {
      Key: ITEM,
      ExpressionAttributeValues: ITEM,
      Expected: { "*": CONDITION },
      AttributeUpdates: { "*": { Value: VALUE } },
    },
    output: { Attributes: ITEM, ItemCollectionMetrics: ITEM_COLLECTION_METRICS },
  },
  Query: {
    input: {
      ExpressionAttributeValues: ITEM,
      ExclusiveStartKey: ITEM,
      KeyConditions: { "*": CONDITION },
      QueryFilter: { "*": CONDITION },
    },
    output: { Items: [ITEM], LastEvaluatedKey: ITEM },
  },
  Scan: {
    input: { ExpressionAttributeValues: ITEM, ExclusiveStartKey: ITEM, ScanFilter: { "*": CONDITION } },
    output: { Items: [ITEM], LastEvaluatedKey: ITEM },
  },
  BatchGetItem: {
    input: { RequestItems: KEYS_AND_ATTRIBUTES },
    output: { Responses: { "*": [ITEM] }, UnprocessedKeys: KEYS_AND_ATTRIBUTES },
  },
  BatchWriteItem: {
    input: { RequestItems: WRITE_REQUESTS },
    output: { UnprocessedItems: WRITE_REQUESTS, ItemCollectionMetrics: { "*": [ITEM_COLLECTION_METRICS] } },
  },
  TransactGetItems: {
    input: { TransactItems: [{ Get: { Key: ITEM } }] },
    output: { Responses: [{ Item: ITEM }] },
  },
  TransactWriteItems: {
    input: {
      TransactItems: [
        {
          ConditionCheck: { Key: ITEM, ExpressionAttributeValues: ITEM },
          Put: { Item: ITEM, ExpressionAttributeValues: ITEM },
          Delete: { Key: ITEM, ExpressionAttributeValues: ITEM },
          Update: { Key: ITEM, ExpressionAttributeValues: ITEM },
        },
      ],
    },
    output: { ItemCollectionMetrics: { "*": [ITEM_COLLECTION_METRICS] } },
  },
};

/** Fields of error responses that hold items, by error name. */
export const ERROR_SHAPES = {
  ConditionalCheckFailedException: { Item: ITEM },
  TransactionCanceledException: { CancellationReasons: [{ Item: ITEM }] },
};

/** Document API method name -> DynamoDB operation, as in @aws-sdk/lib-dynamodb's command names. */
export const DOCUMENT_METHODS = {
  put: "PutItem",
  get: "GetItem",
  delete: "DeleteItem",
  update: "UpdateItem",
  query: "Query",
  scan: "Scan",
  batchGet: "BatchGetItem",
  batchWrite: "BatchWriteItem",
  transactGet: "TransactGetItems",
  transactWrite: "TransactWriteItems",
};

/** A document-API request (plain JS values) -> the wire request. Unknown operations pass through. */
export function toWireRequest(operation, input, options = {}) {
  const shape = SHAPES[operation]?.input;
  return shape ? convert(input, shape, (item) => marshall(item, options), (v) => marshallValue(v, options)) : input;
}

/** A wire response -> the document-API response (plain JS values). */
export function fromWireResponse(operation, output, options = {}) {
  const shape = SHAPES[operation]?.output;
  return shape ? convert(output, shape, (item) => unmarshall(item, options), (v) => unmarshallValue(v, options)) : output;
}

/** Converts, in place, the item-holding fields of a thrown error (e.g. CancellationReasons[].Item). */
export function convertErrorFields(error, options = {}) {
  const shape = ERROR_SHAPES[error.name];
  if (!shape) return error;
  for (const field of Object.keys(shape)) {
    if (error[field] !== undefined) {
      error[field] = convert(error[field], shape[field], (item) => unmarshall(item, options), (v) => unmarshallValue(v, options));
    }
  }
  return error;
}

// Returns a copy of `data` in which every leaf the shape names went through convertItem or
// convertValue; everything else is kept as is (shared, not copied).
function convert(data, shape, convertItem, convertValue) {
  if (data === undefined || data === null) return data;
  if (shape === ITEM) return convertItem(data);
  if (shape === VALUE) return convertValue(data);
  if (Array.isArray(shape)) {
    return Array.isArray(data) ? data.map((element) => convert(element, shape[0], convertItem, convertValue)) : data;
  }
  if (typeof data !== "object" || Array.isArray(data)) return data;
  const out = { ...data };
  const every = shape["*"];
  for (const key of Object.keys(data)) {
    const fieldShape = every ?? shape[key];
    if (fieldShape !== undefined) setOwn(out, key, convert(data[key], fieldShape, convertItem, convertValue));
  }
  return out;
}
