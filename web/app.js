// The preview page: wires the state loader, the composer, the engine worker and the renderers.
import { $ } from "./dom.js";
import { createWorkerClient } from "./worker-client.js";
import { createStateStore } from "./state-store.js";
import { createComposer } from "./compose.js";
import { wireStateInputs, wireScenarioInput } from "./loader.js";
import { renderSummary, renderLoadError, renderPreview, renderHistory, renderScenario } from "./render.js";
import { createExplorer } from "./explorer.js";
import { createPins } from "./pins.js";
import { createLinks } from "./link.js";

const STAGES = {
  "engine-load": "Starting the engine…",
  read: "Reading",
  decode: "Decoding the text…",
  engine: "Checking and indexing the state…",
  index: "Indexing names for the pickers…",
};

const store = createStateStore();
const progressBox = $("#load-progress-box");
const progressBar = $("#load-progress");
const progressStage = $("#load-stage");
const engineStatus = $("#engine-status");
let loadStarted = 0;
let loadTimer = 0;

function showProgress(stage, fraction) {
  progressBox.hidden = false;
  const label = STAGES[stage] ?? stage;
  if (fraction === undefined) {
    progressBar.removeAttribute("value");
    const seconds = ((performance.now() - loadStarted) / 1000).toFixed(1);
    progressStage.textContent = `${label} (${seconds} s)`;
  } else {
    progressBar.value = fraction;
    progressStage.textContent = `${label} ${Math.round(fraction * 100)}%`;
  }
  progressStage.dataset.stage = stage;
}

function startLoading() {
  loadStarted = performance.now();
  document.body.dataset.loading = "true";
  clearInterval(loadTimer);
  loadTimer = setInterval(() => {
    const stage = progressStage.dataset.stage;
    if (stage && STAGES[stage] && progressBar.getAttribute("value") === null) {
      showProgress(stage);
    }
  }, 200);
}

function endLoading() {
  clearInterval(loadTimer);
  progressBox.hidden = true;
  delete document.body.dataset.loading;
  delete progressStage.dataset.stage;
  progressStage.textContent = "";
}

const client = createWorkerClient({ onProgress: (msg) => showProgress(msg.stage, msg.fraction) });

// ---- preview, live as you type ---------------------------------------------------------------
let previewSeq = 0;
let previewTimer = 0;
let lastRequest = null;
const preview = $("#preview");
const applyButton = $("#apply");

const pending = $("#preview-pending");

// While a preview runs, the previous answer stays visible but marked as outdated.
function showPending(on) {
  pending.hidden = !on;
  preview.classList.toggle("stale", on);
  if (on) preview.setAttribute("aria-busy", "true");
  else preview.removeAttribute("aria-busy");
}

function schedulePreview(request) {
  lastRequest = request;
  const seq = ++previewSeq;
  preview.dataset.state = "pending";
  showPending(true);
  applyButton.disabled = true;
  clearTimeout(previewTimer);
  previewTimer = setTimeout(() => runPreview(request, seq), 40);
}

// Every row of one table of the preview on screen, as CSV text (built by the worker).
async function previewCsv(table, seq) {
  const reply = await client.call("csv", { table, seq });
  if (reply.error) throw new Error(reply.error.message);
  return reply.text;
}

// access: "all" when the page asks for every holder of the access lists ("show all").
async function runPreview(request, seq, access) {
  if (!store.get().loaded) return;
  const t0 = performance.now();
  let reply;
  try {
    reply = await client.call("preview", { request, seq, access });
  } catch (e) {
    reply = { error: { code: e.code ?? "INTERNAL", message: e.message, pointer: e.pointer ?? "" } };
  }
  if (seq !== previewSeq) return; // a newer request is on its way
  showPending(false);
  renderPreview(reply, request, {
    csv: (table) => previewCsv(table, seq),
    showAll: () => runPreview(request, seq, "all"),
  });
  preview.dataset.seq = String(seq);
  preview.dataset.ms = (performance.now() - t0).toFixed(1); // request → rendered answer
  preview.dataset.evalMs = reply.ms === undefined ? "" : reply.ms.toFixed(2); // the engine's evaluation alone
  applyButton.disabled = !(reply.result && (reply.totalChanges ?? 0) > 0);
}

