// A web app that imports shoaldb, built by Vite with no configuration and run in headless
// Chromium: in the page and in a dedicated worker. The engine's .wasm must be found through the
// package's `new URL("…/shoal-engine.wasm", import.meta.url)`, which Vite turns into an asset;
// with Vite's inline flag (build.assetsInlineLimit) it is inlined as a data: URL instead.
import assert from "node:assert/strict";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { after, before, describe, test } from "node:test";
import { build } from "vite";
import { launchBrowser, runPage } from "../lib/browser.js";
import { serveFolder } from "../lib/static-server.js";

const require = createRequire(import.meta.url);
const APP = fileURLToPath(new URL("../vite-app", import.meta.url));
const ENGINE_WASM = require.resolve("shoaldb/dist/shoal-engine.wasm");

const EXPECTED = {
  item: { id: "n1", text: "hello from Vite", n: 42, big: "123456789012345678901234567890", tags: ["x", "y"] },
  wire: { Item: { text: { S: "hello from Vite" } } },
  error: { name: "ResourceNotFoundException", status: 400 },
};

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** Builds the app into a temporary folder (`vite build` with only these build options) and serves it. */
function viteSuite(name, buildOptions, checkBuild) {
  describe(name, () => {
    let outDir;
    let site;
    let files;

    before(async () => {
      outDir = await mkdtemp(join(tmpdir(), "shoaldb-vite-"));
      await build({ root: APP, configFile: false, logLevel: "silent", build: { outDir, emptyOutDir: true, ...buildOptions } });
      files = await readdir(outDir, { recursive: true });
      site = await serveFolder(outDir);
    });

    after(async () => {
      await site?.close();
      if (outDir) await rm(outDir, { recursive: true, force: true });
    });

    test("the build has the app, its worker, and no Node built-in", async () => {
      const scripts = files.filter((file) => file.endsWith(".js"));
      assert.ok(scripts.some((file) => /^assets\/worker-.*\.js$/.test(file)), files.join("\n"));
      for (const file of scripts) {
        const code = await readFile(join(outDir, file), "utf8");
        assert.doesNotMatch(code, /["'`]node:[a-z]/, `${file} refers to a Node built-in`);
        assert.doesNotMatch(code, /readFile\(/, `${file} carries the Node file reader`);
      }
      await checkBuild({ outDir, files });
    });

    test("put/get round trip in the page and in a dedicated worker", async () => {
      const { result, problems, responses } = await runPage(browser.context, `${site.url}/`);
      assert.deepEqual(problems, []);
      assert.ok(result.ok, result.error);
      assert.deepEqual(result.value, { page: EXPECTED, worker: EXPECTED });
      const foreign = responses.filter((r) => !r.url.startsWith(site.url) && !r.url.startsWith("data:"));
      assert.deepEqual(foreign, [], "nothing is fetched from elsewhere");
      return { responses };
    });
  });
}

viteSuite("vite build (the wasm as an asset file)", {}, async ({ outDir, files }) => {
  const wasm = files.filter((file) => file.endsWith(".wasm"));
  assert.equal(wasm.length, 1, files.join("\n"));
  assert.match(wasm[0], /^assets\/shoal-engine-[\w-]+\.wasm$/);
  assert.ok((await readFile(join(outDir, wasm[0]))).equals(await readFile(ENGINE_WASM)), "the asset is the engine");
});

viteSuite("vite build --assetsInlineLimit (the wasm inlined)", { assetsInlineLimit: 100_000_000 }, async ({ files }) => {
  assert.deepEqual(files.filter((file) => file.endsWith(".wasm")), []);
});
