// Renders what the engine answered. Text only: every value from a state, request or result is put
// in with textContent (through el()), never as HTML.
import { $, el, clear, replaceChildren, shortJson } from "./dom.js";
import { csvText } from "./csv.js";

const REASON = {
  200: "OK",
  201: "Created",
  204: "No Content",
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  500: "Internal Server Error",
};

const SUMMARY_LABELS = {
  hmp: "HMP",
  webex: "Webex",
  ocm: "OCM",
};

// Count words of the summary: "1 feed", "2 feeds", "1 person", "3 access permissions".
const COUNT_WORDS = {
  people: ["person", "people"],
  accessPermissions: ["access permission", "access permissions"],
};
function countText(key, n) {
  const [one, many] = COUNT_WORDS[key] ?? [key.replace(/s$/, ""), key];
  return `${Number(n).toLocaleString("en")} ${Number(n) === 1 ? one : many}`;
}

export function renderSummary(summary, { name, bytes, engineMs } = {}) {
  const box = $("#summary");
  clear(box);
  if (!summary) return;
  const rows = [];
  for (const system of ["hmp", "webex", "ocm"]) {
    const counts = summary[system];
    if (!counts) continue;
    const parts = Object.entries(counts).map(([k, n]) => countText(k, n));
    rows.push(el("tr", {}, el("th", { scope: "row" }, SUMMARY_LABELS[system]), el("td", {}, parts.join(" · "))));
  }
  const head = [name ? `Loaded ${name}` : "Loaded state"];
  if (bytes) head.push(`${(bytes / 1048576).toFixed(bytes > 1048576 ? 0 : 2)} MB`);
  if (engineMs !== undefined) head.push(`indexed in ${engineMs} ms`);
  box.appendChild(el("p", { class: "summary-head", id: "summary-head" }, head.join(" · ")));
  const body = el("tbody", {}, rows.length ? rows : el("tr", {}, el("td", {}, "The state is empty")));
  const caption = el("caption", { class: "sr-only" }, "What the state holds");
  box.appendChild(el("table", { class: "summary", id: "summary-table" }, caption, body));
  const warnings = summary.stateWarnings ?? [];
  if (warnings.length) {
    const items = warnings.map((w) =>
      el("li", {}, el("code", {}, w.code), " ", w.message, w.pointer ? ` (at ${w.pointer})` : "")
    );
    box.appendChild(el("ul", { class: "state-warnings", "aria-label": "State warnings" }, items));
  }
}

// An input error: code, message, JSON pointer and what is there.
export function errorBlock(error, snippet, { title } = {}) {
  return el(
    "div",
    { class: "input-error" },
    el("p", { class: "error-title" }, title ?? "Input error", " ", el("code", { class: "error-code" }, error.code)),
    el("p", { class: "error-message" }, error.message),
    el(
      "p",
      {},
      "At JSON pointer ",
      el("code", { class: "error-pointer" }, error.pointer === "" ? '"" (the whole document)' : error.pointer)
    ),
    snippet && snippet.text !== undefined
      ? el(
          "div",
          {},
          el(
            "p",
            { class: "hint" },
            snippet.at !== error.pointer && snippet.at ? `Nearest existing place: ${snippet.at}` : "Found there:"
          ),
          el("pre", { class: "code error-snippet" }, snippet.text),
          snippet.context ? el("p", { class: "hint" }, `Inside ${snippet.context.at}:`) : null,
          snippet.context ? el("pre", { class: "code error-context" }, snippet.context.text) : null
        )
      : null
  );
}

export function renderLoadError(error, snippet) {
  const box = $("#load-error");
  box.hidden = !error;
  clear(box);
  const title = "The state was not loaded (the previous state is kept):";
  if (error) box.appendChild(errorBlock(error, snippet, { title }));
}

// The wire response as it would arrive: the HMP line, or the HTTP status and JSON body.
export function wireText(response) {
  if (!response) return { status: "", body: "" };
  if ("line" in response) return { status: "", body: response.line };
  const status = `HTTP ${response.status} ${REASON[response.status] ?? ""}`.trim();
  const body = response.status === 204 && response.body === null ? "" : JSON.stringify(response.body, null, 2);
  return { status, body };
}

