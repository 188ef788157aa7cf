// The call composer: system and operation, the caller, a form whose pickers come from the state,
// and the raw editor. Form and raw editor stay in sync both ways; the request sent to the core is
// always built from the raw editor (so that what you see is exactly what is evaluated).
import { $, el, clear, fillDatalist } from "./dom.js";
import { OPERATIONS, SYSTEMS, byName, operationForRaw } from "./operations.js";
import { buildSources, filterOptions, defaultValues, defaultActor } from "./pickers.js";

export function createComposer({ onChange, suggest }) {
  const systemSelect = $("#system");
  const opSelect = $("#operation");
  const actorInput = $("#actor");
  const actorList = $("#actor-list");
  const scopesBox = $("#scopes-box");
  const scopesExtra = $("#scopes-extra");
  const formFields = $("#form-fields");
  const rawCliBox = $("#raw-cli-box");
  const rawHttpBox = $("#raw-http-box");
  const rawCli = $("#raw-cli");
  const rawMethod = $("#raw-method");
  const rawPath = $("#raw-path");
  const rawBody = $("#raw-body");
  const requestJson = $("#request-json");

  let catalog = null;
  let sources = buildSources(null);
  let op = OPERATIONS[0];
  let values = {};
  const actorBySystem = {};
  const inputs = new Map(); // field key → { input, list, field }

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
      suggest(source, typed).then((options) => isCurrent() && show(options), () => {});
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
    clear(formFields);
    inputs.clear();
    for (const field of op.fields) {
      const id = `f-${field.key}`;
      let input;
      let list = null;
      if (field.type === "select") {
        input = el("select", { id, name: field.key }, field.options.map((o) => el("option", { value: o }, o)));
      } else {
        input = el("input", { id, name: field.key, autocomplete: "off", spellcheck: "false" });
        if (field.type === "combo" || field.type === "list") {
          list = el("datalist", { id: `${id}-list` });
          input.setAttribute("list", list.id);
        }
      }
      input.value = values[field.key] ?? "";
      input.addEventListener("input", () => onFieldInput(field));
      if (field.type === "list") input.addEventListener("keyup", () => refreshList(field.key));
      const listHint = "pick one at a time; separate with commas";
      const hint = field.type === "list" ? el("span", { class: "hint", id: `${id}-hint` }, listHint) : null;
      if (hint) input.setAttribute("aria-describedby", hint.id);
      formFields.appendChild(el("div", { class: "field" }, el("label", { for: id }, field.label), input, list, hint));
      inputs.set(field.key, { input, list, field });
    }
    for (const key of inputs.keys()) refreshList(key);
  }

  function writeFormValues() {
    for (const [key, { input }] of inputs) {
      const v = values[key] ?? "";
      if (input.tagName === "SELECT" && ![...input.options].some((o) => o.value === v)) {
        input.appendChild(el("option", { value: v }, v === "" ? "(none)" : v));
      }
      if (input.value !== v) input.value = v;
    }
    for (const key of inputs.keys()) refreshList(key);
  }

  function showRawKind() {
    rawCliBox.hidden = op.kind !== "cli";
    rawHttpBox.hidden = op.kind !== "http";
    scopesBox.hidden = op.system !== "webex";
    const hints = {
      hmp: "an HMP username or user id",
      webex: "an email or person id; empty = no access token",
      ocm: "an OCM login name or user id",
    };
    $("#actor-hint").textContent = hints[op.system];
  }

  function writeRaw() {
    const raw = op.toRaw(values);
    if (op.kind === "cli") {
      rawCli.value = raw.cli;
    } else {
      rawMethod.value = raw.method;
      rawPath.value = raw.path;
      rawBody.value = raw.body;
    }
  }

  function readRaw() {
    if (op.kind === "cli") return { cli: rawCli.value };
    return { method: rawMethod.value, path: rawPath.value, body: rawBody.value };
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
    showRawKind();
    refreshActorList();
    if (!keepRaw) writeRaw();
  }

  function onFieldInput(field) {
    const entry = inputs.get(field.key);
    values[field.key] = entry.input.value;
    if (field.key === "shareType") {
      refreshList("id");
      refreshList("name");
    }
    refreshList(field.key);
    writeRaw();
    changed();
  }

  function onRawInput() {
    const raw = readRaw();
    let target = op.fromRaw(raw) ? op : operationForRaw(raw);
    if (target && target !== op) {
      selectOperation(target.name, { keepRaw: true, rawValues: target.fromRaw(raw) });
    } else if (target) {
      values = { ...values, ...target.fromRaw(raw) };
      writeFormValues();
    }
    changed();
  }

  function scopes() {
    const list = [...document.querySelectorAll("input.scope")].filter((c) => c.checked).map((c) => c.value);
    for (const s of scopesExtra.value.split(/\s+/)) if (s) list.push(s);
    return list;
  }

  // The preview request (api.md "Request").
  function request() {
    const actor = actorInput.value === "" ? null : actorInput.value;
    if (op.kind === "cli") return { actor, cli: rawCli.value };
    const http = { method: rawMethod.value, path: rawPath.value };
    // The body goes as the raw text: the core parses it as the vendor would (bad JSON → 400).
    if (rawBody.value.trim() !== "") http.body = rawBody.value;
    const req = { actor };
    if (op.system === "webex") req.scopes = scopes();
    req.http = http;
    return req;
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
  scopesBox.addEventListener("input", changed);
  for (const node of [rawCli, rawMethod, rawPath, rawBody]) node.addEventListener("input", onRawInput);
  rawMethod.addEventListener("change", onRawInput);

  // Initial form, before any state is loaded.
  fillOperations(op.system);
  opHint.textContent = op.title;
  systemSelect.value = op.system;
  buildForm();
  showRawKind();

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
