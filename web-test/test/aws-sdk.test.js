// The official AWS SDK v3, bundled for the browser with the package, against ShoalDB's in-process
// request handler in headless Chromium. The bundle step also proves that the browser build of the
// package pulls in no Node built-in.
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { after, before, test } from "node:test";
import { build } from "esbuild";
import { launchBrowser, runPage } from "../browser.js";
import { startStaticServer } from "../static-server.js";

let bundleDir;
let site;
let browser;

before(async () => {
  bundleDir = await mkdtemp(join(tmpdir(), "shoaldb-bundle-"));
  await build({
    entryPoints: [fileURLToPath(new URL("../bundles/aws-sdk-page.js", import.meta.url))],
    outfile: join(bundleDir, "aws-sdk-page.js"),
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    logLevel: "silent",
  });
  site = await startStaticServer({ mounts: [{ prefix: "/bundle/", dir: bundleDir }] });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await site?.close();
  if (bundleDir) await rm(bundleDir, { recursive: true, force: true });
});

test("DynamoDBClient and DynamoDBDocumentClient work in a page with db.requestHandler()", async () => {
  const { result, problems, responses } = await runPage(browser.context, `${site.url}/aws-sdk.html`);
  assert.deepEqual(problems, []);
  assert.ok(result.ok, result.error);
  const foreign = responses.map((r) => r.url()).filter((url) => !url.startsWith(site.url));
  assert.deepEqual(foreign, [], "no request leaves the page's origin");
  assert.deepEqual(result.value, {
    status: "ACTIVE",
    requestId: true,
    low: { id: "low", bytes: [9, 8] },
    high: { id: "doc", n: 7, tags: ["a"] },
    tables: ["browser"],
    notFound: { name: "ResourceNotFoundException", modelled: true, status: 400 },
  });
});
