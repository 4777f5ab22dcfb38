// The command line: `shoaldb hub`, and two `shoaldb serve --sync` endpoints written through the
// AWS SDK v3 converging through it, as separate processes.
import { CreateTableCommand, DynamoDBClient, PutItemCommand, ScanCommand } from "@aws-sdk/client-dynamodb";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { SDK_OPTIONS } from "../helpers.js";
import { TABLE_T, waitFor } from "./sync-helpers.js";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

const CLI = fileURLToPath(new URL("../../bin/shoaldb.js", import.meta.url));

/** Starts the CLI and resolves with the process and the first URL it prints. */
function start(args, urlPattern) {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  return new Promise((resolve, reject) => {
    const fail = () => reject(new Error(`no URL printed by shoaldb ${args.join(" ")}:\n${output}`));
    const timer = setTimeout(fail, 20_000);
    const onData = (chunk) => {
      output += chunk;
      const match = output.match(urlPattern);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[0], output: () => output });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("exit", (code) => reject(new Error(`shoaldb ${args.join(" ")} exited with ${code}:\n${output}`)));
  });
}

async function stop(child) {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

describe("shoaldb hub and serve --sync", () => {
  it("two serve --sync endpoints written through the AWS SDK converge through the hub", async () => {
    const token = "cli-test-token";
    const hub = await start(["hub", "--port", "0", "--token", token], /ws:\/\/[\d.]+:\d+/);
    const servers = [];
    try {
      for (let i = 0; i < 2; i++) {
        const args = ["serve", "--port", "0", "--sync", hub.url, "--token", token];
        servers.push(await start(args, /http:\/\/[\d.]+:\d+/));
      }
      const [one, two] = servers.map((s) => new DynamoDBClient({ ...SDK_OPTIONS, endpoint: s.url }));
      // The table is created on one; two learns it with the first write that reaches it.
      await one.send(new CreateTableCommand(TABLE_T));
      await one.send(new PutItemCommand({ TableName: "Things", Item: { id: { S: "item-0" }, by: { S: "one" } } }));
      const scan = (client) => client.send(new ScanCommand({ TableName: "Things", ConsistentRead: true }));
      await waitFor(() => scan(two), { what: "table Things reaching endpoint two" });
      for (let i = 1; i < 10; i++) {
        const [client, by] = i % 2 ? [two, "two"] : [one, "one"];
        await client.send(new PutItemCommand({ TableName: "Things", Item: { id: { S: `item-${i}` }, by: { S: by } } }));
      }
      const count = async (client) => (await scan(client)).Count;
      await waitFor(async () => (await count(one)) === 10 && (await count(two)) === 10, {
        what: "both endpoints holding the 10 items",
      });
      one.destroy();
      two.destroy();
    } finally {
      for (const s of servers) await stop(s.child);
      await stop(hub.child);
    }
  });

  it("refuses a hub without a token, and serve --sync without one", async () => {
    await assert.rejects(start(["hub", "--port", "0"], /ws:\/\//), /needs --token/);
    const serve = ["serve", "--port", "0", "--sync", "ws://127.0.0.1:1"];
    await assert.rejects(start(serve, /http:\/\//), /--sync needs --token/);
  });
});
