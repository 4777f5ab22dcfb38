// #/partiql: one PartiQL statement (ExecuteStatement) with optional parameters, its items, and
// NextToken paging.
import { field, h } from "../dom.js";
import { formatCount } from "../items/format.js";
import { listTableNames } from "../tables.js";
import { errorAlert, showIn } from "../ui/alerts.js";
import { codeArea, parseJsonField } from "../ui/code-input.js";
import { itemsGrid } from "../ui/items-grid.js";
import { card, loading, pageHeader } from "../ui/page.js";

const remembered = { statement: "", parameters: "" };

export function mountPartiql(main, ctx) {
  const statement = codeArea({
    rows: 6,
    value: remembered.statement,
    placeholder: 'SELECT * FROM "Music" WHERE "Artist" = \'Arvo Pärt\'',
    onInput: (text) => (remembered.statement = text),
  });
  const parameters = codeArea({
    value: remembered.parameters,
    placeholder: '[{"S": "Arvo Pärt"}]',
    onInput: (text) => (remembered.parameters = text),
  });
  const run = h("button", { type: "submit", class: "primary" }, "Run");
  const form = h(
    "form",
    { class: "stack" },
    field("Statement", statement, "Ctrl+Enter runs it. Names in double quotes, strings in single quotes."),
    h(
      "details",
      { open: remembered.parameters !== "" },
      h("summary", {}, "Parameters"),
      field("Parameters for ? placeholders", parameters, "A DynamoDB JSON list, one value per ?"),
    ),
    h("div", { class: "actions" }, run),
  );
  const tableList = h("ul", { class: "plain-list" }, h("li", { class: "muted" }, "Loading…"));
  const resultsTitle = h("span", {}, "Results");
  const results = h("div", {}, h("p", { class: "muted" }, "Run a statement to see its items."));
  const nextButton = h("button", { type: "button", class: "secondary", hidden: true }, "Next page ›");

  main.replaceChildren(
    pageHeader({ title: "PartiQL editor" }),
    h(
      "div",
      { class: "split" },
      card({ title: "Tables", description: "Pick one to start a SELECT." }, tableList),
      h(
        "div",
        { class: "stack" },
        card({ title: "Statement" }, form),
        card({ title: resultsTitle, actions: [nextButton] }, results),
      ),
    ),
  );

  let nextToken;
  let lastInput;

  async function execute(input) {
    results.replaceChildren(loading("Running…"));
    nextButton.hidden = true;
    run.disabled = true;
    try {
      const response = await ctx.run("ExecuteStatement", input);
      lastInput = input;
      nextToken = response.NextToken;
      const items = response.Items ?? [];
      resultsTitle.textContent = `Results (${formatCount(items.length)})`;
      nextButton.hidden = !nextToken;
      results.replaceChildren(
        items.length
          ? itemsGrid({ items, keyNames: [] })
          : h("p", { class: "muted" }, isSelect(input.Statement) ? "No items matched." : "The statement ran."),
      );
    } catch (error) {
      resultsTitle.textContent = "Results";
      showIn(results, errorAlert(error));
    } finally {
      run.disabled = false;
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const input = { Statement: statement.value };
    try {
      if (parameters.value.trim() !== "") {
        input.Parameters = parseJsonField(parameters.value, {
          name: "The parameter list",
          shape: "list",
          example: '[{"S": "a"}] (DynamoDB values, one per ?)',
        });
      }
    } catch (error) {
      showIn(results, errorAlert(error));
      return;
    }
    execute(input);
  });
  nextButton.addEventListener("click", () => execute({ ...lastInput, NextToken: nextToken }));

  async function loadTables() {
    try {
      const names = await listTableNames(ctx.run);
      tableList.replaceChildren(
        ...(names.length
          ? names.map((name) =>
              h(
                "li",
                {},
                h(
                  "button",
                  {
                    type: "button",
                    class: "link",
                    onclick: () => {
                      statement.value = `SELECT * FROM "${name}"`;
                      remembered.statement = statement.value;
                      statement.focus();
                    },
                  },
                  name,
                ),
              ),
            )
          : [h("li", { class: "muted" }, "No tables.")]),
      );
    } catch (error) {
      tableList.replaceChildren(h("li", {}, errorAlert(error)));
    }
  }

  loadTables();
  statement.focus();
  return { refresh: loadTables };
}

function isSelect(statement) {
  return /^\s*select\b/i.test(statement);
}
