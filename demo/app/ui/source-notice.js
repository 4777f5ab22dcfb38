// What the banner under the top bar says about the data source: where the tables live, whether
// they survive a reload, and whether other tabs' changes show here.
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
  if (source.storage === "memory") {
    parts.push(
      h(
        "p",
        {},
        h("strong", {}, "This browser, in memory. "),
        "ShoalDB runs in this page and its tables are gone when the tab closes or reloads.",
      ),
    );
  } else {
    parts.push(
      h(
        "p",
        {},
        h("strong", {}, `This browser, in ${source.storage}. `),
        "ShoalDB runs in this page; its tables survive a reload.",
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
          source.storage === "memory"
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
      {},
      source.storage === "memory" ? "Each tab has its own database: changes" : "Changes",
      " made in another tab do not show here: sync between tabs (BroadcastChannel) is not built yet.",
    ),
  );
  return noticeBox(source.storage === "memory" ? "warning" : "info", null, ...parts);
}
