// #/sync: this tab as a sync peer. Its site and storage, the changes that not every peer has
// yet, the hub connection (URL and token, remembered in this browser), the peers it talks to
// (the console's other tabs over BroadcastChannel, the hub), the conflicts the merge rules
// resolved (both values, the winner and the sites), and sync errors. Redrawn live.
import { field, h } from "../dom.js";
import { cellText, formatBytes, formatCount, plural } from "../items/format.js";
import { itemHref } from "../tables.js";
import { errorAlert, noticeBox, showIn } from "../ui/alerts.js";
import { card, facts, pageHeader } from "../ui/page.js";

const REDRAW_MS = 500;
const MAX_CONFLICTS_SHOWN = 200;

const HUB_STATES = {
  connected: ["ok", "Connected"],
  connecting: ["busy", "Connecting…"],
  reconnecting: ["busy", "Reconnecting…"],
  unreachable: ["bad", "Not reached, retrying"],
  refused: ["bad", "Refused"],
  failed: ["bad", "Failed"],
};

export function mountSyncPanel(main, ctx) {
  const sync = ctx.sync;
  if (!sync) {
    main.replaceChildren(pageHeader({ title: "Sync" }), endpointExplanation(ctx));
    return {};
  }

  const tabSlot = h("div");
  const hubSlot = h("div");
  const hubErrorSlot = h("div", { class: "error-slot" });
  const peersSlot = h("div");
  const conflictsSlot = h("div");
  const errorsSlot = h("div", { class: "sync-errors-slot" });
  const peersCount = h("span", { class: "count" });
  const conflictsCount = h("span", { class: "count" });
  const hubForm = connectForm(sync, hubErrorSlot);

  main.replaceChildren(
    pageHeader({ title: "Sync" }),
    card(
      {
        title: "This tab",
        id: "sync-tab",
        description:
          "Every tab of the console is a peer: it accepts writes, and converges with the other tabs of this " +
          "browser (BroadcastChannel) and with a hub.",
      },
      tabSlot,
    ),
    card(
      {
        title: "Hub",
        id: "sync-hub",
        description: "A ShoalDB hub (npx shoaldb hub --port 8002 --token T) connects this tab to other devices.",
      },
      hubErrorSlot,
      hubSlot,
      hubForm.element,
    ),
    card({ title: h("span", {}, "Peers ", peersCount), id: "sync-peers" }, peersSlot),
    card(
      {
        title: h("span", {}, "Resolved conflicts ", conflictsCount),
        id: "sync-conflicts",
        description:
          "Writes of the same attribute that did not see each other. Per attribute the later write wins " +
          "(the site id breaks ties); every peer keeps the same winner.",
      },
      conflictsSlot,
    ),
    errorsSlot,
  );

  // Each part is redrawn only when what it shows changed, so links and buttons stay put.
  const drawn = new Map();
  const update = (slot, data, render) => {
    const key = JSON.stringify(data);
    if (drawn.get(slot) === key) return;
    drawn.set(slot, key);
    slot.replaceChildren(...[render()].flat());
  };
  function draw() {
    let snap;
    try {
      snap = sync.snapshot();
    } catch {
      return; // the tab's database is switching; the next redraw shows the new one
    }
    const { peers, conflicts, errors, hub, ...tab } = snap;
    update(tabSlot, [tab, peers.length, conflicts.length], () => tabFacts(snap));
    update(hubSlot, hub, () => (hub ? hubFacts(hub, sync) : h("p", { class: "muted" }, "Not connected.")));
    // After a refusal the form stays, to correct the token or the URL.
    hubForm.element.hidden = hub !== null && hub.state !== "refused" && hub.state !== "failed";
    peersCount.textContent = `(${peers.length})`;
    update(peersSlot, peers, () => peersTable(snap));
    conflictsCount.textContent = `(${conflicts.length})`;
    update(conflictsSlot, conflicts, () => conflictsTable(snap));
    update(errorsSlot, errors, () => (errors.length ? errorsCard(errors, sync) : []));
  }

  draw();
  const timer = setInterval(draw, REDRAW_MS);
  const stopUpdates = sync.onUpdate(draw);
  hubForm.focus();
  return {
    refresh: draw,
    dispose() {
      clearInterval(timer);
      stopUpdates();
    },
  };
}