// Saves CSV text as a file: built in the page or the worker and handed to the browser, nothing is sent.
function saveCsv(text, name) {
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv" }));
  const a = el("a", { href: url, download: `${name}.csv` });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// A result table with an "Export CSV" button; `csv` gives the text of every row (not only those shown).
function table(caption, headers, rows, { id, csv }) {
  const tableNode = el(
    "table",
    { id },
    el("caption", {}, caption),
    el(
      "thead",
      {},
      el(
        "tr",
        {},
        headers.map((h) => el("th", { scope: "col" }, h))
      )
    ),
    el("tbody", {}, rows)
  );
  const button = el("button", { type: "button", class: "csv-export", "data-csv": id }, "Export CSV");
  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      saveCsv(await csv(), id);
    } catch (e) {
      button.title = `Not exported: ${e.message}`;
    } finally {
      button.disabled = false;
    }
  });
  return el("div", { class: "table-wrap" }, button, tableNode);
}

const dash = (v) => (v === null || v === undefined || v === "" ? "—" : String(v));
const plural = (n, one, many = one + "s") => `${Number(n).toLocaleString("en")} ${n === 1 ? one : many}`;
const named = (name, id) => (name ? `${name} (${id})` : dash(id));

function renderInputError(reply, request) {
  const section = $("#preview");
  const verdict = $("#verdict");
  const jump = $("#jump-preview");
  jump.textContent = `Not evaluated: ${reply.error.code} — see why`;
  section.dataset.state = "input-error";
  verdict.className = "verdict verdict-input";
  verdict.appendChild(el("span", { class: "verdict-word" }, "Not evaluated"));
  const why = "the preview request itself is not usable (share-policy input error, not a vendor answer)";
  verdict.appendChild(el("span", { class: "verdict-detail" }, why));
  const snippet = request ? snippetOf(request, reply.error.pointer) : null;
  verdict.appendChild(errorBlock(reply.error, snippet, { title: "Preview request error" }));
}

// The verdict: allowed, allowed with a loss (named), or denied, with the core's fix and the scopes
// the preview assumed (Webex: the token's scopes are the caller's claim, not something the state knows).
function renderVerdict(reply, request) {
  const r = reply.result;
  const verdict = $("#verdict");
  const losses = reply.losses ?? [];
  const loss = r.ok && losses.length > 0;
  verdict.className = `verdict ${!r.ok ? "verdict-denied" : loss ? "verdict-loss" : "verdict-ok"}`;
  const word = !r.ok ? "Denied" : loss ? "Allowed, with a loss" : "Allowed";
  verdict.appendChild(el("span", { class: "verdict-word", id: "verdict-word" }, word));
  if (r.error) {
    const name = r.error.name ? " " + r.error.name : "";
    const text = `${r.error.code}${name}: ${r.error.message}`;
    verdict.appendChild(el("span", { class: "verdict-code", id: "verdict-code" }, text));
  }
  verdict.appendChild(el("span", { class: "verdict-op" }, r.operation));
  if (loss) verdict.appendChild(el("p", { class: "verdict-loss-text", id: "verdict-loss" }, losses.join("; ")));
  if (request?.scopes !== undefined) {
    const scopes = request.scopes.length ? request.scopes.join(" ") : "none";
    const text = `Assumed token scopes: ${scopes} (set under Caller; the state cannot tell what a token carries)`;
    verdict.appendChild(el("p", { class: "verdict-scopes", id: "verdict-scopes" }, text));
  }
  if (r.fix) {
    // The smallest change that would make the call succeed, as the core worked it out.
    const lead = el("strong", {}, "How to make it succeed: ");
    verdict.appendChild(el("p", { class: "fix", id: "fix" }, lead, r.fix.sentence));
  }
  const inferred = r.fidelity === "inferred";
  const title = inferred
    ? "An inferred rule decided: the vendor does not document this outcome exactly"
    : "The outcome follows documented vendor behaviour";
  const badge = `badge ${inferred ? "badge-inferred" : "badge-documented"}`;
  const fidelity = inferred ? "inferred rule decided" : "documented behaviour";
  verdict.appendChild(el("span", { class: badge, id: "fidelity", title }, fidelity));
  const ms = reply.ms < 1 ? reply.ms.toFixed(2) : Math.round(reply.ms);
  verdict.appendChild(el("span", { class: "timing" }, `${ms} ms`));
  return word;
}

