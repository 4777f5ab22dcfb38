// #/tables/new: CreateTable as a form: keys, capacity mode, global and local secondary indexes.
import { field, h, select, uid } from "../dom.js";
import { tableHref } from "../tables.js";
import { errorAlert, showIn } from "../ui/alerts.js";
import { card, pageHeader } from "../ui/page.js";

const KEY_TYPES = [
  ["S", "String"],
  ["N", "Number"],
  ["B", "Binary"],
];
const PROJECTIONS = [
  ["ALL", "All attributes"],
  ["KEYS_ONLY", "Only keys"],
  ["INCLUDE", "Keys and chosen attributes"],
];

export function mountCreateTable(main, ctx) {
  const errorSlot = h("div", { class: "error-slot" });
  const tableName = h("input", { type: "text", required: true, autocomplete: "off", spellcheck: "false" });
  const partition = keyInputs({ required: true, role: "Partition key" });
  const sort = keyInputs({ required: false, role: "Sort key" });

  const onDemand = h("input", { type: "radio", name: "billing", value: "PAY_PER_REQUEST", checked: true, id: uid() });
  const provisioned = h("input", { type: "radio", name: "billing", value: "PROVISIONED", id: uid() });
  const tableCapacity = capacityInputs();
  const capacityBox = h("div", { class: "indent", hidden: true }, tableCapacity.element);

  const indexes = []; // { kind, element, read() }
  const indexList = h("div", { class: "index-list" });
  const noIndexes = h("p", { class: "muted" }, "No secondary indexes. Queries on other attributes need one.");

  const isProvisioned = () => provisioned.checked;
  for (const radio of [onDemand, provisioned]) {
    radio.addEventListener("change", () => {
      capacityBox.hidden = !isProvisioned();
      for (const index of indexes) index.setProvisioned?.(isProvisioned());
    });
  }

  function addIndex(kind) {
    const index =
      kind === "GSI" ? globalIndexInputs(isProvisioned()) : localIndexInputs(() => partition.name.value.trim());
    const remove = h("button", { type: "button", class: "link danger-text" }, "Remove");
    const legend = h("legend", {});
    const element = h("fieldset", { class: "index" }, legend, index.element, h("div", { class: "actions" }, remove));
    const entry = { ...index, kind, element };
    remove.addEventListener("click", () => {
      indexes.splice(indexes.indexOf(entry), 1);
      element.remove();
      relabel();
    });
    indexes.push(entry);
    indexList.append(element);
    relabel();
    index.focus();
  }

  function relabel() {
    let g = 0;
    let l = 0;
    for (const index of indexes) {
      index.element.querySelector("legend").textContent =
        index.kind === "GSI" ? `Global secondary index ${++g}` : `Local secondary index ${++l}`;
    }
    noIndexes.hidden = indexes.length > 0;
  }

  const submit = h("button", { type: "submit", class: "primary" }, "Create table");
  const form = h(
    "form",
    { class: "stack", novalidate: false },
    errorSlot,
    card(
      {
        title: "Table details",
        description: "The primary key identifies each item. It cannot change after the table is created.",
      },
      field("Table name", tableName, "3 to 255 characters: letters, digits, underscore (_), hyphen (-) and dot (.)"),
      keyRow("Partition key", partition.element),
      keyRow("Sort key", sort.element, { optional: true }),
    ),
    card(
      { title: "Capacity mode" },
      h(
        "div",
        { class: "radios", role: "radiogroup", "aria-label": "Capacity mode" },
        radioLabel(onDemand, "On-demand", "Pay per request (PAY_PER_REQUEST)"),
        radioLabel(provisioned, "Provisioned", "Read and write capacity units (PROVISIONED)"),
      ),
      capacityBox,
    ),
    card(
      {
        title: "Secondary indexes",
        description:
          "A global index has its own partition key; a local index shares the table's and adds another sort key.",
        actions: [
          h("button", { type: "button", class: "secondary", onclick: () => addIndex("GSI") }, "Add global index"),
          h("button", { type: "button", class: "secondary", onclick: () => addIndex("LSI") }, "Add local index"),
        ],
      },
      noIndexes,
      indexList,
    ),
    h("div", { class: "form-footer" }, h("a", { class: "button secondary", href: "#/tables" }, "Cancel"), submit),
  );

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const input = buildRequest();
    submit.disabled = true;
    submit.textContent = "Creating…";
    try {
      await ctx.run("CreateTable", input);
      ctx.flash(`Table ${input.TableName} was created.`);
      ctx.navigate(tableHref(input.TableName));
    } catch (error) {
      showIn(errorSlot, errorAlert(error, { title: "The table was not created" }));
    } finally {
      submit.disabled = false;
      submit.textContent = "Create table";
    }
  });

  function buildRequest() {
    const definitions = [];
    const define = ({ name, type }) => {
      // One definition per distinct (name, type); a name used with two types is sent twice, so
      // that DynamoDB's own error explains it.
      if (!definitions.some((d) => d.AttributeName === name && d.AttributeType === type)) {
        definitions.push({ AttributeName: name, AttributeType: type });
      }
    };
    const keySchema = (hash, range) => {
      define(hash);
      const schema = [{ AttributeName: hash.name, KeyType: "HASH" }];
      if (range) {
        define(range);
        schema.push({ AttributeName: range.name, KeyType: "RANGE" });
      }
      return schema;
    };
    const input = {
      TableName: tableName.value.trim(),
      KeySchema: keySchema(partition.read(), sort.read()),
      AttributeDefinitions: definitions,
      BillingMode: isProvisioned() ? "PROVISIONED" : "PAY_PER_REQUEST",
    };
    if (isProvisioned()) input.ProvisionedThroughput = tableCapacity.read();
    const gsis = [];
    const lsis = [];
    for (const index of indexes) {
      const spec = index.read();
      const hash = index.kind === "GSI" ? spec.partition : partition.read();
      const out = { IndexName: spec.name, KeySchema: keySchema(hash, spec.sort), Projection: spec.projection };
      if (index.kind === "GSI") {
        if (isProvisioned()) out.ProvisionedThroughput = spec.capacity;
        gsis.push(out);
      } else {
        lsis.push(out);
      }
    }
    if (gsis.length) input.GlobalSecondaryIndexes = gsis;
    if (lsis.length) input.LocalSecondaryIndexes = lsis;
    return input;
  }

  main.replaceChildren(pageHeader({ crumbs: [["Tables", "#/tables"], ["Create table"]], title: "Create table" }), form);
  tableName.focus();
  return {};
}

