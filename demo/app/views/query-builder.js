// The Scan/Query form: target (table or index), key condition, filters, sort order and limit,
// built into a DynamoDB request with #name/:value placeholders; or the same request written as
// expressions by hand. The form never judges an expression: DynamoDB's answer does.
import { field, h, select, uid } from "../dom.js";
import { typeName } from "../items/format.js";
import { queryTargets } from "../items/table-shape.js";
import { codeArea, FormError, parseJsonField } from "../ui/code-input.js";

const EQUAL = ["=", "Equal to"];
const ORDERED = [
  ["<", "Less than"],
  ["<=", "Less than or equal to"],
  [">", "Greater than"],
  [">=", "Greater than or equal to"],
  ["between", "Between"],
  ["begins_with", "Begins with"],
];
// A sort-key condition has only these; a filter has every comparison.
const SORT_OPS = [EQUAL, ...ORDERED];
const FILTER_OPS = [
  EQUAL,
  ["<>", "Not equal to"],
  ...ORDERED,
  ["contains", "Contains"],
  ["not_contains", "Does not contain"],
  ["exists", "Exists"],
  ["not_exists", "Does not exist"],
];
const FILTER_TYPES = [
  ["S", "String"],
  ["N", "Number"],
  ["BOOL", "Boolean"],
  ["NULL", "Null"],
];

export function emptyQueryState() {
  return {
    mode: "scan",
    target: "",
    pk: "",
    skOp: "=",
    sk1: "",
    sk2: "",
    filters: [],
    descending: false,
    limit: "50",
    expressionMode: false,
    expr: { key: "", filter: "", projection: "", names: "", values: "" },
  };
}

/**
 * The form, bound to `state` (mutated as the user types). onRun() is called on submit.
 * @returns {{ element: HTMLElement, request(): { operation: string, input: object } }}
 */