function renderWire(r, word) {
  const wire = wireText(r.response);
  const jump = $("#jump-preview");
  jump.classList.add(!r.ok ? "denied" : word === "Allowed" ? "ok" : "loss");
  jump.textContent = `${word}: ${wire.status || wire.body.split("\n")[0]} — details`;
  const wireStatus = $("#wire-status");
  const wireBody = $("#wire-body");
  wireStatus.textContent = wire.status;
  wireStatus.hidden = wire.status === "";
  wireBody.textContent = wire.body;
  wireBody.hidden = wire.body === "";
  $("#wire-nobody").hidden = !(wire.body === "" && wire.status);
}

function changeRow(d) {
  const value = (v, name) => (name ? `${name} (${v})` : dash(v));
  const principal = d.principalId
    ? [
        d.principalName ? el("div", {}, d.principalName) : null,
        el("span", { class: "hint" }, `${d.principalType} `),
        el("code", { class: "id" }, d.principalId),
      ]
    : d.principalType || "—";
  return el(
    "tr",
    {},
    el(
      "td",
      {},
      d.assetName ? el("div", {}, d.assetName) : null,
      el("span", { class: "hint" }, `${d.assetKind} `),
      el("code", { class: "id" }, d.assetId)
    ),
    el("td", {}, principal),
    el(
      "td",
      { class: "delta" },
      el("span", { class: "before" }, value(d.before, d.beforeName)),
      el("span", { class: "arrow" }, " → "),
      el("span", { class: "after" }, value(d.after, d.afterName)),
      el("div", { class: "hint" }, d.type)
    )
  );
}

function renderChanges(reply, csv) {
  const r = reply.result;
  const box = $("#changes");
  const total = reply.totalChanges ?? 0;
  if (!total) {
    const text = r.ok ? "Nothing would change." : "Nothing would change: the vendor rejects the call.";
    box.appendChild(el("p", { class: "hint", id: "no-changes" }, text));
    return;
  }
  const rows = (reply.changeRows ?? []).map(changeRow);
  const caption = `${plural(total, "change")}${r.ok ? "" : " (made although the call reports a failure)"}`;
  const headers = ["asset", "principal", "before → after"];
  box.appendChild(table(caption, headers, rows, { id: "changes-table", csv: () => csv("changes") }));
  const rest = `… and ${plural(total - rows.length, "more")} in the CSV export`;
  if (total > rows.length) box.appendChild(el("p", { class: "hint" }, rest));
}

function reassignRow(x) {
  return el(
    "tr",
    {},
    el("td", {}, x.topic ? `${x.topic} ` : "", el("code", { class: "id" }, x.recordingId)),
    el(
      "td",
      {},
      x.outcome === "moved"
        ? `moved from ${named(x.fromEmail, x.fromId)} to ${named(x.toEmail, x.toId)}`
        : `skipped: ${x.reason}`
    )
  );
}

