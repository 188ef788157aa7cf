// Picker options drawn from the loaded state's catalog (names and ids only; the worker builds it).
const PERMISSIONS = ["WATCH", "EDIT", "OWN"];
const OCM_ROLES = ["viewer", "downloader", "contributor", "manager"];

// Every named source → [{ value, label }].
export function buildSources(catalog) {
  const hmp = catalog?.hmp ?? {};
  const webex = catalog?.webex ?? {};
  const ocm = catalog?.ocm ?? {};
  const users = hmp.users ?? [];
  const groups = hmp.groups ?? [];
  const custom = (hmp.accessPermissions ?? []).map((p) => ({ value: p.id, label: `custom: ${p.name ?? p.id}` }));
  const named = (items, nameKey) =>
    items.map((x) => ({ value: x.id, label: x[nameKey] ? `${x[nameKey]}` : undefined }));
  const person = (p) => ({ value: p.email, label: `${p.displayName ?? ""} (${p.type}, ${p.status})` });
  return {
    "hmp.actor": users.map((u) => ({ value: u.username, label: `${u.admin ? "administrator · " : ""}${u.id}` })),
    "hmp.usernames": users.map((u) => ({ value: u.username, label: u.email ?? u.id })),
    "hmp.groupnames": groups.map((g) => ({ value: g.groupname, label: g.id })),
    "hmp.userIds": named(users, "username"),
    "hmp.groupIds": named(groups, "groupname"),
    "hmp.principalIds": [...named(users, "username"), ...named(groups, "groupname")],
    "hmp.permissions": [...PERMISSIONS.map((p) => ({ value: p })), ...custom],
    "hmp.sessionPermissions": [...["WATCH", "EDIT", "RECORD", "OWN"].map((p) => ({ value: p })), ...custom],
    "hmp.recordings": named(hmp.recordings ?? [], "name"),
    "hmp.sessions": named(hmp.sessions ?? [], "name"),
    "hmp.feeds": named(hmp.feeds ?? [], "name"),
    "webex.actor": (webex.people ?? []).map(person),
    "webex.emails": (webex.people ?? []).map(person),
    "webex.personIds": (webex.people ?? []).map((p) => ({ value: p.id, label: p.email })),
    "webex.recordings": (webex.recordings ?? []).map((r) => ({ value: r.id, label: `${r.topic ?? ""} (${r.status})` })),
    "ocm.actor": (ocm.users ?? []).map((u) => ({ value: u.loginName, label: `${u.displayName ?? ""} · ${u.id}` })),
    "ocm.principals": [
      ...(ocm.users ?? []).map((u) => ({ value: u.id, label: `user ${u.displayName ?? u.loginName}` })),
      ...(ocm.groups ?? []).map((g) => ({ value: g.id, label: `group ${g.displayName ?? ""}` })),
      ...(ocm.users ?? []).map((u) => ({ value: u.loginName, label: `user ${u.displayName ?? ""} (login name)` })),
    ],
    "ocm.roles": OCM_ROLES.map((r) => ({ value: r })),
    "ocm.folders": named(ocm.folders ?? [], "name"),
  };
}

// Options matching what is typed (for large states, where a datalist cannot hold everything).
export function filterOptions(options, typed, limit = 400) {
  if (options.length <= limit || !typed) return options.slice(0, limit);
  const q = typed.toLowerCase();
  const out = [];
  for (const o of options) {
    if (o.value.toLowerCase().includes(q) || (o.label && o.label.toLowerCase().includes(q))) {
      out.push(o);
      if (out.length >= limit) break;
    }
  }
  return out;
}

// Starting values for an operation's fields, so that a fresh form previews something real.
export function defaultValues(op, catalog) {
  const hmp = catalog?.hmp ?? {};
  const webex = catalog?.webex ?? {};
  const ocm = catalog?.ocm ?? {};
  const first = (arr, key = "id") => (arr && arr.length ? (arr[0][key] ?? "") : "");
  const nonAdmin = (hmp.users ?? []).find((u) => !u.admin) ?? (hmp.users ?? [])[0];
  const v = {};
  for (const f of op.fields) {
    switch (f.key) {
      case "username":
        v.username = nonAdmin?.username ?? "";
        break;
      case "groupname":
        v.groupname = first(hmp.groups, "groupname");
        break;
      case "permission":
        v.permission = "WATCH";
        break;
      case "recordingId":
        v.recordingId = first(hmp.recordings);
        break;
      case "sessionId":
        v.sessionId = first(hmp.sessions);
        break;
      case "sectionId":
        v.sectionId = first(hmp.feeds);
        break;
      case "shareType":
        v.shareType = "USER";
        break;
      case "id":
        v.id = "";
        break;
      case "name":
        v.name = nonAdmin?.username ?? "";
        break;
      case "shareId":
        v.shareId = first(hmp.groups) || first(hmp.users);
        break;
      case "ownerEmail": {
        const owners = new Set((webex.recordings ?? []).map((r) => r.ownerId));
        v.ownerEmail = ((webex.people ?? []).find((p) => owners.has(p.id)) ?? {}).email ?? "";
        break;
      }
      case "ownerID":
        v.ownerID = "";
        break;
      case "recordingIds":
        v.recordingIds = "";
        break;
      case "reassignOwnerEmail": {
        const dest = (webex.people ?? []).find(
          (p) => p.type === "user" && p.status === "active" && p.email !== v.ownerEmail
        );
        v.reassignOwnerEmail = dest?.email ?? "";
        break;
      }
      case "folderId":
        v.folderId = first(ocm.folders);
        break;
      case "userID": {
        const folder = (ocm.folders ?? [])[0];
        v.userID = (ocm.users ?? []).find((u) => !folder || u.id !== folder.ownedBy)?.id ?? "";
        break;
      }
      case "role":
        v.role = "viewer";
        break;
      default:
        v[f.key] = "";
    }
  }
  return v;
}

// The caller to start with in each system: an administrator for HMP, the folder's owner for OCM.
export function defaultActor(system, catalog) {
  if (system === "hmp") {
    const users = catalog?.hmp?.users ?? [];
    return (users.find((u) => u.admin) ?? users[0])?.username ?? "";
  }
  if (system === "webex") return (catalog?.webex?.people ?? [])[0]?.email ?? "";
  if (system === "ocm") {
    const ocm = catalog?.ocm ?? {};
    const owner = (ocm.folders ?? [])[0]?.ownedBy;
    return ((ocm.users ?? []).find((u) => u.id === owner) ?? (ocm.users ?? [])[0])?.loginName ?? "";
  }
  return "";
}
