// The tables of what a call changes. Who gains or loses access comes from the core's own
// `result.access` (docs/ACCESS.md): the page only lays it out, it does not re-derive the vendors'
// access rules. The mirror (the worker's index of the state) only supplies display names.
import { hmpAsset } from "./mirror.js";

const lower = (s) => (typeof s === "string" ? s.toLowerCase() : s);
const MAX_ROWS = 300;

// Short names for the ids of each change, for the changes table.
export function describeChanges(m, changes, limit = 500) {
  return changes.slice(0, limit).map((c) => {
    const d = { asset: "", principal: "", before: c.before, after: c.after };
    if (c.system === "hmp") {
      const a = hmpAsset(m, c.asset);
      d.asset = a?.name ?? "";
      if (c.principal) {
        const p = c.principal.type === "group" ? m.hmp?.groupById.get(lower(c.principal.id)) : m.hmp?.userById.get(lower(c.principal.id));
        d.principal = (c.principal.type === "group" ? p?.groupname : p?.username) ?? "";
      }
      d.before = hmpPermissionName(m, c.before);
      d.after = hmpPermissionName(m, c.after);
    } else if (c.system === "ocm") {
      d.asset = m.ocm?.folderById.get(c.asset.id)?.name ?? "";
      if (c.principal) {
        const p = c.principal.type === "group" ? m.ocm?.groupById.get(c.principal.id) : m.ocm?.userById.get(c.principal.id);
        d.principal = p?.displayName ?? "";
      }
    } else if (c.system === "webex") {
      d.asset = m.webex?.recordingById.get(c.asset.id)?.topic ?? "";
      d.before = webexPerson(m, c.before);
      d.after = webexPerson(m, c.after);
    }
    return d;
  });
}

function hmpPermissionName(m, p) {
  if (p === null || p === undefined) return null;
  const custom = m.hmp?.permissionById.get(lower(p));
  return custom ? `${custom.name ?? p} (${p})` : p;
}

function webexPerson(m, id) {
  if (id === null || id === undefined) return null;
  const p = m.webex?.personById.get(id);
  return p ? `${p.email} (${id})` : id;
}

function permissionLabel(m, permission) {
  return m.hmp?.permissionById.get(lower(permission))?.name ?? permission;
}

// One holder of access as text: "watch, edit — EDIT; WATCH via Sales" (HMP) or "viewer via Sales Group" (OCM).
function holderText(m, h) {
  const via = (h.via ?? []).map((p) => {
    if (p.type === "owner" || p.type === "administrator") return p.type;
    const what = p.permission ? permissionLabel(m, p.permission) : p.role ?? "";
    return p.type === "group" ? `${what} via ${p.group?.name ?? p.group?.id}` : what;
  });
  const what = h.actions ? h.actions.join(", ") : h.role;
  return via.length ? `${what} — ${via.join("; ")}` : what;
}

function assetLabel(m, a) {
  if (a.system === "hmp") return hmpAsset(m, { kind: a.kind, id: a.id })?.name ?? a.id;
  if (a.system === "ocm") return m.ocm?.folderById.get(a.id)?.name ?? a.id;
  return a.id;
}

// { rows: [{ who, id, asset, before, after, effect, detail? }], more } from result.access:
// people whose access changes first, then those whose access stays.
export function accessRows(m, access) {
  const changed = [];
  const same = [];
  for (const a of access?.assets ?? []) {
    if (a.system === "webex") continue;  // summarised per person below
    const label = assetLabel(m, a);
    const before = new Map();
    const after = new Map();
    const people = new Map();
    for (const [list, map] of [[a.before ?? [], before], [a.after ?? [], after]]) {
      for (const h of list) {
        if (h.administrators !== undefined) {
          same.push({ who: `${h.administrators} administrator${h.administrators === 1 ? "" : "s"}`, id: "", asset: label, before: "everything (administrator)", after: "everything (administrator)", effect: "unaffected" });
          continue;
        }
        map.set(h.user.id, holderText(m, h));
        people.set(h.user.id, h.user.name);
      }
    }
    for (const [id, name] of people) {
      const b = before.get(id);
      const f = after.get(id);
      const effect = !b ? "gains" : !f ? "loses" : b !== f ? "changes" : "unchanged";
      (effect === "unchanged" ? same : changed).push({ who: name, id, asset: label, before: b ?? "no access", after: f ?? "no access", effect });
    }
  }
  for (const o of access?.owners ?? []) {
    const n = o.gained - o.lost;
    if (n === 0) continue;
    const p = m.webex?.personById.get(o.user.id);
    changed.push({
      who: p?.email ?? o.user.name ?? o.user.id,
      id: o.user.id,
      asset: "recordings",
      before: "",
      after: "",
      effect: n > 0 ? "gains" : "loses",
      detail: `${n > 0 ? "becomes owner of" : "no longer owns"} ${Math.abs(n)} recording${Math.abs(n) === 1 ? "" : "s"}`,
    });
  }
  const rows = [...changed, ...same];
  // Administrators are one summary row per asset; keep one of them.
  const seen = new Set();
  const unique = rows.filter((r) => (r.id ? true : !seen.has(r.asset + r.who) && seen.add(r.asset + r.who)));
  return { rows: unique.slice(0, MAX_ROWS), more: Math.max(0, unique.length - MAX_ROWS) };
}
