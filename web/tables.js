// The result tables, as records: what a call changes, what a reassignment moves, who gains or
// loses access, and what is lost. The same records feed the tables the page shows (the first
// rows) and the CSV files (every row), so both read the result in this one place. Who can do what
// comes from the core's own `result.access` (docs/ACCESS.md) and what changes from
// `result.changes`; the mirror only supplies names for ids.
import { hmpAssetName, hmpPrincipalName, hmpPermissionName } from "./mirror.js";
import { csvRows, csvText } from "./csv.js";

const MAX_ACCESS_ROWS = 300;
const plural = (n, one, many = one + "s") => `${n.toLocaleString("en")} ${n === 1 ? one : many}`;

export const COLUMNS = {
  changes: [
    ["change", "type"],
    ["asset kind", "assetKind"],
    ["asset id", "assetId"],
    ["asset name", "assetName"],
    ["principal type", "principalType"],
    ["principal id", "principalId"],
    ["principal name", "principalName"],
    ["before", "before"],
    ["before name", "beforeName"],
    ["after", "after"],
    ["after name", "afterName"],
  ],
  reassign: [
    ["recording id", "recordingId"],
    ["recording topic", "topic"],
    ["outcome", "outcome"],
    ["reason", "reason"],
    ["from id", "fromId"],
    ["from email", "fromEmail"],
    ["to id", "toId"],
    ["to email", "toEmail"],
  ],
  access: [
    ["who", "who"],
    ["user id", "id"],
    ["asset", "asset"],
    ["asset id", "assetId"],
    ["effect", "effect"],
    ["what changes", "change"],
    ["before", "before"],
    ["after", "after"],
  ],
};

const columnsOf = (table) => COLUMNS[table].map(([title, key]) => ({ title, key }));

function valueName(m, system, value) {
  if (value === null || value === undefined) return "";
  if (system === "hmp") return hmpPermissionName(m, value) ?? "";
  if (system === "webex") return m.webex?.personById.get(value)?.email ?? "";
  return "";
}

// One record per change (api.md "changes").
export function changeRecords(m, changes, limit = Infinity) {
  const out = [];
  for (const c of changes) {
    if (out.length >= limit) break;
    const p = c.principal;
    let assetName = "";
    let principalName = "";
    if (c.system === "hmp" && c.asset) assetName = hmpAssetName(m, c.asset) ?? "";
    if (c.system === "hmp" && p) principalName = hmpPrincipalName(m, p) ?? "";
    if (c.system === "ocm" && c.asset) assetName = m.ocm?.folderById.get(c.asset.id)?.name ?? "";
    if (c.system === "ocm" && p) {
      const x = p.type === "group" ? m.ocm?.groupById.get(p.id) : m.ocm?.userById.get(p.id);
      principalName = x?.displayName ?? "";
    }
    if (c.system === "webex" && c.asset) assetName = m.webex?.recordingById.get(c.asset.id)?.topic ?? "";
    out.push({
      type: c.type,
      system: c.system,
      assetKind: c.asset?.kind ?? "",
      assetId: c.asset?.id ?? "",
      assetName,
      principalType: p?.type ?? (c.type === "owner.set" ? "owner" : ""),
      principalId: p?.id ?? "",
      principalName,
      before: c.before ?? null,
      beforeName: valueName(m, c.system, c.before),
      after: c.after ?? null,
      afterName: valueName(m, c.system, c.after),
    });
  }
  return out;
}

// The reassignment's moved recordings, then its skipped ones (webex.md "reassign").
export function reassignRecords(m, reassign, limit = Infinity) {
  const out = [];
  const topic = (id) => m.webex?.recordingById.get(id)?.topic ?? "";
  const email = (id) => m.webex?.personById.get(id)?.email ?? "";
  for (const x of reassign?.moved ?? []) {
    if (out.length >= limit) return out;
    out.push({
      recordingId: x.id,
      topic: topic(x.id),
      outcome: "moved",
      reason: "",
      fromId: x.from,
      fromEmail: email(x.from),
      toId: x.to,
      toEmail: email(x.to),
    });
  }
  for (const x of reassign?.skipped ?? []) {
    if (out.length >= limit) return out;
    out.push({
      recordingId: x.id,
      topic: topic(x.id),
      outcome: "skipped",
      reason: x.reason,
      fromId: "",
      fromEmail: "",
      toId: "",
      toEmail: "",
    });
  }
  return out;
}

