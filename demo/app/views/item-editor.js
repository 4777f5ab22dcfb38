// #/tables/NAME/item?key=... and #/tables/NAME/items/new: an item as JSON, shown and edited as
// DynamoDB JSON or plain JSON. Saving writes the whole item (PutItem); a changed primary key
// writes the new item and deletes the old one in one transaction.
import { h, uid } from "../dom.js";
import { dynamoJsonText } from "../items/dynamo-json.js";
import { JsonSyntaxError, itemFromPlainText, plainTextFromItem } from "../items/plain-json.js";
import { keysOf, primaryKeyOf, sameValue } from "../items/table-shape.js";
import { describeTable, tableHref } from "../tables.js";
import { errorAlert, noticeBox, showIn } from "../ui/alerts.js";
import { submitsOnCtrlEnter } from "../ui/code-input.js";
import { confirmDialog } from "../ui/dialog.js";
import { card, loading, pageHeader } from "../ui/page.js";

const MODE_KEY = "shoaldb-console.dynamodb-json";

export function mountItemEditor(main, ctx, { name, key }) {
  const creating = key === undefined;
  const itemsHref = tableHref(name, "items");
  const title = creating ? "Create item" : "Edit item";
  const body = h("div", { class: "stack" }, loading(creating ? "Loading the table…" : "Loading the item…"));
  main.replaceChildren(
    pageHeader({ crumbs: [["Tables", "#/tables"], [name, tableHref(name)], ["Items", itemsHref], [title]], title }),
    body,
  );

  let table;
  let original = null; // the stored item (editing)
  let dynamoJson = localStorage.getItem(MODE_KEY) !== "false";
  let savedText = ""; // the text as loaded, to know whether there are edits
  let editor; // { textarea, ... } once drawn

  async function load() {
    try {
      table = await describeTable(ctx.run, name);
      if (!creating) {
        const { Item } = await ctx.run("GetItem", { TableName: name, Key: key, ConsistentRead: true });
        if (!Item) {
          body.replaceChildren(
            noticeBox(
              "warning",
              "No such item",
              h("p", {}, `${name} has no item with the key ${JSON.stringify(key)}. It may have been deleted.`),
            ),
            h("p", {}, h("a", { href: itemsHref }, "Back to the items")),
          );
          return;
        }
        original = Item;
      }
    } catch (error) {
      body.replaceChildren(errorAlert(error), h("p", {}, h("a", { href: itemsHref }, "Back to the items")));
      return;
    }
    draw(original ?? template(table));
  }

  function draw(item) {
    const errorSlot = h("div", { class: "error-slot" });
    const lossySlot = h("div", {});
    const changedSlot = h("div", {});
    const textarea = h("textarea", {
      class: "code editor",
      spellcheck: "false",
      autocapitalize: "off",
      autocomplete: "off",
      rows: "18",
      "aria-label": "Item JSON",
      "aria-describedby": "item-editor-hint",
    });
    const modeSwitch = h("input", { type: "checkbox", role: "switch", id: uid(), checked: dynamoJson });
    const save = h("button", { type: "submit", class: "primary" }, creating ? "Create item" : "Save changes");
    const format = h("button", { type: "button", class: "secondary", onclick: () => reformat() }, "Format");
    const remove = creating
      ? null
      : h("button", { type: "button", class: "secondary danger-text", onclick: () => deleteItem() }, "Delete item");
    const form = h(
      "form",
      { class: "stack" },
      changedSlot,
      errorSlot,
      card(
        {
          title: "Attributes",
          description: creating ? keyDescription(table) : null,
          actions: [h("label", { class: "switch", for: modeSwitch.id }, modeSwitch, "DynamoDB JSON"), format],
        },
        lossySlot,
        textarea,
        h(
          "p",
          { class: "hint", id: "item-editor-hint" },
          "Ctrl+Enter saves. With DynamoDB JSON off, numbers keep every digit; sets and binary need DynamoDB JSON.",
        ),
      ),
      h(
        "div",
        { class: "form-footer" },
        remove,
        h("span", { class: "spacer" }),
        h("a", { class: "button secondary", href: itemsHref }, "Cancel"),
        save,
      ),
    );
    editor = { textarea, errorSlot, lossySlot, changedSlot, save };

    setText(item);
    savedText = textarea.value;

    modeSwitch.addEventListener("change", () => {
      let current;
      try {
        current = parse(textarea.value);
      } catch (error) {
        modeSwitch.checked = dynamoJson;
        showIn(errorSlot, errorAlert(error, { title: "The JSON has a mistake; fix it before switching views" }));
        return;
      }
      const unchanged = textarea.value === savedText;
      dynamoJson = modeSwitch.checked;
      localStorage.setItem(MODE_KEY, String(dynamoJson));
      errorSlot.replaceChildren();
      setText(current);
      if (unchanged) savedText = textarea.value;
    });
    submitsOnCtrlEnter(textarea);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      submit();
    });
    body.replaceChildren(form);
    textarea.setSelectionRange(0, 0);
    textarea.focus();
    textarea.scrollTop = 0;
  }

  function setText(item) {
    const { textarea, lossySlot, save } = editor;
    if (dynamoJson) {
      textarea.value = dynamoJsonText(item);
      textarea.readOnly = false;
      save.disabled = false;
      lossySlot.replaceChildren();
      return;
    }
    const { text, lossy } = plainTextFromItem(item);
    textarea.value = text;
    textarea.readOnly = lossy.length > 0;
    save.disabled = lossy.length > 0;
    lossySlot.replaceChildren(
      lossy.length
        ? noticeBox(
            "warning",
            "Read only as plain JSON",
            h(
              "p",
              {},
              `Plain JSON has no sets or binary values, so ${lossy.join(", ")} appear here as lists and base64 text. `,
              "Turn on DynamoDB JSON to edit this item.",
            ),
          )
        : null,
    );
  }

  function parse(text) {
    if (!dynamoJson) return itemFromPlainText(text);
    let value;
    try {
      value = JSON.parse(text);
    } catch (error) {
      const reason = error.message.replace(/^JSON\.parse: /, "").replace(/\s*(?:in JSON )?at position \d+.*$/s, "");
      throw new JsonSyntaxError(reason, ...lineColumn(text, error.message));
    }
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      const message = 'An item in DynamoDB JSON is an object of typed attributes, such as {"id": {"S": "a"}}.';
      throw Object.assign(new Error(message), {
        name: "Not an item",
      });
    }
    return value;
  }

  function reformat() {
    try {
      setText(parse(editor.textarea.value));
      editor.errorSlot.replaceChildren();
    } catch (error) {
      showIn(editor.errorSlot, errorAlert(error, { title: "The JSON has a mistake" }));
    }
  }

  async function submit() {
    const { textarea, errorSlot, save } = editor;
    let item;
    try {
      item = parse(textarea.value);
    } catch (error) {
      showIn(errorSlot, errorAlert(error, { title: "The JSON has a mistake" }));
      return;
    }
    const names = Object.fromEntries(table.KeySchema.map((k, i) => [`#k${i}`, k.AttributeName]));
    const absent = Object.keys(names).map((ref) => `attribute_not_exists(${ref})`).join(" AND ");
    let operation;
    let input;
    if (creating) {
      // A new item must not replace one that has the same key.
      operation = "PutItem";
      input = { TableName: name, Item: item, ConditionExpression: absent, ExpressionAttributeNames: names };
    } else if (sameValue(primaryKeyOf(item, table), key)) {
      operation = "PutItem";
      input = { TableName: name, Item: item };
    } else {
      const ok = await confirmDialog({
        title: "Change the primary key?",
        body: h(
          "p",
          {},
          "The primary key cannot change in place: this writes a new item with the new key and deletes the old ",
          "item, together.",
        ),
        confirmLabel: "Write new item",
      });
      if (!ok) return;
      operation = "TransactWriteItems";
      input = {
        TransactItems: [
          { Put: { TableName: name, Item: item, ConditionExpression: absent, ExpressionAttributeNames: names } },
          { Delete: { TableName: name, Key: key } },
        ],
      };
    }
    save.disabled = true;
    try {
      await ctx.run(operation, input);
    } catch (error) {
      const hint =
        error.type === "ConditionalCheckFailedException" ||
        error.fields?.CancellationReasons?.[0]?.Code === "ConditionalCheckFailed"
          ? "An item with this primary key exists already"
          : creating
            ? "The item was not created"
            : "The item was not saved";
      showIn(errorSlot, errorAlert(error, { title: hint }));
      save.disabled = false;
      return;
    }
    savedText = textarea.value; // nothing unsaved: leave without asking
    ctx.flash(creating ? "The item was created." : "The item was saved.");
    ctx.navigate(itemsHref);
  }

  async function deleteItem() {
    const ok = await confirmDialog({
      title: "Delete this item?",
      body: h("p", {}, `The item is deleted from ${name}. This cannot be undone.`),
      confirmLabel: "Delete",
      danger: true,
    });
    if (!ok) return;
    try {
      await ctx.run("DeleteItem", { TableName: name, Key: key });
    } catch (error) {
      showIn(editor.errorSlot, errorAlert(error, { title: "The item was not deleted" }));
      return;
    }
    savedText = editor.textarea.value;
    ctx.flash("The item was deleted.");
    ctx.navigate(itemsHref);
  }

  load();
  return {
    isDirty: () => editor !== undefined && editor.textarea.value !== savedText,
    async refresh() {
      // Another tab or client changed something. Reload quietly unless the user has edits.
      if (creating || !editor) return;
      let latest;
      try {
        ({ Item: latest } = await ctx.run("GetItem", { TableName: name, Key: key, ConsistentRead: true }));
      } catch {
        return; // the next action shows the error
      }
      if (latest && original && sameValue(latest, original)) return;
      if (editor.textarea.value === savedText) {
        if (!latest) {
          load();
          return;
        }
        original = latest;
        setText(latest);
        savedText = editor.textarea.value;
        return;
      }
      editor.changedSlot.replaceChildren(
        noticeBox(
          "warning",
          latest ? "This item changed elsewhere" : "This item was deleted elsewhere",
          h("p", {}, "Another tab or client wrote it after you opened it. Saving replaces their version with yours."),
          latest
            ? h(
                "button",
                {
                  type: "button",
                  class: "secondary",
                  onclick: () => {
                    original = latest;
                    setText(latest);
                    savedText = editor.textarea.value;
                    editor.changedSlot.replaceChildren();
                  },
                },
                "Discard my edits and load theirs",
              )
            : null,
        ),
      );
    },
  };
}

/** A new item's starting text: the key attributes with empty values of their types. */
function template(table) {
  const item = {};
  const { partition, sort } = keysOf(table.KeySchema, table.AttributeDefinitions);
  for (const { name, type } of [partition, sort].filter(Boolean)) item[name] = { [type]: type === "N" ? "0" : "" };
  return item;
}

function keyDescription(table) {
  const { partition, sort } = keysOf(table.KeySchema, table.AttributeDefinitions);
  return `Every item needs its primary key: ${partition.name}${sort ? ` and ${sort.name}` : ""}.`;
}

// Chromium's JSON.parse messages end with "(line L column C)"; others give a position or nothing.
function lineColumn(text, message) {
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (lc) return [Number(lc[1]), Number(lc[2])];
  const position = /position (\d+)/.exec(message);
  if (!position) return [1, 1];
  const before = text.slice(0, Number(position[1]));
  return [before.split("\n").length, before.length - before.lastIndexOf("\n")];
}
