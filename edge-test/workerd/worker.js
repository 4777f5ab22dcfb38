// A Cloudflare worker serving DynamoDB's API from ShoalDB. workerd compiles wasm only from modules
// declared with the worker (never from bytes), so the engine is imported as a wasm module and
// handed to ShoalDB.open().
import { ShoalDB } from "shoaldb";
import wasmModule from "shoaldb/dist/shoal-engine.wasm";
import { createDynamoDBApp } from "../lib/dynamodb-app.js";

const handle = createDynamoDBApp(() => ShoalDB.open({ wasmModule }), { runtime: "workerd" });

export default {
  async fetch(request) {
    if (new URL(request.url).pathname === "/open-without-wasm") {
      // What a worker that forgets the wasmModule option is told.
      const error = await ShoalDB.open().then(() => null, (e) => e);
      return new Response(error ? error.message : "opened without a wasmModule");
    }
    return handle(request);
  },
};
