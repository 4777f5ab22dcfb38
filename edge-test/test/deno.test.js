// Deno (the `deno` npm package's binary) serving DynamoDB's API from ShoalDB with Deno.serve, run
// with only --allow-read and --allow-net=127.0.0.1. `import "shoaldb"` resolves through the
// repository's node_modules and the exports map's deno condition.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { after, before, test } from "node:test";
import { dynamoDBEndpointTests } from "../lib/dynamodb-checks.js";
import { startProcess, stopProcess, waitFor } from "../lib/processes.js";

const require = createRequire(import.meta.url);
const EDGE_TEST = fileURLToPath(new URL("..", import.meta.url));
const DENO = denoBinary();

/**
 * The deno executable itself, not the package's bin.cjs (which runs it as a child that SIGTERM
 * would orphan): the copy its install script makes, else the platform package's binary.
 */
function denoBinary() {
  const copied = join(dirname(require.resolve("deno/package.json")), process.platform === "win32" ? "deno.exe" : "deno");
  if (existsSync(copied)) return copied;
  const targets = { "linux x64": "linux-x64-glibc", "linux arm64": "linux-arm64-glibc", "darwin x64": "darwin-x64", "darwin arm64": "darwin-arm64" };
  const target = targets[`${process.platform} ${process.arch}`];
  assert.ok(target, `no deno binary package for ${process.platform} ${process.arch}`);
  return join(dirname(require.resolve(`@deno/${target}/package.json`)), "deno");
}

let denoDir;
let deno;
let listening;

before(async () => {
  // A private cache, so the test neither reads nor leaves anything in the user's Deno cache.
  denoDir = await mkdtemp(join(tmpdir(), "shoaldb-deno-"));
  deno = startProcess(
    DENO,
    ["run", "--no-lock", "--allow-read", "--allow-net=127.0.0.1", "deno/server.js"],
    {
      cwd: EDGE_TEST,
      env: { ...process.env, DENO_DIR: denoDir, DENO_NO_UPDATE_CHECK: "1", DENO_NO_PROMPT: "1", NO_COLOR: "1" },
    },
  );
  listening = await waitFor(
    deno,
    () =>
      deno.output
        .split("\n")
        .filter((line) => line.startsWith("{"))
        .map((line) => JSON.parse(line))
        .find((message) => message.event === "listen"),
    { what: "deno", timeoutMs: 60_000 },
  );
});

after(async () => {
  await stopProcess(deno);
  if (denoDir) await rm(denoDir, { recursive: true, force: true });
  if (deno) assert.notEqual(deno.exitCode, undefined, "deno is still running");
});

test("Deno resolved shoaldb to the package's deno entry", () => {
  assert.equal(listening.entry, new URL("../../js/src/index.deno.js", import.meta.url).href);
});

dynamoDBEndpointTests(() => `http://127.0.0.1:${listening.port}/`, "deno");
