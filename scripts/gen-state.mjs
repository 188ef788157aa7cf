#!/usr/bin/env node
// Deterministic generator of realistic share-policy state files (and of a query mix to run against
// them), for the benchmarks (bench/, BENCHMARKS.md) and for load tests.
//
//   node scripts/gen-state.mjs --size S|M|L|XL [--out FILE] [--seed N]
//                              [--queries N --queries-out FILE]
//
// The state is written as it is generated (standard output by default), so that L (~390 MB) and XL
// (~650 MB) never exist as one string; progress goes to standard error. The same size and seed always give the
// same bytes: the only randomness is a seeded mulberry32, never Math.random.
//
// Shape (state.md): HMP users (1% administrators, about a fifth with roles only through groups, a
// few with no role at all), groups of 5–50 members, built-in roles and a few access permissions,
// recordings that all have an owner and carry shares to users and groups (WATCH / EDIT / OWN /
// access permissions, at most one per principal), a few feeds; Webex people and recordings, one
// person owning a large block (100k in M) for the reassign-all benchmark; OCM users, groups and
// folders. The output passes the integrity rules of state.md: ids unique (HMP: case-insensitively,
// guaranteed by a global counter inside every UUID), every reference resolves.
//
// `--queries N` also writes a query mix (`--queries-out FILE`): N shareRecordingWithUser requests
// chosen so that every HMP check 5–9 both passes and fails (admin actors, owners, direct and group
// sharers, bystanders; targets without roles or unknown; unknown recordings and access permissions),
// plus Webex reassignments (reassign-all of the big owner, and lists of recording ids).

import fs from "node:fs";
import { once } from "node:events";
import { fileURLToPath } from "node:url";

export const SIZES = {
  S: { users: 1_000, groups: 100, recordings: 10_000, shares: 50_000, feeds: 50,
       webexExtra: 5_000, webexBigOwner: 5_000, ocmFolders: 2_000 },
  M: { users: 10_000, groups: 1_000, recordings: 100_000, shares: 500_000, feeds: 200,
       webexExtra: 20_000, webexBigOwner: 100_000, ocmFolders: 20_000 },
  L: { users: 50_000, groups: 5_000, recordings: 500_000, shares: 2_000_000, feeds: 500,
       webexExtra: 100_000, webexBigOwner: 100_000, ocmFolders: 50_000 },
  // Past V8's longest string (~512 MiB): only a streaming load can read it (issue 12).
  XL: { users: 80_000, groups: 8_000, recordings: 850_000, shares: 3_400_000, feeds: 800,
        webexExtra: 170_000, webexBigOwner: 100_000, ocmFolders: 85_000 },
};

// ---------------------------------------------------------------------------------------------
// Seeded randomness

export function mulberry32(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  constructor(seed) { this.next = mulberry32(seed); }
  int(n) { return Math.floor(this.next() * n); }               // 0 … n-1
  range(lo, hi) { return lo + this.int(hi - lo + 1); }          // lo … hi inclusive
  chance(p) { return this.next() < p; }
  pick(arr) { return arr[this.int(arr.length)]; }
  hex(digits) {
    let s = "";
    while (s.length < digits) s += (this.next() * 4294967296 >>> 0).toString(16).padStart(8, "0");
    return s.slice(0, digits);
  }
  weighted(pairs) {                                             // [[value, weight], …]
    let total = 0;
    for (const [, w] of pairs) total += w;
    let r = this.next() * total;
    for (const [v, w] of pairs) { if ((r -= w) < 0) return v; }
    return pairs[pairs.length - 1][0];
  }
}

// A version-4-looking UUID whose last 8 hex digits are a global counter: unique by construction
// (so also case-insensitively), random-looking elsewhere.
function makeUuidFactory(rng) {
  let counter = 0;
  return () => {
    const r = rng.hex(24);
    const c = (++counter).toString(16).padStart(8, "0");
    return `${r.slice(0, 8)}-${r.slice(8, 12)}-4${r.slice(13, 16)}-${"89ab"[rng.int(4)]}${r.slice(17, 20)}-${r.slice(20, 24)}${c}`;
  };
}

