// The engine's home: this worker owns the share-policy package instance, the loaded state and its
// history, so that loading a large state or evaluating a call never blocks the page.
// Messages in: { id, type, ...payload }; out: { id, ok, value } | { id, ok: false, error },
// and { type: "progress", stage, fraction? } while loading.
import { buildMirror, catalogOf, patchMirror } from "./mirror.js";
import { accessRows, describeChanges } from "./access.js";
import { buildSources, filterOptions } from "./pickers.js";

let sp = null;
let ws = null; // the loaded state (engine handle)
let mirror = null; // the page's read-only index of the same state
let stateText = null; // the current state as text, when known (for undo snapshots)
let webexText = null; // the Webex section alone, for reassignment previews
let undoStack = []; // { text, request, label }
let redoStack = []; // { request, label }
let stateName = "";
let sources = {}; // every picker option of the loaded state (the page gets the first few)
const HEAD = 400;
const UNDO_BYTES = 512 * 1024 * 1024;
const SHOWN = 500; // rows of changes / moves sent to the page

const progress = (stage, fraction) => postMessage({ type: "progress", stage, fraction });

function inputError(e) {
  if (e && typeof e === "object" && typeof e.code === "string" && "pointer" in e) {
    return { code: e.code, message: String(e.message ?? ""), pointer: String(e.pointer ?? "") };
  }
  return { code: "INTERNAL", message: String(e?.message ?? e), pointer: "" };
}

const asText = (v) => (typeof v === "string" ? v : JSON.stringify(v));
const asObject = (v) => (typeof v === "string" ? JSON.parse(v) : v);

function currentText() {
  if (stateText === null) stateText = asText(ws.toJSON());
  return stateText;
}

// Pointer → the value there (or the nearest existing ancestor), as a short snippet.
function snippetAt(root, pointer) {
  let node = root;
  let reached = "";
  if (pointer) {
    for (const raw of pointer.split("/").slice(1)) {
      const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
      if (node !== null && typeof node === "object" && key in node) {
        node = node[key];
        reached += "/" + raw;
      } else break;
    }
  }
  const show = (v) => {
    const t = JSON.stringify(v, null, 2) ?? String(v);
    return t.length > 600 ? t.slice(0, 599) + "…" : t;
  };
  const out = { at: reached, text: show(node) };
  // A bare value says little: show the element holding it too.
  if (reached && (node === null || typeof node !== "object")) {
    const up = reached.slice(0, reached.lastIndexOf("/"));
    const parentPath = up.split("/").slice(1);
    let parent = root;
    for (const raw of parentPath) parent = parent[raw.replace(/~1/g, "/").replace(/~0/g, "~")];
    const grand = up.slice(0, up.lastIndexOf("/"));
    let holder = parent;
    let holderAt = up;
    if (Array.isArray(parent) && grand) {
      holder = root;
      for (const raw of grand.split("/").slice(1)) holder = holder[raw.replace(/~1/g, "/").replace(/~0/g, "~")];
      holderAt = grand;
    }
    out.context = { at: holderAt || "/", text: show(holder) };
  }
  return out;
}

function textSnippet(text, position) {
  const from = Math.max(0, position - 80);
  return { at: `character ${position}`, text: (from ? "…" : "") + text.slice(from, position + 80) + (position + 80 < text.length ? "…" : "") };
}

// Where the error points, in the text the user gave: the value at the pointer, or, for text that
// is not JSON, the characters around the place JSON.parse stopped.
function locate(text, pointer) {
  try {
    return snippetAt(JSON.parse(text), pointer);
  } catch (e) {
    const m = /position (\d+)/.exec(String(e.message));
    return m ? textSnippet(text, Number(m[1])) : { at: "", text: text.slice(0, 160) };
  }
}

function summaryOf(handle) {
  return asObject(handle.summary());
}

function status() {
  return {
    undo: undoStack.length,
    redo: redoStack.length,
    undoLabels: undoStack.map((e) => e.label),
    redoLabels: redoStack.map((e) => e.label),
    name: stateName,
  };
}

// Replaces the state with `text`, all or nothing. Returns what the page shows about it.
function loadText(text, { keepHistory = false } = {}) {
  progress("engine", undefined);
  const t0 = performance.now();
  const next = sp.load(text); // throws SharePolicyError on a bad state: nothing is replaced
  const engineMs = performance.now() - t0;
  progress("index", undefined);
  let nextMirror;
  try {
    nextMirror = buildMirror(JSON.parse(text));
  } catch (e) {
    next.dispose();
    throw e;
  }
  const summary = summaryOf(next);
  if (ws) ws.dispose();
  ws = next;
  mirror = nextMirror;
  stateText = text;
  webexText = null;
  if (!keepHistory) {
    undoStack = [];
    redoStack = [];
  }
  const catalog = catalogOf(mirror);
  sources = buildSources(catalog);
  return { summary, engineMs: Math.round(engineMs), bytes: text.length, catalog: headOf(catalog), history: status() };
}

