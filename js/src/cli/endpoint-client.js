// A DynamoDB client of the smallest kind, for the CLI's --endpoint: execute(operation, input)
// over DynamoDB's JSON protocol, the same interface as a ShoalDB, so export and import run
// unchanged against a running `shoaldb serve` (or DynamoDB Local). Requests are unsigned: the
// endpoint must accept anonymous requests, as `shoaldb serve` does unless --access-key-id is set.
import { errorFromResponse } from "../errors.js";

/** @param {string | URL} url  e.g. http://127.0.0.1:8000 */
export function endpointClient(url) {
  const target = new URL(url);
  if (target.protocol !== "http:" && target.protocol !== "https:") {
    throw new TypeError(`the endpoint must be an http or https URL, not ${JSON.stringify(String(url))}`);
  }
  return {
    async execute(operation, input = {}) {
      let response;
      try {
        response = await fetch(target, {
          method: "POST",
          headers: { "content-type": "application/x-amz-json-1.0", "x-amz-target": `DynamoDB_20120810.${operation}` },
          body: JSON.stringify(input),
        });
      } catch (error) {
        throw new Error(`cannot reach ${target.origin}: ${error.cause?.message ?? error.message}`, { cause: error });
      }
      const text = await response.text();
      let body;
      try {
        body = text === "" ? {} : JSON.parse(text);
      } catch {
        throw new Error(`${target.origin} answered ${response.status} with something other than DynamoDB JSON`);
      }
      if (response.ok) return body;
      throw errorFromResponse(response.status, body);
    },
    async close() {},
  };
}
