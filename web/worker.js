// The engine's home: this worker owns the share-policy package instance, the loaded state and its
// history, so that loading a large state or evaluating a call never blocks the page.
// Messages in: { id, type, ...payload }; out: { id, ok, value } | { id, ok: false, error },
// and { type: "progress", stage, fraction? } while loading.
import { buildMirror, catalogOf } from "./mirror.js";
import {
  accessTable,
  changeRecords,
  lossesOf,
  reassignCsv,
  reassignRecords,
  reassignSlice,
  tableCsv,
} from "./tables.js";
import { buildSources, filterOptions } from "./pickers.js";

let sp = null;
let ws = null; // the loaded state (engine handle)
let mirror = null; // names for ids, read once at load (web/mirror.js)
// Undo and redo steps are engine handles (LoadedState.clone, copy-on-write): an undo swaps the
// handle back, so neither costs what the state costs. { handle, request, label }
let undoStack = [];
let redoStack = [];
let stateName = "";
let sources = {}; // every picker option of the loaded state (the page gets the first few)
let shown = null; // the last preview's full result, for its CSV files: { seq, result }
// A reassignment preview is paged (LoadedState.previewReassign with { items }): its lists stay in
// the engine, on this clone of the state, so that no other call drops them while the page reads
// its rows and CSV (docs/DECISIONS.md "Paged reassignment results").
let pagedHandle = null;
const HEAD = 400;
// An undo step keeps its own copy of each section an apply changed after it (copy-on-write per
// section). Counting a step as the state text's size (an M state's HMP section copy is under a
// third of its 113 MB text: 40 steps fit in the 2 GiB module), keep at most UNDO_BYTES of them
// (9 steps on M), and at most UNDO_STEPS.
const UNDO_STEPS = 64;
const UNDO_BYTES = 1024 * 1024 * 1024;
let undoLimit = UNDO_STEPS;
const SHOWN = 500; // rows of changes / moves sent to the page
const SNIPPET_BYTES = 64 * 1024 * 1024; // a file that failed to load is read again to show where, up to this

const progress = (stage, fraction) => postMessage({ type: "progress", stage, fraction });

function inputError(e) {
  if (e && typeof e === "object" && typeof e.code === "string" && "pointer" in e) {
    return { code: e.code, message: String(e.message ?? ""), pointer: String(e.pointer ?? "") };
  }
  return { code: "INTERNAL", message: String(e?.message ?? e), pointer: "" };
}

const asText = (v) => (typeof v === "string" ? v : JSON.stringify(v));
const asObject = (v) => (typeof v === "string" ? JSON.parse(v) : v);

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
  const around = (from ? "…" : "") + text.slice(from, position + 80) + (position + 80 < text.length ? "…" : "");
  return { at: `character ${position}`, text: around };
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

function dropSteps(stack) {
  for (const e of stack) e.handle.dispose();
  stack.length = 0;
}

// Replaces the state with `text`, all or nothing. Returns what the page shows about it.
function loadText(text) {
  progress("engine", undefined);
  const t0 = performance.now();
  const next = sp.load(text); // throws SharePolicyError on a bad state: nothing is replaced
  return adopt(next, text.length, performance.now() - t0);
}

// Replaces the state with a file's, read as a stream (the package's loadStream): the text never
// exists whole here, so a state past the longest JavaScript string loads too. Progress as it reads.
async function loadFile(file) {
  let reported = 0; // a message per half percent at most
  const onProgress = ({ bytesRead, totalBytes }) => {
    const fraction = bytesRead / Math.max(1, totalBytes);
    if (fraction - reported >= 0.005 || fraction >= 1) progress("engine", (reported = fraction));
    // Read to the end: the engine finishes the load (a bar without a value, and the seconds).
    if (fraction >= 1) progress("engine", undefined);
  };
  progress("engine", 0);
  const t0 = performance.now();
  const next = await sp.loadStream(file, { onProgress });
  return adopt(next, file.size, performance.now() - t0);
}

