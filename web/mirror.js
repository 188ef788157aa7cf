// Names for ids, read once from the state text when it is loaded: the pickers' options and the
// names shown beside ids in the result tables. It holds no shares, owners or members: how a call
// changes the state, and who can do what, is the core's to say (result.changes, result.access);
// applying a call never updates this index, and nothing it holds changes through a call.

const lower = (s) => (typeof s === "string" ? s.toLowerCase() : s);
const arr = (v) => (Array.isArray(v) ? v : []);
const byId = (items, key = (x) => x.id) => new Map(arr(items).map((x) => [key(x), x]));

function hmpNames(h) {
  const roleAdmin = new Map(arr(h.roles).map((r) => [r.name, r.administrator === true]));
  const groups = arr(h.groups).map((g) => ({ id: g.id, groupname: g.groupname, roles: arr(g.roles) }));
  const groupById = byId(groups, (g) => lower(g.id));
  const adminRole = (roles) => roles.some((r) => roleAdmin.get(r));
  const users = arr(h.users).map((u) => ({
    id: u.id,
    username: u.username,
    email: u.email,
    admin: adminRole(arr(u.roles)) || arr(u.groups).some((g) => adminRole(groupById.get(lower(g))?.roles ?? [])),
  }));
  const assets = (list) => arr(list).map((a) => ({ id: a.id, name: a.name }));
  const n = {
    users,
    groups: groups.map(({ id, groupname }) => ({ id, groupname })),
    accessPermissions: arr(h.accessPermissions).map((p) => ({ id: p.id, name: p.name })),
    recordings: assets(h.recordings),
    sessions: assets(h.sessions),
    feeds: assets(h.feeds),
  };
  n.userById = byId(users, (u) => lower(u.id));
  n.groupById = byId(n.groups, (g) => lower(g.id));
  n.permissionById = byId(n.accessPermissions, (p) => lower(p.id));
  n.assets = {
    recording: byId(n.recordings, (a) => lower(a.id)),
    feed: byId(n.feeds, (a) => lower(a.id)),
    session: byId(n.sessions, (a) => lower(a.id)),
  };
  return n;
}

function webexNames(w) {
  const people = arr(w.people).map((p) => ({
    id: p.id,
    email: p.email,
    displayName: p.displayName,
    type: p.type ?? "user",
    status: p.status ?? "active",
  }));
  const recordings = arr(w.recordings).map((r) => ({ id: r.id, topic: r.topic, status: r.status ?? "available" }));
  return { people, recordings, personById: byId(people), recordingById: byId(recordings) };
}

function ocmNames(o) {
  const users = arr(o.users).map((u) => ({ id: u.id, loginName: u.loginName, displayName: u.displayName }));
  const groups = arr(o.groups).map((g) => ({ id: g.id, displayName: g.displayName }));
  const folders = arr(o.folders).map((f) => ({ id: f.id, name: f.name, ownedBy: f.ownedBy }));
  return { users, groups, folders, userById: byId(users), groupById: byId(groups), folderById: byId(folders) };
}

export function buildMirror(state) {
  const section = (key) => (state[key] && typeof state[key] === "object" ? state[key] : null);
  return {
    hmp: section("hmp") && hmpNames(state.hmp),
    webex: section("webex") && webexNames(state.webex),
    ocm: section("ocm") && ocmNames(state.ocm),
  };
}

// The picker catalog: the lists of names and ids, per system.
export function catalogOf(m) {
  const out = {};
  if (m.hmp) {
    const { users, groups, accessPermissions, recordings, sessions, feeds } = m.hmp;
    out.hmp = { users, groups, accessPermissions, recordings, sessions, feeds };
  }
  if (m.webex) out.webex = { people: m.webex.people, recordings: m.webex.recordings };
  if (m.ocm) out.ocm = { users: m.ocm.users, groups: m.ocm.groups, folders: m.ocm.folders };
  return out;
}

// The name of an HMP asset a change or an access entry names ({ kind, id }), or undefined.
export function hmpAssetName(m, asset) {
  return m.hmp?.assets[asset.kind]?.get(lower(asset.id))?.name;
}

export function hmpPrincipalName(m, principal) {
  if (principal.type === "group") return m.hmp?.groupById.get(lower(principal.id))?.groupname;
  return m.hmp?.userById.get(lower(principal.id))?.username;
}

export function hmpPermissionName(m, id) {
  return m.hmp?.permissionById.get(lower(id))?.name;
}
