// The vendor calls the page can compose: for each, the form fields and how the fields turn into
// the raw request (command line, or method + path + body) and back. Only syntax lives here; every
// rule about what the vendor accepts is the core's.
import { tokenize, quoteToken } from "./cli-syntax.js";

const enc = encodeURIComponent;

function decode(segment) {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

// "https://host/x/y?q" → { segments: ["x","y"], query: URLSearchParams }
function splitPath(path) {
  let p = path.trim().replace(/^https?:\/\/[^/]*/i, "");
  let query = "";
  const qm = p.indexOf("?");
  if (qm >= 0) {
    query = p.slice(qm + 1);
    p = p.slice(0, qm);
  }
  if (p.length > 1 && p.endsWith("/")) p = p.slice(0, -1);
  return { segments: p.split("/").slice(1), query: new URLSearchParams(query) };
}

// Matches "/a/:x/b" against a path; returns { x: "…" } or null.
function matchPath(pattern, path) {
  const want = pattern.split("/").slice(1);
  const { segments, query } = splitPath(path);
  if (want.length !== segments.length) return null;
  const params = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i].startsWith(":")) {
      if (segments[i] === "") return null;
      params[want[i].slice(1)] = decode(segments[i]);
    } else if (want[i] !== segments[i]) {
      return null;
    }
  }
  params.__query = query;
  return params;
}