// The names the pickers and tables show, from the engine's outline of the state (no shares or
// memberships: a small part of a large state, where the whole state's text took seconds to write
// and parse); past the longest string it cannot be one, and the pickers show ids without names.
function namesOf(handle) {
  try {
    return handle.outline();
  } catch (e) {
    if (e?.code !== "LIMIT_EXCEEDED") throw e;
    return {};
  }
}

// Makes `next` the loaded state, with its names for the pickers and tables.
function adopt(next, bytes, engineMs) {
  progress("index", undefined);
  let nextMirror;
  try {
    nextMirror = buildMirror(namesOf(next));
  } catch (e) {
    next.dispose();
    throw e;
  }
  const summary = summaryOf(next);
  if (ws) ws.dispose();
  ws = next;
  mirror = nextMirror;
  shown = null;
  releasePaged();
  undoLimit = Math.max(1, Math.min(UNDO_STEPS, Math.floor(UNDO_BYTES / Math.max(1, bytes))));
  dropSteps(undoStack);
  dropSteps(redoStack);
  const catalog = catalogOf(mirror);
  sources = buildSources(catalog);
  return { summary, engineMs: Math.round(engineMs), bytes, catalog: headOf(catalog), history: status() };
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

// Evaluates without changing anything. A reassignment (the core says WRONG_ENTRY_POINT to
// canShare) is previewed with previewReassign, which leaves the loaded state as it is: for the
// page, paged (`paged`: its first SHOWN items, the rest read from pagedHandle); else its summary.
// `access`: which holders the access lists carry (undefined: the core's first 50; "all").
function evaluate(request, access, paged = false) {
  try {
    return ws.canShare(request, access === undefined ? undefined : { access });
  } catch (e) {
    if (e?.code !== "WRONG_ENTRY_POINT") throw e;
    if (!paged) return ws.previewReassign(request, { items: 0 });
    pagedHandle = ws.clone();
    return pagedHandle.previewReassign(request, { items: SHOWN });
  }
}

function releasePaged() {
  pagedHandle?.dispose();
  pagedHandle = null;
}

function applyOn(handle, request) {
  try {
    return handle.applyShare(request);
  } catch (e) {
    if (e?.code !== "WRONG_ENTRY_POINT") throw e;
    return handle.resolveReassign(request, { items: 0 });
  }
}

function requestLabel(request, result) {
  const what =
    request.cli !== undefined ? request.cli.replace(/\s+/g, " ") : `${request.http?.method} ${request.http?.path}`;
  const short = what.length > 140 ? what.slice(0, 139) + "…" : what;
  return `${result.operation}: ${short} (as ${request.actor ?? "no actor"})`;
}

// What the page needs of a result: the first rows of each table, their totals, and what is lost.
function forPage(result) {
  const changes = result.changes ?? [];
  const reply = {
    result,
    changeRows: changeRecords(mirror, changes, SHOWN),
    totalChanges: result.page?.totals.changes ?? changes.length,
    access: accessTable(mirror, result.access),
    losses: result.ok ? lossesOf(mirror, result.access) : [],
  };
  if (result.reassign) {
    // The page asks for more rows as the table scrolls (handlers.reassignRows).
    reply.reassignRows = reassignRecords(mirror, result.reassign, SHOWN);
    const counts = result.reassign.counts;
    reply.reassignCounts = { moved: counts.moved, skipped: counts.skipped };
  }
  // Only what the page shows crosses to it (a reassign-all can move 100k recordings).
  reply.result = { ...result, changes: changes.slice(0, SHOWN), reassign: undefined, access: undefined };
  return reply;
}

function applyRequest(request) {
  const before = ws.clone();
  let result;
  try {
    result = asObject(applyOn(ws, request));
  } catch (e) {
    before.dispose();
    throw e;
  }
  delete result.state;
  const count = result.page?.totals.changes ?? (result.changes ?? []).length;
  if (count) {
    undoStack.push({ handle: before, request, label: requestLabel(request, result) });
    while (undoStack.length > undoLimit) undoStack.shift().handle.dispose();
    dropSteps(redoStack);
  } else {
    before.dispose();
  }
  return { count, summary: summaryOf(ws), history: status() };
}

// Undo and redo: the current handle goes to the other stack, the step's handle becomes current.
function swapStep(from, to) {
  const entry = from.pop();
  if (!entry) return { history: status() };
  to.push({ handle: ws, request: entry.request, label: entry.label });
  ws = entry.handle;
  return { summary: summaryOf(ws), history: status() };
}

// A scenario runs in the core (runScenario: the same runner as `share-policy test`); the page
// lays out its steps and mismatches. The text is parsed here only to point at an input error.
function runScenario(text) {
  let outcomes;
  try {
    outcomes = sp.runScenario(text);
  } catch (e) {
    const error = inputError(e);
    return { error, snippet: locate(text, error.pointer), rows: [] };
  }
  const steps = JSON.parse(text).steps;
  const rows = outcomes.map(({ result, mismatches }, index) => {
    const hasExpect = steps[index]?.expect !== undefined;
    return {
      index,
      name: steps[index]?.name,
      operation: result.operation,
      ok: result.ok,
      response: result.response,
      fidelity: result.fidelity,
      changes: (result.changes ?? []).length,
      expect: hasExpect ? steps[index].expect : undefined,
      mismatches,
      pass: hasExpect ? mismatches.length === 0 : null,
    };
  });
  return { rows };
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
        const error = { code: "STATE_INVALID", message: "The file is not valid UTF-8 text", pointer: "" };
        return { error, snippet: null };
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
  // A file the user opened or dropped: streamed into the engine. An error's snippet needs the text:
  // read only for a file small enough to show.
  async loadFile({ file, name }) {
    try {
      const value = await loadFile(file);
      stateName = name ?? "";
      value.history = status();
      return value;
    } catch (e) {
      const error = inputError(e);
      return { error, snippet: file.size <= SNIPPET_BYTES ? locate(await file.text(), error.pointer) : null };
    }
  },
  preview({ request, seq, access }) {
    if (!ws) return { error: { code: "NO_STATE", message: "No state is loaded", pointer: "" } };
    const t0 = performance.now();
    let result;
    releasePaged();
    try {
      result = asObject(evaluate(request, access, true));
    } catch (e) {
      return { error: inputError(e), ms: performance.now() - t0 };
    }
    delete result.state;
    const ms = performance.now() - t0;
    shown = { seq, result };
    return { ...forPage(result), ms };
  },
  // Every row of one table of the preview the page shows, as CSV text.
  csv({ table, seq }) {
    if (!shown || shown.seq !== seq) {
      return { error: { code: "STALE", message: "The preview changed: export again", pointer: "" } };
    }
    const r = shown.result;
    if (r.page && table === "reassign") return { text: reassignCsv(mirror, r) };
    // A paged result's changes, every one (its access table reads access.owners, never cut).
    if (r.page && table === "changes") return { text: tableCsv(mirror, table, { changes: allItems(r, "changes") }) };
    return { text: tableCsv(mirror, table, r) };
  },
  // Rows [offset, offset + limit) of the reassignment table of the preview on screen.
  reassignRows({ seq, offset, limit }) {
    if (!shown || shown.seq !== seq) return { error: { code: "STALE", message: "The preview changed", pointer: "" } };
    return { rows: reassignSlice(mirror, shown.result, offset, limit) };
  },
  apply({ request }) {
    try {
      return applyRequest(request);
    } catch (e) {
      return { error: inputError(e) };
    }
  },
  undo() {
    return swapStep(undoStack, redoStack);
  },
  redo() {
    return swapStep(redoStack, undoStack);
  },
  suggest({ source, typed, limit }) {
    return filterOptions(sources[source] ?? [], typed, limit);
  },
  exportState() {
    return { text: asText(ws.toJSON()), name: stateName };
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

// Every item of a paged result's list, read a chunk at a time.
function allItems(result, list) {
  const out = [];
  for (let at = 0; at < result.page.totals[list]; at += 20000) out.push(...result.items(list, at, 20000));
  return out;
}

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
    const error = { code: e?.code ?? "INTERNAL", message: String(e?.message ?? e), pointer: e?.pointer ?? "" };
    postMessage({ id, ok: false, error });
  }
};
