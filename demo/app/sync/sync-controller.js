// The console's side of sync for one tab: its database's sync peer (shoaldb/sync), the link to a
// hub the user connected (remembered in this browser), the sync errors seen, and a snapshot of
// it all for the sync panel. The BroadcastChannel between the console's tabs is set up when the
// database opens (browser-source.js); the hub connection is made here, on whichever database the
// tab works on (it moves with the tab when the tab takes over the durable database).
import { covers } from "./tab-database.js";

const HUB_KEY = "shoaldb-console.hub";
const MAX_ERRORS = 20;
const REFUSALS = new Set(["Unauthorized", "ProtocolVersion"]);
// A hub not reached within this time gets a hint in the panel (the client keeps retrying).
const SLOW_CONNECT_MS = 3000;

export class SyncController {
  #tab;
  #sync; // the shoaldb/sync module
  #hub = null; // { url, token, transport, since, welcome, refused, failed }
  #errors = [];
  #listeners = new Set();
  #peerSubscriptions = [];

  constructor(tab, syncModule) {
    this.#tab = tab;
    this.#sync = syncModule;
    this.#follow();
    tab.onSwitch(() => this.#moveToNewDatabase());
    const saved = savedHub();
    if (saved) this.connectHub(saved.url, saved.token).catch(() => {}); // the panel shows why
  }

  get #peer() {
    return this.#tab.db.sync;
  }

  /** Calls `handler()` when something the panel shows changed at once (a conflict, an error, the hub). */
  onUpdate(handler) {
    this.#listeners.add(handler);
    return () => this.#listeners.delete(handler);
  }

  #notify() {
    for (const handler of [...this.#listeners]) handler();
  }

  #follow() {
    const peer = this.#peer;
    this.#peerSubscriptions = [
      peer.onConflict(() => this.#notify()),
      peer.onError((error) => {
        // A refused token or protocol shows in the hub's own part of the panel.
        if (this.#hub && REFUSALS.has(error.code)) return this.#notify();
        this.#errors.push({ at: Date.now(), message: error.message });
        if (this.#errors.length > MAX_ERRORS) this.#errors.shift();
        this.#notify();
      }),
    ];
  }

  async #moveToNewDatabase() {
    for (const unsubscribe of this.#peerSubscriptions) unsubscribe();
    this.#follow();
    const hub = this.#hub;
    if (hub) await this.connectHub(hub.url, hub.token).catch(() => {});
    this.#notify();
  }

  /**
   * Connects this tab to a ShoalDB hub (npx shoaldb hub) and remembers it for the next visit.
   * Resolves once the connection is started; the snapshot's hub state follows it from there.
   */
  async connectHub(url, token) {
    url = String(url ?? "").trim();
    if (!/^wss?:\/\/[^/]/.test(url)) {
      throw new Error(`A hub URL starts with ws:// or wss://, such as ws://127.0.0.1:8002 (got "${url}").`);
    }
    await this.#closeHub();
    const hub = { url, token: token ?? "", transport: null, since: Date.now(), welcome: null, refused: null };
    this.#hub = hub;
    saveHub(hub);
    this.#notify();
    try {
      hub.transport = await this.#sync.connectWebSocket(this.#peer, { url, token: hub.token, reconnectMs: 1000 });
    } catch (error) {
      hub.failed = error.message;
      this.#notify();
      throw error;
    }
    hub.transport.whenConnected().then(
      (welcome) => {
        hub.welcome = welcome;
        if (this.#hub === hub) this.#notify();
      },
      (error) => {
        hub.refused = error.message;
        if (this.#hub === hub) this.#notify();
      },
    );
    this.#notify();
  }

  /** Closes the hub connection and forgets it. */
  async disconnectHub() {
    await this.#closeHub();
    forgetHub();
    this.#notify();
  }

  async #closeHub() {
    const hub = this.#hub;
    this.#hub = null;
    await hub?.transport?.close();
  }

  /** What the sync panel shows, read now. */
  snapshot() {
    const peer = this.#peer;
    const status = peer.status();
    const hub = this.#hub;
    const hubLink = hub?.transport?.link ?? null;
    const peers = [];
    const linked = new Set();
    for (const link of peer.links) {
      if (link.closed || link.remoteSite === null) continue;
      const site = String(link.remoteSite);
      linked.add(site);
      peers.push(peerRow(site, link === hubLink ? "hub" : "tab", status, link.stats));
    }
    for (const site of Object.keys(status.Peers)) {
      if (!linked.has(site)) peers.push(peerRow(site, null, status, null));
    }
    return {
      site: String(status.Site),
      storage: this.#tab.storage,
      heldBy: this.#tab.heldBy,
      pendingUnits: status.RetainedUnits,
      pendingBytes: status.RetainedBytes,
      tombstones: status.Tombstones,
      peers,
      hub: hub ? hubState(hub) : null,
      conflicts: peer.conflicts({ wire: true }),
      errors: [...this.#errors],
    };
  }

  clearErrors() {
    this.#errors = [];
    this.#notify();
  }

  async close() {
    for (const unsubscribe of this.#peerSubscriptions) unsubscribe();
    this.#listeners.clear();
    const hub = this.#hub;
    this.#hub = null;
    await hub?.transport?.close();
  }
}

/** A peer as the panel lists it: whether it has all of this tab's changes, and the link's counters. */
function peerRow(site, via, status, stats) {
  const theirs = status.Peers[site];
  return {
    site,
    via, // "hub", "tab" (BroadcastChannel) or null (no link now: it is remembered until forgotten)
    hasOurChanges: theirs !== undefined && covers(theirs, status.Vector),
    reported: theirs !== undefined,
    stats,
  };
}

function hubState(hub) {
  let state;
  if (hub.failed) state = "failed";
  else if (hub.refused) state = "refused";
  else if (hub.transport?.connected) state = "connected";
  else if (hub.welcome) state = "reconnecting";
  else state = Date.now() - hub.since > SLOW_CONNECT_MS ? "unreachable" : "connecting";
  return {
    url: hub.url,
    state,
    error: hub.failed ?? hub.refused ?? null,
    site: hub.welcome ? String(hub.welcome.site) : null,
    read: hub.welcome?.read ?? null,
    write: hub.welcome?.write ?? null,
  };
}

// The hub (URL and token) is kept in this browser's localStorage, so a reload reconnects.
function savedHub() {
  try {
    const hub = JSON.parse(localStorage.getItem(HUB_KEY) ?? "null");
    return typeof hub?.url === "string" ? { url: hub.url, token: String(hub.token ?? "") } : null;
  } catch {
    return null;
  }
}

function saveHub({ url, token }) {
  localStorage.setItem(HUB_KEY, JSON.stringify({ url, token }));
}

function forgetHub() {
  localStorage.removeItem(HUB_KEY);
}