function tabFacts(snap) {
  const storage =
    snap.storage === "memory" && snap.heldBy
      ? `Memory, synced with the tab that holds the ${snap.heldBy} database ` +
        "(this tab takes it over when that tab closes)"
      : snap.storage === "memory"
        ? "Memory (lost when the tab closes)"
        : `${snap.storage} (durable)`;
  const waiting =
    snap.pendingUnits === 0
      ? "None: every peer has this tab's changes"
      : `${plural(snap.pendingUnits, "change")} (${formatBytes(snap.pendingBytes)}) ` +
        (snap.peers.length ? "not yet confirmed by every peer" : "kept until a peer connects");
  return facts([
    ["Site id", h("code", {}, snap.site)],
    ["Storage", storage],
    ["Pending changes", h("span", { "data-testid": "pending" }, waiting)],
    ["Conflicts resolved", formatCount(snap.conflicts.length)],
    ["Tombstones (deleted keys kept for merging)", formatCount(snap.tombstones)],
  ]);
}

function hubFacts(hub, sync) {
  const forget = (label) =>
    h("button", { type: "button", class: "secondary", onclick: () => sync.disconnectHub() }, label);
  if (hub.state === "refused" || hub.state === "failed") {
    // The form below stays, to correct the token or the URL.
    return h(
      "div",
      { class: "stack" },
      errorAlert(new Error(hub.error), {
        title: hub.state === "refused" ? "The hub did not accept this tab" : "Could not connect to the hub",
      }),
      h(
        "p",
        { class: "inline" },
        h("span", { class: `badge badge-bad`, "data-testid": "hub-state" }, HUB_STATES[hub.state][1]),
        h("code", {}, hub.url),
        forget("Forget this hub"),
      ),
    );
  }
  const [tone, label] = HUB_STATES[hub.state];
  const access = (value) => (value === null ? "—" : value === "*" ? "Every table" : value.join(", ") || "No table");
  return h(
    "div",
    { class: "stack" },
    hub.state === "unreachable"
      ? noticeBox("warning", null, h("p", {}, `No answer from ${hub.url} yet. Is the hub running? Retrying…`))
      : null,
    facts([
      ["Hub", h("code", {}, hub.url)],
      ["Connection", h("span", { class: `badge badge-${tone}`, "data-testid": "hub-state" }, label)],
      ["Hub site id", hub.site ? h("code", {}, hub.site) : "—"],
      ["May read", access(hub.read)],
      ["May write", access(hub.write)],
    ]),
    h("div", { class: "actions left" }, forget("Disconnect")),
  );
}

function connectForm(sync, errorSlot) {
  const url = h("input", {
    type: "url",
    required: true,
    placeholder: "ws://127.0.0.1:8002",
    spellcheck: "false",
    autocomplete: "off",
  });
  const token = h("input", { type: "password", autocomplete: "off", spellcheck: "false" });
  const submit = h("button", { type: "submit", class: "primary" }, "Connect");
  const element = h(
    "form",
    { class: "hub-form", "aria-label": "Connect to a hub" },
    field("Hub URL", url, "ws:// or wss://, as the hub printed it"),
    field("Token", token, "The hub's --token. Both are kept in this browser so a reload reconnects."),
    h("div", { class: "actions left" }, submit),
  );
  element.addEventListener("submit", async (event) => {
    event.preventDefault();
    errorSlot.replaceChildren();
    submit.disabled = true;
    try {
      await sync.connectHub(url.value, token.value);
    } catch (error) {
      showIn(errorSlot, errorAlert(error, { title: "Could not connect to the hub" }));
    } finally {
      submit.disabled = false;
    }
  });
  return { element, focus: () => !element.hidden && url.focus() };
}

const VIA = { hub: "Hub (WebSocket)", tab: "Another tab (BroadcastChannel)" };

function peersTable(snap) {
  if (snap.peers.length === 0) {
    return h(
      "p",
      { class: "muted" },
      "No peers yet. Open the console in another tab of this browser, or connect to a hub.",
    );
  }
  const columns = [
    "Peer site id",
    "Connection",
    "Has this tab's changes",
    "Units sent",
    "Batches received",
    "Bytes sent",
  ];
  return gridTable(
    "Peers",
    columns,
    snap.peers.map((p) => [
      h("code", {}, p.site),
      p.via ? VIA[p.via] : h("span", { class: "muted" }, "Not connected (remembered for a while)"),
      p.hasOurChanges
        ? h("span", { class: "badge badge-ok" }, "Yes")
        : h("span", { class: "badge badge-busy" }, p.reported ? "Not yet" : "Unknown"),
      num(p.stats?.unitsSent),
      num(p.stats ? p.stats.batchesReceived + p.stats.statePagesReceived : undefined),
      num(p.stats ? formatBytes(p.stats.bytesSent) : undefined),
    ]),
    [3, 4, 5],
  );
}