/**
 * Attribute name + type inputs, named for screen readers by their role ("Partition key name").
 * read() -> { name, type }, or undefined when the name is empty.
 */
function keyInputs({ required, role }) {
  const name = h("input", { type: "text", required, autocomplete: "off", spellcheck: "false" });
  name.setAttribute("aria-label", `${role} name`);
  const type = select(KEY_TYPES, { value: "S", "aria-label": `${role} type` });
  const element = h("div", { class: "key-inputs" }, field("Attribute name", name), field("Type", type));
  return {
    element,
    name,
    read: () => (name.value.trim() === "" ? undefined : { name: name.value.trim(), type: type.value }),
  };
}

function capacityInputs() {
  const read = h("input", { type: "number", min: "1", step: "1", value: "5", required: true });
  const write = h("input", { type: "number", min: "1", step: "1", value: "5", required: true });
  return {
    element: h(
      "div",
      { class: "inline-fields" },
      field("Read capacity units", read),
      field("Write capacity units", write),
    ),
    read: () => ({ ReadCapacityUnits: Number(read.value), WriteCapacityUnits: Number(write.value) }),
  };
}

function projectionInputs() {
  const type = select(PROJECTIONS, { value: "ALL" });
  const attributes = h("input", { type: "text", autocomplete: "off", spellcheck: "false" });
  attributes.placeholder = "e.g. title, year";
  const attributesField = field("Projected attributes", attributes, "Comma-separated names of non-key attributes");
  attributesField.hidden = true;
  type.addEventListener("change", () => {
    attributesField.hidden = type.value !== "INCLUDE";
  });
  return {
    element: h("div", {}, field("Projection", type), attributesField),
    read() {
      const projection = { ProjectionType: type.value };
      if (type.value === "INCLUDE") {
        projection.NonKeyAttributes = attributes.value.split(",").map((s) => s.trim()).filter(Boolean);
      }
      return projection;
    },
  };
}

function globalIndexInputs(provisioned) {
  const name = h("input", { type: "text", required: true, autocomplete: "off", spellcheck: "false" });
  const partition = keyInputs({ required: true, role: "Index partition key" });
  const sort = keyInputs({ required: false, role: "Index sort key" });
  const projection = projectionInputs();
  const capacity = capacityInputs();
  capacity.element.hidden = !provisioned;
  return {
    element: h(
      "div",
      { class: "index-fields" },
      field("Index name", name),
      keyRow("Partition key", partition.element),
      keyRow("Sort key", sort.element, { optional: true }),
      projection.element,
      capacity.element,
    ),
    focus: () => name.focus(),
    setProvisioned(on) {
      capacity.element.hidden = !on;
    },
    read: () => ({
      name: name.value.trim(),
      partition: partition.read(),
      sort: sort.read(),
      projection: projection.read(),
      capacity: capacity.read(),
    }),
  };
}

function localIndexInputs(tablePartitionName) {
  const name = h("input", { type: "text", required: true, autocomplete: "off", spellcheck: "false" });
  const sort = keyInputs({ required: true, role: "Index sort key" });
  const projection = projectionInputs();
  const partitionNote = h("p", { class: "muted" });
  const describe = () => {
    const pk = tablePartitionName();
    partitionNote.textContent =
      `Partition key: the table's${pk ? ` (${pk})` : ""}. Local indexes can only be created with the table.`;
  };
  describe();
  name.addEventListener("focus", describe);
  return {
    element: h(
      "div",
      { class: "index-fields" },
      field("Index name", name),
      partitionNote,
      keyRow("Sort key", sort.element),
      projection.element,
    ),
    focus: () => name.focus(),
    read: () => ({ name: name.value.trim(), sort: sort.read(), projection: projection.read() }),
  };
}

/** "Partition key" / "Sort key – optional" beside its name and type inputs. */
function keyRow(label, inputs, { optional = false } = {}) {
  const note = optional ? h("span", { class: "muted" }, " – optional") : null;
  const title = h("span", { class: "key-label" }, label, note);
  return h("div", { class: "key-row" }, title, inputs);
}

/** A radio button as a card: its name in bold, a line of explanation under it. */
function radioLabel(input, title, explanation) {
  const text = h("span", {}, h("strong", {}, title), h("small", {}, explanation));
  return h("label", { for: input.id, class: "radio" }, input, text);
}
