// What the banner under the top bar says about the data source: where the tables live, whether
// they survive a reload, and how other tabs' changes reach this one.
import { h } from "../dom.js";
import { noticeBox } from "./alerts.js";

export function sourceNotice(source, serverInfo) {
  if (source.kind === "endpoint") {
    const own = serverInfo && new URL(source.url).origin === location.origin;
    const storage =
      own && serverInfo.storage === "memory" ? " The server keeps its tables in memory, until it stops." : "";
    return noticeBox(
      "info",
      null,
      h(
        "p",
        {},
        h("strong", {}, "Endpoint "),
        h("code", {}, source.url.replace(/\/$/, "")),
        own
          ? `. Changes from other tabs and clients show here within a second.${storage}`
          : ". Changes made elsewhere show when you reload a page.",
      ),
    );
  }
  const parts = [];
  if (source.heldBy) {
    parts.push(
      h(
        "p",
        {},
        h("strong", {}, `This browser, synced with the tab that holds the ${source.heldBy} database. `),
        `Another tab of the console has it open (one tab at a time may write it), so this tab keeps a copy in `,
        "memory and the two sync over BroadcastChannel: edits in either show in both. When that tab closes, ",
        "this one takes the database over.",
      ),
    );
  } else if (source.storage === "memory") {
    parts.push(
      h(
        "p",
        {},
        h("strong", {}, "This browser, in memory. "),
        "ShoalDB runs in this page and its tables are gone when the last tab of the console closes.",
      ),
    );
  } else {
    parts.push(
      h(
        "p",
        {},
        h("strong", {}, `This browser, in ${source.storage}. `),
        "ShoalDB runs in this page; its tables survive a reload. Other tabs of the console sync with this one.",
      ),
    );
  }
  if (source.refused.length) {
    parts.push(
      h(
        "details",
        {},
        h(
          "summary",
          {},
          source.storage === "memory" && !source.heldBy
            ? "Why not durable storage?"
            : `Why not ${source.refused.map((r) => r.label).join(" or ")}?`,
        ),
        h("ul", {}, source.refused.map(({ label, reason }) => h("li", {}, h("strong", {}, `${label}: `), reason))),
      ),
    );
  }
  parts.push(
    h(
      "p",
      { class: "muted" },
      "Sync carries item writes: a new table reaches other tabs with its first item, ",
      "and deleting a table is not synced. ",
      h("a", { href: "#/sync" }, "Sync panel"),
    ),
  );
  return noticeBox(source.storage === "memory" && !source.heldBy ? "warning" : "info", null, ...parts);
}
