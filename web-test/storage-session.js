// A page of the storage tests (pages/storage.html) driven from Node: run a scenario of
// pages/storage-scenarios.js in the page or in its dedicated worker and get its JSON result.
import assert from "node:assert/strict";

/** Opens pages/storage.html in `context`; page errors are collected in `problems`. */
export async function openStoragePage(context, siteUrl) {
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (error) => problems.push(String(error)));
  page.on("console", (message) => message.type() === "error" && problems.push(message.text()));
  await page.goto(`${siteUrl}/storage.html`);
  await page.waitForFunction(() => window.storagePageReady === true);
  return {
    page,
    problems,
    /** Runs scenario `name` in "page" or "worker" and returns its result (throws its error). */
    run: (where, name, args = {}) =>
      page.evaluate(([w, n, a]) => window.runScenario(w, n, a), [where, name, args]),
    /** Starts a scenario without waiting for it; state(key) tells how it is going. */
    start: (key, where, name, args = {}) =>
      page.evaluate(([k, w, n, a]) => window.startScenario(k, w, n, a), [key, where, name, args]),
    state: (key) => page.evaluate((k) => window.scenarioState(k), key),
    async reload() {
      await page.reload();
      await page.waitForFunction(() => window.storagePageReady === true);
    },
    close: () => page.close(),
  };
}

/** Polls state(key) until it is no longer pending (or `timeoutMs` passes). */
export async function settled(session, key, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await session.state(key);
    if (state && state.state !== "pending") return state;
    assert.ok(Date.now() < deadline, `${key} still pending after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