// The reassignment table, virtualised: a reassign-all can move 100k recordings, so only the rows
// in view (and a margin) are in the DOM, one line each; blocks of rows come from the worker
// (rows(offset, limit)) as the table scrolls. The first block came with the preview.
const REASSIGN_BLOCK = 500;
function renderReassign(reply, csv, rows) {
  const counts = reply.reassignCounts;
  // A denial moves nothing: no empty table.
  if (!counts || counts.moved + counts.skipped === 0) return;
  const total = counts.moved + counts.skipped;
  const blocks = new Map([[0, reply.reassignRows ?? []]]);
  const caption = `Reassignment: ${counts.moved} moved, ${counts.skipped} skipped`;
  const box = table(caption, ["recording", "outcome"], [], { id: "reassign-table", csv: () => csv("reassign") });
  const body = $("tbody", box);
  const scroller = el("div", { class: "virtual-scroll", id: "reassign-scroll", dataset: { rows: String(total) } });
  const tableNode = $("table", box);
  tableNode.replaceWith(scroller);
  scroller.appendChild(tableNode);
  let rowHeight = 0;
  const spacer = (height) => {
    const td = el("td", { colspan: "2" });
    td.style.height = `${height}px`;
    return el("tr", { class: "spacer", "aria-hidden": "true" }, td);
  };
  const fetchBlock = (b) => {
    blocks.set(b, null); // asked for
    rows?.(b * REASSIGN_BLOCK, REASSIGN_BLOCK).then(
      (reply) => {
        if (reply.error) return blocks.delete(b);
        blocks.set(b, reply.rows);
        paint();
      },
      () => blocks.delete(b)
    );
  };
  const rowAt = (i) => {
    const b = Math.floor(i / REASSIGN_BLOCK);
    if (!blocks.has(b)) fetchBlock(b);
    const x = blocks.get(b)?.[i % REASSIGN_BLOCK];
    return x ? reassignRow(x) : el("tr", { class: "pending" }, el("td", { colspan: "2" }, "…"));
  };
  function paint() {
    const height = rowHeight || 28;
    const view = scroller.clientHeight || 420;
    const first = Math.max(0, Math.floor(scroller.scrollTop / height) - 10);
    const last = Math.min(total, first + Math.ceil(view / height) + 20);
    const shown = [];
    for (let i = first; i < last; i++) shown.push(rowAt(i));
    replaceChildren(body, spacer(first * height), shown, spacer((total - last) * height));
    if (!rowHeight && shown.length) {
      rowHeight = shown[0].getBoundingClientRect().height;
      if (rowHeight) paint();
    }
  }
  let queued = false;
  scroller.addEventListener("scroll", () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      paint();
    });
  });
  $("#reassign").appendChild(box);
  paint();
}

function renderAccess(reply, csv, showAll) {
  const box = $("#access");
  const acc = reply.access ?? { rows: [], more: 0 };
  if (!acc.rows.length) {
    const text = reply.totalChanges ? "Nobody's access changes." : "No one: nothing would change.";
    box.appendChild(el("p", { class: "hint" }, text));
    return;
  }
  const assets = [...new Set(acc.rows.map((row) => row.asset))];
  const rows = acc.rows.map((row) =>
    el(
      "tr",
      { class: `effect-${row.effect}` },
      el(
        "td",
        {},
        row.who,
        row.id ? el("div", { class: "hint id" }, row.id) : null,
        assets.length > 1 ? el("div", { class: "hint" }, `on ${row.asset}`) : null
      ),
      el(
        "td",
        {},
        el("span", { class: `effect effect-tag-${row.effect}` }, row.effect),
        row.change ? el("div", { class: "hint" }, row.change) : null
      ),
      el("td", {}, row.before),
      el("td", {}, row.after)
    )
  );
  const caption = assets.length === 1 ? `Access to ${assets[0]}, before and after` : "Access before and after";
  const headers = ["who", "effect", "before", "after"];
  box.appendChild(table(caption, headers, rows, { id: "access-table", csv: () => csv("access") }));
  if (acc.more) box.appendChild(el("p", { class: "hint" }, `… and ${plural(acc.more, "more")} in the CSV export`));
  if (acc.cut && showAll) {
    const all = el("button", { type: "button", id: "access-show-all" }, "show all");
    all.addEventListener("click", showAll);
    box.appendChild(
      el("p", { class: "hint", id: "access-cut" }, `${acc.cut.shown} of ${acc.cut.total} holders — `, all)
    );
  }
}

// csv(table) → Promise of that table's CSV text with every row (the worker builds it).
// showAll(): previews again with every holder listed (when the core cut the access lists).
// reassignRows(offset, limit) → Promise of { rows } of the reassignment table (worker.js).
export function renderPreview(reply, request, { csv, showAll, reassignRows } = {}) {
  const section = $("#preview");
  const boxes = ["#verdict", "#explanation", "#changes", "#reassign", "#access", "#warnings"].map((q) => $(q));
  for (const n of boxes) clear(n);
  $("#wire-status").textContent = "";
  $("#wire-body").textContent = "";
  $("#wire-nobody").hidden = true;
  const jump = $("#jump-preview");
  jump.className = "jump-preview";
  jump.textContent = "See what would happen";
  if (reply.error) {
    renderInputError(reply, request);
    return;
  }
  const r = reply.result;
  section.dataset.state = "ready";
  section.dataset.ok = String(r.ok);
  const word = renderVerdict(reply, request);
  renderWire(r, word);
  for (const step of r.explanation ?? []) $("#explanation").appendChild(el("li", {}, step));
  renderChanges(reply, csv);
  renderReassign(reply, csv, reassignRows);
  renderAccess(reply, csv, showAll);
  const stateWarnings = (r.stateWarnings ?? []).map((w) => ({
    ...w,
    message: `${w.message} (state${w.pointer ? " " + w.pointer : ""})`,
  }));
  const all = [...(r.warnings ?? []), ...stateWarnings];
  const warnings = $("#warnings");
  if (!all.length) warnings.appendChild(el("li", { class: "hint" }, "None."));
  for (const w of all) warnings.appendChild(el("li", {}, el("code", {}, w.code), " ", w.message));
}

