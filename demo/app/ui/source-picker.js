// The data source dialog: the DynamoDB endpoint (by default the one that served the console)
// or ShoalDB running in this page.
import { field, h, uid } from "../dom.js";
import { sameOriginEndpoint } from "../sources/choose-source.js";

/** @returns {Promise<import("../sources/choose-source.js").SourceChoice | null>} null: cancelled */
export function pickSource(current) {
  return new Promise((resolve) => {
    const radio = (value) =>
      h("input", { type: "radio", name: "source", value, id: uid(), checked: current.kind === value });
    const endpointRadio = radio("endpoint");
    const browserRadio = radio("browser");
    const url = h("input", {
      type: "url",
      required: true,
      value: current.kind === "endpoint" ? current.url : sameOriginEndpoint(),
      spellcheck: "false",
      autocomplete: "off",
    });
    const urlField = field(
      "Endpoint URL",
      url,
      "Any DynamoDB endpoint: this console's server, npx shoaldb serve, DynamoDB Local",
    );
    const sync = () => {
      url.disabled = !endpointRadio.checked;
    };
    endpointRadio.addEventListener("change", sync);
    browserRadio.addEventListener("change", sync);
    sync();
    const cancel = h("button", { type: "button", class: "secondary" }, "Cancel");
    const form = h(
      "form",
      { method: "dialog" },
      h("h2", {}, "Data source"),
      h(
        "div",
        { class: "radios", role: "radiogroup", "aria-label": "Data source" },
        h(
          "label",
          { class: "radio", for: endpointRadio.id },
          endpointRadio,
          h(
            "span",
            {},
            h("strong", {}, "Endpoint"),
            h("small", {}, "Tables on a DynamoDB HTTP endpoint, shared by every tab and client"),
          ),
        ),
        h("div", { class: "indent" }, urlField),
        h(
          "label",
          { class: "radio", for: browserRadio.id },
          browserRadio,
          h(
            "span",
            {},
            h("strong", {}, "This browser"),
            h("small", {}, "ShoalDB running in this page, with its own tables"),
          ),
        ),
      ),
      h("div", { class: "actions" }, cancel, h("button", { type: "submit", class: "primary" }, "Use this source")),
    );
    const dialog = h("dialog", { class: "dialog", "aria-label": "Data source" }, form);
    let answer = null;
    form.addEventListener("submit", () => {
      answer = endpointRadio.checked ? { kind: "endpoint", url: url.value.trim() } : { kind: "browser" };
    });
    cancel.addEventListener("click", () => dialog.close());
    dialog.addEventListener("close", () => {
      dialog.remove();
      resolve(answer);
    });
    document.body.append(dialog);
    dialog.showModal();
    (current.kind === "endpoint" ? endpointRadio : browserRadio).focus();
  });
}
