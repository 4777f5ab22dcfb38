// bin/shoaldb.js as a user runs it.
import assert from "node:assert/strict";
import { execFile, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { ShoalDB } from "../src/index.node.js";

const BIN = fileURLToPath(new URL("../bin/shoaldb.js", import.meta.url));
const VERSION = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")).version;

function run(...args) {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { timeout: 20_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? error.code : 0, stdout, stderr }),
    );
  });
}

test("--help and --version", async () => {
  const help = await run("--help");
  assert.equal(help.code, 0);
  assert.match(help.stdout, /shoaldb <command>/);
  assert.match(help.stdout, /serve/);
  for (const flag of ["--port", "--storage", "--durability", "--access-key-id", "--secret-access-key", "--log"]) {
    assert.match(help.stdout, new RegExp(`${flag} `));
  }
  assert.match(help.stdout, /--sync URL/);
  assert.match(help.stdout, /hub +Run a sync hub/);
  const version = await run("--version");
  assert.equal(version.code, 0);
  assert.equal(version.stdout.trim(), VERSION);
});

test("bad arguments exit 2 with the usage", async () => {
  for (const args of [
    ["serve", "--port", "http"],
    ["serve", "--port", "70000"],
    ["serve", "--bogus"],
    ["launch"],
    ["serve", "--port"],
    ["serve", "--durability", "strict"],
    ["serve", "--storage", "/tmp/x", "--durability", "sometimes"],
    ["serve", "--access-key-id", "AKID"],
    ["serve", "--log=yes"],
    ["serve", "--sync", "ws://127.0.0.1:9"],
  ]) {
    const result = await run(...args);
    assert.equal(result.code, 2, args.join(" "));
    assert.match(result.stderr, /^shoaldb: /);
    assert.match(result.stderr, /Usage: shoaldb/);
  }
});

// Starts `shoaldb serve` and resolves once it printed its URL; stop() sends SIGTERM and gives the exit code.
async function startCli(args, env = {}) {
  const child = spawn(process.execPath, [BIN, "serve", "--port", "0", ...args], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...env },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const exited = new Promise((resolve) => child.on("exit", (code) => resolve(code)));
  try {
    const url = await new Promise((resolve, reject) => {
      child.stdout.on("data", () => {
        const match = /http:\/\/127\.0\.0\.1:(\d+)/.exec(stdout);
        if (match) resolve(match[0]);
      });
      exited.then((code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
      setTimeout(() => reject(new Error(`no URL printed: ${stdout} ${stderr}`)), 15_000).unref();
    });
    return {
      url,
      output: () => ({ stdout, stderr }),
      async stop(signal = "SIGTERM") {
        child.kill(signal);
        return exited;
      },
      kill: () => child.exitCode === null && child.kill("SIGKILL"),
    };
  } catch (error) {
    if (child.exitCode === null) child.kill("SIGKILL");
    throw error;
  }
}

const call = (url, operation, body) =>
  fetch(url, {
    method: "POST",
    headers: { "content-type": "application/x-amz-json-1.0", "x-amz-target": `DynamoDB_20120810.${operation}` },
    body: JSON.stringify(body),
  });

test("serve prints its URL, answers DynamoDB requests and stops on SIGTERM", async () => {
  const child = spawn(process.execPath, [BIN, "serve", "--port", "0", "--host", "127.0.0.1"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  try {
    const url = await new Promise((resolve, reject) => {
      let out = "";
      child.stdout.on("data", (chunk) => {
        out += chunk;
        const match = /http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
        if (match) resolve(match[0]);
      });
      child.on("exit", (code) => reject(new Error(`serve exited with ${code}`)));
      setTimeout(() => reject(new Error(`no URL printed: ${out}`)), 15_000).unref();
    });
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/x-amz-json-1.0", "x-amz-target": "DynamoDB_20120810.ListTables" },
      body: "{}",
    });
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { TableNames: [] });
    const exited = new Promise((resolve) => child.on("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    assert.equal(await exited, 0);
  } finally {
    if (child.exitCode === null) child.kill("SIGKILL");
  }
});

test("credentials from the environment turn on signature checks", async () => {
  const cli = await startCli([], { SHOALDB_ACCESS_KEY_ID: "AKIDENV", SHOALDB_SECRET_ACCESS_KEY: "secret" });
  try {
    assert.match(cli.output().stdout, /auth: SigV4, access key AKIDENV/);
    const response = await call(cli.url, "ListTables", {});
    assert.equal(response.status, 400);
    assert.equal((await response.json()).__type, "com.amazon.coral.service#MissingAuthenticationTokenException");
    assert.equal((await (await fetch(`${cli.url}/health`)).json()).auth, "sigv4");
    assert.equal(await cli.stop(), 0);
  } finally {
    cli.kill();
  }
});

test("--log writes one JSON line per request", async () => {
  const cli = await startCli(["--log"]);
  try {
    await call(cli.url, "ListTables", {});
    await call(cli.url, "DescribeTable", { TableName: "missing" });
    assert.equal(await cli.stop("SIGINT"), 0);
    const lines = cli.output().stdout.trim().split("\n").slice(1).map((line) => JSON.parse(line));
    assert.equal(lines.length, 2);
    assert.equal(lines[0].operation, "ListTables");
    assert.equal(lines[0].status, 200);
    assert.equal(lines[1].status, 400);
    assert.equal(lines[1].error, "ResourceNotFoundException");
    for (const line of lines) assert.match(line.requestId, /^[A-Z0-9]{52}$/);
  } finally {
    cli.kill();
  }
});

// Durable storage is the lead's work in progress: this test runs once ShoalDB.open accepts
// storage "fs" under Node, and until then checks that the CLI reports the refusal cleanly.
test("--storage DIR keeps tables across a restart (strict durability)", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "shoal-cli-"));
  try {
    let refusal = null;
    try {
      const db = await ShoalDB.open({ storage: "fs", path: join(dir, "probe") });
      await db.close();
    } catch (error) {
      refusal = error;
    }
    if (refusal) {
      const result = await run("serve", "--port", "0", "--storage", join(dir, "data"));
      assert.equal(result.code, 1);
      assert.equal(result.stderr, `shoaldb: ${refusal.message}\n`, "one line, no stack trace");
      t.skip(`ShoalDB.open does not accept storage "fs" yet: ${refusal.message}`);
      return;
    }
    const data = join(dir, "data");
    const first = await startCli(["--storage", data, "--durability", "strict"]);
    try {
      assert.match(first.output().stdout, new RegExp(`storage: ${data}`));
      assert.equal((await call(first.url, "CreateTable", {
        TableName: "kept",
        KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
        AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
        BillingMode: "PAY_PER_REQUEST",
      })).status, 200);
      const put = await call(first.url, "PutItem", { TableName: "kept", Item: { id: { S: "a" }, n: { N: "1.50" } } });
      assert.equal(put.status, 200);
      assert.equal(await first.stop(), 0);
    } finally {
      first.kill();
    }
    const second = await startCli(["--storage", data]);
    try {
      const response = await call(second.url, "GetItem", { TableName: "kept", Key: { id: { S: "a" } } });
      assert.deepEqual(await response.json(), { Item: { id: { S: "a" }, n: { N: "1.5" } } });
      assert.equal(await second.stop(), 0);
    } finally {
      second.kill();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
