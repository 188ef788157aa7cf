// Renders what the engine answered. Text only: every value from a state, request or result is put
// in with textContent (through el()), never as HTML.
import { $, el, clear, replaceChildren, shortJson } from "./dom.js";

const REASON = {
  200: "OK", 201: "Created", 204: "No Content", 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden",
  404: "Not Found", 405: "Method Not Allowed", 409: "Conflict", 500: "Internal Server Error",
};

const SUMMARY_LABELS = {
  hmp: "HMP",
  webex: "Webex",
  ocm: "OCM",
};

export function renderSummary(summary, { name, bytes, engineMs } = {}) {
  const box = $("#summary");
  clear(box);
  if (!summary) return;
  const rows = [];
  for (const system of ["hmp", "webex", "ocm"]) {
    const counts = summary[system];
    if (!counts) continue;
    const parts = Object.entries(counts).map(([k, n]) => `${Number(n).toLocaleString("en")} ${k}`);
    rows.push(el("tr", {}, el("th", { scope: "row" }, SUMMARY_LABELS[system]), el("td", {}, parts.join(" · "))));
  }
  const head = [name ? `Loaded ${name}` : "Loaded state"];
  if (bytes) head.push(`${(bytes / 1048576).toFixed(bytes > 1048576 ? 0 : 2)} MB`);
  if (engineMs !== undefined) head.push(`indexed in ${engineMs} ms`);
  box.appendChild(el("p", { class: "summary-head", id: "summary-head" }, head.join(" · ")));
  box.appendChild(
    el("table", { class: "summary", id: "summary-table" }, el("caption", { class: "sr-only" }, "What the state holds"), el("tbody", {}, rows.length ? rows : el("tr", {}, el("td", {}, "The state is empty"))))
  );
  const warnings = summary.stateWarnings ?? [];
  if (warnings.length) {
    box.appendChild(
      el("ul", { class: "state-warnings", "aria-label": "State warnings" }, warnings.map((w) => el("li", {}, el("code", {}, w.code), " ", w.message, w.pointer ? ` (at ${w.pointer})` : "")))
    );
  }
}

