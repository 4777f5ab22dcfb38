// A table's "Explore items" page: the Scan/Query builder, one page of results at a time
// (Limit + LastEvaluatedKey, with the way back remembered), selection and deletion, and links
// to create or edit an item.
import { h } from "../dom.js";
import { formatCount } from "../items/format.js";
import { primaryKeyOf, queryTargets } from "../items/table-shape.js";
import { itemHref, tableHref } from "../tables.js";
import { errorAlert, showIn } from "../ui/alerts.js";
import { confirmDialog } from "../ui/dialog.js";
import { itemsGrid } from "../ui/items-grid.js";
import { card, loading } from "../ui/page.js";
import { emptyQueryState, queryBuilder } from "./query-builder.js";

// The builder and page position per source and table, kept while the console is open, so that
// opening an item and coming back shows the same results.
const remembered = new Map();

export function mountExplore(container, ctx, table) {
  const memoryKey = `${ctx.sourceId}\u0000${table.TableName}`;
  let memory = remembered.get(memoryKey);
  if (!memory) {
    memory = { state: emptyQueryState(), startKeys: [undefined], ran: null };
    remembered.set(memoryKey, memory);
  }
  let currentTable = table;
  let builder;
  let lastPage = null; // { items, count, scanned, next }
  const selected = new Map(); // JSON of primary key -> primary key

  const resultsBody = h("div", {}, loading("Reading items…"));
  const summary = h("p", { class: "muted summary", role: "status" });
  const deleteButton = h("button", { type: "button", class: "secondary", disabled: true }, "Delete");
  deleteButton.addEventListener("click", () => deleteSelected());
  const createLink = h("a", { class: "button primary", href: tableHref(table.TableName, "items/new") }, "Create item");
  const previous = h("button", { type: "button", class: "secondary", onclick: () => turn(-1) }, "‹ Previous");
  const next = h("button", { type: "button", class: "secondary", onclick: () => turn(1) }, "Next ›");
  const pageLabel = h("span", { class: "page-number" });
  const pager = h("nav", { class: "pager", "aria-label": "Result pages" }, previous, pageLabel, next);
  const resultsTitle = h("span", {}, "Items returned");
  const builderSlot = h("div", {});

  container.replaceChildren(
    card({ title: "Scan or query items" }, builderSlot),
    card({ title: resultsTitle, actions: [deleteButton, createLink] }, summary, resultsBody, pager),
  );

  function mountBuilder() {
    builder = queryBuilder(currentTable, memory.state, {
      onRun: () => {
        memory.startKeys = [undefined];
        run();
      },
      onReset: () => {
        memory.state = emptyQueryState();
        memory.startKeys = [undefined];
        mountBuilder();
        run();
      },
    });
    builderSlot.replaceChildren(builder.element);
  }

  async function run({ quiet = false } = {}) {
    let request;
    try {
      request = builder.request();
    } catch (error) {
      showError(error);
      return;
    }
    const startKey = memory.startKeys.at(-1);
    if (startKey) request.input.ExclusiveStartKey = startKey;
    if (!quiet) resultsBody.replaceChildren(loading("Reading items…"));
    try {
      const response = await ctx.run(request.operation, request.input);
      lastPage = {
        items: response.Items ?? [],
        count: response.Count ?? 0,
        scanned: response.ScannedCount ?? 0,
        next: response.LastEvaluatedKey,
        operation: request.operation,
      };
      draw();
    } catch (error) {
      showError(error);
    }
  }

  function showError(error) {
    lastPage = null;
    summary.textContent = "";
    resultsTitle.textContent = "Items returned";
    pager.hidden = true;
    showIn(resultsBody, errorAlert(error));
    updateSelection();
  }

  function draw() {
    const { items, count, scanned, next: nextKey, operation } = lastPage;
    const pageNumber = memory.startKeys.length;
    resultsTitle.textContent = `Items returned (${formatCount(count)})`;
    summary.textContent =
      `${operation} · page ${pageNumber} · ${formatCount(scanned)} ${scanned === 1 ? "item" : "items"} read` +
      (nextKey ? " · more items follow" : "");
    // Forget selections that are no longer on the page.
    const onPage = new Set(items.map((item) => keyId(primaryKeyOf(item, currentTable))));
    for (const id of selected.keys()) if (!onPage.has(id)) selected.delete(id);

    if (items.length === 0) {
      resultsBody.replaceChildren(
        h(
          "div",
          { class: "empty" },
          h("p", {}, h("strong", {}, "No items")),
          h("p", { class: "muted" }, nextKey ? "None on this page matched; a later page may." : "Nothing matched."),
        ),
      );
    } else {
      const targets = queryTargets(currentTable);
      const target = targets.find((t) => (t.name ?? "") === memory.state.target) ?? targets[0];
      const keyNames = [
        ...new Set(
          [
            ...currentTable.KeySchema.map((k) => k.AttributeName),
            target.keys.partition.name,
            target.keys.sort?.name,
          ].filter(Boolean),
        ),
      ];
      // Rows can be selected for deletion when each carries its whole primary key.
      const selection = {
        has: (item) => selected.has(keyId(primaryKeyOf(item, currentTable))),
        set: (item, on) => {
          const key = primaryKeyOf(item, currentTable);
          if (on) selected.set(keyId(key), key);
          else selected.delete(keyId(key));
        },
        onChange: updateSelection,
      };
      resultsBody.replaceChildren(
        itemsGrid({
          items,
          keyNames,
          // A projection may leave the key out: then there is nothing to open.
          hrefFor: (item) =>
            hasWholeKey(item) ? itemHref(currentTable.TableName, primaryKeyOf(item, currentTable)) : null,
          selection: items.every(hasWholeKey) ? selection : undefined,
        }),
      );
    }
    pager.hidden = pageNumber === 1 && !nextKey;
    previous.disabled = pageNumber === 1;
    next.disabled = !nextKey;
    pageLabel.textContent = `Page ${pageNumber}`;
    updateSelection();
  }

  function hasWholeKey(item) {
    return currentTable.KeySchema.every((k) => item[k.AttributeName] !== undefined);
  }

  function updateSelection() {
    deleteButton.disabled = selected.size === 0;
    deleteButton.textContent = selected.size > 0 ? `Delete (${selected.size})` : "Delete";
  }

  function turn(step) {
    if (step > 0 && lastPage?.next) memory.startKeys.push(lastPage.next);
    else if (step < 0 && memory.startKeys.length > 1) memory.startKeys.pop();
    else return;
    run();
  }

  async function deleteSelected() {
    const keys = [...selected.values()];
    const ok = await confirmDialog({
      title: `Delete ${keys.length} ${keys.length === 1 ? "item" : "items"}?`,
      body: h(
        "p",
        {},
        `The selected ${keys.length === 1 ? "item is" : "items are"} deleted from ${currentTable.TableName}. `,
        "This cannot be undone.",
      ),
      confirmLabel: "Delete",
      danger: true,
    });
    if (!ok) return;
    try {
      for (const key of keys) {
        await ctx.run("DeleteItem", { TableName: currentTable.TableName, Key: key });
        selected.delete(keyId(key));
      }
      ctx.notify(`Deleted ${keys.length} ${keys.length === 1 ? "item" : "items"}.`);
    } catch (error) {
      showError(error);
      return;
    }
    run();
  }

  mountBuilder();
  run();
  return {
    refresh(table) {
      const targetNames = (t) => JSON.stringify(queryTargets(t).map((target) => target.name));
      const shapeChanged = targetNames(table) !== targetNames(currentTable);
      currentTable = table;
      if (shapeChanged) mountBuilder();
      run({ quiet: true }); // the same page again, with what is there now
    },
  };
}

function keyId(key) {
  return JSON.stringify(Object.keys(key).sort().map((name) => [name, key[name]]));
}