export function queryBuilder(table, state, { onRun, onReset }) {
  const targets = queryTargets(table);
  if (!targets.some((t) => (t.name ?? "") === state.target)) state.target = "";
  const target = () => targets.find((t) => (t.name ?? "") === state.target);

  const form = h("form", { class: "query-form", "aria-label": "Scan or query" });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    onRun();
  });

  function draw() {
    // Redrawing replaces the inputs: keep the keyboard focus on the same control.
    const focusables = () => [...form.querySelectorAll("input, select, textarea, button")];
    const focused = focusables().indexOf(document.activeElement);
    drawRows();
    if (focused >= 0) focusables()[focused]?.focus();
  }

  function drawRows() {
    const t = target();
    const modeRadios = ["scan", "query"].map((mode) => {
      const id = uid();
      return [
        h("input", {
          type: "radio",
          name: "mode",
          id,
          value: mode,
          checked: state.mode === mode,
          onchange: () => {
            state.mode = mode;
            draw();
          },
        }),
        h("label", { for: id }, mode === "scan" ? "Scan" : "Query"),
      ];
    });
    const targetSelect = select(
      targets.map((x) => [x.name ?? "", x.name ? `Index: ${x.name} (${x.kind})` : `Table: ${table.TableName}`]),
      {
        value: state.target,
        onchange: (event) => {
          state.target = event.target.value;
          draw();
        },
      },
    );

    const rows = [
      h(
        "div",
        { class: "builder-row" },
        h("div", { class: "segmented", role: "radiogroup", "aria-label": "Operation" }, modeRadios),
        field("Table or index", targetSelect),
      ),
    ];

    if (state.expressionMode) rows.push(expressionFields(t));
    else {
      if (state.mode === "query") rows.push(keyFields(t));
      rows.push(filterFields());
    }

    const descending = h("input", {
      type: "checkbox",
      id: uid(),
      checked: state.descending,
      onchange: (event) => {
        state.descending = event.target.checked;
      },
    });
    const limit = h("input", {
      type: "number",
      min: "1",
      step: "1",
      value: state.limit,
      class: "narrow",
      oninput: (event) => {
        state.limit = event.target.value;
      },
    });
    const expressionToggle = h("input", {
      type: "checkbox",
      id: uid(),
      checked: state.expressionMode,
      onchange: (event) => switchExpressionMode(event.target.checked),
    });
    rows.push(
      h(
        "div",
        { class: "builder-row options" },
        // Only a Query has an order to reverse.
        state.mode === "query"
          ? h("label", { class: "check", for: descending.id }, descending, "Sort descending")
          : null,
        field("Limit", limit, "Items read per request"),
        h("label", { class: "check", for: expressionToggle.id }, expressionToggle, "Edit as expressions"),
      ),
      h(
        "div",
        { class: "actions" },
        h("button", { type: "button", class: "secondary", onclick: () => onReset() }, "Reset"),
        h("button", { type: "submit", class: "primary" }, "Run"),
      ),
    );
    form.replaceChildren(...rows);
  }

  function keyFields(t) {
    const { partition, sort } = t.keys;
    const pk = h("input", {
      type: "text",
      value: state.pk,
      autocomplete: "off",
      spellcheck: "false",
      placeholder: `Enter the ${partition.name} value`,
      oninput: (event) => {
        state.pk = event.target.value;
      },
    });
    const parts = [field(`${partition.name} (${typeName(partition.type)}) – partition key`, pk)];
    if (sort) {
      const op = select(SORT_OPS, {
        value: state.skOp,
        "aria-label": `${sort.name} condition`,
        onchange: (event) => {
          state.skOp = event.target.value;
          draw();
        },
      });
      const sk1 = valueInput(state.sk1, (v) => (state.sk1 = v), `${sort.name} value`);
      const sk2 =
        state.skOp === "between" ? valueInput(state.sk2, (v) => (state.sk2 = v), `${sort.name} upper value`) : null;
      parts.push(
        h(
          "div",
          { class: "field" },
          h(
            "span",
            { class: "label" },
            `${sort.name} (${typeName(sort.type)}) – sort key`,
            h("span", { class: "muted" }, " optional"),
          ),
          h("div", { class: "inline" }, op, sk1, sk2 ? h("span", { class: "muted" }, "and") : null, sk2),
        ),
      );
    }
    return h("div", { class: "builder-row keys" }, parts);
  }

  function filterFields() {
    const rows = state.filters.map((f, i) => {
      const needsValue = f.op !== "exists" && f.op !== "not_exists";
      return h(
        "div",
        { class: "filter-row", role: "group", "aria-label": `Filter ${i + 1}` },
        h("input", {
          type: "text",
          value: f.name,
          placeholder: "Attribute name",
          "aria-label": `Filter ${i + 1} attribute name`,
          autocomplete: "off",
          spellcheck: "false",
          oninput: (event) => {
            f.name = event.target.value;
          },
        }),
        select(FILTER_TYPES, {
          value: f.type,
          "aria-label": `Filter ${i + 1} type`,
          onchange: (event) => {
            f.type = event.target.value;
          },
        }),
        select(FILTER_OPS, {
          value: f.op,
          "aria-label": `Filter ${i + 1} condition`,
          onchange: (event) => {
            f.op = event.target.value;
            draw();
          },
        }),
        needsValue ? valueInput(f.value, (v) => (f.value = v), `Filter ${i + 1} value`) : null,
        needsValue && f.op === "between"
          ? valueInput(f.value2, (v) => (f.value2 = v), `Filter ${i + 1} upper value`)
          : null,
        h(
          "button",
          {
            type: "button",
            class: "link danger-text",
            onclick: () => {
              state.filters.splice(i, 1);
              draw();
            },
          },
          "Remove",
        ),
      );
    });
    return h(
      "div",
      { class: "builder-row filters" },
      h("span", { class: "label" }, "Filters ", h("span", { class: "muted" }, "– applied after the items are read")),
      rows,
      h(
        "button",
        {
          type: "button",
          class: "secondary small",
          onclick: () => {
            state.filters.push({ name: "", type: "S", op: "=", value: "", value2: "" });
            draw();
            form.querySelector(".filter-row:last-of-type input")?.focus();
          },
        },
        "Add filter",
      ),
    );
  }

  function expressionFields() {
    const area = (key, label, hint, rows = 2) =>
      field(label, codeArea({ rows, value: state.expr[key], onInput: (text) => (state.expr[key] = text) }), hint);
    return h(
      "div",
      { class: "builder-row expressions" },
      state.mode === "query"
        ? area("key", "KeyConditionExpression", "e.g. #pk = :pk AND begins_with(#sk, :prefix)")
        : null,
      area("filter", "FilterExpression", "optional; e.g. attribute_exists(#a) AND #n > :min"),
      area("projection", "ProjectionExpression", "optional; e.g. #pk, title"),
      area("names", "ExpressionAttributeNames", 'JSON, optional; e.g. {"#pk": "artist"}', 3),
      area("values", "ExpressionAttributeValues", 'DynamoDB JSON, optional; e.g. {":pk": {"S": "Arvo Pärt"}}', 3),
    );
  }

  function switchExpressionMode(on) {
    if (on) {
      // Start from what the form says, so the user sees the request it makes.
      try {
        const { input } = formRequest();
        state.expr = {
          key: input.KeyConditionExpression ?? "",
          filter: input.FilterExpression ?? "",
          projection: "",
          names: oneLineJson(input.ExpressionAttributeNames),
          values: oneLineJson(input.ExpressionAttributeValues),
        };
      } catch {
        // An incomplete form: start the expressions empty.
      }
    }
    state.expressionMode = on;
    draw();
  }

  function baseInput() {
    const t = target();
    const input = { TableName: table.TableName };
    if (t.name) input.IndexName = t.name;
    if (state.limit !== "") input.Limit = Number(state.limit);
    if (state.mode === "query" && state.descending) input.ScanIndexForward = false;
    return input;
  }

  function formRequest() {
    const t = target();
    const input = baseInput();
    const names = {};
    const values = {};
    const nameRef = (attribute) => {
      let ref = Object.keys(names).find((k) => names[k] === attribute);
      if (!ref) {
        ref = `#n${Object.keys(names).length}`;
        names[ref] = attribute;
      }
      return ref;
    };
    const valueRef = (value) => {
      const ref = `:v${Object.keys(values).length}`;
      values[ref] = value;
      return ref;
    };
    if (state.mode === "query") {
      const { partition, sort } = t.keys;
      const parts = [`${nameRef(partition.name)} = ${valueRef(typed(partition.type, state.pk))}`];
      if (sort && state.sk1 !== "") {
        parts.push(condition(nameRef(sort.name), state.skOp, sort.type, state.sk1, state.sk2, valueRef));
      }
      input.KeyConditionExpression = parts.join(" AND ");
    }
    const filters = state.filters.filter((f) => f.name.trim() !== "");
    if (filters.length) {
      input.FilterExpression = filters
        .map((f) => condition(nameRef(f.name.trim()), f.op, f.type, f.value, f.value2, valueRef))
        .join(" AND ");
    }
    if (Object.keys(names).length) input.ExpressionAttributeNames = names;
    if (Object.keys(values).length) input.ExpressionAttributeValues = values;
    return { operation: state.mode === "query" ? "Query" : "Scan", input };
  }

  function expressionRequest() {
    const input = baseInput();
    const { key, filter, projection, names, values } = state.expr;
    if (state.mode === "query" && key.trim()) input.KeyConditionExpression = key.trim();
    if (filter.trim()) input.FilterExpression = filter.trim();
    if (projection.trim()) input.ProjectionExpression = projection.trim();
    const object = (name, text) => parseJsonField(text, { name, shape: "object" });
    if (names.trim()) input.ExpressionAttributeNames = object("ExpressionAttributeNames", names);
    if (values.trim()) input.ExpressionAttributeValues = object("ExpressionAttributeValues", values);
    return { operation: state.mode === "query" ? "Query" : "Scan", input };
  }

  draw();
  return {
    element: form,
    /** The request the form describes; throws FormError for input that cannot be sent. */
    request: () => (state.expressionMode ? expressionRequest() : formRequest()),
  };
}