const FIRST = ["james", "mary", "robert", "patricia", "john", "jennifer", "michael", "linda", "david",
  "elizabeth", "william", "barbara", "richard", "susan", "joseph", "jessica", "thomas", "sarah",
  "chris", "karen", "daniel", "lisa", "matthew", "nancy", "anthony", "betty", "mark", "sandra",
  "li", "wei", "fatima", "ahmed", "yuki", "hiro", "olga", "ivan", "ana", "jose", "priya", "raj"];
const LAST = ["smith", "johnson", "williams", "brown", "jones", "garcia", "miller", "davis",
  "rodriguez", "martinez", "hernandez", "lopez", "gonzalez", "wilson", "anderson", "thomas",
  "taylor", "moore", "jackson", "martin", "lee", "perez", "thompson", "white", "harris", "clark",
  "nguyen", "chen", "kim", "patel", "singh", "kowalski", "muller", "rossi", "dubois", "tanaka"];
const DEPTS = ["Sales", "Marketing", "Engineering", "Support", "Finance", "Legal", "HR", "Ops",
  "Training", "Events", "Studio", "Broadcast", "Product", "Research", "Security", "Facilities"];
const TOPICS = ["All-hands", "Quarterly review", "Product demo", "Training session", "Town hall",
  "Board meeting", "Webinar", "Customer call", "Sprint review", "Onboarding", "Keynote", "Stand-up"];

export const HMP_ROLES = [
  { name: "Administrator", administrator: true },
  { name: "Creator", administrator: false },
  { name: "Editor", administrator: false },
  { name: "Viewer", administrator: false },
  { name: "Guest", administrator: false },
];
const NON_ADMIN_ROLES = ["Creator", "Editor", "Viewer", "Guest"];

// ---------------------------------------------------------------------------------------------
// Output: chunks are collected up to ~1 MiB and written with back-pressure.

class ChunkWriter {
  constructor(stream) { this.stream = stream; this.buf = []; this.len = 0; this.bytes = 0; }
  async put(s) {
    this.buf.push(s);
    this.len += s.length;
    if (this.len >= 1 << 20) await this.flush();
  }
  async flush() {
    if (this.buf.length === 0) return;
    const chunk = this.buf.join("");
    this.buf = []; this.len = 0;
    this.bytes += Buffer.byteLength(chunk);
    if (!this.stream.write(chunk)) await once(this.stream, "drain");
  }
}

const q = JSON.stringify;

// ---------------------------------------------------------------------------------------------
// The generator

