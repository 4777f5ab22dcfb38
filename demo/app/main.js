// The console's shell: picks the data source, routes location hashes to views, shows flash
// messages, and refreshes the visible page when the source reports a change made elsewhere.
import { h } from "./dom.js";
import { DEFAULT_HASH, matchRoute } from "./routes.js";
import { consoleServerInfo, initialChoice, openSource, saveChoice } from "./sources/choose-source.js";
import { errorAlert, noticeBox } from "./ui/alerts.js";
import { loading } from "./ui/page.js";
import { pickSource } from "./ui/source-picker.js";
import { sourceNotice } from "./ui/source-notice.js";

const view = document.getElementById("view");
const flashSlot = document.getElementById("flash");
const noticeSlot = document.getElementById("source-notice");
const sourceButton = document.getElementById("source-button");

let source = null;
let choice = null;
let serverInfo = null;
let stopWatching = () => {};
let stopStorageChange = () => {};
let current = null; // the mounted view's controller
let currentHash = null;
let pendingFlash = null;
let ignoreNextHash = null;

const ctx = {
  run: (operation, input) => source.execute(operation, input),
  get sourceId() {
    return source.kind === "endpoint" ? source.url : "browser";
  },
  /** This tab's sync (the in-page source's SyncController), or null on an endpoint. */
  get sync() {
    return source?.sync ?? null;
  },
  navigate(hash) {
    if (location.hash === hash) route();
    else location.hash = hash;
  },
  /** A message shown at the top of the next page. */
  flash(message) {
    pendingFlash = message;
  },
  /** A message shown now. */
  notify(message) {
    showFlash(message);
  },
};

function showFlash(message) {
  const close = h("button", { type: "button", class: "link", "aria-label": "Dismiss" }, "×");
  const box = h("div", { class: "flash", role: "status" }, h("span", {}, message), close);
  close.addEventListener("click", () => box.remove());
  flashSlot.replaceChildren(box);
}

function route() {
  if (!source) return;
  const hash = location.hash || DEFAULT_HASH;
  if (ignoreNextHash === hash) {
    ignoreNextHash = null;
    return;
  }
  if (current?.isDirty?.() && hash !== currentHash && !confirm("Leave this page? Your edits are not saved.")) {
    ignoreNextHash = currentHash;
    location.hash = currentHash;
    return;
  }
  current?.dispose?.();
  current = null;
  currentHash = hash;
  flashSlot.replaceChildren();
  if (pendingFlash) {
    showFlash(pendingFlash);
    pendingFlash = null;
  }
  const found = matchRoute(hash);
  for (const link of document.querySelectorAll("[data-nav]")) {
    if (found?.route.nav === link.dataset.nav) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  if (!found) {
    view.replaceChildren(
      noticeBox(
        "warning",
        "No such page",
        h("p", {}, `The console has no page at ${hash}. `, h("a", { href: DEFAULT_HASH }, "Go to the tables")),
      ),
    );
    return;
  }
  try {
    current = found.route.mount(view, ctx, found.params) ?? {};
  } catch (error) {
    view.replaceChildren(errorAlert(error, { title: "This page could not be shown" }));
    return;
  }
  // Views focus their first field; a page without one puts the focus on its heading.
  if (!view.contains(document.activeElement)) {
    const heading = view.querySelector("h1");
    if (heading) {
      heading.tabIndex = -1;
      heading.focus({ preventScroll: true });
    }
  }
}

async function useSource(next) {
  stopWatching();
  stopWatching = () => {};
  stopStorageChange();
  stopStorageChange = () => {};
  await source?.close();
  source = null;
  choice = next;
  sourceButton.querySelector(".source-name").textContent = "Connecting…";
  noticeSlot.replaceChildren();
  view.replaceChildren(loading(next.kind === "browser" ? "Starting ShoalDB in this page…" : "Connecting…"));
  try {
    source = await openSource(next);
  } catch (error) {
    sourceButton.querySelector(".source-name").textContent = "No data source";
    view.replaceChildren(
      errorAlert(error, {
        title: next.kind === "browser" ? "ShoalDB could not start in this page" : "Could not use the endpoint",
      }),
      h("p", {}, "Choose another data source with the button at the top right."),
    );
    return;
  }
  const showSource = () => {
    sourceButton.querySelector(".source-name").textContent = source.title;
    noticeSlot.replaceChildren(sourceNotice(source, serverInfo));
  };
  showSource();
  stopWatching = source.watch(() => current?.refresh?.());
  // A tab that followed another tab's durable database takes it over when that tab closes.
  stopStorageChange = source.onStorageChange?.(showSource) ?? (() => {});
  current = null;
  currentHash = null;
  route();
}

sourceButton.addEventListener("click", async () => {
  const next = await pickSource(choice);
  if (!next) return;
  if (current?.isDirty?.() && !confirm("Switch the data source? Your edits on this page are not saved.")) return;
  current = null;
  saveChoice(next);
  await useSource(next);
});

window.addEventListener("hashchange", route);
window.addEventListener("beforeunload", (event) => {
  if (current?.isDirty?.()) event.preventDefault();
});

serverInfo = await consoleServerInfo();
await useSource(initialChoice(serverInfo));