export function snippetOf(root, pointer) {
  let node = root;
  let at = "";
  for (const raw of (pointer || "").split("/").slice(1)) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (node !== null && typeof node === "object" && key in node) {
      node = node[key];
      at += "/" + raw;
    } else break;
  }
  return { at, text: shortJson(node, 600) };
}

export function renderHistory(history) {
  $("#undo").disabled = !history.undo;
  $("#redo").disabled = !history.redo;
  const list = $("#history-list");
  clear(list);
  const undone = history.redoLabels ?? [];
  for (const label of history.undoLabels ?? []) list.appendChild(el("li", {}, label));
  for (let i = undone.length - 1; i >= 0; i--) {
    list.appendChild(el("li", { class: "undone" }, el("span", { class: "sr-only" }, "(undone) "), undone[i]));
  }
  if (!list.firstChild) list.appendChild(el("li", { class: "hint empty" }, "Nothing applied yet."));
}

function wireCell(response) {
  if (response && "line" in response) return response.line;
  const wire = wireText(response);
  return `${wire.status} ${response?.status === 204 ? "" : shortJson(response?.body ?? null, 200)}`.trim();
}

const SCENARIO_COLUMNS = [
  ["step", "index"],
  ["name", "name"],
  ["operation", "operation"],
  ["outcome", "outcome"],
  ["wire response", "wire"],
  ["changes", "changes"],
  ["expected", "expected"],
  ["mismatches", "mismatches"],
].map(([title, key]) => ({ title, key }));

// The steps as the core's runScenario ran them; a step with `expect` passes when the core found no
// mismatch (the same rule as `share-policy test`).
export function renderScenario(reply) {
  const box = $("#scenario-result");
  clear(box);
  const rows = reply.rows ?? [];
  if (rows.length) {
    const passed = rows.filter((r) => r.pass === true).length;
    const failed = rows.filter((r) => r.pass === false).length;
    const tally = passed + failed ? ` — ${passed} as expected, ${failed} not` : "";
    const caption = `${plural(rows.length, "step")} run${tally}`;
    const expectCell = (row) => {
      if (row.pass === null) return "—";
      if (row.pass) return "✓ as expected";
      return [
        "✗ expected ",
        el("code", {}, shortJson(row.expect, 300)),
        el(
          "ul",
          { class: "mismatches" },
          row.mismatches.map((m) => el("li", {}, m))
        ),
      ];
    };
    const body = rows.map((row) =>
      el(
        "tr",
        { class: row.pass === false ? "row-fail" : "" },
        el("td", {}, String(row.index), row.name ? el("div", { class: "hint" }, row.name) : null),
        el("td", {}, row.operation),
        el(
          "td",
          {},
          row.ok ? "allowed" : "denied",
          row.fidelity === "inferred" ? el("span", { class: "badge badge-inferred" }, "inferred") : null
        ),
        el("td", {}, el("code", { class: "wire-cell" }, wireCell(row.response))),
        el("td", {}, String(row.changes)),
        el("td", { class: "expect" }, expectCell(row))
      )
    );
    const records = rows.map((row) => ({
      ...row,
      outcome: row.ok ? "allowed" : "denied",
      wire: wireCell(row.response),
      mismatches: row.mismatches.join("; "),
      expected: row.pass === null ? "" : JSON.stringify(row.expect),
    }));
    const headers = ["#", "operation", "outcome", "wire response", "changes", "expected"];
    const csv = async () => csvText(SCENARIO_COLUMNS, records);
    box.appendChild(table(caption, headers, body, { id: "scenario-table", csv }));
  }
  if (reply.error) box.appendChild(errorBlock(reply.error, reply.snippet, { title: "The scenario stopped:" }));
}
