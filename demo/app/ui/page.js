// The pieces every page is built from: a header with breadcrumbs and actions, cards, badges.
import { h } from "../dom.js";

/** @param {{ crumbs?: [string, string?][], title: string, badge?: Node, actions?: Node[] }} options */
export function pageHeader({ crumbs = [], title, badge, actions = [] }) {
  return h(
    "header",
    { class: "page-header" },
    crumbs.length
      ? h(
          "nav",
          { class: "crumbs", "aria-label": "Breadcrumb" },
          h(
            "ol",
            {},
            crumbs.map(([label, href]) =>
              h("li", {}, href ? h("a", { href }, label) : h("span", { "aria-current": "page" }, label)),
            ),
          ),
        )
      : null,
    h("div", { class: "page-title" }, h("h1", {}, title), badge ?? null, h("div", { class: "actions" }, actions)),
  );
}

/** A titled panel. */
export function card({ title, actions = [], description, id }, ...body) {
  const headingId = id ? `${id}-title` : undefined;
  return h(
    "section",
    { class: "card", id, "aria-labelledby": headingId },
    title || actions.length
      ? h(
          "div",
          { class: "card-header" },
          h(
            "div",
            {},
            title ? h("h2", { id: headingId }, title) : null,
            description ? h("p", { class: "muted" }, description) : null,
          ),
          h("div", { class: "actions" }, actions),
        )
      : null,
    ...body,
  );
}

const STATUS_CLASS = { ACTIVE: "ok", CREATING: "busy", UPDATING: "busy", DELETING: "bad", ARCHIVED: "bad" };
export function statusBadge(status) {
  return h("span", { class: `badge badge-${STATUS_CLASS[status] ?? "neutral"}` }, status ?? "UNKNOWN");
}

/** A definition list of [label, value] pairs, laid out as a grid. */
export function facts(pairs) {
  return h(
    "dl",
    { class: "facts" },
    pairs.map(([label, value]) => h("div", {}, h("dt", {}, label), h("dd", {}, value ?? "—"))),
  );
}

/** A line that says work is under way. */
export function loading(text = "Loading…") {
  return h("p", { class: "loading", role: "status" }, h("span", { class: "spinner", "aria-hidden": "true" }), text);
}

/** Links a table's pages (Overview, Explore items, Export and import). */
export function tableTabs(tableName, current) {
  const base = `#/tables/${encodeURIComponent(tableName)}`;
  const tabs = [
    ["overview", "Overview", base],
    ["items", "Explore items", `${base}/items`],
    ["export", "Export and import", `${base}/export`],
  ];
  return h(
    "nav",
    { class: "tabs", "aria-label": "Table pages" },
    tabs.map(([id, label, href]) => h("a", { href, "aria-current": id === current ? "page" : null }, label)),
  );
}
