// The form of an operation: one labelled input per field (api.md's parameters), with a datalist
// for the fields whose values come from the state.
import { el, clear } from "./dom.js";

const LIST_HINT = "pick one at a time; separate with commas";

function fieldInput(field, id) {
  if (field.type === "select") {
    const options = field.options.map((o) => el("option", { value: o }, o));
    return { input: el("select", { id, name: field.key }, options), list: null };
  }
  const input = el("input", { id, name: field.key, autocomplete: "off", spellcheck: "false" });
  if (field.type !== "combo" && field.type !== "list") return { input, list: null };
  const list = el("datalist", { id: `${id}-list` });
  input.setAttribute("list", list.id);
  return { input, list };
}

// Builds the fields into `container`; returns field key → { input, list, field }.
// onInput(field) on every edit; onKeyup(field) for comma-separated lists (to offer the next item).
export function buildFields(container, op, values, { onInput, onKeyup }) {
  clear(container);
  const inputs = new Map();
  for (const field of op.fields) {
    const id = `f-${field.key}`;
    const { input, list } = fieldInput(field, id);
    input.value = values[field.key] ?? "";
    input.addEventListener("input", () => onInput(field));
    if (field.type === "list") input.addEventListener("keyup", () => onKeyup(field));
    const hint = field.type === "list" ? el("span", { class: "hint", id: `${id}-hint` }, LIST_HINT) : null;
    if (hint) input.setAttribute("aria-describedby", hint.id);
    container.appendChild(el("div", { class: "field" }, el("label", { for: id }, field.label), input, list, hint));
    inputs.set(field.key, { input, list, field });
  }
  return inputs;
}

// Puts `values` into the inputs (a select gets an option for a value it lacks).
export function writeFields(inputs, values) {
  for (const [key, { input }] of inputs) {
    const v = values[key] ?? "";
    if (input.tagName === "SELECT" && ![...input.options].some((o) => o.value === v)) {
      input.appendChild(el("option", { value: v }, v === "" ? "(none)" : v));
    }
    if (input.value !== v) input.value = v;
  }
}
