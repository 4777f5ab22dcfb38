// A table's overview: keys, capacity, item count and sizes (DescribeTable), and its indexes.
import { h } from "../dom.js";
import { formatBytes, formatCount, formatTime, typeName } from "../items/format.js";
import { keysOf } from "../items/table-shape.js";
import { billingModeLabel, tableHref } from "../tables.js";
import { card, facts, statusBadge } from "../ui/page.js";

const INDEX_COLUMNS = ["Name", "Type", "Partition key", "Sort key", "Projection", "Status", "Items", "Size"];

export function mountOverview(container, ctx, table) {
  function draw(t) {
    const { partition, sort } = keysOf(t.KeySchema, t.AttributeDefinitions);
    const average = t.ItemCount > 0 ? formatBytes(Math.round(t.TableSizeBytes / t.ItemCount)) : "—";
    const capacity =
      billingModeLabel(t) === "On-demand"
        ? "On-demand"
        : `Provisioned (${t.ProvisionedThroughput.ReadCapacityUnits} read, ` +
          `${t.ProvisionedThroughput.WriteCapacityUnits} write units)`;
    container.replaceChildren(
      card(
        {
          title: "General information",
          actions: [h("a", { class: "button primary", href: tableHref(t.TableName, "items") }, "Explore items")],
        },
        facts([
          ["Partition key", keyText(partition)],
          ["Sort key", sort ? keyText(sort) : "—"],
          ["Capacity mode", capacity],
          ["Item count", formatCount(t.ItemCount)],
          ["Table size", formatBytes(t.TableSizeBytes)],
          ["Average item size", average],
          ["Status", statusBadge(t.TableStatus)],
          ["Created", formatTime(t.CreationDateTime)],
          ["Deletion protection", t.DeletionProtectionEnabled ? "On" : "Off"],
          ["Stream", t.StreamSpecification?.StreamEnabled ? t.StreamSpecification.StreamViewType : "Off"],
          ["Amazon Resource Name (ARN)", h("code", {}, t.TableArn)],
        ]),
      ),
      indexesCard(t),
    );
  }
  draw(table);
  return { refresh: draw };
}

function indexesCard(t) {
  const defs = t.AttributeDefinitions;
  const rows = [
    ...(t.GlobalSecondaryIndexes ?? []).map((i) => ["Global", i]),
    ...(t.LocalSecondaryIndexes ?? []).map((i) => ["Local", i]),
  ];
  if (rows.length === 0) {
    return card({ title: "Indexes (0)" }, h("p", { class: "muted" }, "This table has no secondary indexes."));
  }
  return card(
    { title: `Indexes (${rows.length})` },
    h(
      "div",
      { class: "grid-wrap" },
      h(
        "table",
        { class: "grid" },
        h(
          "thead",
          {},
          h("tr", {}, INDEX_COLUMNS.map((label, i) =>
            h("th", { scope: "col", class: i >= 6 ? "num" : null }, label),
          )),
        ),
        h(
          "tbody",
          {},
          rows.map(([kind, index]) => {
            const { partition, sort } = keysOf(index.KeySchema, defs);
            return h(
              "tr",
              {},
              h("td", {}, index.IndexName),
              h("td", {}, kind),
              h("td", {}, keyText(partition)),
              h("td", {}, sort ? keyText(sort) : "—"),
              h("td", {}, projectionText(index.Projection)),
              h("td", {}, index.IndexStatus ? statusBadge(index.IndexStatus) : statusBadge("ACTIVE")),
              h("td", { class: "num" }, formatCount(index.ItemCount)),
              h("td", { class: "num" }, formatBytes(index.IndexSizeBytes)),
            );
          }),
        ),
      ),
    ),
  );
}

function keyText({ name, type }) {
  return `${name} (${typeName(type)})`;
}

function projectionText(projection) {
  if (projection.ProjectionType === "INCLUDE") return `Include: ${projection.NonKeyAttributes.join(", ")}`;
  return projection.ProjectionType === "KEYS_ONLY" ? "Keys only" : "All";
}
