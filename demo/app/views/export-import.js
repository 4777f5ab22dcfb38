// A table's "Export and import" page: every item to a file of DynamoDB JSON lines, and such a
// file (or a .json.gz from a DynamoDB export to S3) back into the table.
import { field, h } from "../dom.js";
import { exportText, parseExportText, readExportFile } from "../items/export-lines.js";
import { formatBytes, formatCount, plural } from "../items/format.js";
import { writeItems } from "../items/write-items.js";
import { tableHref } from "../tables.js";
import { errorAlert, noticeBox, showIn } from "../ui/alerts.js";
import { card } from "../ui/page.js";

export function mountExportImport(container, ctx, table) {
  const name = table.TableName;
  const exportStatus = h("div", { role: "status", class: "status-slot" });
  const exportButton = h("button", { type: "button", class: "primary" }, "Export to file");
  const fileInput = h("input", { type: "file", accept: ".json,.jsonl,.gz,application/json,application/gzip" });
  const importButton = h("button", { type: "submit", class: "primary", disabled: true }, "Import");
  const importStatus = h("div", { role: "status", class: "status-slot" });
  const importForm = h(
    "form",
    { class: "stack" },
    field(
      "File of DynamoDB JSON lines",
      fileInput,
      'One {"Item": {...}} per line; .json, or .json.gz as DynamoDB exports write it',
    ),
    h("div", { class: "actions left" }, importButton),
    importStatus,
  );

  container.replaceChildren(
    card(
      {
        title: "Export",
        description:
          'Downloads every item of the table as DynamoDB JSON lines, the format of DynamoDB\'s export to S3: ' +
            'one {"Item": {...}} per line.',
      },
      h("div", { class: "actions left" }, exportButton),
      exportStatus,
    ),
    card(
      {
        title: "Import",
        description: "Writes each item of a file into this table; an item with the key of an existing one replaces it.",
      },
      importForm,
    ),
  );

  fileInput.addEventListener("change", () => {
    importButton.disabled = fileInput.files.length === 0;
    importStatus.replaceChildren();
  });

  exportButton.addEventListener("click", async () => {
    exportButton.disabled = true;
    exportStatus.replaceChildren(h("p", { class: "muted" }, "Reading items…"));
    try {
      const items = [];
      let ExclusiveStartKey;
      do {
        const page = await ctx.run("Scan", { TableName: name, ...(ExclusiveStartKey ? { ExclusiveStartKey } : {}) });
        items.push(...page.Items);
        ExclusiveStartKey = page.LastEvaluatedKey;
        exportStatus.replaceChildren(h("p", { class: "muted" }, `Read ${plural(items.length, "item")}…`));
      } while (ExclusiveStartKey);
      const text = exportText(items);
      const blob = new Blob([text], { type: "application/json" });
      const url = URL.createObjectURL(blob);
      const filename = `${name}.json`;
      const link = h("a", { href: url, download: filename }, filename);
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      exportStatus.replaceChildren(
        noticeBox(
          "success",
          "Exported",
          h("p", {}, `${plural(items.length, "item")} (${formatBytes(blob.size)}) saved as ${filename}.`),
        ),
      );
    } catch (error) {
      showIn(exportStatus, errorAlert(error, { title: "The export stopped" }));
    } finally {
      exportButton.disabled = false;
    }
  });

  importForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    const file = fileInput.files[0];
    if (!file) return;
    importButton.disabled = true;
    try {
      const { items, errors } = parseExportText(await readExportFile(file));
      if (errors.length) {
        // Nothing is written from a file with a broken line: fix the file, import it again.
        importStatus.replaceChildren(
          noticeBox(
            "error",
            `${file.name} has ${plural(errors.length, "line")} that cannot be read; nothing was imported`,
            h("ul", {}, errors.slice(0, 5).map((e) => h("li", {}, `Line ${e.line}: ${e.message}`))),
            errors.length > 5 ? h("p", {}, `…and ${errors.length - 5} more.`) : null,
          ),
        );
        return;
      }
      const progress = h("p", { class: "muted" }, `Writing ${plural(items.length, "item")}…`);
      importStatus.replaceChildren(progress);
      const written = await writeItems(ctx.run, name, items, (n) => {
        progress.textContent = `Wrote ${formatCount(n)} of ${plural(items.length, "item")}…`;
      });
      importStatus.replaceChildren(
        noticeBox(
          "success",
          "Imported",
          h(
            "p",
            {},
            `${plural(written, "item")} from ${file.name} ${written === 1 ? "was" : "were"} written to ${name}. `,
            h("a", { href: tableHref(name, "items") }, "Explore items"),
          ),
        ),
      );
    } catch (error) {
      const title = error.line
        ? `The import stopped at line ${error.line} (${plural(error.written, "item")} written before it)`
        : "The import failed";
      showIn(importStatus, errorAlert(error.cause ?? error, { title }));
    } finally {
      importButton.disabled = fileInput.files.length === 0;
    }
  });

  return {};
}