// Rows [offset, offset + limit) of a paged reassignment (LoadedState.previewReassign with
// { items }): its moved recordings, then its skipped ones, read from the engine.
export function reassignSlice(m, result, offset, limit) {
  const moved = result.page.totals["reassign.moved"];
  const rows = offset < moved ? reassignRecords(m, { moved: result.items("reassign.moved", offset, limit) }) : [];
  const rest = limit - rows.length;
  if (rest <= 0) return rows;
  const skipped = result.items("reassign.skipped", Math.max(0, offset - moved), rest);
  return rows.concat(reassignRecords(m, { skipped }));
}

// Every row of a paged reassignment as CSV, built a chunk of rows at a time.
export function reassignCsv(m, result) {
  const total = result.page.totals["reassign.moved"] + result.page.totals["reassign.skipped"];
  const columns = columnsOf("reassign");
  const parts = [csvText(columns, [])];
  for (let at = 0; at < total; at += 20000) parts.push(csvRows(columns, reassignSlice(m, result, at, 20000)));
  return parts.join("");
}

function permissionLabel(m, permission) {
  return hmpPermissionName(m, permission) ?? permission;
}

// What one holder can do and through which paths: "watch, edit (WATCH direct; EDIT via Sales)"
// for HMP, "manager (direct; downloader via Sales Group)" for OCM.
function holderText(m, h) {
  const via = (h.via ?? []).map((p) => {
    if (p.type === "owner" || p.type === "administrator") return p.type;
    const what = p.permission ? permissionLabel(m, p.permission) : (p.role ?? "");
    if (p.type === "group") return `${what} via ${p.group?.name ?? p.group?.id}`;
    return h.actions ? `${what} direct` : "direct";
  });
  const what = h.actions ? h.actions.join(", ") : h.role;
  return via.length ? `${what} (${via.join("; ")})` : what;
}

function assetLabel(m, a) {
  if (a.system === "hmp") return hmpAssetName(m, { kind: a.kind, id: a.id }) ?? a.id;
  if (a.system === "ocm") return m.ocm?.folderById.get(a.id)?.name ?? a.id;
  return a.id;
}

// The core's net difference per user on one asset → effect and what changes.
// HMP: gained/lost actions; OCM: role from → to (null = no access).
function effectsOf(a) {
  const out = new Map();
  const entry = (id) => out.get(id) ?? out.set(id, { plus: [], minus: [], from: undefined, to: undefined }).get(id);
  for (const g of a.gained ?? []) {
    const e = entry(g.user.id);
    if (g.actions) e.plus.push(...g.actions);
    else [e.from, e.to] = [g.from, g.to];
  }
  for (const l of a.lost ?? []) {
    const e = entry(l.user.id);
    if (l.actions) e.minus.push(...l.actions);
    else [e.from, e.to] = [l.from, l.to];
  }
  return out;
}

function effectWord(hadBefore, hasAfter, e) {
  if (!hadBefore) return "gains";
  if (!hasAfter) return "loses";
  if (!e) return "unchanged";
  if (e.minus.length) return "demoted";
  if (e.plus.length) return "promoted";
  const rank = ["viewer", "downloader", "contributor", "manager", "owner"];
  return rank.indexOf(e.to) > rank.indexOf(e.from) ? "promoted" : "demoted";
}

function changeText(e) {
  if (!e) return "";
  if (e.plus.length || e.minus.length) {
    return [e.plus.length ? `+${e.plus.join(", ")}` : "", e.minus.length ? `−${e.minus.join(", ")}` : ""]
      .filter(Boolean)
      .join(" ");
  }
  return `${e.from ?? "no access"} → ${e.to ?? "no access"}`;
}

function adminRow(h, label, assetId) {
  const n = h.administrators;
  return {
    who: plural(n, "administrator"),
    id: "",
    asset: label,
    assetId,
    effect: "unaffected",
    change: "",
    before: "everything (administrator)",
    after: "everything (administrator)",
  };
}

