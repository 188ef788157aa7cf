// Pinned checks: any composed call can be pinned; after every apply, undo, redo or load each pin
// is evaluated again (by the core, in the worker) and a verdict that changed is highlighted, as
// SpiceDB's check watches do. Pins export as a scenario file whose steps are checks
// ("apply": false) expecting today's verdicts, which `share-policy test` runs.
import { $, el, clear } from "./dom.js";
import { fillComposer } from "./link.js";

const MAX_PINS = 200;

// What a pin's verdict is made of: the outcome and the exact wire response (or the input error).
function verdictKey(v) {
  return v.inputError ? `input:${v.inputError.code}` : JSON.stringify([v.ok, v.response]);
}

function responseText(response) {
  if (!response) return "";
  if (response.line !== undefined) return response.line;
  return `HTTP ${response.status}`;
}

function verdictText(v) {
  if (!v) return "…";
  if (v.inputError) return `Not evaluated (${v.inputError.code})`;
  return `${v.ok ? "Allowed" : "Denied"} · ${responseText(v.response)}`;
}

function labelOf(request) {
  const what =
    request.cli !== undefined ? request.cli.replace(/\s+/g, " ") : `${request.http.method} ${request.http.path}`;
  const short = what.length > 90 ? what.slice(0, 89) + "…" : what;
  return `${short} (as ${request.actor ?? "no actor"})`;
}

function download(name, text) {
  const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
  const a = el("a", { href: url, download: name });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

// `call(type, payload)` reaches the worker; `request()` is the composed call.
export function createPins({ call, request }) {
  const pins = []; // { id, request, label, verdict, previous, changedBy }
  let nextId = 1;
  let checking = Promise.resolve();

  const pinButton = el("button", { type: "button", id: "pin-call" }, "Pin this call");
  $(".preview-actions").append(pinButton);
  const list = el("ol", { id: "pin-list", class: "pin-list" });
  const exportButton = el("button", { type: "button", id: "pins-export", disabled: true }, "Export as scenario");
  const note = el("p", { id: "pins-note", class: "hint", role: "status", "aria-live": "polite" });
  const panel = el(
    "section",
    { id: "pins", class: "panel", "aria-labelledby": "pins-h" },
    el("h2", { id: "pins-h" }, "Pinned checks"),
    el(
      "p",
      { class: "hint" },
      "Pinned calls are checked again after every apply, undo and load; " + "a verdict that changes is highlighted."
    ),
    list,
    el("div", { class: "pin-actions" }, exportButton),
    note
  );
  $("#history").before(panel);

  function render() {
    clear(list);
    if (!pins.length) list.appendChild(el("li", { class: "empty" }, "No pinned calls yet: compose one and pin it."));
    for (const pin of pins) {
      const changed = pin.previous !== undefined;
      const item = el(
        "li",
        {
          class: `pin${changed ? " pin-changed" : ""}`,
          dataset: {
            pin: String(pin.id),
            verdict: pin.verdict ? (pin.verdict.inputError ? "input" : pin.verdict.ok ? "ok" : "denied") : "",
            changed: String(changed),
          },
        },
        el("div", { class: "pin-label" }, el("code", {}, pin.label)),
        el(
          "div",
          { class: "pin-verdict" },
          el("strong", {}, verdictText(pin.verdict)),
          changed
            ? el("span", { class: "pin-was" }, ` — changed after ${pin.changedBy}; was ${verdictText(pin.previous)}`)
            : null
        ),
        el(
          "div",
          { class: "pin-buttons" },
          el("button", { type: "button", class: "pin-open", onclick: () => fillComposer(pin.request) }, "Open"),
          changed ? el("button", { type: "button", class: "pin-ack", onclick: () => acknowledge(pin) }, "Seen") : null,
          el("button", { type: "button", class: "pin-remove", onclick: () => remove(pin) }, "Remove")
        )
      );
      list.appendChild(item);
    }
    exportButton.disabled = !pins.some((p) => p.verdict && !p.verdict.inputError);
    panel.dataset.count = String(pins.length);
    panel.dataset.changed = String(pins.filter((p) => p.previous !== undefined).length);
  }

  function acknowledge(pin) {
    delete pin.previous;
    delete pin.changedBy;
    render();
  }

  function remove(pin) {
    pins.splice(pins.indexOf(pin), 1);
    render();
  }

  // Evaluates every pin (one worker round trip) and marks those whose verdict changed.
  function recheck(reason) {
    if (!pins.length) return checking;
    checking = checking.then(async () => {
      panel.dataset.state = "checking";
      const current = pins.slice();
      let verdicts;
      try {
        verdicts = await call("checkPins", { requests: current.map((p) => p.request) });
      } catch (e) {
        note.textContent = `The pins could not be checked: ${e.message}`;
        panel.dataset.state = "ready";
        return;
      }
      current.forEach((pin, i) => {
        const next = verdicts[i];
        // Highlighted until "Seen": the verdict before this change, and what changed it.
        if (pin.verdict && verdictKey(pin.verdict) !== verdictKey(next)) {
          pin.previous = pin.verdict;
          pin.changedBy = reason;
        }
        pin.verdict = next;
      });
      const changed = current.filter((p) => p.previous !== undefined).length;
      note.textContent = changed ? `${changed} pinned verdict${changed === 1 ? "" : "s"} changed.` : "";
      render();
      panel.dataset.state = "ready";
    });
    return checking;
  }

  pinButton.addEventListener("click", () => {
    if (pins.length >= MAX_PINS) {
      note.textContent = `At most ${MAX_PINS} pins.`;
      return;
    }
    const req = request();
    const label = labelOf(req);
    const key = JSON.stringify(req);
    if (pins.some((p) => JSON.stringify(p.request) === key)) {
      note.textContent = "This call is already pinned.";
      return;
    }
    pins.push({ id: nextId++, request: structuredClone(req), label, verdict: null });
    note.textContent = `Pinned: ${label}`;
    render();
    recheck("pin");
  });

  // A scenario of checks against the current state: each step expects the verdict shown now.
  exportButton.addEventListener("click", async () => {
    await checking;
    const { text, name } = await call("exportState");
    const checks = pins.filter((p) => p.verdict && !p.verdict.inputError);
    const steps = checks.map((p) => ({
      name: p.label,
      apply: false,
      request: p.request,
      expect: { ok: p.verdict.ok, response: p.verdict.response },
    }));
    const skipped = pins.length - checks.length;
    const scenario = `{"state":${text},"steps":${JSON.stringify(steps, null, 2)}}\n`;
    download(`${(name || "state").replace(/^sample /, "").replace(/\.json$/i, "")}-pinned-checks.json`, scenario);
    note.textContent =
      `Exported ${steps.length} check${steps.length === 1 ? "" : "s"}; run them with ` +
      "share-policy test FILE." +
      (skipped ? ` ${skipped} pin(s) that are input errors were left out.` : "");
  });

  render();
  return {
    recheck,
    get count() {
      return pins.length;
    },
  };
}
