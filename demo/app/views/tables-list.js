// #/tables: every table with its keys, indexes, billing mode, item count and size.
import { h } from "../dom.js";
import { formatBytes, formatCount, typeName } from "../items/format.js";
import { keysOf } from "../items/table-shape.js";
import { billingModeLabel, describeAllTables, tableHref } from "../tables.js";
import { errorAlert } from "../ui/alerts.js";
import { card, loading, pageHeader, statusBadge } from "../ui/page.js";

const COLUMNS = ["Name", "Status", "Partition key", "Sort key", "Indexes", "Billing mode", "Items", "Size"];

export function mountTablesList(main, ctx) {
  let tables = null;
  const filter = h("input", {
    type: "search",
    class: "filter",
    placeholder: "Find tables by name",
    "aria-label": "Find tables by name",
    oninput: () => draw(),
  });
  const body = h("div", {}, loading("Loading tables…"));
  const count = h("span", { class: "count" });
  main.replaceChildren(
    pageHeader({
      title: "Tables",
      actions: [
        h("button", { type: "button", class: "secondary", onclick: () => load() }, "Refresh"),
        h("a", { class: "button primary", href: "#/tables/new" }, "Create table"),
      ],
    }),
    card({ title: h("span", {}, "Tables ", count) }, h("div", { class: "toolbar" }, filter), body),
  );

  function draw() {
    if (tables === null) return;
    count.textContent = `(${tables.length})`;
    if (tables.length === 0) {
      body.replaceChildren(
        h(
          "div",
          { class: "empty" },
          h("p", {}, h("strong", {}, "No tables yet")),
          h("p", { class: "muted" }, "Create a table to start storing items."),
          h("a", { class: "button primary", href: "#/tables/new" }, "Create table"),
        ),
      );
      return;
    }
    const needle = filter.value.trim().toLowerCase();
    const shown = tables.filter((t) => t.TableName.toLowerCase().includes(needle));
    if (shown.length === 0) {
      body.replaceChildren(h("p", { class: "empty muted" }, `No table name contains "${filter.value.trim()}".`));
      return;
    }
    body.replaceChildren(
      h(
        "div",
        { class: "grid-wrap" },
        h(
          "table",
          { class: "grid tables" },
          h(
            "thead",
            {},
            h(
              "tr",
              {},
              COLUMNS.map((label, i) =>
                h("th", { scope: "col", class: i >= 6 ? "num" : null }, label),
              ),
            ),
          ),
          h("tbody", {}, shown.map(row)),
        ),
      ),
    );
  }

  function row(table) {
    const { partition, sort } = keysOf(table.KeySchema, table.AttributeDefinitions);
    const indexes = (table.GlobalSecondaryIndexes?.length ?? 0) + (table.LocalSecondaryIndexes?.length ?? 0);
    return h(
      "tr",
      {},
      h("td", {}, h("a", { href: tableHref(table.TableName) }, table.TableName)),
      h("td", {}, statusBadge(table.TableStatus)),
      h("td", {}, keyLabel(partition)),
      h("td", {}, sort ? keyLabel(sort) : h("span", { class: "muted" }, "—")),
      h("td", {}, String(indexes)),
      h("td", {}, billingModeLabel(table)),
      h("td", { class: "num" }, formatCount(table.ItemCount)),
      h("td", { class: "num" }, formatBytes(table.TableSizeBytes)),
    );
  }

  async function load() {
    try {
      tables = await describeAllTables(ctx.run);
      draw();
    } catch (error) {
      body.replaceChildren(errorAlert(error, { title: "Could not list the tables" }));
    }
  }

  load();
  return { refresh: load };
}

function keyLabel({ name, type }) {
  return h("span", {}, name, " ", h("span", { class: "type" }, `(${typeName(type)})`));
}
