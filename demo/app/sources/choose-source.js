// Which data source the console uses: the user's last choice (kept in localStorage), else the
// endpoint when the console's own server is there (`npm start`), else ShoalDB in this page.
import { browserSource } from "./browser-source.js";
import { endpointSource } from "./endpoint-source.js";

const STORAGE_KEY = "shoaldb-console.source";

/** @typedef {{ kind: "endpoint", url: string } | { kind: "browser" }} SourceChoice */

/** The same-origin endpoint when this page was served by demo/server.js, else null. */
export async function consoleServerInfo() {
  try {
    const response = await fetch("/_console/info", { cache: "no-store" });
    if (!response.ok) return null;
    const info = await response.json();
    return info?.endpoint === true ? info : null;
  } catch {
    return null;
  }
}

export function sameOriginEndpoint() {
  return `${location.origin}/`;
}

/**
 * @param {object | null} serverInfo what consoleServerInfo() found
 * @returns {SourceChoice}
 */
export function initialChoice(serverInfo) {
  const saved = savedChoice();
  if (saved) return saved;
  return serverInfo ? { kind: "endpoint", url: sameOriginEndpoint() } : { kind: "browser" };
}

function savedChoice() {
  try {
    const choice = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? "null");
    if (choice?.kind === "browser") return { kind: "browser" };
    if (choice?.kind === "endpoint" && typeof choice.url === "string") return { kind: "endpoint", url: choice.url };
  } catch {
    // unreadable: fall through to the default
  }
  return null;
}

export function saveChoice(choice) {
  localStorage.setItem(STORAGE_KEY, JSON.stringify(choice));
}

/** Opens the source a choice names. */
export async function openSource(choice) {
  if (choice.kind === "browser") return browserSource();
  const url = new URL(choice.url, location.href).href;
  // Only the console's own server has the changes resource, and only at the console's origin.
  const changesUrl = new URL(url).origin === location.origin ? "/_console/changes" : undefined;
  return endpointSource(url, { changesUrl });
}
