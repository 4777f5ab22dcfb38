// What the console's hand-written request fields share (the PartiQL editor, the query builder's
// expressions, the item editor): a monospace text area bound to a value, where Ctrl+Enter (or
// Cmd+Enter) submits its form, and the console's own error for input it cannot send.
import { h } from "../dom.js";

/** A user mistake found before sending (not a DynamoDB error): shown as the console's own. */
export class FormError extends Error {
  constructor(message) {
    super(message);
    this.name = "Invalid input";
  }
}

/**
 * <textarea class="code"> showing `value`; `onInput(text)` on every change.
 * @param {{ value?: string, onInput?: (text: string) => void, rows?: number, placeholder?: string }} options
 */
export function codeArea({ value = "", onInput, rows = 2, placeholder } = {}) {
  return submitsOnCtrlEnter(
    h("textarea", {
      class: "code",
      rows: String(rows),
      spellcheck: "false",
      value,
      placeholder,
      oninput: onInput ? (event) => onInput(event.target.value) : null,
    }),
  );
}

/** Makes Ctrl+Enter (Cmd+Enter) in `control` submit the form it belongs to. */
export function submitsOnCtrlEnter(control) {
  control.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && control.form) {
      event.preventDefault();
      control.form.requestSubmit();
    }
  });
  return control;
}

/**
 * Text the user typed as JSON of one shape ("object" or "list"); a FormError naming the field
 * (`name`) and showing `example` when it is not.
 */
export function parseJsonField(text, { name, shape, example }) {
  let value;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new FormError(`${name} is not valid JSON: ${error.message}`);
  }
  const isObject = value !== null && typeof value === "object" && !Array.isArray(value);
  const fits = shape === "list" ? Array.isArray(value) : isObject;
  if (!fits) throw new FormError(`${name} must be a JSON ${shape}${example ? `, such as ${example}` : ""}.`);
  return value;
}
