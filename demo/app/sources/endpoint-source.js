// Data source (b): a DynamoDB HTTP endpoint, spoken to as the AWS SDKs do (DynamoDB's JSON
// protocol 1.0). By default the origin that served the console, which is `npm start`'s endpoint.
import { DynamoError, errorFromBody } from "./dynamo-error.js";

const POLL_MS = 1000;

/**
 * @param {string} url the endpoint, e.g. "http://127.0.0.1:8000/"
 * @param {{ changesUrl?: string }} [options] a /_console/changes resource to poll (only the
 *   console's own server has one), for showing other clients' changes
 */
export function endpointSource(url, { changesUrl } = {}) {
  return {
    kind: "endpoint",
    url,
    title: `Endpoint ${displayUrl(url)}`,

    /** One DynamoDB operation: wire JSON in, wire JSON out, a DynamoError thrown. */
    async execute(operation, input = {}) {
      let response;
      try {
        response = await fetch(url, {
          method: "POST",
          headers: { "Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": `DynamoDB_20120810.${operation}` },
          body: JSON.stringify(input),
        });
      } catch (error) {
        throw new DynamoError("NetworkError", `Could not reach the DynamoDB endpoint at ${url} (${error.message}).`);
      }
      const text = await response.text();
      let body;
      try {
        body = JSON.parse(text);
      } catch {
        throw new DynamoError(
          "InvalidResponse",
          `The endpoint at ${url} answered HTTP ${response.status} with something that is not DynamoDB JSON.`,
          { status: response.status },
        );
      }
      if (response.ok) return body;
      throw errorFromBody(response.status, body);
    },

    /**
     * Calls onChange() when another tab or client changed something, while the page is visible.
     * Returns a function that stops watching. Without a changes resource there is nothing to poll.
     */
    watch(onChange) {
      if (!changesUrl) return () => {};
      let last = null;
      let stopped = false;
      let timer = null;
      const poll = async () => {
        timer = null;
        if (stopped) return;
        if (document.visibilityState === "visible") {
          try {
            const response = await fetch(changesUrl, { cache: "no-store" });
            const { version } = await response.json();
            if (!stopped && last !== null && version !== last) onChange();
            last = version;
          } catch {
            // The server went away; keep polling quietly, the next request shows the error.
          }
        }
        if (!stopped) timer = setTimeout(poll, POLL_MS);
      };
      poll();
      return () => {
        stopped = true;
        if (timer !== null) clearTimeout(timer);
      };
    },

    close() {},
  };
}

function displayUrl(url) {
  return url.replace(/\/$/, "");
}
