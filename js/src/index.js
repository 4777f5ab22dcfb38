// The shoaldb package: the DynamoDB API on an engine that runs in this process.
export { ShoalDB } from "./database.js";
export { ShoalDBError } from "./errors.js";
export { NumberValue } from "./document/number-value.js";
export { marshall, marshallValue, unmarshall, unmarshallValue } from "./document/marshall.js";
export { ShoalDBRequestHandler } from "./sdk/request-handler.js";
