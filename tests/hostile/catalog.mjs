// The hostile-input catalog: inputs a careless or malicious caller could send, and what share-policy
// must answer. Run through the native CLI (run_cli.mjs) and the WebAssembly package
// (run_package.test.mjs) with the same expectations.
//
// A case: { name, state, request, entry?, expect }
//   state, request: a string (the text), a Buffer (exact bytes), or a function returning either
//     (big inputs are generated when the case runs, never committed);
//   entry: "canShare" (default) or "resolveReassign" — the package's entry point (the CLI's `check`
//     picks it from the request);
//   expect: { code, pointer } — an input error (CLI: exit 2 and one JSON line on stderr;
//     package: a thrown SharePolicyError). `pointer` is the exact pointer, or { prefix } / { re };
//     or { result: (r, assert) => … } — an evaluated call (CLI: exit 0) and the vendor's answer.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const sample = (name) => readFileSync(join(root, "web/samples", name), "utf8");
const HMP = sample("hmp.json");
const OCM = sample("ocm.json");
const WEBEX = sample("webex.json");

const RECORDING = "f678f415-0665-48cd-b141-1e95283469f1";
const FEED = "0b6d2c1e-3f4a-4b5c-8d6e-7f8091a2b3c4";
const FOLDER = "F1321DC48E3B123D02DBEE88T0000000000100000001";
const OCM_OWNER = "U7ECC74059E0FEDFEC66BF5AT00000000002";
const WEBEX_ADMIN = "admin@example.com";
const WRITE_SCOPE = "spark-admin:recordings_write";

const MiB = 1024 * 1024;
const json = (v) => JSON.stringify(v);
const hmpShare = (line = `shareRecordingWithUser creator OWN ${RECORDING}`) => json({ actor: "admin", cli: line });
const ocmCall = (body, method = "PUT", path = `/documents/api/1.2/shares/${FOLDER}/role`) =>
  json({ actor: OCM_OWNER, http: { method, path, body } });
const webexCall = (body, extra = {}) =>
  json({ actor: WEBEX_ADMIN, scopes: [WRITE_SCOPE], http: { method: "POST", path: "/v1/convergedRecordings/reassign", body }, ...extra });
const feedCall = (body) => json({ actor: "admin", http: { method: "POST", path: `/apis/sections/${FEED}/shares`, body } });
const hmpState = (mutate) => {
  const s = JSON.parse(HMP);
  mutate(s.hmp, s);
  return json(s);
};
const deep = (n, open = "[", close = "]") => open.repeat(n) + close.repeat(n);
const bytes = (...parts) => Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "utf8") : Buffer.from(p))));
// A state with `n` more HMP users or Webex people, named by `nameOf(i)` (generated when the case runs).
const manyUsers = (n, nameOf) => hmpState((h) => {
  for (let i = 0; i < n; i++) {
    h.users.push({ id: `00000000-0000-4000-8000-${i.toString(16).padStart(12, "0")}`, username: nameOf(i), roles: [], groups: [] });
  }
});
const manyPeople = (n, emailOf) => {
  const s = JSON.parse(WEBEX);
  for (let i = 0; i < n; i++) s.webex.people.push({ id: "P" + i, email: emailOf(i), displayName: "p", type: "user", status: "active" });
  return json(s);
};
// A value whose compact text differs from its text: white space, escapes, numbers written otherwise.
const OCM_ECHOED = '{ "a" : 1.50, "b\\u00e9" : "\\u00e9\\n\\/\\u0041", "c" : [ 1E2 , true , null , -12 , {} ] }';
const statusIs = (status) => (r, assert) => assert.equal(r.response.status, status, JSON.stringify(r.response).slice(0, 300));
const lineIs = (re) => (r, assert) => assert.match(r.response.line, re);