function parseBody(text) {
  if (!text || !text.trim()) return {};
  try {
    const value = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}

const asText = (v) => (v === undefined || v === null ? "" : typeof v === "string" ? v : JSON.stringify(v));
const bodyText = (obj) => (Object.keys(obj).length ? JSON.stringify(obj, null, 2) : "");

function cliOperation(name, command, principalField, assetField, title) {
  return {
    name,
    system: "hmp",
    kind: "cli",
    title,
    command,
    fields: [
      principalField,
      { key: "permission", label: "Permission", type: "combo", source: assetField.permissions },
      assetField,
    ],
    toRaw(v) {
      // Ids go in as typed (the seed's first example has a space inside the UUID); a name that
      // needs it is quoted.
      const parts = [command, quoteToken(v[principalField.key] ?? "")];
      parts.push(v.permission ?? "", v[assetField.key] ?? "");
      return { cli: parts.join(" ") };
    },
    fromRaw(raw) {
      if (raw.cli === undefined) return null;
      const t = tokenize(raw.cli);
      if (t[0] !== command) return null;
      return { [principalField.key]: t[1] ?? "", permission: t[2] ?? "", [assetField.key]: t.slice(3).join(" ") };
    },
  };
}

const recordingField = {
  key: "recordingId",
  label: "Recording",
  type: "combo",
  source: "hmp.recordings",
  permissions: "hmp.permissions",
};
const sessionField = {
  key: "sessionId",
  label: "Session",
  type: "combo",
  source: "hmp.sessions",
  permissions: "hmp.sessionPermissions",
};
const userNameField = { key: "username", label: "User (username)", type: "combo", source: "hmp.usernames" };
const groupNameField = { key: "groupname", label: "Group (group name)", type: "combo", source: "hmp.groupnames" };

const feedField = { key: "sectionId", label: "Feed (section)", type: "combo", source: "hmp.feeds" };
const folderField = { key: "folderId", label: "Folder", type: "combo", source: "ocm.folders" };

function httpOperation(def) {
  return { kind: "http", ...def };
}

const FEED_SHARES = "/apis/sections/:sectionId/shares";
const FEED_SHARE = "/apis/sections/:sectionId/shares/:shareId";

function ocmMembersOperation(name, method, suffix, title) {
  const pattern = "/documents/api/1.2/shares/:folderId" + suffix;
  return httpOperation({
    name,
    system: "ocm",
    title,
    fields: [
      folderField,
      {
        key: "userID",
        label: "Members (userID: ids, login names or group ids, comma separated)",
        type: "list",
        source: "ocm.principals",
      },
      { key: "role", label: "Role", type: "combo", source: "ocm.roles" },
      { key: "message", label: "Message (optional)", type: "text" },
    ],
    toRaw(v) {
      const body = {};
      if (v.userID) body.userID = v.userID;
      if (v.role) body.role = v.role;
      if (v.message) body.message = v.message;
      return { method, path: pattern.replace(":folderId", enc(v.folderId ?? "")), body: bodyText(body) };
    },
    fromRaw(raw) {
      if (raw.method !== method) return null;
      const p = matchPath(pattern, raw.path ?? "");
      if (!p) return null;
      const b = parseBody(raw.body);
      const members = b ? { userID: asText(b.userID), role: asText(b.role), message: asText(b.message) } : {};
      return { folderId: p.folderId, ...members };
    },
  });
}

export const OPERATIONS = [
  cliOperation(
    "hmp.shareRecordingWithUser",
    "shareRecordingWithUser",
    userNameField,
    recordingField,
    "Share a recording with a user"
  ),
  cliOperation(
    "hmp.shareRecordingWithGroup",
    "shareRecordingWithGroup",
    groupNameField,
    recordingField,
    "Share a recording with a group"
  ),
  cliOperation(
    "hmp.shareSessionWithUser",
    "shareSessionWithUser",
    userNameField,
    sessionField,
    "Share a session with a user"
  ),
  cliOperation(
    "hmp.shareSessionWithGroup",
    "shareSessionWithGroup",
    groupNameField,
    sessionField,
    "Share a session with a group"
  ),
  httpOperation({
    name: "hmp.createFeedShare",
    system: "hmp",
    title: "Share a feed (POST …/shares)",
    fields: [
      feedField,
      { key: "shareType", label: "Share type", type: "select", options: ["USER", "GROUP"] },
      {
        key: "id",
        label: "Principal id (used when given)",
        type: "combo",
        source: (v) => (v.shareType === "GROUP" ? "hmp.groupIds" : "hmp.userIds"),
      },
      {
        key: "name",
        label: "Principal name",
        type: "combo",
        source: (v) => (v.shareType === "GROUP" ? "hmp.groupnames" : "hmp.usernames"),
      },
      { key: "permission", label: "Permission", type: "combo", source: "hmp.permissions" },
    ],
    toRaw(v) {
      // Key order as in the vendor's example (seed 001).
      const body = {};
      if (v.id) body.id = v.id;
      body.shareType = v.shareType ?? "";
      body.permission = v.permission ?? "";
      if (v.name) body.name = v.name;
      return { method: "POST", path: FEED_SHARES.replace(":sectionId", enc(v.sectionId ?? "")), body: bodyText(body) };
    },
    fromRaw(raw) {
      if (raw.method !== "POST") return null;
      const p = matchPath(FEED_SHARES, raw.path ?? "");
      if (!p) return null;
      const b = parseBody(raw.body);
      return {
        sectionId: p.sectionId,
        ...(b
          ? { id: asText(b.id), name: asText(b.name), shareType: asText(b.shareType), permission: asText(b.permission) }
          : {}),
      };
    },
  }),
  httpOperation({
    name: "hmp.listFeedShares",
    system: "hmp",
    title: "List a feed's shares (GET …/shares)",
    fields: [feedField],
    toRaw: (v) => ({ method: "GET", path: FEED_SHARES.replace(":sectionId", enc(v.sectionId ?? "")), body: "" }),
    fromRaw(raw) {
      const p = raw.method === "GET" && matchPath(FEED_SHARES, raw.path ?? "");
      return p ? { sectionId: p.sectionId } : null;
    },
  }),
  httpOperation({
    name: "hmp.updateFeedShare",
    system: "hmp",
    title: "Change a feed share (PUT …/shares/:shareId)",
    fields: [
      feedField,
      { key: "shareId", label: "Share (the principal's id)", type: "combo", source: "hmp.principalIds" },
      { key: "permission", label: "Permission", type: "combo", source: "hmp.permissions" },
    ],
    toRaw(v) {
      const body = { permission: v.permission ?? "" };
      const path = FEED_SHARE.replace(":sectionId", enc(v.sectionId ?? "")).replace(":shareId", enc(v.shareId ?? ""));
      return { method: "PUT", path, body: bodyText(body) };
    },
    fromRaw(raw) {
      const p = raw.method === "PUT" && matchPath(FEED_SHARE, raw.path ?? "");
      if (!p) return null;
      const b = parseBody(raw.body);
      return { sectionId: p.sectionId, shareId: p.shareId, ...(b ? { permission: asText(b.permission) } : {}) };
    },
  }),
  httpOperation({
    name: "hmp.deleteFeedShare",
    system: "hmp",
    title: "Remove a feed share (DELETE …/shares/:shareId)",
    fields: [
      feedField,
      { key: "shareId", label: "Share (the principal's id)", type: "combo", source: "hmp.principalIds" },
    ],
    toRaw(v) {
      const path = FEED_SHARE.replace(":sectionId", enc(v.sectionId ?? "")).replace(":shareId", enc(v.shareId ?? ""));
      return { method: "DELETE", path, body: "" };
    },
    fromRaw(raw) {
      const p = raw.method === "DELETE" && matchPath(FEED_SHARE, raw.path ?? "");
      return p ? { sectionId: p.sectionId, shareId: p.shareId } : null;
    },
  }),
  httpOperation({
    name: "webex.reassignRecordings",
    system: "webex",
    title: "Reassign recordings (POST /v1/convergedRecordings/reassign)",
    fields: [
      { key: "ownerEmail", label: "Current owner (ownerEmail)", type: "combo", source: "webex.emails" },
      { key: "ownerID", label: "Current owner (ownerID)", type: "combo", source: "webex.personIds" },
      {
        key: "recordingIds",
        label: "Recordings (recordingIds, comma separated)",
        type: "list",
        source: "webex.recordings",
      },
      { key: "reassignOwnerEmail", label: "New owner (reassignOwnerEmail)", type: "combo", source: "webex.emails" },
    ],
    toRaw(v) {
      const body = {};
      if (v.ownerEmail) body.ownerEmail = v.ownerEmail;
      if (v.ownerID) body.ownerID = v.ownerID;
      const ids = (v.recordingIds ?? "")
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean);
      if (ids.length) body.recordingIds = ids;
      body.reassignOwnerEmail = v.reassignOwnerEmail ?? "";
      return { method: "POST", path: "/v1/convergedRecordings/reassign", body: bodyText(body) };
    },
    fromRaw(raw) {
      if (raw.method !== "POST" || !matchPath("/v1/convergedRecordings/reassign", raw.path ?? "")) return null;
      const b = parseBody(raw.body);
      if (!b) return {};
      return {
        ownerEmail: asText(b.ownerEmail),
        ownerID: asText(b.ownerID),
        recordingIds: Array.isArray(b.recordingIds) ? b.recordingIds.map(asText).join(", ") : asText(b.recordingIds),
        reassignOwnerEmail: asText(b.reassignOwnerEmail),
      };
    },
  }),
  ocmMembersOperation("ocm.editShareRole", "PUT", "/role", "Change members' role (PUT …/shares/{folderId}/role)"),
  ocmMembersOperation("ocm.shareFolder", "POST", "", "Share a folder (POST …/shares/{folderId})"),
  httpOperation({
    name: "ocm.revokeUser",
    system: "ocm",
    title: "Remove members (DELETE …/shares/{folderId}/user)",
    fields: [
      folderField,
      { key: "userID", label: "Members (userID, comma separated)", type: "list", source: "ocm.principals" },
    ],
    toRaw(v) {
      const q = v.userID ? "?userID=" + enc(v.userID).replace(/%2C/gi, ",") : "";
      return { method: "DELETE", path: `/documents/api/1.2/shares/${enc(v.folderId ?? "")}/user${q}`, body: "" };
    },
    fromRaw(raw) {
      const p = raw.method === "DELETE" && matchPath("/documents/api/1.2/shares/:folderId/user", raw.path ?? "");
      return p ? { folderId: p.folderId, userID: p.__query.get("userID") ?? "" } : null;
    },
  }),
  httpOperation({
    name: "ocm.listShares",
    system: "ocm",
    title: "List a folder's members (GET …/shares/{folderId}/items)",
    fields: [folderField],
    toRaw: (v) => ({ method: "GET", path: `/documents/api/1.2/shares/${enc(v.folderId ?? "")}/items`, body: "" }),
    fromRaw(raw) {
      const p = raw.method === "GET" && matchPath("/documents/api/1.2/shares/:folderId/items", raw.path ?? "");
      return p ? { folderId: p.folderId } : null;
    },
  }),
];

export const SYSTEMS = [
  { id: "hmp", label: "HMP (Haivision Media Platform)" },
  { id: "webex", label: "Webex" },
  { id: "ocm", label: "OCM (Oracle Content Management)" },
];

export const byName = new Map(OPERATIONS.map((op) => [op.name, op]));

// The operation a raw request belongs to, if any (first match wins; the core routes for real).
export function operationForRaw(raw) {
  for (const op of OPERATIONS) {
    if ((op.kind === "cli") !== (raw.cli !== undefined)) continue;
    if (op.fromRaw(raw)) return op;
  }
  return null;
}