export async function generateState({ size = "S", seed = 1, stream = process.stdout,
  log = () => {}, querySample = 0 } = {}) {
  const P = SIZES[size];
  if (!P) throw new Error(`unknown size '${size}' (S, M, L or XL)`);
  const rng = new Rng(seed);
  const uuid = makeUuidFactory(rng);
  const out = new ChunkWriter(stream);
  const t0 = Date.now();
  const progress = (what) => log(`[gen-state ${size}] ${what} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);

  // --- access permissions (admin-defined): a few realistic sets, two of them include `share`.
  const accessPermissions = [
    { id: uuid(), name: "Download only", actions: ["watch", "download"] },
    { id: uuid(), name: "Clip editor", actions: ["watch", "edit", "trim"] },
    { id: uuid(), name: "Co-owner", actions: ["watch", "edit", "share", "download", "trim"] },
    { id: uuid(), name: "Reshare viewer", actions: ["watch", "share"] },
    { id: uuid(), name: "Restreamer", actions: ["watch", "restream"] },
    { id: uuid(), name: "Archivist", actions: ["watch", "download", "delete"] },
  ];

  // --- groups: group 0 is the administrators' group; 85% of the others carry a role.
  const groups = [];
  for (let g = 0; g < P.groups; g++) {
    const name = g === 0 ? "Platform Administrators"
      : `${DEPTS[g % DEPTS.length]} ${Math.floor(g / DEPTS.length) + 1}`;
    const roles = g === 0 ? ["Administrator"]
      : rng.chance(0.85) ? [rng.weighted([["Viewer", 5], ["Creator", 3], ["Editor", 2]])] : [];
    groups.push({ id: uuid(), groupname: name, roles, members: [] });
  }
  const roleGroups = groups.filter((g, i) => i > 0 && g.roles.length > 0);
  const rolelessGroups = groups.filter((g) => g.roles.length === 0);

  // --- users: 1% administrators (direct role), ~74% a direct role, ~20% roles only via groups,
  // ~5% no role at all (targets of HMP check 6).
  const users = [];
  for (let u = 0; u < P.users; u++) {
    const first = FIRST[rng.int(FIRST.length)], last = LAST[rng.int(LAST.length)];
    const username = `${first}.${last}${u}`;
    const kind = u % 100 === 7 ? "admin" : rng.weighted([["direct", 74], ["viaGroup", 20], ["none", 5]]);
    const roles = kind === "admin" ? ["Administrator"]
      : kind === "direct" ? [rng.weighted([["Viewer", 5], ["Creator", 3], ["Editor", 2], ["Guest", 1]])]
      : [];
    users.push({ id: uuid(), username, email: `${username}@example.com`, roles, groups: [], kind });
  }
  // Memberships: every group 5–50 distinct members (the admin group: 5), users without roles only
  // in role-less groups, so that they really have no role.
  const roleful = users.filter((x) => x.kind !== "none");
  const roleless = users.filter((x) => x.kind === "none");
  for (let g = 0; g < groups.length; g++) {
    const group = groups[g];
    const n = g === 0 ? 5 : rng.range(5, 50);
    const pool = group.roles.length === 0 && roleless.length > 0 && rng.chance(0.3) ? roleless : roleful;
    const chosen = new Set();
    while (chosen.size < Math.min(n, pool.length)) chosen.add(pool[rng.int(pool.length)]);
    for (const user of chosen) { user.groups.push(group.id); group.members.push(user); }
  }
  // A user whose roles come only from groups must be in at least one group that has a role.
  const groupHasRole = new Map(groups.map((g) => [g.id, g.roles.length > 0]));
  for (const user of users) {
    if (user.kind !== "viaGroup") continue;
    if (user.groups.some((gid) => groupHasRole.get(gid))) continue;
    const group = roleGroups[rng.int(roleGroups.length)];
    user.groups.push(group.id); group.members.push(user);
  }
  progress(`${users.length} users, ${groups.length} groups`);

  // The query sample draws from its own generator, so that asking for queries never changes the state.
  const sample = querySample > 0 ? { recordings: [], seen: 0, webexIds: [], webexSeen: 0, rng: new Rng(seed ^ 0x9e3779b9) } : null;

  // --- write: header, users, groups, roles, access permissions
  await out.put(`{"schema":"share-policy/state@1","generator":${q({ tool: "scripts/gen-state.mjs", size, seed })},"hmp":{"directory":{"available":true},"roles":${q(HMP_ROLES)},"accessPermissions":${q(accessPermissions)},"users":[`);
  for (let i = 0; i < users.length; i++) {
    const x = users[i];
    await out.put(`${i ? "," : ""}{"id":"${x.id}","username":${q(x.username)},"email":${q(x.email)},"roles":${q(x.roles)},"groups":${q(x.groups)},"department":${q(DEPTS[i % DEPTS.length])}}`);
  }
  await out.put(`],"groups":[`);
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i];
    await out.put(`${i ? "," : ""}{"id":"${g.id}","groupname":${q(g.groupname)},"roles":${q(g.roles)}}`);
  }

  // --- recordings: owner (a user with a role, heavier weight on a few prolific creators), and a
  // number of shares drawn so that the total is close to the size's share count; principals are
  // distinct per recording (70% users, 30% groups); the owner never gets a share.
  const permissionPick = () => rng.weighted([["WATCH", 50], ["EDIT", 22], ["OWN", 10],
    ["AP", 18]]);
  const makeShares = (count, ownerId) => {
    const taken = new Set([ownerId]);
    const shares = [];
    let guard = 0;
    while (shares.length < count && guard++ < count * 10) {
      const toGroup = rng.chance(0.3);
      const principal = toGroup ? groups[rng.int(groups.length)] : users[rng.int(users.length)];
      if (taken.has(principal.id)) continue;
      taken.add(principal.id);
      let permission = permissionPick();
      if (permission === "AP") permission = accessPermissions[rng.int(accessPermissions.length)].id;
      shares.push({ id: principal.id, shareType: toGroup ? "GROUP" : "USER", permission });
    }
    return shares;
  };
  const prolific = roleful.filter((x, i) => i % 50 === 3);      // 2% of users own ~30% of recordings
  await out.put(`],"recordings":[`);
  let shareTotal = 0;
  const meanShares = P.shares / P.recordings;
  const created0 = Date.UTC(2019, 0, 1) / 1000;
  for (let r = 0; r < P.recordings; r++) {
    const owner = rng.chance(0.3) ? prolific[rng.int(prolific.length)] : roleful[rng.int(roleful.length)];
    // shares per recording: mean `meanShares`, spread 0 … 2·mean, steered to hit the total exactly
    const remainingRecs = P.recordings - r;
    const target = (P.shares - shareTotal) / remainingRecs;
    const count = Math.max(0, Math.min(Math.round(2 * target), Math.round(target * 2 * rng.next() + (rng.next() - 0.5))));
    const shares = makeShares(r === P.recordings - 1 ? P.shares - shareTotal : count, owner.id);
    shareTotal += shares.length;
    const id = uuid();
    const name = `${TOPICS[rng.int(TOPICS.length)]} ${DEPTS[rng.int(DEPTS.length)]} #${r}`;
    const created = new Date((created0 + rng.int(6 * 365 * 86400)) * 1000).toISOString();
    await out.put(`${r ? "," : ""}{"id":"${id}","name":${q(name)},"owner":"${owner.id}","created":"${created}","durationSeconds":${rng.range(60, 7200)},"shares":${q(shares)}}`);
    if (sample) {                                               // reservoir sample for the query mix
      sample.seen++;
      const rec = { id, owner: owner.id, shares };
      if (sample.recordings.length < querySample) sample.recordings.push(rec);
      else { const j = sample.rng.int(sample.seen); if (j < querySample) sample.recordings[j] = rec; }
    }
    if ((r + 1) % 100_000 === 0) progress(`${r + 1} recordings, ${shareTotal} shares`);
  }
  await out.put(`],"feeds":[`);
  for (let f = 0; f < P.feeds; f++) {
    const owner = roleful[rng.int(roleful.length)];
    await out.put(`${f ? "," : ""}{"id":"${uuid()}","name":${q(`${DEPTS[f % DEPTS.length]} live ${f}`)},"shares":${q(makeShares(rng.int(6), owner.id))}}`);
  }
  await out.put(`]}`);
  progress(`HMP done: ${P.recordings} recordings, ${shareTotal} shares, ${P.feeds} feeds`);

  // --- Webex: one person per HMP user (same email), plus virtual lines and workspaces; person 0
  // ("archive.owner") owns `webexBigOwner` recordings (the reassign-all benchmark), the others
  // spread `webexExtra` recordings among themselves.
  const b64 = (s) => Buffer.from(s).toString("base64").replace(/=+$/, "");
  const people = [];
  people.push({ id: b64(`ciscospark://us/PEOPLE/${uuid()}`), email: "archive.owner@example.com", displayName: "Archive Owner", type: "user", status: "active" });
  people.push({ id: b64(`ciscospark://us/PEOPLE/${uuid()}`), email: "webex.admin@example.com", displayName: "Webex Admin", type: "user", status: "active" });
  people.push({ id: b64(`ciscospark://us/PEOPLE/${uuid()}`), email: "records.keeper@example.com", displayName: "Records Keeper", type: "user", status: "active" });
  for (const u of users) {
    const type = rng.weighted([["user", 96], ["virtualLine", 1], ["workspace", 1], ["place", 1], ["callQueue", 1]]);
    people.push({ id: b64(`ciscospark://us/PEOPLE/${uuid()}`), email: u.email, displayName: u.username.replace(/\d+$/, "").replace(".", " "), type, status: rng.chance(0.95) ? "active" : "inactive" });
  }
  await out.put(`,"webex":{"people":[`);
  for (let i = 0; i < people.length; i++) await out.put(`${i ? "," : ""}${q(people[i])}`);
  await out.put(`],"recordings":[`);
  const webexTotal = P.webexBigOwner + P.webexExtra;
  const services = ["MeetingCenter", "Webinar", "EventCenter", "Calling"];
  let bigLeft = P.webexBigOwner;
  for (let i = 0; i < webexTotal; i++) {
    // the big owner's recordings are interleaved with the others, as in a real export
    const isBig = bigLeft > 0 && rng.next() < bigLeft / (webexTotal - i);
    if (isBig) bigLeft--;
    const owner = isBig ? people[0] : people[3 + rng.int(people.length - 3)];
    const status = rng.weighted([["available", 90], ["deleted", 7], ["purged", 3]]);
    const created = new Date((created0 + rng.int(6 * 365 * 86400)) * 1000).toISOString();
    const id = `${rng.hex(32)}${(i + 1).toString(16).padStart(8, "0")}`;
    if (sample) {
      sample.webexSeen++;
      if (sample.webexIds.length < querySample) sample.webexIds.push(id);
      else { const j = sample.rng.int(sample.webexSeen); if (j < querySample) sample.webexIds[j] = id; }
    }
    await out.put(`${i ? "," : ""}{"id":"${id}","topic":${q(`${TOPICS[rng.int(TOPICS.length)]} ${i}`)},"ownerId":"${owner.id}","status":"${status}","serviceType":"${rng.pick(services)}","createTime":"${created}","sizeBytes":${rng.range(1e5, 2e9)},"durationSeconds":${rng.range(60, 7200)}}`);
    if ((i + 1) % 100_000 === 0) progress(`${i + 1} Webex recordings`);
  }
  await out.put(`]}`);
  progress(`Webex done: ${people.length} people, ${webexTotal} recordings`);

  // --- OCM: users (ids in the vendor's U…T… shape), groups of 5–50 members, folders with 0–8
  // distinct members that never include the owner.
  const tenant = rng.hex(24).toUpperCase();
  const ocmUsers = users.map((u, i) => ({ id: `U${tenant}T${String(i + 1).padStart(11, "0")}`, loginName: u.email, displayName: u.username,
    provisioningStatus: rng.weighted([["active", 94], ["inactive", 3], ["deleted", 2], ["pending", 1]]) }));
  const ocmGroups = groups.map((g, i) => {
    const n = rng.range(5, 50); const members = new Set();
    while (members.size < Math.min(n, ocmUsers.length)) members.add(ocmUsers[rng.int(ocmUsers.length)].id);
    return { id: `G${tenant}T${String(i + 1).padStart(11, "0")}`, displayName: g.groupname, members: [...members] };
  });
  await out.put(`,"ocm":{"users":[`);
  for (let i = 0; i < ocmUsers.length; i++) await out.put(`${i ? "," : ""}${q(ocmUsers[i])}`);
  await out.put(`],"groups":[`);
  for (let i = 0; i < ocmGroups.length; i++) await out.put(`${i ? "," : ""}${q(ocmGroups[i])}`);
  await out.put(`],"folders":[`);
  for (let f = 0; f < P.ocmFolders; f++) {
    const owner = ocmUsers[rng.int(ocmUsers.length)];
    const taken = new Set([owner.id]); const members = [];
    const n = rng.int(9);
    let guard = 0;
    while (members.length < n && guard++ < 100) {
      const toGroup = rng.chance(0.25);
      const p = toGroup ? ocmGroups[rng.int(ocmGroups.length)] : ocmUsers[rng.int(ocmUsers.length)];
      if (taken.has(p.id)) continue;
      taken.add(p.id);
      members.push({ id: p.id, type: toGroup ? "group" : "user", role: rng.weighted([["viewer", 5], ["downloader", 2], ["contributor", 2], ["manager", 1]]) });
    }
    await out.put(`${f ? "," : ""}{"id":"F${tenant}T${String(f + 1).padStart(19, "0")}","name":${q(`${DEPTS[f % DEPTS.length]} folder ${f}`)},"ownedBy":"${owner.id}","members":${q(members)}}`);
  }
  await out.put(`]}}\n`);
  await out.flush();
  progress(`OCM done; ${(out.bytes / 1048576).toFixed(1)} MiB written`);

  return {
    bytes: out.bytes, size, seed,
    counts: { users: users.length, groups: groups.length, recordings: P.recordings, shares: shareTotal,
      webexPeople: people.length, webexRecordings: webexTotal, webexBigOwner: P.webexBigOwner,
      ocmUsers: ocmUsers.length, ocmGroups: ocmGroups.length, ocmFolders: P.ocmFolders },
    sample: sample && { users, groups, accessPermissions, recordings: sample.recordings, people,
      webexRecordingIds: sample.webexIds },
  };
}

// ---------------------------------------------------------------------------------------------
// Query mix

const REASSIGN_PATH = "/v1/convergedRecordings/reassign";

// `sample`: { users: [{id, username, roles, groups}], groups: [{id, roles}], accessPermissions,
// recordings: [{id, owner, shares}], people: [{email, type, status}] } — from generateState
// (`querySample`) or from a parsed state (sampleFromState). Returns plain requests (api.md).
export function generateQueries(sample, { count = 1000, seed = 7 } = {}) {
  const webexRecordingIds = sample.webexRecordingIds ?? [];
  const rng = new Rng(seed ^ 0x5eed);
  const uuid = makeUuidFactory(rng);
  const { users, groups, accessPermissions, recordings } = sample;
  const adminRoles = new Set(HMP_ROLES.filter((r) => r.administrator).map((r) => r.name));
  const groupById = new Map(groups.map((g) => [g.id.toLowerCase(), g]));
  const hasRole = (u) => u.roles.length > 0 || u.groups.some((gid) => groupById.get(gid.toLowerCase()).roles.length > 0);
  const isAdmin = (u) => u.roles.some((r) => adminRoles.has(r)) || u.groups.some((gid) => groupById.get(gid.toLowerCase()).roles.some((r) => adminRoles.has(r)));
  const admins = users.filter(isAdmin);
  const withRole = users.filter(hasRole);
  const noRole = users.filter((u) => !hasRole(u));
  const membersOf = new Map();
  for (const u of users) for (const gid of u.groups) {
    const k = gid.toLowerCase();
    if (!membersOf.has(k)) membersOf.set(k, []);
    membersOf.get(k).push(u);
  }
  const userById = new Map(users.map((u) => [u.id.toLowerCase(), u]));
  const perm = () => rng.weighted([["WATCH", 35], ["EDIT", 25], ["OWN", 20], ["AP", 20]]) === "AP"
    ? rng.pick(accessPermissions).id : null;
  const pickPerm = () => perm() ?? rng.weighted([["WATCH", 35], ["EDIT", 25], ["OWN", 20]]);
  const caseVariant = (s) => rng.chance(0.1) ? s.toUpperCase() : s;

  const decisions = [];
  for (let i = 0; i < count; i++) {
    const rec = rng.pick(recordings);
    let recordingId = caseVariant(rec.id);
    let target = rng.pick(withRole).username;
    let permission = pickPerm();
    let actor;
    const kind = rng.weighted([["admin", 12], ["owner", 13], ["userShare", 22], ["groupShare", 18],
      ["bystander", 15], ["noRoleTarget", 5], ["unknownTarget", 5], ["unknownRecording", 5], ["unknownPermission", 5]]);
    switch (kind) {
      case "admin": actor = rng.pick(admins); break;
      case "owner": actor = userById.get(rec.owner.toLowerCase()); break;
      case "userShare": {
        const s = rec.shares.filter((x) => x.shareType === "USER");
        actor = s.length ? userById.get(rng.pick(s).id.toLowerCase()) : rng.pick(users);
        break;
      }
      case "groupShare": {
        const s = rec.shares.filter((x) => x.shareType === "GROUP");
        const members = s.length ? membersOf.get(rng.pick(s).id.toLowerCase()) : null;
        actor = members && members.length ? rng.pick(members) : rng.pick(users);
        break;
      }
      case "noRoleTarget": actor = rng.pick(admins); target = noRole.length ? rng.pick(noRole).username : "nobody.at.all"; break;
      case "unknownTarget": actor = rng.pick(users); target = `ghost.user${rng.int(1e6)}`; break;
      case "unknownRecording": actor = rng.pick(users); recordingId = uuid(); break;
      case "unknownPermission": actor = rng.chance(0.5) ? rng.pick(admins) : userById.get(rec.owner.toLowerCase()); permission = uuid(); break;
      default: actor = rng.pick(users);
    }
    decisions.push({
      actor: rng.chance(0.8) ? actor.id : actor.username,
      cli: `shareRecordingWithUser ${caseVariant(target)} ${permission} ${recordingId}`,
    });
  }

  // Webex reassignments: reassign-all of the big owner (person 0) to "records.keeper", back, and
  // lists of up to 100 recording ids.
  const people = sample.people ?? [];
  const reassign = [];
  if (people.length >= 3) {
    const admin = people[1].email, big = people[0].email, keeper = people[2].email;
    const call = (body) => ({ actor: admin, scopes: ["spark-admin:recordings_write"], http: { method: "POST", path: REASSIGN_PATH, body } });
    reassign.push(call({ ownerEmail: big, reassignOwnerEmail: keeper }));
    const activeUsers = people.filter((p) => p.type === "user" && p.status === "active");
    for (let i = 0; i < 20 && webexRecordingIds.length; i++) {
      const ids = Array.from({ length: rng.range(1, 100) }, () => rng.pick(webexRecordingIds));
      reassign.push(call({ recordingIds: ids, reassignOwnerEmail: rng.pick(activeUsers).email }));
    }
  }
  return { shareRecordingWithUser: decisions, reassign };
}

// A sample (for generateQueries) from a parsed state object.
export function sampleFromState(state, { recordings = 2000, seed = 11 } = {}) {
  const rng = new Rng(seed);
  const recs = state.hmp.recordings;
  const picked = [];
  for (let i = 0; i < Math.min(recordings, recs.length); i++) picked.push(recs[rng.int(recs.length)]);
  return { users: state.hmp.users, groups: state.hmp.groups, accessPermissions: state.hmp.accessPermissions ?? [],
    recordings: picked.map((r) => ({ id: r.id, owner: r.owner, shares: r.shares ?? [] })), people: state.webex?.people ?? [],
    webexRecordingIds: (state.webex?.recordings ?? []).slice(0, recordings).map((r) => r.id) };
}

// ---------------------------------------------------------------------------------------------
// Command line

function parseArgs(argv) {
  const args = { size: null, out: null, seed: 1, queries: 0, queriesOut: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i], v = () => { if (i + 1 >= argv.length) throw new Error(`${a} needs a value`); return argv[++i]; };
    if (a === "--size") args.size = v().toUpperCase();
    else if (a === "--out" || a === "-o") args.out = v();
    else if (a === "--seed") args.seed = Number(v());
    else if (a === "--queries") args.queries = Number(v());
    else if (a === "--queries-out") args.queriesOut = v();
    else if (a === "--help" || a === "-h") args.help = true;
    else throw new Error(`unknown argument '${a}'`);
  }
  return args;
}

async function main() {
  let args;
  try { args = parseArgs(process.argv.slice(2)); } catch (e) { console.error(`gen-state: ${e.message}`); process.exit(2); }
  if (args.help || !args.size || !SIZES[args.size] || !Number.isInteger(args.seed) || (args.queries && !args.queriesOut)) {
    console.error("usage: node scripts/gen-state.mjs --size S|M|L|XL [--out FILE] [--seed N] [--queries N --queries-out FILE]");
    process.exit(args.help ? 0 : 2);
  }
  const stream = args.out ? fs.createWriteStream(args.out) : process.stdout;
  const log = (m) => process.stderr.write(`${m}\n`);
  const result = await generateState({ size: args.size, seed: args.seed, stream, log, querySample: args.queries ? 2000 : 0 });
  if (args.out) { stream.end(); await once(stream, "finish"); }
  log(`[gen-state ${args.size}] counts ${JSON.stringify(result.counts)}`);
  if (args.queries) {
    const queries = generateQueries(result.sample, { count: args.queries, seed: args.seed });
    fs.writeFileSync(args.queriesOut, JSON.stringify({ size: args.size, seed: args.seed, ...queries }) + "\n");
    log(`[gen-state ${args.size}] ${queries.shareRecordingWithUser.length} decisions, ${queries.reassign.length} reassignments → ${args.queriesOut}`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === fs.realpathSync(process.argv[1])) {
  main().catch((e) => { console.error(e.stack || String(e)); process.exit(1); });
}