function assetRows(m, a, changed, same) {
  const label = assetLabel(m, a);
  const before = new Map();
  const after = new Map();
  const people = new Map();
  let admins = null;
  for (const [list, map] of [
    [a.before ?? [], before],
    [a.after ?? [], after],
  ]) {
    for (const h of list) {
      if (h.administrators !== undefined) {
        admins = admins ?? adminRow(h, label, a.id);
        continue;
      }
      map.set(h.user.id, holderText(m, h));
      people.set(h.user.id, h.user.name);
    }
  }
  const effects = effectsOf(a);
  for (const [id, name] of people) {
    const b = before.get(id);
    const f = after.get(id);
    const e = effects.get(id);
    const effect = effectWord(b !== undefined, f !== undefined, e);
    const row = {
      who: name,
      id,
      asset: label,
      assetId: a.id,
      effect,
      change: changeText(e),
      before: b ?? "no access",
      after: f ?? "no access",
    };
    (effect === "unchanged" ? same : changed).push(row);
  }
  if (admins) same.push(admins);
}

// Webex: ownership is the only access path; per person, how many of the moved recordings it owned
// before and owns after.
function ownerRows(m, owners, changed) {
  for (const o of owners ?? []) {
    if (o.gained === o.lost) continue;
    const p = m.webex?.personById.get(o.user.id);
    const gains = o.gained > o.lost;
    changed.push({
      who: p?.email ?? o.user.name ?? o.user.id,
      id: o.user.id,
      asset: "recordings",
      assetId: "",
      effect: gains ? "gains" : "loses",
      change: gains
        ? `becomes owner of ${plural(o.gained, "recording")}`
        : `no longer owns ${plural(o.lost, "recording")}`,
      before: `owns ${o.lost ? plural(o.lost, "recording") : "none"} of those moved`,
      after: `owns ${o.gained ? plural(o.gained, "recording") : "none"} of those moved`,
    });
  }
}

// Every access row: people whose access changes first, then those whose access stays.
export function accessRecords(m, access) {
  const changed = [];
  const same = [];
  for (const a of access?.assets ?? []) if (a.system !== "webex") assetRows(m, a, changed, same);
  ownerRows(m, access?.owners, changed);
  return [...changed, ...same];
}

export function accessTable(m, access) {
  const rows = accessRecords(m, access);
  const table = { rows: rows.slice(0, MAX_ACCESS_ROWS), more: Math.max(0, rows.length - MAX_ACCESS_ROWS) };
  // The core lists the first holders of a widely shared asset; `counts` says how many there are.
  const cut = (access?.assets ?? []).filter((a) => a.counts);
  if (cut.length) {
    const sum = (f) => cut.reduce((n, a) => n + f(a), 0);
    table.cut = {
      shown: sum((a) => Math.max(a.before.length, a.after.length)),
      total: sum((a) => Math.max(a.counts.before, a.counts.after)),
    };
  }
  return table;
}

// What the call takes away from someone, in words, for the verdict: "creator loses edit, share,
// trim". Empty when nobody loses anything.
export function lossesOf(m, access, limit = 3) {
  const out = [];
  for (const a of access?.assets ?? []) {
    for (const l of a.lost ?? []) {
      const name = l.user.name ?? l.user.id;
      if (l.actions) out.push(`${name} loses ${l.actions.join(", ")} on ${assetLabel(m, a)}`);
      else if (l.to === null) out.push(`${name} loses access to ${assetLabel(m, a)} (was ${l.from})`);
      else out.push(`${name} is demoted from ${l.from} to ${l.to} on ${assetLabel(m, a)}`);
    }
  }
  for (const o of access?.owners ?? []) {
    if (o.lost > o.gained) {
      const who = m.webex?.personById.get(o.user.id)?.email ?? o.user.name ?? o.user.id;
      out.push(`${who} loses ownership of ${plural(o.lost - o.gained, "recording")}`);
    }
  }
  if (out.length <= limit) return out;
  return [...out.slice(0, limit), `and ${plural(out.length - limit, "more loss", "more losses")}`];
}

// The whole table as CSV: every row of the result, not only those shown.
export function tableCsv(m, table, result) {
  if (table === "changes") return csvText(columnsOf(table), changeRecords(m, result.changes ?? []));
  if (table === "reassign") return csvText(columnsOf(table), reassignRecords(m, result.reassign));
  if (table === "access") return csvText(columnsOf(table), accessRecords(m, result.access));
  throw new Error(`no table named ${table}`);
}
