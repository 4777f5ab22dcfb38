// Modal confirmation on <dialog>: focus is trapped, Escape cancels, Enter confirms.
import { field, h } from "../dom.js";

/**
 * @param {{ title: string, body: (Node|string)[] | Node | string, confirmLabel?: string,
 *   danger?: boolean, typeToConfirm?: string }} options with typeToConfirm, the confirm button
 *   stays disabled until that word is typed (as DynamoDB's console asks before deleting a table)
 * @returns {Promise<boolean>}
 */
export function confirmDialog({ title, body, confirmLabel = "Confirm", danger = false, typeToConfirm }) {
  return new Promise((resolve) => {
    const confirmButton = h("button", { type: "submit", class: danger ? "danger" : "primary" }, confirmLabel);
    let typed = null;
    if (typeToConfirm) {
      typed = h("input", { type: "text", autocomplete: "off", spellcheck: "false", placeholder: typeToConfirm });
      confirmButton.disabled = true;
      typed.addEventListener("input", () => {
        confirmButton.disabled = typed.value !== typeToConfirm;
      });
    }
    const cancelButton = h("button", { type: "button", class: "secondary" }, "Cancel");
    const form = h(
      "form",
      { method: "dialog" },
      h("h2", {}, title),
      h("div", { class: "dialog-body" }, body),
      typed ? field(`To confirm, type "${typeToConfirm}"`, typed) : null,
      h("div", { class: "actions" }, cancelButton, confirmButton),
    );
    const dialog = h("dialog", { class: "dialog", "aria-label": title }, form);
    let answer = false;
    form.addEventListener("submit", (event) => {
      if (confirmButton.disabled) {
        event.preventDefault();
        return;
      }
      answer = true;
    });
    cancelButton.addEventListener("click", () => dialog.close());
    dialog.addEventListener("close", () => {
      dialog.remove();
      resolve(answer);
    });
    document.body.append(dialog);
    dialog.showModal();
    (typed ?? confirmButton).focus();
  });
}