// The catalog cut to its first HEAD entries per list: a large state's full lists would cost the
// page seconds to receive; the rest is reached through "suggest".
function headOf(catalog) {
  const out = { truncated: false };
  for (const [system, lists] of Object.entries(catalog)) {
    out[system] = {};
    for (const [name, list] of Object.entries(lists)) {
      out[system][name] = list.length > HEAD ? list.slice(0, HEAD) : list;
      if (list.length > HEAD) out.truncated = true;
    }
  }
  return out;
}

function webexOnly() {
  if (webexText === null) webexText = JSON.stringify({ schema: "share-policy/state@1", ...(mirror.state.webex ? { webex: mirror.state.webex } : {}) });
  return webexText;
}

// Evaluates without changing anything. A reassignment (the core says WRONG_ENTRY_POINT to
// canShare) is previewed with the stateless resolveReassign on the Webex section alone: a loaded
// state's resolveReassign would apply it.
function evaluate(request) {
  try {
    return ws.canShare(request);
  } catch (e) {
    if (e?.code !== "WRONG_ENTRY_POINT") throw e;
    return sp.resolveReassign(webexOnly(), request);
  }
}

function applyOn(handle, request) {
  try {
    return handle.applyShare(request);
  } catch (e) {
    if (e?.code !== "WRONG_ENTRY_POINT") throw e;
    return handle.resolveReassign(request);
  }
}

function requestLabel(request, result) {
  const what = request.cli !== undefined ? request.cli.replace(/\s+/g, " ") : `${request.http?.method} ${request.http?.path}`;
  return `${result.operation}: ${what.length > 140 ? what.slice(0, 139) + "…" : what} (as ${request.actor ?? "no actor"})`;
}

function applyRequest(request, { fromRedo = false } = {}) {
  const snapshot = currentText();
  const result = asObject(applyOn(ws, request));
  const changes = result.changes ?? [];
  const label = requestLabel(request, result);
  if (changes.length) {
    stateText = null;
    webexText = null;
    const before = describeChanges(mirror, changes);
    patchMirror(mirror, changes);
    undoStack.push({ text: snapshot, request, label });
    let bytes = undoStack.reduce((n, e) => n + e.text.length, 0);
    while (undoStack.length > 1 && bytes > UNDO_BYTES) bytes -= undoStack.shift().text.length;
    if (!fromRedo) redoStack = [];
    delete result.state;
    result.changes = changes.slice(0, SHOWN);
    if (result.reassign) result.reassign = { moved: result.reassign.moved.slice(0, SHOWN), skipped: result.reassign.skipped.slice(0, SHOWN) };
    return { result, count: changes.length, described: before, summary: summaryOf(ws), history: status() };
  }
  delete result.state;
  return { result, count: 0, described: [], summary: summaryOf(ws), history: status() };
}

function deepSubset(expect, actual) {
  if (expect === null || typeof expect !== "object") return expect === actual;
  if (Array.isArray(expect)) {
    return Array.isArray(actual) && actual.length === expect.length && expect.every((e, i) => deepSubset(e, actual[i]));
  }
  if (actual === null || typeof actual !== "object" || Array.isArray(actual)) return false;
  return Object.keys(expect).every((k) => deepSubset(expect[k], actual[k]));
}

function runScenario(text) {
  let doc;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return { error: { code: "REQUEST_INVALID", message: `The scenario is not JSON: ${e.message}`, pointer: "" }, snippet: locate(text, "") };
  }
  if (!doc || typeof doc !== "object" || !Array.isArray(doc.steps) || doc.state === undefined) {
    return { error: { code: "REQUEST_INVALID", message: 'A scenario is {"state": {…}, "steps": [{"request": {…}}, …]}', pointer: "" }, rows: [] };
  }
  let handle;
  try {
    handle = sp.load(typeof doc.state === "string" ? doc.state : JSON.stringify(doc.state));
  } catch (e) {
    const err = inputError(e);
    return { error: { ...err, pointer: "/state" + err.pointer }, snippet: snippetAt(doc, "/state" + err.pointer), rows: [] };
  }
  const rows = [];
  try {
    for (let i = 0; i < doc.steps.length; i++) {
      const step = doc.steps[i] ?? {};
      let result;
      try {
        result = asObject(applyOn(handle, step.request));
      } catch (e) {
        const err = inputError(e);
        const pointer = `/steps/${i}/request${err.pointer}`;
        return { error: { ...err, pointer }, snippet: snippetAt(doc, pointer), rows };
      }
      delete result.state;
      const hasExpect = step.expect !== undefined;
      rows.push({
        index: i,
        operation: result.operation,
        ok: result.ok,
        response: result.response,
        fidelity: result.fidelity,
        changes: (result.changes ?? []).length,
        expect: hasExpect ? step.expect : undefined,
        pass: hasExpect ? deepSubset(step.expect, result) : null,
      });
    }
    return { rows, finalSummary: summaryOf(handle) };
  } finally {
    handle.dispose();
  }
}

