// #/tables/NAME[/items|/export]: one table's header (status, delete) and its three pages.
import { h } from "../dom.js";
import { plural } from "../items/format.js";
import { describeTable } from "../tables.js";
import { errorAlert, showIn } from "../ui/alerts.js";
import { confirmDialog } from "../ui/dialog.js";
import { loading, pageHeader, statusBadge, tableTabs } from "../ui/page.js";
import { mountExplore } from "./explore-items.js";
import { mountExportImport } from "./export-import.js";
import { mountOverview } from "./table-overview.js";

const PAGES = { overview: mountOverview, items: mountExplore, export: mountExportImport };

export function mountTablePage(main, ctx, { name, page = "overview" }) {
  const badgeSlot = h("span", {});
  const errorSlot = h("div", { class: "error-slot" });
  const content = h("div", { class: "stack" }, loading());
  const deleteButton = h("button", { type: "button", class: "secondary danger-text", disabled: true }, "Delete table");
  main.replaceChildren(
    pageHeader({ crumbs: [["Tables", "#/tables"], [name]], title: name, badge: badgeSlot, actions: [deleteButton] }),
    tableTabs(name, page),
    errorSlot,
    content,
  );

  let table = null;
  let pageController = null;

  deleteButton.addEventListener("click", async () => {
    const ok = await confirmDialog({
      title: `Delete table ${name}?`,
      body: [
        h(
          "p",
          {},
          `This deletes the table, its ${plural(table?.ItemCount ?? 0, "item")} and its indexes. It cannot be undone.`,
        ),
      ],
      confirmLabel: "Delete table",
      danger: true,
      typeToConfirm: "confirm",
    });
    if (!ok) return;
    try {
      await ctx.run("DeleteTable", { TableName: name });
      ctx.flash(`Table ${name} was deleted.`);
      ctx.navigate("#/tables");
    } catch (error) {
      showIn(errorSlot, errorAlert(error, { title: `Table ${name} was not deleted` }));
    }
  });

  async function load() {
    try {
      table = await describeTable(ctx.run, name);
    } catch (error) {
      table = null;
      deleteButton.disabled = true;
      badgeSlot.replaceChildren();
      content.replaceChildren(
        errorAlert(error, { title: `Cannot open table ${name}` }),
        h("p", {}, h("a", { href: "#/tables" }, "Back to the tables")),
      );
      pageController?.dispose?.();
      pageController = null;
      return;
    }
    badgeSlot.replaceChildren(statusBadge(table.TableStatus));
    deleteButton.disabled = false;
    if (pageController) pageController.refresh?.(table);
    else pageController = PAGES[page](content, ctx, table);
  }

  load();
  return {
    refresh: load,
    isDirty: () => pageController?.isDirty?.() ?? false,
    dispose: () => pageController?.dispose?.(),
  };
}
