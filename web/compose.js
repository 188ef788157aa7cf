// The call composer: system and operation, the caller, a form whose pickers come from the state,
// and the raw editor. Form and raw editor stay in sync both ways; the request sent to the core is
// always built from the raw editor (so that what you see is exactly what is evaluated).
import { $, el, clear, fillDatalist } from "./dom.js";
import { OPERATIONS, SYSTEMS, byName, operationForRaw } from "./operations.js";
import { buildSources, filterOptions, defaultValues, defaultActor } from "./pickers.js";
import { buildFields, writeFields } from "./form-fields.js";
import { createRawEditor } from "./raw-editor.js";

export function createComposer({ onChange, suggest }) {
  const systemSelect = $("#system");
  const opSelect = $("#operation");
  const actorInput = $("#actor");
  const actorList = $("#actor-list");
  const formFields = $("#form-fields");
  const requestJson = $("#request-json");
  const raw = createRawEditor({ onInput: onRawInput, onScopes: changed });

  let catalog = null;
  let sources = buildSources(null);
  let op = OPERATIONS[0];
  let values = {};
  const actorBySystem = {};
  let inputs = new Map(); // field key → { input, list, field }

  for (const s of SYSTEMS) systemSelect.appendChild(el("option", { value: s.id }, s.label));

  // The options carry the operation's short name (a phone shows it whole); what it does, and its
  // method and path, are said under the dropdown.
  const opHint = el("p", { class: "hint op-hint", id: "operation-hint" });
  opSelect.after(opHint);
  opSelect.setAttribute("aria-describedby", opHint.id);

  function fillOperations(system) {
    clear(opSelect);
    for (const o of OPERATIONS.filter((x) => x.system === system)) {
      opSelect.appendChild(el("option", { value: o.name, title: o.title }, o.name.split(".")[1]));
    }
  }

  function sourceName(field) {
    return typeof field.source === "function" ? field.source(values) : field.source;
  }

  // Suggestions for what is typed: from the catalog head the page holds, or, when the state is
  // larger than that head, from the worker (which holds every option).
  function offer(list, source, typed, prefix, isCurrent) {
    const local = filterOptions(sources[source] ?? [], typed);
    const prefixed = (options) => options.map((o) => ({ value: prefix + o.value, label: o.label }));
    const show = (options) => fillDatalist(list, prefix ? prefixed(options) : options);
    show(local);
    if (catalog?.truncated && typed && suggest) {
      suggest(source, typed).then(
        (options) => isCurrent() && show(options),
        () => {}
      );
    }
  }

  function refreshList(key) {
    const entry = inputs.get(key);
    if (!entry || !entry.list) return;
    const source = sourceName(entry.field);
    const text = entry.input.value;
    if (entry.field.type === "list") {
      // Picking a suggestion replaces the whole value: offer "what is there, plus the item".
      const cut = text.lastIndexOf(",");
      const prefix = cut < 0 ? "" : text.slice(0, cut + 1) + " ";
      offer(entry.list, source, lastItem(text), prefix, () => entry.input.value === text);
      return;
    }
    offer(entry.list, source, text, "", () => entry.input.value === text);
  }

  function refreshActorList() {
    const text = actorInput.value;
    offer(actorList, `${op.system}.actor`, text, "", () => actorInput.value === text);
  }

  // Builds the form for the current operation.
  function buildForm() {
    inputs = buildFields(formFields, op, values, { onInput: onFieldInput, onKeyup: (field) => refreshList(field.key) });
    for (const key of inputs.keys()) refreshList(key);
  }

  function writeFormValues() {
    writeFields(inputs, values);
    for (const key of inputs.keys()) refreshList(key);
  }

  function setSystem(system) {
    if (actorInput.value !== undefined && op) actorBySystem[op.system] = actorInput.value;
    systemSelect.value = system;
    actorInput.value = actorBySystem[system] ?? defaultActor(system, catalog);
  }

  function selectOperation(name, { keepRaw = false, rawValues = null } = {}) {
    const next = byName.get(name);
    if (!next) return;
    const systemChanged = next.system !== op.system;
    if (systemChanged || systemSelect.value !== next.system) setSystem(next.system);
    fillOperations(next.system);
    op = next;
    opSelect.value = name;
    opHint.textContent = op.title;
    values = { ...defaultValues(op, catalog), ...(rawValues ?? {}) };
    buildForm();
    raw.show(op);
    refreshActorList();
    if (!keepRaw) raw.write(op, values);
  }

  function onFieldInput(field) {
    const entry = inputs.get(field.key);
    values[field.key] = entry.input.value;
    if (field.key === "shareType") {
      refreshList("id");
      refreshList("name");
    }
    refreshList(field.key);
    raw.write(op, values);
    changed();
  }

  // The raw text was edited: the form follows, switching operation when the text is another's.
  function onRawInput() {
    const text = raw.read(op);
    const target = op.fromRaw(text) ? op : operationForRaw(text);
    if (target && target !== op) {
      selectOperation(target.name, { keepRaw: true, rawValues: target.fromRaw(text) });
    } else if (target) {
      values = { ...values, ...target.fromRaw(text) };
      writeFormValues();
    }
    changed();
  }

  function request() {
    return raw.request(op, actorInput.value === "" ? null : actorInput.value);
  }

  function changed() {
    const req = request();
    requestJson.textContent = JSON.stringify(req, null, 2);
    onChange(req);
  }

  systemSelect.addEventListener("change", () => {
    const first = OPERATIONS.find((o) => o.system === systemSelect.value);
    selectOperation(first.name);
    changed();
  });
  opSelect.addEventListener("change", () => {
    selectOperation(opSelect.value);
    changed();
  });
  actorInput.addEventListener("input", () => {
    actorBySystem[op.system] = actorInput.value;
    refreshActorList();
    changed();
  });

  // Initial form, before any state is loaded.
  fillOperations(op.system);
  opHint.textContent = op.title;
  systemSelect.value = op.system;
  buildForm();
  raw.show(op);

  return {
    // New state: new picker options; the form keeps what was typed unless it was empty.
    setCatalog(next, { reset = false } = {}) {
      catalog = next;
      sources = buildSources(catalog);
      if (reset) {
        for (const k of Object.keys(actorBySystem)) delete actorBySystem[k];
        const system = catalog?.hmp ? "hmp" : catalog?.webex ? "webex" : catalog?.ocm ? "ocm" : op.system;
        op = OPERATIONS.find((o) => o.system === system);
        actorInput.value = defaultActor(system, catalog);
        actorBySystem[system] = actorInput.value;
        selectOperation(op.name);
      } else {
        for (const key of inputs.keys()) refreshList(key);
      }
      refreshActorList();
      changed();
    },
    selectOperation(name) {
      selectOperation(name);
      changed();
    },
    request,
    refresh: changed,
  };
}

function lastItem(text) {
  const parts = text.split(",");
  return parts[parts.length - 1].trim();
}
