// A read-only JavaScript index of the loaded state, kept beside the engine's own copy in the
// worker. It only feeds the page: picker options, names for ids, and who-has-access tables. The
// engine stays the authority: exports come from the engine, never from this index.

const lower = (s) => (typeof s === "string" ? s.toLowerCase() : s);
const arr = (v) => (Array.isArray(v) ? v : []);

export function buildMirror(state) {
  const m = { state, hmp: null, webex: null, ocm: null };
  if (state.hmp && typeof state.hmp === "object") {
    const h = state.hmp;
    const roleAdmin = new Map(arr(h.roles).map((r) => [r.name, r.administrator === true]));
    const groupById = new Map(arr(h.groups).map((g) => [lower(g.id), g]));
    const usersByGroup = new Map();
    const userById = new Map();
    for (const u of arr(h.users)) {
      userById.set(lower(u.id), u);
      for (const g of arr(u.groups)) {
        const k = lower(g);
        if (!usersByGroup.has(k)) usersByGroup.set(k, []);
        usersByGroup.get(k).push(u);
      }
    }
    const isAdmin = (u) =>
      arr(u.roles).some((r) => roleAdmin.get(r)) || arr(u.groups).some((g) => arr(groupById.get(lower(g))?.roles).some((r) => roleAdmin.get(r)));
    const assets = { recording: new Map(), feed: new Map(), session: new Map() };
    for (const [kind, key] of [["recording", "recordings"], ["feed", "feeds"], ["session", "sessions"]]) {
      for (const a of arr(h[key])) {
        if (!Array.isArray(a.shares)) a.shares = [];
        assets[kind].set(lower(a.id), a);
      }
    }
    const permissionById = new Map(arr(h.accessPermissions).map((p) => [lower(p.id), p]));
    m.hmp = { userById, groupById, usersByGroup, isAdmin, assets, permissionById };
  }
  if (state.webex && typeof state.webex === "object") {
    const w = state.webex;
    m.webex = {
      personById: new Map(arr(w.people).map((p) => [p.id, p])),
      recordingById: new Map(arr(w.recordings).map((r) => [r.id, r])),
    };
  }
  if (state.ocm && typeof state.ocm === "object") {
    const o = state.ocm;
    const groupsOfUser = new Map();
    for (const g of arr(o.groups)) {
      for (const uid of arr(g.members)) {
        if (!groupsOfUser.has(uid)) groupsOfUser.set(uid, []);
        groupsOfUser.get(uid).push(g.id);
      }
    }
    const folderById = new Map();
    for (const f of arr(o.folders)) {
      if (!Array.isArray(f.members)) f.members = [];
      folderById.set(f.id, f);
    }
    m.ocm = {
      userById: new Map(arr(o.users).map((u) => [u.id, u])),
      groupById: new Map(arr(o.groups).map((g) => [g.id, g])),
      groupsOfUser,
      folderById,
    };
  }
  return m;
}

// Names and ids for the pickers (no shares: they do not change what can be picked).
export function catalogOf(m) {
  const s = m.state;
  const out = {};
  if (m.hmp) {
    const h = s.hmp;
    const pick = (a, name) => arr(a).map((x) => ({ id: x.id, name: x[name] }));
    out.hmp = {
      users: arr(h.users).map((u) => ({ id: u.id, username: u.username, email: u.email, admin: m.hmp.isAdmin(u) })),
      groups: arr(h.groups).map((g) => ({ id: g.id, groupname: g.groupname })),
      accessPermissions: pick(h.accessPermissions, "name"),
      recordings: pick(h.recordings, "name"),
      sessions: pick(h.sessions, "name"),
      feeds: pick(h.feeds, "name"),
    };
  }
  if (m.webex) {
    const w = s.webex;
    out.webex = {
      people: arr(w.people).map((p) => ({ id: p.id, email: p.email, displayName: p.displayName, type: p.type ?? "user", status: p.status ?? "active" })),
      recordings: arr(w.recordings).map((r) => ({ id: r.id, topic: r.topic, status: r.status ?? "available" })),
    };
  }
  if (m.ocm) {
    const o = s.ocm;
    out.ocm = {
      users: arr(o.users).map((u) => ({ id: u.id, loginName: u.loginName, displayName: u.displayName })),
      groups: arr(o.groups).map((g) => ({ id: g.id, displayName: g.displayName })),
      folders: arr(o.folders).map((f) => ({ id: f.id, name: f.name, ownedBy: f.ownedBy })),
    };
  }
  return out;
}

// The HMP asset a change names (recording, feed, session), or undefined.
export function hmpAsset(m, asset) {
  return m.hmp?.assets[asset.kind]?.get(lower(asset.id));
}

// Brings the index up to date with changes the engine made (result.changes).
export function patchMirror(m, changes) {
  for (const c of changes) {
    if (c.type === "share.set" && c.system === "hmp") {
      const a = hmpAsset(m, c.asset);
      if (!a) continue;
      const i = a.shares.findIndex((s) => lower(s.id) === lower(c.principal.id));
      if (c.after === null) {
        if (i >= 0) a.shares.splice(i, 1);
      } else if (i >= 0) {
        a.shares[i].permission = c.after;
      } else {
        a.shares.push({ id: c.principal.id, shareType: c.principal.type === "group" ? "GROUP" : "USER", permission: c.after });
      }
    } else if (c.type === "share.set" && c.system === "ocm") {
      const f = m.ocm?.folderById.get(c.asset.id);
      if (!f) continue;
      const i = f.members.findIndex((x) => x.id === c.principal.id);
      if (c.after === null) {
        if (i >= 0) f.members.splice(i, 1);
      } else if (i >= 0) {
        f.members[i].role = c.after;
      } else {
        f.members.push({ id: c.principal.id, type: c.principal.type, role: c.after });
      }
    } else if (c.type === "owner.set" && c.system === "webex") {
      const r = m.webex?.recordingById.get(c.asset.id);
      if (r) r.ownerId = c.after;
    } else if (c.type === "owner.set" && c.system === "hmp") {
      const a = hmpAsset(m, c.asset);
      if (a) a.owner = c.after;
    }
  }
}