function conflictsTable(snap) {
  if (snap.conflicts.length === 0) {
    return h("p", { class: "muted" }, "No conflicts: no two peers wrote the same attribute without seeing each other.");
  }
  const shown = snap.conflicts.slice(-MAX_CONFLICTS_SHOWN).reverse(); // newest first
  const side = (s, winner) =>
    h(
      "div",
      { class: `conflict-side${winner ? " winner" : ""}` },
      s.Deleted || s.Value === undefined
        ? h("span", { class: "muted" }, s.Deleted ? "(item deleted)" : "(attribute removed)")
        : h("code", { class: "value" }, cellText(s.Value).full),
      h("small", {}, `site ${s.Site}${s.Site === Number(snap.site) ? " (this tab)" : ""} · ${hlcTime(s.Hlc)}`),
    );
  const table = gridTable(
    "Resolved conflicts",
    ["Table", "Item key", "Attribute", "Winner (kept)", "Loser (overwritten)"],
    shown.map((c) => [
      c.TableName,
      h("a", { href: itemHref(c.TableName, c.Key) }, keyText(c.Key)),
      h("code", {}, c.Attribute),
      side(c.Winner, true),
      side(c.Loser, false),
    ]),
  );
  return snap.conflicts.length > shown.length
    ? h("div", {}, h("p", { class: "muted" }, `The newest ${shown.length} are shown.`), table)
    : table;
}

function errorsCard(errors, sync) {
  return card(
    {
      title: `Sync errors (${errors.length})`,
      id: "sync-errors",
      actions: [h("button", { type: "button", class: "secondary small", onclick: () => sync.clearErrors() }, "Clear")],
    },
    h(
      "ul",
      { class: "plain-list sync-errors" },
      errors
        .slice()
        .reverse()
        .map((e) =>
          h("li", {}, h("small", { class: "muted" }, new Date(e.at).toLocaleTimeString("en-US")), " ", e.message),
        ),
    ),
  );
}

function endpointExplanation(ctx) {
  return noticeBox(
    "info",
    "This console is on a DynamoDB endpoint",
    h(
      "p",
      {},
      "Sync runs between ShoalDB peers, and the endpoint's database is on the server. Choose ",
      h("strong", {}, "This browser"),
      " as the data source (top right) to make this tab a peer: the console's tabs then sync with each other, ",
      "and with a hub you connect here.",
    ),
    h(
      "p",
      {},
      "A server becomes a peer of a hub with ",
      h("code", {}, "npx shoaldb serve --sync ws://HOST:8002 --token T"),
      ". Changes on this endpoint from other tabs and clients already show here within a second.",
    ),
  );
}

function gridTable(label, columns, rows, numeric = []) {
  return h(
    "div",
    { class: "grid-wrap" },
    h(
      "table",
      { class: "grid", "aria-label": label },
      h(
        "thead",
        {},
        h("tr", {}, columns.map((c, i) => h("th", { scope: "col", class: numeric.includes(i) ? "num" : null }, c))),
      ),
      h(
        "tbody",
        {},
        rows.map((cells) =>
          h("tr", {}, cells.map((c, i) => h("td", { class: numeric.includes(i) ? "num" : null }, c))),
        ),
      ),
    ),
  );
}

function num(value) {
  if (value === undefined) return h("span", { class: "muted" }, "—");
  return typeof value === "number" ? formatCount(value) : value;
}

/** An item key as "name: value" pairs. */
function keyText(key) {
  return Object.entries(key)
    .map(([name, value]) => `${name}: ${cellText(value).text}`)
    .join(", ");
}

/** The wall-clock part of a hybrid-clock stamp (milliseconds << 16), as a local time. */
function hlcTime(hlc) {
  const ms = Number(BigInt(hlc) >> 16n);
  return new Date(ms).toLocaleString("en-US", { dateStyle: "medium", timeStyle: "medium" });
}
