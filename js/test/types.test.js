// The .d.ts files against TypeScript: test/types/usage.ts must compile, and every line of
// test/types/errors.ts marked @ts-expect-error must be an error.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

test("the TypeScript declarations describe the public API", async () => {
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  const project = fileURLToPath(new URL("./types/tsconfig.json", import.meta.url));
  const result = await new Promise((resolve) => {
    execFile(process.execPath, [tsc, "-p", project], (error, stdout, stderr) => resolve({ error, output: stdout + stderr }));
  });
  assert.equal(result.error, null, result.output);
});