const composer = createComposer({
  onChange: schedulePreview,
  suggest: (source, typed) => client.call("suggest", { source, typed, limit: 400 }),
});

// ---- unsaved history ---------------------------------------------------------------------------
// Applied calls live only in this page until the state is exported: loading another state or
// leaving the page asks first.
let historySeq = 0; // counts applies, undos and redos
let loadInfo = {}; // the loaded file's size and indexing time, for the summary line
let exportedSeq = 0;
const unsaved = () => store.get().history.undo > 0 && historySeq !== exportedSeq;

function confirmDiscard(what) {
  if (!unsaved()) return true;
  const n = store.get().history.undo;
  const calls = `${n} applied call${n === 1 ? "" : "s"}`;
  return confirm(
    `${what} replaces the state: the ${calls} not exported yet will be lost. ` +
      "Continue? (Cancel, then Export state, to keep them.)"
  );
}

addEventListener("beforeunload", (e) => {
  if (!unsaved()) return;
  e.preventDefault();
  e.returnValue = "";
});

// ---- who can / what can, pinned checks, links to a call (explorer.js, pins.js, link.js) ------
const explorer = createExplorer({
  call: (type, p) => client.call(type, p),
  suggest: (source, typed) => client.call("suggest", { source, typed, limit: 400 }),
});
const pins = createPins({ call: (type, p) => client.call(type, p), request: () => composer.request() });
const links = createLinks({ request: () => composer.request() });

// ---- loading a state -------------------------------------------------------------------------
async function load({ buffer, text, file, name }) {
  if (!confirmDiscard(`Loading ${name}`)) return false;
  startLoading();
  showProgress(file ? "engine" : "decode", file ? 0 : undefined);
  let reply;
  try {
    reply = file
      ? await client.call("loadFile", { file, name })
      : await client.call("load", { buffer, text, name }, buffer ? [buffer] : []);
  } catch (e) {
    reply = { error: { code: e.code ?? "INTERNAL", message: e.message, pointer: e.pointer ?? "" } };
  } finally {
    endLoading();
  }
  if (reply.error) {
    renderLoadError(reply.error, reply.snippet);
    $("#load").dataset.result = "error";
    return false;
  }
  renderLoadError(null);
  $("#load").dataset.result = "loaded";
  store.update({ loaded: true, name, summary: reply.summary, catalog: reply.catalog, history: reply.history }, "load");
  loadInfo = { bytes: reply.bytes, engineMs: reply.engineMs };
  renderSummary(reply.summary, { name, ...loadInfo });
  renderHistory(reply.history);
  $("#export").disabled = false;
  composer.setCatalog(reply.catalog, { reset: true });
  explorer.setCatalog(reply.catalog);
  pins.recheck("load");
  return true;
}

const stateInputs = wireStateInputs({
  load,
  onReadProgress: (fraction) => {
    if (!document.body.dataset.loading) startLoading();
    showProgress("read", fraction);
  },
});

// ---- apply, undo, redo, export ---------------------------------------------------------------
function afterStateChange(reply, note) {
  endLoading(); // nothing is loading now, whatever a progress message said before
  const applyNote = $("#apply-note");
  if (reply.error) {
    applyNote.textContent = `Not applied: ${reply.error.code} ${reply.error.message}`;
    return;
  }
  historySeq++;
  if (reply.summary) renderSummary(reply.summary, { name: store.get().name, ...loadInfo });
  store.update({ history: reply.history, summary: reply.summary ?? store.get().summary }, "history");
  renderHistory(reply.history);
  applyNote.textContent = note;
  if (lastRequest) schedulePreview(lastRequest);
  if (reply.catalog) explorer.setCatalog(reply.catalog);
  explorer.refresh();
  const cause = { applied: "apply", undone: "undo", redone: "redo" }[note.replace(/[:.].*$/, "").toLowerCase()];
  pins.recheck(cause ?? "a change");
}

