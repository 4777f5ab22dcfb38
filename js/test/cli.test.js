// bin/shoaldb.js as a user runs it.
import assert from "node:assert/strict";
import { execFile, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

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
  assert.match(help.stdout, /--port/);
  const version = await run("--version");
  assert.equal(version.code, 0);
  assert.equal(version.stdout.trim(), VERSION);
});

test("a storage directory is refused clearly", async () => {
  const result = await run("serve", "--port", "0", "--storage", "/tmp/shoal-data");
  assert.equal(result.code, 2);
  assert.match(result.stderr, /--storage \/tmp\/shoal-data: storing tables in a directory is not supported yet/);
});

test("bad arguments exit 2 with the usage", async () => {
  for (const args of [["serve", "--port", "http"], ["serve", "--bogus"], ["launch"], ["serve", "--port"]]) {
    const result = await run(...args);
    assert.equal(result.code, 2, args.join(" "));
    assert.match(result.stderr, /^shoaldb: /);
    assert.match(result.stderr, /Usage: shoaldb/);
  }
});

test("serve prints its URL, answers DynamoDB requests and stops on SIGTERM", async () => {
  const child = spawn(process.execPath, [BIN, "serve", "--port", "0", "--host", "127.0.0.1"], { stdio: ["ignore", "pipe", "pipe"] });
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
