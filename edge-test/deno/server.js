// Deno serving DynamoDB's API from ShoalDB: `import "shoaldb"` resolves through node_modules and
// the exports map's deno condition; Deno.serve listens on 127.0.0.1 (port 0: the OS picks) and
// the chosen port is printed as a JSON line for whoever started this.
import { ShoalDB } from "shoaldb";
import { createDynamoDBApp } from "../lib/dynamodb-app.js";

const handle = createDynamoDBApp(() => ShoalDB.open(), { runtime: "deno" });

Deno.serve(
  {
    hostname: "127.0.0.1",
    port: 0,
    onListen({ port }) {
      console.log(JSON.stringify({ event: "listen", port, entry: import.meta.resolve("shoaldb") }));
    },
  },
  handle,
);
