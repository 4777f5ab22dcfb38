// Messages the user reads: DynamoDB errors as DynamoDB wrote them, and short confirmations.
import { h } from "../dom.js";
import { asDynamoError, DynamoError } from "../sources/dynamo-error.js";

/**
 * An error as an alert. A DynamoDB error shows its type (ValidationException, ...) and then the
 * service's message word for word; the console's own errors (bad JSON, a form mistake) show
 * their title and message.
 */
export function errorAlert(error, { title } = {}) {
  const fromDynamo = error instanceof DynamoError || typeof error?.$metadata === "object";
  const e = asDynamoError(error);
  const heading = title ?? (fromDynamo || e.type !== "Error" ? e.type : "Something went wrong");
  const reasons = Array.isArray(e.fields.CancellationReasons)
    ? h(
        "ul",
        { class: "reasons" },
        e.fields.CancellationReasons.map((r, i) =>
          h("li", {}, `Action ${i + 1}: ${r.Code}${r.Message ? ` – ${r.Message}` : ""}`),
        ),
      )
    : null;
  return h(
    "div",
    { class: "alert alert-error", role: "alert", tabindex: "-1" },
    h("div", { class: "alert-title" }, heading),
    title && fromDynamo ? h("div", { class: "alert-type" }, e.type) : null,
    h("p", { class: "alert-message" }, e.message || "(no message)"),
    reasons,
  );
}

/** An informational or warning box. */
export function noticeBox(kind, title, ...body) {
  return h(
    "div",
    { class: `alert alert-${kind}`, role: kind === "warning" ? "status" : null },
    title ? h("div", { class: "alert-title" }, title) : null,
    ...body,
  );
}

/** Puts an alert into a slot, focused so a keyboard or screen-reader user lands on it. */
export function showIn(slot, alert) {
  slot.replaceChildren(alert);
  alert.focus?.({ preventScroll: false });
}
