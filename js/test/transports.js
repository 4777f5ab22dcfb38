// Shared by the SDK-level test files (not a test file itself): the two ways an AWS SDK v3 client
// reaches ShoalDB. Each opener gives SDK client options and a close() that stops what it started.
import { ShoalDB } from "../src/index.js";
import { startServer } from "../src/server/index.js";
import { SDK_OPTIONS } from "./helpers.js";

// The SDK warns once per process that its releases from 2027 on need Node 22; the lock file pins
// this one, so the warning is only noise in the test output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

export const transports = {
  "in-process request handler": async () => {
    const db = await ShoalDB.open({ storage: "memory" });
    return {
      config: { ...SDK_OPTIONS, endpoint: "http://shoaldb.local", requestHandler: db.requestHandler() },
      close: () => db.close(),
    };
  },
  "HTTP endpoint": async () => {
    const endpoint = await startServer({ port: 0, host: "127.0.0.1", storage: "memory" });
    return { config: { ...SDK_OPTIONS, region: "eu-west-3", endpoint: endpoint.url }, close: () => endpoint.close() };
  },
};

/** The error a promise rejects with; fails the test when it resolves. */
export async function rejection(promise) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the request to fail, but it succeeded");
}