applyButton.addEventListener("click", async () => {
  if (!lastRequest) return;
  applyButton.disabled = true;
  const reply = await client.call("apply", { request: lastRequest });
  const n = reply.count ?? 0;
  afterStateChange(reply, reply.error ? "" : `Applied: ${n} change${n === 1 ? "" : "s"}.`);
  // Apply is disabled now (the same call changes nothing more): keep focus where the outcome is said.
  if (document.activeElement === applyButton || document.activeElement === document.body) $("#apply-note").focus();
});

async function undo() {
  if (!store.get().history.undo) return;
  afterStateChange(await client.call("undo"), "Undone.");
}
async function redo() {
  if (!store.get().history.redo) return;
  afterStateChange(await client.call("redo"), "Redone.");
}
$("#undo").addEventListener("click", undo);
$("#redo").addEventListener("click", redo);

document.addEventListener("keydown", (e) => {
  const t = e.target;
  const editing = t instanceof HTMLElement && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
  if (editing || !(e.ctrlKey || e.metaKey)) return;
  if (e.key.toLowerCase() === "z" && !e.shiftKey) {
    e.preventDefault();
    undo();
  } else if ((e.key.toLowerCase() === "z" && e.shiftKey) || e.key.toLowerCase() === "y") {
    e.preventDefault();
    redo();
  }
});

$("#export").addEventListener("click", async () => {
  const { text, name } = await client.call("exportState");
  exportedSeq = historySeq;
  const blob = new Blob([text], { type: "application/json" });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = (name || "state").replace(/^sample /, "").replace(/\.json$/i, "") + "-edited.json";
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
});

$("#copy-wire").addEventListener("click", async () => {
  const text = [$("#wire-status").textContent, $("#wire-body").textContent].filter(Boolean).join("\n");
  const button = $("#copy-wire");
  try {
    await navigator.clipboard.writeText(text);
    button.textContent = "Copied";
  } catch {
    const range = document.createRange();
    range.selectNodeContents($("#wire-body"));
    getSelection().removeAllRanges();
    getSelection().addRange(range);
    button.textContent = "Selected — press Ctrl+C";
  }
  setTimeout(() => (button.textContent = "Copy"), 1500);
});

// ---- scenarios --------------------------------------------------------------------------------
wireScenarioInput({
  run: async (text) => {
    $("#scenario-result").textContent = "Running…";
    let reply;
    try {
      reply = await client.call("scenario", { text });
    } catch (e) {
      reply = { error: { code: e.code ?? "INTERNAL", message: e.message, pointer: e.pointer ?? "" }, rows: [] };
    }
    renderScenario(reply);
    $("#scenario").dataset.result = reply.error ? "error" : "done";
  },
});

// ---- start -------------------------------------------------------------------------------------
async function start() {
  try {
    await client.call("init");
  } catch (e) {
    engineStatus.textContent = `The engine could not start: ${e.message}`;
    engineStatus.classList.add("bad");
    return;
  }
  engineStatus.textContent = "Engine ready. Nothing you load or preview leaves this browser.";
  const wanted = new URLSearchParams(location.search).get("sample");
  const sample = ["hmp", "webex", "ocm", "combined"].includes(wanted) ? wanted : "combined";
  $("#sample").value = sample;
  try {
    await stateInputs.loadSample(sample);
  } catch (e) {
    renderLoadError({ code: "SAMPLE", message: e.message, pointer: "" });
  }
  links.openPending();
  document.body.dataset.ready = "true";
}
start();