export const cases = [
  // ---- the state: not JSON at all
  { name: "state: empty text", state: "", request: hmpShare(), expect: { code: "STATE_INVALID", pointer: "" } },
  { name: "state: white space only", state: " \n\t ", request: hmpShare(), expect: { code: "STATE_INVALID", pointer: "" } },
  { name: "state: not JSON", state: "hello, world", request: hmpShare(), expect: { code: "STATE_INVALID", pointer: "" } },
  { name: "state: truncated in the middle", state: HMP.slice(0, Math.floor(HMP.length / 2)), request: hmpShare(),
    expect: { code: "STATE_INVALID", pointer: { prefix: "/hmp" } } },
  { name: "state: trailing garbage after the object", state: HMP + "}", request: hmpShare(), expect: { code: "STATE_INVALID", pointer: "" } },
  { name: "state: 200k-deep nesting", state: () => deep(200000), request: hmpShare(),
    expect: { code: "LIMIT_EXCEEDED", pointer: { prefix: "/0/0/0" } } },
  { name: "state: 200k-deep nesting of objects under a known section", state: () => '{"hmp":{"users":[' + deep(200000, '{"a":', "}").replace(/\{"a":\}/, "{}") + "]}}",
    request: hmpShare(), expect: { code: "LIMIT_EXCEEDED", pointer: { prefix: "/hmp/users/0/a/a" } } },
  { name: "state: invalid UTF-8 in a username", state: () => bytes('{"hmp":{"users":[{"id":"u1","username":"', [0xff, 0xfe], '"}]}}'),
    request: hmpShare(), expect: { code: "STATE_INVALID", pointer: { prefix: "/hmp/users/0" } } },
  { name: "state: overlong UTF-8 encoding of '/'", state: () => bytes('{"note":"', [0xc0, 0xaf], '"}'), request: hmpShare(),
    expect: { code: "STATE_INVALID", pointer: { prefix: "" } } },
  { name: "state: lone high surrogate escape", state: '{"hmp":{"roles":[{"name":"\\ud800","administrator":true}]}}', request: hmpShare(),
    expect: { code: "STATE_INVALID", pointer: { prefix: "/hmp/roles/0" } } },
  { name: "state: lone low surrogate escape in a key", state: '{"\\udc00":1}', request: hmpShare(), expect: { code: "STATE_INVALID", pointer: { prefix: "" } } },
  { name: "state: UTF-8 byte order mark before the object (accepted, as JSON.parse's callers strip it)", state: "\ufeff" + HMP,
    request: hmpShare(), expect: { result: lineIs(/^OK$/) } },
  { name: "state: NUL byte outside strings", state: () => bytes('{"hmp":', [0], "{}}"), request: hmpShare(),
    expect: { code: "STATE_INVALID", pointer: { prefix: "" } } },
  // ---- the state: wrong types at every level
  { name: "state: root is an array", state: "[]", request: hmpShare(), expect: { code: "STATE_INVALID", pointer: "" } },
  { name: "state: root is null", state: "null", request: hmpShare(), expect: { code: "STATE_INVALID", pointer: "" } },
  { name: "state: section is a string", state: '{"hmp":"users"}', request: hmpShare(), expect: { code: "STATE_INVALID", pointer: "/hmp" } },
  { name: "state: section is null", state: '{"ocm":null}', request: hmpShare(), expect: { code: "STATE_INVALID", pointer: "/ocm" } },
  { name: "state: collection is an object", state: '{"hmp":{"users":{}}}', request: hmpShare(), expect: { code: "STATE_INVALID", pointer: "/hmp/users" } },
  { name: "state: element is null", state: '{"hmp":{"users":[null]}}', request: hmpShare(), expect: { code: "STATE_INVALID", pointer: "/hmp/users/0" } },
  { name: "state: id is a number", state: '{"hmp":{"users":[{"id":5,"username":"a"}]}}', request: hmpShare(),
    expect: { code: "STATE_INVALID", pointer: "/hmp/users/0/id" } },
  { name: "state: id is null", state: '{"webex":{"people":[{"id":null,"email":"a@example.com","type":"user"}]}}', request: hmpShare(),
    expect: { code: "STATE_INVALID", pointer: "/webex/people/0/id" } },
  { name: "state: roles holds a number", state: hmpState((h) => { h.users[0].roles = [7]; }), request: hmpShare(),
    expect: { code: "STATE_INVALID", pointer: "/hmp/users/0/roles/0" } },
  { name: "state: share permission is an object", state: hmpState((h) => { h.recordings[0].shares[0].permission = { x: 1 }; }),
    request: hmpShare(), expect: { code: "STATE_INVALID", pointer: "/hmp/recordings/0/shares/0/permission" } },
  { name: "state: administrator is a huge number, not a bool", state: hmpState((h) => { h.roles[0].administrator = "HUGE"; }).replace('"HUGE"', "1e999999"),
    request: hmpShare(), expect: { code: "STATE_INVALID", pointer: "/hmp/roles/0/administrator" } },
  { name: "state: schema of another version", state: '{"schema":"share-policy/state@2"}', request: hmpShare(), expect: { code: "STATE_INVALID", pointer: "/schema" } },
  { name: "state: value outside its enumeration", state: '{"webex":{"people":[{"id":"P","email":"p@example.com","type":"robot"}]}}',
    request: hmpShare(), expect: { code: "STATE_INVALID", pointer: "/webex/people/0/type" } },
  // ---- the state: integrity
  { name: "state: duplicate user ids", state: hmpState((h) => { h.users[1].id = h.users[0].id; }), request: hmpShare(),
    expect: { code: "STATE_INVALID", pointer: { prefix: "/hmp/users/1" } } },
  { name: "state: HMP ids differing only in case are duplicates", state: hmpState((h) => { h.users[1].id = h.users[0].id.toUpperCase(); }),
    request: hmpShare(), expect: { code: "STATE_INVALID", pointer: { prefix: "/hmp/users/1" } } },
  { name: "state: dangling share principal", state: hmpState((h) => { h.recordings[0].shares[0].id = "00000000-0000-4000-8000-000000000000"; }),
    request: hmpShare(), expect: { code: "STATE_INVALID", pointer: { prefix: "/hmp/recordings/0/shares/0" } } },
  { name: "state: dangling role name", state: hmpState((h) => { h.users[0].roles = ["Nobody"]; }), request: hmpShare(),
    expect: { code: "STATE_INVALID", pointer: "/hmp/users/0/roles/0" } },
  { name: "state: dangling Webex owner", state: () => { const s = JSON.parse(WEBEX); s.webex.recordings[0].ownerId = "ghost"; return json(s); },
    request: webexCall({ ownerEmail: "john.andersen@example.com", reassignOwnerEmail: "brenda.song@example.com" }), entry: "resolveReassign",
    expect: { code: "STATE_INVALID", pointer: "/webex/recordings/0/ownerId" } },
  { name: "state: OCM folder lists its owner as a member", state: () => { const s = JSON.parse(OCM); s.ocm.folders[0].members.push({ id: OCM_OWNER, type: "user", role: "viewer" }); return json(s); },
    request: ocmCall({ userID: "GS18003", role: "viewer" }), expect: { code: "STATE_INVALID", pointer: { prefix: "/ocm/folders/0/members/3" } } },
  { name: "state: two shares for one principal on one asset", state: hmpState((h) => { h.recordings[0].shares.push({ ...h.recordings[0].shares[0] }); }),
    request: hmpShare(), expect: { code: "STATE_INVALID", pointer: { prefix: "/hmp/recordings/0/shares/" } } },
  { name: "state: duplicate keys in an element", state: '{"hmp":{"users":[{"id":"a","id":"b"}]}}', request: hmpShare(),
    expect: { code: "STATE_INVALID", pointer: { prefix: "/hmp/users/0" } } },
  { name: "state: duplicate top-level keys", state: '{"hmp":{},"hmp":{}}', request: hmpShare(), expect: { code: "STATE_INVALID", pointer: { prefix: "" } } },
  { name: "state: a 20 MB string", state: () => '{"hmp":{"users":[{"id":"u","username":"' + "x".repeat(20 * MiB) + '"}]}}',
    request: hmpShare(), expect: { code: "LIMIT_EXCEEDED", pointer: "/hmp/users/0/username" } },
  { name: "state: 100k unknown keys in one object load (linear duplicate check)", state: () => {
      const s = JSON.parse(HMP);
      for (let i = 0; i < 100000; i++) s["k" + i] = i;
      return json(s);
    }, request: hmpShare(), expect: { result: lineIs(/^OK$/) } },
  { name: "state: 100k unknown keys in a section load", state: () => {
      const s = JSON.parse(HMP);
      for (let i = 0; i < 100000; i++) s.hmp["k" + i] = i;
      return json(s);
    }, request: hmpShare(), expect: { result: lineIs(/^OK$/) } },
  { name: "state: 100k unknown keys in a user load", state: () => {
      const s = JSON.parse(HMP);
      for (let i = 0; i < 100000; i++) s.hmp.users[0]["k" + i] = i;
      return json(s);
    }, request: hmpShare(), expect: { result: lineIs(/^OK$/) } },
  { name: "state: 200k users load", state: () => {
      const s = JSON.parse(HMP);
      for (let i = 0; i < 200000; i++) s.hmp.users.push({ id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`, username: "u" + i, roles: [], groups: [] });
      return json(s);
    }, request: hmpShare(), expect: { result: lineIs(/^OK$/) } },

  // ---- the request
  { name: "request: empty text", state: HMP, request: "", expect: { code: "REQUEST_INVALID", pointer: "" } },
  { name: "request: not JSON", state: HMP, request: "{ actor: admin }", expect: { code: "REQUEST_INVALID", pointer: { prefix: "" } } },
  { name: "request: truncated", state: HMP, request: hmpShare().slice(0, 30), expect: { code: "REQUEST_INVALID", pointer: { prefix: "" } } },
  { name: "request: 200k-deep nesting", state: HMP, request: () => '{"actor":"admin","cli":' + deep(200000) + "}",
    expect: { code: "LIMIT_EXCEEDED", pointer: { prefix: "/cli/0/0" } } },
  { name: "request: an array", state: HMP, request: "[]", expect: { code: "REQUEST_INVALID", pointer: "" } },
  { name: "request: a bare string", state: HMP, request: '"shareRecordingWithUser"', expect: { code: "REQUEST_INVALID", pointer: "" } },
  { name: "request: neither cli nor http", state: HMP, request: '{"actor":"admin"}', expect: { code: "REQUEST_INVALID", pointer: "" } },
  { name: "request: both cli and http", state: HMP, request: json({ actor: "admin", cli: "x", http: { method: "GET", path: "/" } }),
    expect: { code: "REQUEST_INVALID", pointer: "/http" } },
  { name: "request: cli is null", state: HMP, request: '{"actor":"admin","cli":null}', expect: { code: "REQUEST_INVALID", pointer: "/cli" } },
  { name: "request: cli is a number", state: HMP, request: '{"actor":"admin","cli":42}', expect: { code: "REQUEST_INVALID", pointer: "/cli" } },
  { name: "request: actor is a number", state: HMP, request: json({ actor: 1, cli: "x" }), expect: { code: "REQUEST_INVALID", pointer: "/actor" } },
  { name: "request: actor null for HMP (an actor is required)", state: HMP, request: json({ actor: null, cli: `shareRecordingWithUser creator OWN ${RECORDING}` }),
    expect: { code: "REQUEST_INVALID", pointer: "/actor" } },
  { name: "request: actor names nobody", state: HMP, request: json({ actor: "nobody", cli: "x" }), expect: { code: "REQUEST_INVALID", pointer: "/actor" } },
  { name: "request: scopes holds a number", state: WEBEX, request: json({ actor: WEBEX_ADMIN, scopes: [WRITE_SCOPE, 5], http: { method: "POST", path: "/v1/convergedRecordings/reassign" } }),
    entry: "resolveReassign", expect: { code: "REQUEST_INVALID", pointer: "/scopes/1" } },
  { name: "request: scopes past kMaxScopes (1000)", state: WEBEX, request: json({ actor: WEBEX_ADMIN, scopes: [...new Array(1000).fill(""), WRITE_SCOPE], http: { method: "POST", path: "/v1/convergedRecordings/reassign" } }),
    entry: "resolveReassign", expect: { code: "LIMIT_EXCEEDED", pointer: "/scopes/1000" } },
  { name: "request: http is an array", state: HMP, request: '{"actor":"admin","http":[]}', expect: { code: "REQUEST_INVALID", pointer: "/http" } },
  { name: "request: method is a number", state: HMP, request: json({ actor: "admin", http: { method: 1, path: "/" } }), expect: { code: "REQUEST_INVALID", pointer: "/http/method" } },
  { name: "request: path is null", state: HMP, request: json({ actor: "admin", http: { method: "GET", path: null } }), expect: { code: "REQUEST_INVALID", pointer: "/http/path" } },
  { name: "request: unsupported path", state: HMP, request: json({ actor: "admin", http: { method: "GET", path: "/etc/passwd" } }),
    expect: { code: "UNSUPPORTED_OPERATION", pointer: "/http/path" } },
  { name: "request: path of 1 MB of ../", state: HMP, request: () => json({ actor: "admin", http: { method: "POST", path: "/apis/sections/" + "../".repeat(350000) + "/shares" } }),
    expect: { code: "UNSUPPORTED_OPERATION", pointer: "/http/path" } },
  { name: "request: invalid UTF-8", state: HMP, request: () => bytes('{"actor":"admin","cli":"shareRecordingWithUser ', [0xed, 0xa0, 0x80], '"}'),
    expect: { code: "REQUEST_INVALID", pointer: { prefix: "" } } },
  { name: "request: lone surrogate escape in the command line", state: HMP, request: '{"actor":"admin","cli":"shareRecordingWithUser \\udbff x"}',
    expect: { code: "REQUEST_INVALID", pointer: { prefix: "" } } },
  { name: "request: duplicate keys", state: HMP, request: '{"actor":"admin","actor":"creator","cli":"x"}', expect: { code: "REQUEST_INVALID", pointer: { prefix: "" } } },
  { name: "request: byte order mark before the object (accepted)", state: HMP, request: "\ufeff" + hmpShare(), expect: { result: lineIs(/^OK$/) } },
  { name: "request: a 20 MB actor string", state: HMP, request: () => json({ actor: "a".repeat(20 * MiB), cli: "x" }),
    expect: { code: "LIMIT_EXCEEDED", pointer: "/actor" } },
  { name: "request: a huge number as the actor", state: HMP, request: '{"actor":1e999999,"cli":"x"}', expect: { code: "REQUEST_INVALID", pointer: "/actor" } },
  // Issue 16 item 4: what nobody reads is checked but not built; the answers are those of a whole read.
  { name: "request: an unknown member of 1 000 000 empty objects", state: HMP,
    request: () => hmpShare().replace(/}$/, `,"x":[${new Array(1000000).fill("{}").join(",")}]}`), expect: { result: lineIs(/^OK$/) } },
  { name: "request: a duplicate key inside an unknown member", state: HMP, request: '{"actor":"admin","cli":"x","x":[{},{"a":1,"a":2}]}',
    expect: { code: "REQUEST_INVALID", pointer: "/x/1/a" } },
  { name: "request: a syntax error inside an unknown member wins over a bad actor", state: HMP, request: '{"actor":1,"cli":"x","x":[1,}]}',
    expect: { code: "REQUEST_INVALID", pointer: "/x" } },
  { name: "hmp feed: a body member of 1 000 000 empty objects", state: HMP,
    request: () => feedCall({ shareType: "USER", permission: "WATCH", name: "creator", x: "@" }).replace('"@"', `[${new Array(1000000).fill("{}").join(",")}]`),
    expect: { result: statusIs(200) } },
  { name: "hmp feed: an escaped duplicate key in a body's unknown member", state: HMP,
    request: feedCall({ shareType: "USER", permission: "WATCH", name: "creator", x: "@" }).replace('"@"', '{"a":1,"\\u0061":2}'),
    expect: { code: "REQUEST_INVALID", pointer: "/http/body/x/a" } },

  // ---- HMP command lines
  { name: "cli: NUL bytes in the recording id are echoed as spaces", state: HMP, request: hmpShare("shareRecordingWithUser creator OWN ab\u0000cd\u0000"),
    expect: { result: (r, assert) => { assert.equal(r.response.line, "ERROR|010001|'ab cd ' is not a UUID"); } } },
  { name: "cli: control characters and line breaks stay on one response line", state: HMP, request: hmpShare('shareRecordingWithUser creator OWN "a\r\nb\u001bc"'),
    expect: { result: (r, assert) => { assert.doesNotMatch(r.response.line, /[\u0000-\u001f]/); assert.match(r.response.line, /^ERROR\|010001\|/); } } },
  { name: "cli: a line of 2 MiB", state: HMP, request: () => hmpShare("shareRecordingWithUser " + "x".repeat(2 * MiB)),
    expect: { code: "LIMIT_EXCEEDED", pointer: "/cli" } },
  { name: "cli: a line just under 1 MiB of white space", state: HMP, request: () => hmpShare(" ".repeat(MiB - 1)),
    expect: { result: lineIs(/^ERROR\|Command not found$/) } },
  { name: "cli: 500k tokens", state: HMP, request: () => hmpShare("shareRecordingWithUser" + " a".repeat(500000)),
    expect: { result: lineIs(/^ERROR\|010003\|Expected 3 parameter\(s\)\. Got 500000 parameter\(s\)$/) } },
  { name: "cli: a 900 KB quoted user name", state: HMP, request: () => hmpShare(`shareRecordingWithUser "${"n".repeat(900000)}" OWN ${RECORDING}`),
    expect: { result: lineIs(/^ERROR\|040004\|User not found$/) } },
  { name: "cli: unterminated quote of 1 MiB of backslashes", state: HMP, request: () => hmpShare('shareRecordingWithUser "' + "\\".repeat(MiB - 100)),
    expect: { result: lineIs(/^ERROR\|010001\|Unterminated quoted string$/) } },
  { name: "cli: unknown command of invalid-looking bytes", state: HMP, request: hmpShare("\u00ff\u00fe\ufffd"), expect: { result: lineIs(/^ERROR\|Command not found$/) } },

  // ---- vendor bodies
  { name: "ocm: raw body that is not JSON", state: OCM, request: ocmCall("{userID: GS18003"),
    expect: { result: (r, assert) => { assert.equal(r.response.status, 400); assert.equal(r.response.body.errorCode, "-1"); } } },
  { name: "ocm: raw body that is JSON of the wrong kind (an array)", state: OCM, request: ocmCall("[1,2]"), expect: { result: statusIs(400) } },
  { name: "ocm: role is a number", state: OCM, request: ocmCall({ userID: "GS18003", role: 5 }), expect: { result: statusIs(400) } },
  { name: "ocm: userID is an array of ids", state: OCM, request: ocmCall({ userID: ["GS18003"], role: "viewer" }), expect: { result: statusIs(400) } },
  { name: "ocm: userID with 10k ids", state: OCM, request: () => ocmCall({ userID: Array.from({ length: 10000 }, (_, i) => "U" + i).join(","), role: "viewer" }),
    expect: { result: (r, assert) => { assert.equal(r.response.status, 400); assert.match(r.response.body.errorMessage, /dUserID/); } } },
  { name: "ocm: userID of 1 MB of commas and blanks counts as missing", state: OCM, request: () => ocmCall({ userID: ", ".repeat(500000), role: "viewer" }),
    expect: { result: (r, assert) => { assert.equal(r.response.status, 400); assert.equal(r.response.body.errorCode, "-97"); } } },
  { name: "ocm: raw body nested 200k deep is the vendor's 400", state: OCM, request: () => ocmCall(deep(200000)), expect: { result: statusIs(400) } },
  { name: "webex: raw body that is not JSON", state: WEBEX, request: webexCall("not json"), entry: "resolveReassign", expect: { result: statusIs(400) } },
  { name: "webex: recordingIds with 10k ids", state: WEBEX, entry: "resolveReassign",
    request: () => webexCall({ recordingIds: Array.from({ length: 10000 }, (_, i) => "r" + i), reassignOwnerEmail: "brenda.song@example.com" }),
    expect: { result: (r, assert) => { assert.equal(r.response.status, 400); assert.equal(r.response.body.message, "recordingIds size must not exceed 100"); } } },
  { name: "webex: 10k copies of one id count once", state: WEBEX, entry: "resolveReassign",
    request: () => webexCall({ recordingIds: Array(10000).fill("4f914b1dfe3c4d11a61730f18c0f5387"), reassignOwnerEmail: "brenda.song@example.com" }),
    expect: { result: (r, assert) => { assert.equal(r.response.status, 204); assert.equal(r.reassign.moved.length, 1); } } },
  { name: "webex: recordingIds holds numbers", state: WEBEX, entry: "resolveReassign", request: webexCall({ recordingIds: [1, 2], reassignOwnerEmail: "brenda.song@example.com" }),
    expect: { result: statusIs(400) } },
  { name: "webex: no actor is the vendor's 401", state: WEBEX, entry: "resolveReassign", request: webexCall({ reassignOwnerEmail: "x@example.com" }, { actor: null }),
    expect: { result: statusIs(401) } },
  { name: "hmp feed: raw body that is not JSON", state: HMP, request: feedCall("<xml/>"), expect: { result: statusIs(400) } },
  { name: "hmp feed: shareType is a number", state: HMP, request: feedCall({ shareType: 1, permission: "WATCH", name: "creator" }), expect: { result: statusIs(400) } },
  { name: "hmp feed: permission is a huge number", state: HMP, request: feedCall({ shareType: "USER", permission: 1e308, name: "creator" }), expect: { result: statusIs(400) } },
  { name: "hmp feed: body is null", state: HMP, request: feedCall(null), expect: { result: statusIs(400) } },
  { name: "hmp feed: section id of 100k percent escapes", state: HMP, request: () => json({ actor: "admin", http: { method: "POST", path: "/apis/sections/" + "%00".repeat(100000) + "/shares", body: { shareType: "USER", permission: "WATCH", name: "creator" } } }),
    expect: { result: statusIs(404) } },
  // ---- issue 16: trailing content after the document (nlohmann took a NUL for the end of the text)
  { name: "state: NUL and garbage after the object", state: () => bytes(HMP, [0], "garbage"), request: hmpShare(),
    expect: { code: "STATE_INVALID", pointer: "" } },
  { name: "state: NUL and a second object after the object", state: () => bytes(HMP, [0], '{"hmp":{}}'), request: hmpShare(),
    expect: { code: "STATE_INVALID", pointer: "" } },
  { name: "state: a NUL alone after the object", state: () => bytes(HMP, "\n", [0]), request: hmpShare(),
    expect: { code: "STATE_INVALID", pointer: "" } },
  { name: "request: NUL and garbage after the object", state: HMP, request: () => bytes(hmpShare(), [0, 0xff, 0x7b]),
    expect: { code: "REQUEST_INVALID", pointer: "" } },
  { name: "request: NUL and a second request after the object", state: HMP,
    request: () => bytes(hmpShare(), [0], hmpShare(`shareRecordingWithUser viewer OWN ${RECORDING}`)), expect: { code: "REQUEST_INVALID", pointer: "" } },
  { name: "ocm: raw body with a NUL and more JSON after it is the vendor's 400", state: OCM,
    request: ocmCall('{"userID":"GS18003","role":"viewer"}\u0000{"role":"manager"}'), expect: { result: statusIs(400) } },
  { name: "webex: raw body with a NUL and more JSON after it is the vendor's 400", state: WEBEX, entry: "resolveReassign",
    request: webexCall('{"reassignOwnerEmail":"brenda.song@example.com","recordingIds":["4f914b1dfe3c4d11a61730f18c0f5387"]}\u0000{}'),
    expect: { result: statusIs(400) } },
  { name: "hmp feed: raw body with a NUL and more JSON after it is the vendor's 400", state: HMP,
    request: feedCall('{"shareType":"USER","permission":"WATCH","name":"creator"}\u0000{"x":1}'), expect: { result: statusIs(400) } },

  // ---- issue 16: recordingIds read for their distinct ids (the reader keeps at most the cap of them
  // and counts the rest; docs/LIMITS.md "Requests"): the answers the whole list gave
  { name: "webex: 300k copies of one id, some spelt with escapes, count once", state: WEBEX, entry: "resolveReassign",
    request: () => webexCall({ recordingIds: ["@@ids@@"], reassignOwnerEmail: "brenda.song@example.com" })
      .replace('"@@ids@@"', Array.from({ length: 300000 }, (_, i) => (i % 3 ? '"4f914b1dfe3c4d11a61730f18c0f5387"' : '"\\u0034f914b1dfe3c4d11a61730f18c0f5387"')).join(",")),
    expect: { result: (r, assert) => {
      assert.equal(r.response.status, 204);
      assert.equal(r.reassign.moved.length, 1);
      assert.deepEqual(r.warnings.filter((w) => w.code === "DUPLICATE_IDS").map((w) => w.message),
        ["recordingIds lists 4f914b1dfe3c4d11a61730f18c0f5387 more than once; each counts once"]);
    } } },
  { name: "webex: 200k distinct short ids: the cap, with the exact count", state: WEBEX, entry: "resolveReassign",
    request: () => webexCall({ recordingIds: Array.from({ length: 400000 }, (_, i) => "r" + (i % 200000)), reassignOwnerEmail: "brenda.song@example.com" }),
    expect: { result: (r, assert) => {
      assert.equal(r.response.body.message, "recordingIds size must not exceed 100");
      assert.match(r.fix.sentence, /\(200000 ids: 2000 calls\)/);
    } } },
  { name: "webex: 100 distinct ids repeated 3000 times stay within the cap", state: WEBEX, entry: "resolveReassign",
    request: () => webexCall({ recordingIds: Array.from({ length: 300000 }, (_, i) => "r" + (i % 100)), reassignOwnerEmail: "brenda.song@example.com" }),
    expect: { result: (r, assert) => { assert.equal(r.response.status, 404); assert.match(r.fix.sentence, /'r0', 'r1', .*\(100 in all\)/); } } },
  { name: "webex: a number after 150 distinct ids is the shape error, not the cap", state: WEBEX, entry: "resolveReassign",
    request: () => webexCall({ recordingIds: [...Array.from({ length: 150 }, (_, i) => "r" + i), 7], reassignOwnerEmail: "brenda.song@example.com" }),
    expect: { result: (r, assert) => assert.equal(r.response.body.message, "recordingIds must be an array of strings.") } },
  // OCM quotes userID as sent (ocm.md), so a container there is kept whole: bounded by the request limit.
  { name: "ocm: userID holding 300k empty objects is quoted whole", state: OCM,
    request: () => ocmCall({ userID: Array.from({ length: 300000 }, () => ({})), role: "viewer" }),
    expect: { result: (r, assert) => { assert.equal(r.response.status, 400); assert.equal(r.response.body.user.id.length, 300000); } } },

  // ---- issue 16: "did you mean" over hostile collections (bounded work: tests/unit/test_limits.cpp)
  { name: "did you mean: 20k usernames sharing a 300-byte beginning", state: () => manyUsers(20000, (i) => "u".repeat(300) + i),
    request: hmpShare(`shareRecordingWithUser ${"u".repeat(300)}1234x WATCH ${RECORDING}`),
    expect: { result: (r, assert) => { assert.equal(r.response.line, "ERROR|040004|User not found"); assert.match(r.fix.sentence, /closest: /); } } },
  { name: "did you mean: 1000 near-identical 4 KB usernames", state: () => manyUsers(1000, (i) => "x".repeat(2048) + (i % 10) + "x".repeat(2048) + i),
    request: hmpShare(`shareRecordingWithUser ${"x".repeat(2048)}q${"x".repeat(2048)}7 WATCH ${RECORDING}`),
    expect: { result: (r, assert) => { assert.equal(r.response.line, "ERROR|040004|User not found"); assert.match(r.fix.sentence, /no user named/); } } },
  { name: "did you mean: 20k near-identical Webex emails", state: () => manyPeople(20000, (i) => `${"a".repeat(200)}${i}@example.com`),
    entry: "resolveReassign", request: webexCall({ ownerEmail: `${"a".repeat(200)}1234x@example.com`, reassignOwnerEmail: "brenda.song@example.com" }),
    expect: { result: (r, assert) => { assert.equal(r.response.status, 404); assert.match(r.fix.sentence, /closest: /); } } },
  { name: "entry point: a reassignment to canShare", state: WEBEX, request: webexCall({ reassignOwnerEmail: "x@example.com" }), entry: "canShare",
    packageOnly: true, expect: { code: "WRONG_ENTRY_POINT", pointer: "/http/path" } },  // ---- issue 16 item 4: OCM's echo of a large userID or role is kept as its compact text (not a
  // DOM) and written as it is: what the DOM wrote (tests/unit/test_ocm_echo.cpp compares the bytes)
  { name: "ocm: role holding 300k empty strings is quoted whole", state: OCM,
    request: () => ocmCall({ userID: "GS18003", role: new Array(300000).fill("") }),
    expect: { result: (r, assert) => {
      assert.equal(r.response.status, 400);
      assert.equal(r.response.body.role.length, 300000);
      assert.equal(r.response.body.user.id, "GS18003");
      assert.match(r.explanation[0], /^role '\["","","",.*…' is not one of/);
    } } },
  { name: "ocm: a large userID with white space, escapes and numbers is echoed as its value", state: OCM,
    request: () => ocmCall({ userID: ["@@v@@"], role: "viewer" }).replace('["@@v@@"]', `[ ${new Array(2000).fill(OCM_ECHOED).join(" ,\n\t")} ]`),
    expect: { result: (r, assert) => {
      assert.equal(r.response.status, 400);
      assert.deepEqual(r.response.body.user.id, new Array(2000).fill(JSON.parse(OCM_ECHOED)));
    } } },
  { name: "ocm: a large userID in a raw text body is echoed as its value", state: OCM,
    request: () => ocmCall(`{"role":"manager", "userID" : [ ${new Array(2000).fill(OCM_ECHOED).join(" , ")} ]}`),
    expect: { result: (r, assert) => {
      assert.equal(r.response.status, 400);
      assert.equal(r.response.body.role, "manager");
      assert.deepEqual(r.response.body.user.id, new Array(2000).fill(JSON.parse(OCM_ECHOED)));
    } } },
];

// Resolves a case's inputs to bytes (generating the big ones).
export function materialize(value) {
  const v = typeof value === "function" ? value() : value;
  return typeof v === "string" ? Buffer.from(v, "utf8") : v;
}

// Whether an input error matches the case's expectation; returns a reason when it does not.
export function mismatch(expect, error) {
  if (!error || typeof error !== "object") return `not an input error: ${String(error)}`;
  if (error.code !== expect.code) return `code ${error.code}, expected ${expect.code} (${error.message})`;
  if (typeof error.message !== "string" || error.message.length === 0) return "no message";
  if (typeof error.pointer !== "string") return "no pointer";
  const p = expect.pointer;
  if (typeof p === "string" && error.pointer !== p) return `pointer '${error.pointer}', expected '${p}'`;
  if (p && p.prefix !== undefined && !error.pointer.startsWith(p.prefix)) return `pointer '${error.pointer.slice(0, 200)}', expected a prefix '${p.prefix}'`;
  if (p && p.re && !p.re.test(error.pointer)) return `pointer '${error.pointer}' does not match ${p.re}`;
  return null;
}
