// A small element builder, so views read as the markup they make. No framework: the console is a
// handful of forms and tables, redrawn whole when their data changes.

/**
 * h("button", { class: "primary", onclick: fn, disabled: true }, "Save") -> <button>.
 * Props: `class`, `text`, `on<event>` (listeners), `dataset`, `style` (object), boolean and
 * string attributes; `null`/`undefined`/`false` props are skipped. Children: nodes, strings,
 * numbers, arrays of them, null/undefined/false (skipped).
 */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "class") element.className = value;
    else if (name === "text") element.textContent = value;
    else if (name === "dataset") Object.assign(element.dataset, value);
    else if (name === "style" && typeof value === "object") Object.assign(element.style, value);
    else if (name.startsWith("on") && typeof value === "function") element.addEventListener(name.slice(2), value);
    else if (name in element && typeof value !== "string") element[name] = value; // value, checked, ...
    else if (name === "value") element.value = value;
    else element.setAttribute(name, value === true ? "" : String(value));
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(element, child);
    else element.append(child instanceof Node ? child : String(child));
  }
}

/** Replaces an element's children. */
export function replaceChildren(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

let nextId = 0;
/** A unique id for label/input pairs. */
export function uid(prefix = "f") {
  nextId += 1;
  return `${prefix}-${nextId}`;
}

/** A labelled form field: <div class="field"><label for>…</label>control<small>hint</small></div>. */
export function field(labelText, control, hint) {
  if (!control.id) control.id = uid();
  const hintEl = hint ? h("small", { class: "hint", id: `${control.id}-hint` }, hint) : null;
  if (hintEl) control.setAttribute("aria-describedby", hintEl.id);
  return h("div", { class: "field" }, h("label", { for: control.id }, labelText), control, hintEl);
}

/** <select> with [value, label] options. */
export function select(options, props = {}) {
  const element = h("select", props);
  for (const [value, label] of options) element.append(h("option", { value }, label));
  if (props.value !== undefined) element.value = props.value;
  return element;
}
