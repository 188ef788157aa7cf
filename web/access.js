// Who gains or loses access to the assets a call changes. Computed from the state before (the
// worker's index) and the state after (the same assets with result.changes applied), using the
// access model of state.md: HMP effective actions (own share ∪ the shares of the user's groups;
// administrators and owners have everything), OCM effective roles (own membership and the groups',
// highest wins; the owner has everything), Webex ownership.
import { hmpAsset } from "./mirror.js";

const lower = (s) => (typeof s === "string" ? s.toLowerCase() : s);
const ACTIONS = ["watch", "edit", "share", "download", "trim", "restream", "delete", "record"];
const BUILTIN = { WATCH: ["watch"], EDIT: ["watch", "edit"], RECORD: ["watch", "record"], OWN: ACTIONS.slice(0, 7) };
const OCM_RANK = { viewer: 1, downloader: 2, contributor: 3, manager: 4 };
const MAX_ROWS = 300;

function assetKey(c) {
  return `${c.system}|${c.asset?.kind}|${lower(c.asset?.id)}`;
}

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
  return BUILTIN[permission] ? permission : m.hmp?.permissionById.get(lower(permission))?.name ?? permission;
}

function hmpActions(m, permission) {
  if (BUILTIN[permission]) return BUILTIN[permission];
  return m.hmp?.permissionById.get(lower(permission))?.actions ?? [];
}

// { rows: [{ who, id, before, after, effect }], more } for every asset the changes touch.
export function accessDelta(m, changes) {
  const rows = [];
  let more = 0;
  const push = (row) => (rows.length < MAX_ROWS ? rows.push(row) : more++);
  const groups = new Map();
  for (const c of changes) {
    const k = assetKey(c);
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k).push(c);
  }
  const webexGain = new Map();
  for (const list of groups.values()) {
    const c0 = list[0];
    if (c0.system === "hmp" && c0.type === "share.set") hmpRows(m, list, push);
    else if (c0.system === "ocm" && c0.type === "share.set") ocmRows(m, list, push);
    else if (c0.system === "webex" && c0.type === "owner.set") {
      for (const c of list) {
        count(webexGain, c.before, -1);
        count(webexGain, c.after, +1);
      }
    }
  }
  for (const [id, n] of webexGain) {
    if (n === 0) continue;
    const p = m.webex?.personById.get(id);
    push({
      who: p?.email ?? id,
      id,
      asset: "recordings",
      before: "",
      after: "",
      effect: n > 0 ? "gains" : "loses",
      detail: `${n > 0 ? "becomes owner of" : "no longer owns"} ${Math.abs(n)} recording${Math.abs(n) === 1 ? "" : "s"}`,
    });
  }
  return { rows, more };
}

function count(map, key, n) {
  if (key === null || key === undefined) return;
  map.set(key, (map.get(key) ?? 0) + n);
}

function hmpRows(m, list, push) {
  const asset = hmpAsset(m, list[0].asset);
  if (!asset || !m.hmp) return;
  const before = new Map(asset.shares.map((s) => [lower(s.id), s]));
  const after = new Map(before);
  const affected = new Map();
  for (const c of list) {
    const k = lower(c.principal.id);
    if (c.after === null) after.delete(k);
    else after.set(k, { id: c.principal.id, shareType: c.principal.type === "group" ? "GROUP" : "USER", permission: c.after });
    if (c.principal.type === "group") {
      for (const u of m.hmp.usersByGroup.get(k) ?? []) affected.set(lower(u.id), u);
    } else {
      const u = m.hmp.userById.get(k);
      if (u) affected.set(k, u);
    }
  }
  const label = asset.name ? `${asset.name}` : asset.id;
  for (const u of affected.values()) {
    if (m.hmp.isAdmin(u) || (asset.owner && lower(asset.owner) === lower(u.id))) {
      const why = m.hmp.isAdmin(u) ? "administrator" : "owner";
      push({ who: u.username, id: u.id, asset: label, before: `everything (${why})`, after: `everything (${why})`, effect: "unaffected" });
      continue;
    }
    const b = hmpAccess(m, u, before);
    const a = hmpAccess(m, u, after);
    push({ who: u.username, id: u.id, asset: label, before: b.text, after: a.text, effect: effect(b.actions.length, a.actions.length, b.key !== a.key) });
  }
}

function hmpAccess(m, user, shares) {
  const grants = [];
  const set = new Set();
  const own = shares.get(lower(user.id));
  if (own && own.shareType === "USER") {
    grants.push(permissionLabel(m, own.permission));
    for (const a of hmpActions(m, own.permission)) set.add(a);
  }
  for (const g of user.groups ?? []) {
    const s = shares.get(lower(g));
    if (!s || s.shareType !== "GROUP") continue;
    const group = m.hmp.groupById.get(lower(g));
    grants.push(`${permissionLabel(m, s.permission)} via ${group?.groupname ?? g}`);
    for (const a of hmpActions(m, s.permission)) set.add(a);
  }
  const actions = ACTIONS.filter((a) => set.has(a));
  return { actions, key: actions.join(","), text: actions.length ? `${actions.join(", ")} — ${grants.join("; ")}` : "no access" };
}

function ocmRows(m, list, push) {
  const folder = m.ocm?.folderById.get(list[0].asset.id);
  if (!folder) return;
  const before = new Map(folder.members.map((x) => [x.id, x]));
  const after = new Map(before);
  const affected = new Set();
  for (const c of list) {
    if (c.after === null) after.delete(c.principal.id);
    else after.set(c.principal.id, { id: c.principal.id, type: c.principal.type, role: c.after });
    if (c.principal.type === "group") for (const uid of m.ocm.groupById.get(c.principal.id)?.members ?? []) affected.add(uid);
    else affected.add(c.principal.id);
  }
  const label = folder.name ?? folder.id;
  for (const uid of affected) {
    const u = m.ocm.userById.get(uid);
    const who = u?.displayName ?? u?.loginName ?? uid;
    if (uid === folder.ownedBy) {
      push({ who, id: uid, asset: label, before: "owner", after: "owner", effect: "unaffected" });
      continue;
    }
    const b = ocmRole(m, uid, before);
    const a = ocmRole(m, uid, after);
    push({ who, id: uid, asset: label, before: b.text, after: a.text, effect: effect(b.rank, a.rank, b.rank !== a.rank) });
  }
}

function ocmRole(m, uid, members) {
  let best = null;
  let via = "";
  const consider = (member, how) => {
    if (member && (!best || OCM_RANK[member.role] > OCM_RANK[best])) {
      best = member.role;
      via = how;
    }
  };
  const own = members.get(uid);
  if (own && own.type === "user") consider(own, "");
  for (const gid of m.ocm.groupsOfUser.get(uid) ?? []) {
    const gm = members.get(gid);
    if (gm && gm.type === "group") consider(gm, ` via ${m.ocm.groupById.get(gid)?.displayName ?? gid}`);
  }
  return { rank: best ? OCM_RANK[best] : 0, text: best ? `${best}${via}` : "no access" };
}

function effect(before, after, differs) {
  if (!before && after) return "gains";
  if (before && !after) return "loses";
  return differs ? "changes" : "unchanged";
}
