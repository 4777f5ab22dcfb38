// The package's declarations as a bundler-resolved worker sees them (moduleResolution "bundler",
// condition "workerd"): types/worker.ts must compile, its @ts-expect-error lines must be errors.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

test("the exports map gives TypeScript the types of shoaldb and of its wasm module", async () => {
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  const project = fileURLToPath(new URL("../types/tsconfig.json", import.meta.url));
  const result = await new Promise((resolve) => {
    execFile(process.execPath, [tsc, "-p", project], (error, stdout, stderr) => resolve({ error, output: stdout + stderr }));
  });
  assert.equal(result.error, null, result.output);
});