// An input error: code, message, JSON pointer and what is there.
export function errorBlock(error, snippet, { title } = {}) {
  return el(
    "div",
    { class: "input-error" },
    el("p", { class: "error-title" }, title ?? "Input error", " ", el("code", { class: "error-code" }, error.code)),
    el("p", { class: "error-message" }, error.message),
    el("p", {}, "At JSON pointer ", el("code", { class: "error-pointer" }, error.pointer === "" ? '"" (the whole document)' : error.pointer)),
    snippet && snippet.text !== undefined
      ? el(
          "div",
          {},
          el("p", { class: "hint" }, snippet.at !== error.pointer && snippet.at ? `Nearest existing place: ${snippet.at}` : "Found there:"),
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
  if (error) box.appendChild(errorBlock(error, snippet, { title: "The state was not loaded (the previous state is kept):" }));
}

// The wire response as it would arrive: the HMP line, or the HTTP status and JSON body.
export function wireText(response) {
  if (!response) return { status: "", body: "" };
  if ("line" in response) return { status: "", body: response.line };
  const status = `HTTP ${response.status} ${REASON[response.status] ?? ""}`.trim();
  const body = response.status === 204 && response.body === null ? "" : JSON.stringify(response.body, null, 2);
  return { status, body };
}

// One CSV field: quoted when it holds a comma, quote or line break (RFC 4180).
function csvField(text) {
  const t = text.replace(/\s+/g, " ").trim();
  return /[",\r\n]/.test(t) ? `"${t.replaceAll('"', '""')}"` : t;
}

// The table as CSV text, from what it shows (header row, then body rows).
export function tableCsv(tableNode) {
  return [...tableNode.querySelectorAll("tr")]
    .map((tr) => [...tr.querySelectorAll("th, td")].map((cell) => csvField(cell.textContent)).join(","))
    .join("\r\n") + "\r\n";
}

// Saves the table as a CSV file: built in the page and handed to the browser, nothing is sent.
function exportCsv(tableNode, name) {
  const url = URL.createObjectURL(new Blob([tableCsv(tableNode)], { type: "text/csv" }));
  const a = el("a", { href: url, download: `${name}.csv` });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function table(caption, headers, rows, attrs = {}) {
  const tableNode = el(
    "table",
    attrs,
    el("caption", {}, caption),
    el("thead", {}, el("tr", {}, headers.map((h) => el("th", { scope: "col" }, h)))),
    el("tbody", {}, rows)
  );
  const name = attrs.id ?? "share-policy-table";
  const button = el("button", { type: "button", class: "csv-export", "data-csv": name }, "Export CSV");
  button.addEventListener("click", () => exportCsv(tableNode, name));
  return el("div", { class: "table-wrap" }, button, tableNode);
}

const dash = (v) => (v === null || v === undefined ? "—" : String(v));

export function renderPreview(reply, request) {
  const section = $("#preview");
  const verdict = $("#verdict");
  const wireStatus = $("#wire-status");
  const wireBody = $("#wire-body");
  const explanation = $("#explanation");
  const changes = $("#changes");
  const reassign = $("#reassign");
  const access = $("#access");
  const warnings = $("#warnings");
  for (const n of [verdict, explanation, changes, reassign, access, warnings]) clear(n);
  wireStatus.textContent = "";
  wireBody.textContent = "";
  $("#wire-nobody").hidden = true;

  const jump = $("#jump-preview");
  jump.className = "jump-preview";
  jump.textContent = "See what would happen";
  if (reply.error) {
    jump.textContent = `Not evaluated: ${reply.error.code} — see why`;
    section.dataset.state = "input-error";
    verdict.className = "verdict verdict-input";
    verdict.appendChild(el("span", { class: "verdict-word" }, "Not evaluated"));
    verdict.appendChild(el("span", { class: "verdict-detail" }, "the preview request itself is not usable (share-policy input error, not a vendor answer)"));
    verdict.appendChild(errorBlock(reply.error, request ? snippetOf(request, reply.error.pointer) : null, { title: "Preview request error" }));
    return;
  }

  const r = reply.result;
  section.dataset.state = "ready";
  section.dataset.ok = String(r.ok);
  verdict.className = `verdict ${r.ok ? "verdict-ok" : "verdict-denied"}`;
  verdict.appendChild(el("span", { class: "verdict-word", id: "verdict-word" }, r.ok ? "Allowed" : "Denied"));
  if (r.error) {
    verdict.appendChild(
      el("span", { class: "verdict-code", id: "verdict-code" }, `${r.error.code}${r.error.name ? " " + r.error.name : ""}: ${r.error.message}`)
    );
  }
  verdict.appendChild(el("span", { class: "verdict-op" }, r.operation));
  if (r.fix) {
    // The smallest change that would make the call succeed, as the core worked it out.
    verdict.appendChild(el("p", { class: "fix", id: "fix" }, el("strong", {}, "How to make it succeed: "), r.fix.sentence));
  }
  const inferred = r.fidelity === "inferred";
  verdict.appendChild(
    el(
      "span",
      { class: `badge ${inferred ? "badge-inferred" : "badge-documented"}`, id: "fidelity", title: inferred ? "An inferred rule decided: the vendor does not document this outcome exactly" : "The outcome follows documented vendor behaviour" },
      inferred ? "inferred rule decided" : "documented behaviour"
    )
  );
  verdict.appendChild(el("span", { class: "timing" }, `${reply.ms < 1 ? reply.ms.toFixed(2) : Math.round(reply.ms)} ms`));

  const wire = wireText(r.response);
  jump.classList.add(r.ok ? "ok" : "denied");
  jump.textContent = `${r.ok ? "Allowed" : "Denied"}: ${wire.status || wire.body.split("\n")[0]} — details`;
  wireStatus.textContent = wire.status;
  wireStatus.hidden = wire.status === "";
  wireBody.textContent = wire.body;
  wireBody.hidden = wire.body === "";
  $("#wire-nobody").hidden = !(wire.body === "" && wire.status);

  for (const step of r.explanation ?? []) explanation.appendChild(el("li", {}, step));

  const total = reply.totalChanges ?? (r.changes ?? []).length;
  if (!total) {
    changes.appendChild(el("p", { class: "hint", id: "no-changes" }, r.ok ? "Nothing would change." : "Nothing would change: the vendor rejects the call."));
  } else {
    const rows = (r.changes ?? []).slice(0, reply.described.length).map((c, i) => {
      const d = reply.described[i];
      return el(
        "tr",
        {},
        el("td", {}, d.asset ? el("div", {}, d.asset) : null, el("span", { class: "hint" }, `${c.asset?.kind ?? ""} `), el("code", { class: "id" }, c.asset?.id ?? "")),
        el(
          "td",
          {},
          c.principal ? [d.principal ? el("div", {}, d.principal) : null, el("span", { class: "hint" }, `${c.principal.type} `), el("code", { class: "id" }, c.principal.id)] : c.type === "owner.set" ? "owner" : "—"
        ),
        el("td", { class: "delta" }, el("span", { class: "before" }, dash(d.before)), el("span", { class: "arrow" }, " → "), el("span", { class: "after" }, dash(d.after)), el("div", { class: "hint" }, c.type))
      );
    });
    changes.appendChild(table(`${total} change${total === 1 ? "" : "s"}${r.ok ? "" : " (made although the call reports a failure)"}`, ["asset", "principal", "before → after"], rows, { id: "changes-table" }));
    if (total > rows.length) changes.appendChild(el("p", { class: "hint" }, `… and ${total - rows.length} more`));
  }

  if (r.reassign) {
    const moved = r.reassign.moved ?? [];
    const skipped = r.reassign.skipped ?? [];
    const counts = reply.reassignCounts ?? { moved: moved.length, skipped: skipped.length };
    reassign.appendChild(
      table(
        `Reassignment: ${counts.moved} moved, ${counts.skipped} skipped${counts.moved + counts.skipped > moved.length + skipped.length ? " (first 500 of each shown)" : ""}`,
        ["recording", "outcome"],
        [
          ...moved.slice(0, 500).map((m) => el("tr", {}, el("td", {}, el("code", {}, m.id)), el("td", {}, `moved ${m.from} → ${m.to}`))),
          ...skipped.slice(0, 500).map((s) => el("tr", {}, el("td", {}, el("code", {}, s.id)), el("td", {}, `skipped: ${s.reason}`))),
        ],
        { id: "reassign-table" }
      )
    );
  }

  const acc = reply.access ?? { rows: [], more: 0 };
  if (!acc.rows.length) {
    access.appendChild(el("p", { class: "hint" }, total ? "Nobody's access changes." : "No one: nothing would change."));
  } else {
    const assets = [...new Set(acc.rows.map((row) => row.asset))];
    access.appendChild(
      table(
        assets.length === 1 ? `Access to ${assets[0]}, before and after` : "Access before and after",
        ["who", "before", "after", "effect"],
        acc.rows.map((row) =>
          el(
            "tr",
            { class: `effect-${row.effect}` },
            el("td", {}, row.who, el("div", { class: "hint" }, row.id), assets.length > 1 ? el("div", { class: "hint" }, `on ${row.asset}`) : null),
            el("td", {}, row.detail ? "" : row.before),
            el("td", {}, row.detail ?? row.after),
            el("td", {}, el("span", { class: `effect effect-tag-${row.effect}` }, row.effect))
          )
        ),
        { id: "access-table" }
      )
    );
    if (acc.more) access.appendChild(el("p", { class: "hint" }, `… and ${acc.more} more`));
  }

  const all = [...(r.warnings ?? []), ...(r.stateWarnings ?? []).map((w) => ({ ...w, message: `${w.message} (state${w.pointer ? " " + w.pointer : ""})` }))];
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
  for (let i = undone.length - 1; i >= 0; i--) list.appendChild(el("li", { class: "undone" }, el("span", { class: "sr-only" }, "(undone) "), undone[i]));
  if (!list.firstChild) list.appendChild(el("li", { class: "hint empty" }, "Nothing applied yet."));
}

export function renderScenario(reply) {
  const box = $("#scenario-result");
  clear(box);
  const rows = reply.rows ?? [];
  if (rows.length) {
    const passed = rows.filter((r) => r.pass === true).length;
    const failed = rows.filter((r) => r.pass === false).length;
    box.appendChild(
      table(
        `${rows.length} step${rows.length === 1 ? "" : "s"} run${passed + failed ? ` — ${passed} as expected, ${failed} not` : ""}`,
        ["#", "operation", "outcome", "wire response", "changes", "expected"],
        rows.map((row) => {
          const wire = wireText(row.response);
          return el(
            "tr",
            { class: row.pass === false ? "row-fail" : "" },
            el("td", {}, String(row.index)),
            el("td", {}, row.operation),
            el("td", {}, row.ok ? "allowed" : "denied", row.fidelity === "inferred" ? el("span", { class: "badge badge-inferred" }, "inferred") : null),
            el("td", {}, el("code", { class: "wire-cell" }, row.response && "line" in row.response ? row.response.line : `${wire.status} ${row.response?.status === 204 ? "" : shortJson(row.response?.body ?? null, 200)}`.trim())),
            el("td", {}, String(row.changes)),
            el("td", { class: "expect" }, row.pass === null ? "—" : row.pass ? "✓ as expected" : ["✗ expected ", el("code", {}, shortJson(row.expect, 300))])
          );
        }),
        { id: "scenario-table" }
      )
    );
  }
  if (reply.error) box.appendChild(errorBlock(reply.error, reply.snippet, { title: "The scenario stopped:" }));
}