const handlers = {
  async init() {
    progress("engine-load", undefined);
    const mod = await import("./share-policy/index.js");
    sp = await mod.createSharePolicy();
    return { ready: true };
  },
  load({ buffer, text, name }) {
    if (text === undefined) {
      progress("decode", undefined);
      try {
        text = new TextDecoder("utf-8", { fatal: true }).decode(buffer);
      } catch {
        return { error: { code: "STATE_INVALID", message: "The file is not valid UTF-8 text", pointer: "" }, snippet: null };
      }
    }
    try {
      const value = loadText(text);
      stateName = name ?? "";
      value.history = status();
      return value;
    } catch (e) {
      const error = inputError(e);
      return { error, snippet: locate(text, error.pointer) };
    }
  },
  preview({ request }) {
    if (!ws) return { error: { code: "NO_STATE", message: "No state is loaded", pointer: "" } };
    const t0 = performance.now();
    let result;
    try {
      result = asObject(evaluate(request));
    } catch (e) {
      return { error: inputError(e), ms: performance.now() - t0 };
    }
    delete result.state;
    const changes = result.changes ?? [];
    const ms = performance.now() - t0;
    const reply = { result, described: describeChanges(mirror, changes), access: accessRows(mirror, result.access), ms, totalChanges: changes.length };
    // Only what the page can show crosses to it (a reassign-all can move 100k recordings).
    if (changes.length > SHOWN) result.changes = changes.slice(0, SHOWN);
    if (result.reassign) {
      const { moved = [], skipped = [] } = result.reassign;
      reply.reassignCounts = { moved: moved.length, skipped: skipped.length };
      result.reassign = { moved: moved.slice(0, SHOWN), skipped: skipped.slice(0, SHOWN) };
    }
    return reply;
  },
  apply({ request }) {
    try {
      return applyRequest(request);
    } catch (e) {
      return { error: inputError(e) };
    }
  },
  undo() {
    const entry = undoStack.pop();
    if (!entry) return { history: status() };
    const value = loadText(entry.text, { keepHistory: true });
    redoStack.push({ request: entry.request, label: entry.label });
    value.history = status();
    return value;
  },
  redo() {
    const entry = redoStack.pop();
    if (!entry) return { history: status() };
    const out = applyRequest(entry.request, { fromRedo: true });
    return out;
  },
  suggest({ source, typed, limit }) {
    return filterOptions(sources[source] ?? [], typed, limit);
  },
  exportState() {
    return { text: currentText(), name: stateName };
  },
  scenario({ text }) {
    return runScenario(text);
  },
  // The access explorer and pinned checks (web/explorer.js, web/pins.js).
  whoCan({ query }) {
    return explore(() => ws.whoCan(query));
  },
  whatCan({ query }) {
    return explore(() => ws.whatCan(query));
  },
  checkPins({ requests }) {
    return requests.map(verdictOf);
  },
};

function explore(ask) {
  if (!ws) return { error: { code: "NO_STATE", message: "No state is loaded", pointer: "" } };
  const t0 = performance.now();
  try {
    return { result: asObject(ask()), ms: performance.now() - t0 };
  } catch (e) {
    return { error: inputError(e) };
  }
}

// A pinned call's verdict: the outcome and the wire response, or the input error.
function verdictOf(request) {
  try {
    const r = asObject(evaluate(request));
    return { operation: r.operation, ok: r.ok, response: r.response };
  } catch (e) {
    return { inputError: inputError(e) };
  }
}

self.onmessage = async (event) => {
  const { id, type, ...payload } = event.data;
  try {
    const value = await handlers[type](payload);
    postMessage({ id, ok: true, value });
  } catch (e) {
    postMessage({ id, ok: false, error: { code: e?.code ?? "INTERNAL", message: String(e?.message ?? e), pointer: e?.pointer ?? "" } });
  }
};