function valueInput(value, set, label) {
  return h("input", {
    type: "text",
    value,
    "aria-label": label,
    autocomplete: "off",
    spellcheck: "false",
    oninput: (event) => set(event.target.value),
  });
}

function condition(ref, op, type, value1, value2, valueRef) {
  switch (op) {
    case "exists":
      return `attribute_exists(${ref})`;
    case "not_exists":
      return `attribute_not_exists(${ref})`;
    case "between":
      return `${ref} BETWEEN ${valueRef(typed(type, value1))} AND ${valueRef(typed(type, value2))}`;
    case "begins_with":
    case "contains":
      return `${op}(${ref}, ${valueRef(typed(type, value1))})`;
    case "not_contains":
      return `NOT contains(${ref}, ${valueRef(typed(type, value1))})`;
    default:
      return `${ref} ${op} ${valueRef(typed(type, value1))}`;
  }
}

/** The text a user typed as a wire value of a type; numbers stay text, so stay exact. */
function typed(type, text) {
  switch (type) {
    case "N":
      return { N: text.trim() };
    case "B":
      return { B: text.trim() };
    case "BOOL": {
      const t = text.trim().toLowerCase();
      if (t !== "true" && t !== "false") throw new FormError(`A Boolean value is true or false, not "${text}".`);
      return { BOOL: t === "true" };
    }
    case "NULL":
      return { NULL: true };
    default:
      return { S: text };
  }
}

/** A placeholder map as one line of JSON for the expression fields ("" when there is none). */
function oneLineJson(value) {
  return value ? JSON.stringify(value, null, 1).replace(/\n\s*/g, " ") : "";
}
