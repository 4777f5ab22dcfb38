// Every page of the console: a hash pattern, the sidebar entry it belongs to, and its view.
// A new panel is one entry here and one link in index.html's sidebar.
import { mountCreateTable } from "./views/create-table.js";
import { mountItemEditor } from "./views/item-editor.js";
import { mountPartiql } from "./views/partiql.js";
import { mountSyncPanel } from "./views/sync-panel.js";
import { mountTablePage } from "./views/table-page.js";
import { mountTablesList } from "./views/tables-list.js";

const NAME = "([^/?]+)";

export const ROUTES = [
  { pattern: /^#\/tables\/?$/, nav: "tables", mount: (main, ctx) => mountTablesList(main, ctx) },
  { pattern: /^#\/tables\/new$/, nav: "tables", mount: (main, ctx) => mountCreateTable(main, ctx) },
  {
    pattern: new RegExp(`^#/tables/${NAME}/items/new$`),
    nav: "tables",
    mount: (main, ctx, [name]) => mountItemEditor(main, ctx, { name }),
  },
  {
    pattern: new RegExp(`^#/tables/${NAME}/item\\?key=(.+)$`),
    nav: "tables",
    mount: (main, ctx, [name, key]) => mountItemEditor(main, ctx, { name, key: JSON.parse(key) }),
  },
  {
    pattern: new RegExp(`^#/tables/${NAME}(?:/(items|export))?$`),
    nav: "tables",
    mount: (main, ctx, [name, page]) => mountTablePage(main, ctx, { name, page: page ?? "overview" }),
  },
  { pattern: /^#\/partiql$/, nav: "partiql", mount: (main, ctx) => mountPartiql(main, ctx) },
  { pattern: /^#\/sync$/, nav: "sync", mount: (main, ctx) => mountSyncPanel(main, ctx) },
];

export const DEFAULT_HASH = "#/tables";

/** The route for a location hash and its decoded parameters, or null. */
export function matchRoute(hash) {
  for (const route of ROUTES) {
    const match = route.pattern.exec(hash);
    if (match) {
      return { route, params: match.slice(1).map((p) => (p === undefined ? undefined : decodeURIComponent(p))) };
    }
  }
  return null;
}
