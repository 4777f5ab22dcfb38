// Items as a table: key attributes first, then every other attribute in the order first seen.
// Rows can be selected (for deleting) and the first key cell links to the item's editor.
import { h } from "../dom.js";
import { cellText } from "../items/format.js";

/**
 * @param {{ items: object[], keyNames: string[], hrefFor?: (item) => string | null,
 *   selection?: { has(item): boolean, set(item, on: boolean): void, onChange(): void } }} options
 */
export function itemsGrid({ items, keyNames: allKeyNames, hrefFor, selection }) {
  // Key columns that no item has (a projection left them out) are not shown.
  const keyNames = allKeyNames.filter((name) => items.some((item) => item[name] !== undefined));
  const columns = [...keyNames];
  const seen = new Set(columns);
  for (const item of items) {
    for (const name of Object.keys(item)) {
      if (!seen.has(name)) {
        seen.add(name);
        columns.push(name);
      }
    }
  }

  // Checkboxes update in place (no redraw), so the keyboard focus stays where it is.
  const rowBoxes = selection ? items.map((item) => rowBox(item, selection, () => syncAll())) : [];
  const allBox = selection ? selectAllBox(items, selection, rowBoxes) : null;
  const syncAll = () => {
    allBox.checked = items.length > 0 && items.every((item) => selection.has(item));
  };
  if (selection) syncAll();

  const head = h(
    "tr",
    {},
    selection ? h("th", { class: "select", scope: "col" }, allBox) : null,
    columns.map((name) =>
      h("th", { scope: "col" }, name, keyNames.includes(name) ? keyTag() : null),
    ),
  );
  const rows = items.map((item, r) =>
    h(
      "tr",
      {},
      selection ? h("td", { class: "select" }, rowBoxes[r]) : null,
      columns.map((name, i) => valueCell(item[name], i === 0 && hrefFor ? hrefFor(item) : null)),
    ),
  );
  return h("div", { class: "grid-wrap" }, h("table", { class: "grid" }, h("thead", {}, head), h("tbody", {}, rows)));
}

function valueCell(value, href) {
  if (value === undefined) return h("td", { class: "missing" });
  const { text, kind, full } = cellText(value);
  const content = href ? h("a", { href }, text) : text;
  return h("td", { class: `v-${kind}`, title: full.length > text.length || href ? full : null }, content);
}

function rowBox(item, selection, changed) {
  return h("input", {
    type: "checkbox",
    "aria-label": "Select item",
    checked: selection.has(item),
    onchange: (event) => {
      selection.set(item, event.target.checked);
      changed();
      selection.onChange();
    },
  });
}

function selectAllBox(items, selection, rowBoxes) {
  return h("input", {
    type: "checkbox",
    "aria-label": "Select all items on this page",
    disabled: items.length === 0,
    onchange: (event) => {
      items.forEach((item, i) => {
        selection.set(item, event.target.checked);
        rowBoxes[i].checked = event.target.checked;
      });
      selection.onChange();
    },
  });
}

function keyTag() {
  return h("span", { class: "key-tag", title: "Key attribute" }, "KEY");
}
