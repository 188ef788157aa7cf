// The HMP shareRecordingWithUser decision (hmp.md checks 5–9) encoded in each engine the benchmark
// compares: a hand-written JavaScript baseline with Maps, CASL, Casbin and Cedar. share-policy
// itself is driven through its package in run.mjs.
//
// Checks 5–8 are look-ups (does the target exist and have a role, does the recording exist, does
// the access permission exist): authorization engines have no notion of them, so every peer shares
// one JavaScript front for them (`Front`) and answers check 9 — "the actor is an administrator, or
// its effective actions on the recording include share and every action of the permission" — in
// its own idiom. Every decision returns the HMP code: "OK", "040004", "060001", "040002",
// "040025" or "030003".

export const ACTIONS = ["watch", "edit", "share", "download", "trim", "restream", "delete"];
const BUILTIN = { WATCH: ["watch"], EDIT: ["watch", "edit"], OWN: ACTIONS };
const bit = Object.fromEntries(ACTIONS.map((a, i) => [a, 1 << i]));
const ALL = (1 << ACTIONS.length) - 1;
const maskOf = (actions) => actions.reduce((m, a) => m | bit[a], 0);
const lc = (s) => s.toLowerCase();

// A query in structured form, decoded once from the request (outside the timed loops).
export function decodeQuery(request) {
  const [, target, permission, recording] = request.cli.split(/\s+/);
  return { actor: request.actor, target, permission, recording };
}

// ------------------------------------------------------------------------------------------
// The common front: checks 5–8 and the entity look-ups every engine needs.

export class Front {
  constructor(state) {
    const hmp = state.hmp;
    const adminRoles = new Set(hmp.roles.filter((r) => r.administrator).map((r) => r.name));
    this.groups = new Map();
    for (const g of hmp.groups) {
      this.groups.set(lc(g.id), { key: lc(g.id), hasRole: g.roles.length > 0, admin: g.roles.some((r) => adminRoles.has(r)) });
    }
    this.usersById = new Map();
    this.usersByName = new Map();
    for (const u of hmp.users) {
      const groups = u.groups.map(lc);
      const user = {
        key: lc(u.id), groups,
        hasRole: u.roles.length > 0 || groups.some((g) => this.groups.get(g).hasRole),
        admin: u.roles.some((r) => adminRoles.has(r)) || groups.some((g) => this.groups.get(g).admin),
      };
      this.usersById.set(user.key, user);
      const name = lc(u.username);
      this.usersByName.set(name, this.usersByName.has(name) ? null : user);   // null: ambiguous
    }
    this.permissions = new Map(Object.entries(BUILTIN));
    for (const ap of hmp.accessPermissions ?? []) this.permissions.set(lc(ap.id), ap.actions);
    this.recordingKeys = new Set(hmp.recordings.map((r) => lc(r.id)));
  }
  actor(q) { return this.usersById.get(lc(q.actor)) ?? this.usersByName.get(lc(q.actor)); }
  // Checks 5–8: a failing code, or null with { actor, recordingKey, actions } for check 9.
  front(q) {
    const target = this.usersByName.get(lc(q.target));
    if (target === null) return { code: "070008" };
    if (!target) return { code: "040004" };
    if (!target.hasRole) return { code: "060001" };
    const recordingKey = lc(q.recording);
    if (!this.recordingKeys.has(recordingKey)) return { code: "040002" };
    const actions = BUILTIN[q.permission] ?? this.permissions.get(lc(q.permission));
    if (!actions) return { code: "040025" };
    return { code: null, actor: this.actor(q), recordingKey, actions, permissionKey: BUILTIN[q.permission] ? q.permission : lc(q.permission) };
  }
}

// ------------------------------------------------------------------------------------------
// Hand-written baseline: Maps and bit masks.

export class BaselineEngine {
  static label = "JS baseline (Maps)";
  constructor(state) {
    this.front = new Front(state);
    const permMask = new Map([...this.front.permissions].map(([k, v]) => [k, maskOf(v)]));
    this.recordings = new Map();
    for (const r of state.hmp.recordings) {
      const shares = new Map();
      for (const s of r.shares ?? []) shares.set(lc(s.id), permMask.get(BUILTIN[s.permission] ? s.permission : lc(s.permission)));
      this.recordings.set(lc(r.id), { owner: r.owner ? lc(r.owner) : null, shares });
    }
  }
  decide(q) {
    const f = this.front.front(q);
    if (f.code) return f.code;
    const { actor } = f;
    if (actor.admin) return "OK";
    const rec = this.recordings.get(f.recordingKey);
    if (rec.owner === actor.key) return "OK";
    let have = rec.shares.get(actor.key) ?? 0;
    for (const g of actor.groups) have |= rec.shares.get(g) ?? 0;
    const need = maskOf(f.actions) | bit.share;
    return (have & need) === need ? "OK" : "030003";
  }
}

// ------------------------------------------------------------------------------------------
// CASL: one ability per actor (built on first use and cached, as an application caches it per
// session), conditions on the recording's access lists: `acl.<action>` holds the principals that
// have that action on it, and an actor's rule matches when one of its principals is in it.

export class CaslEngine {
  static label = "CASL 7 (@casl/ability)";
  constructor(state, casl) {
    this.casl = casl;
    this.front = new Front(state);
    this.abilities = new Map();
    this.recordings = new Map();
    for (const r of state.hmp.recordings) {
      const acl = {};
      for (const a of ACTIONS) acl[a] = [];
      for (const s of r.shares ?? []) {
        for (const a of this.front.permissions.get(BUILTIN[s.permission] ? s.permission : lc(s.permission))) acl[a].push(lc(s.id));
      }
      this.recordings.set(lc(r.id), casl.subject("Recording", { owner: r.owner ? lc(r.owner) : null, acl }));
    }
  }
  ability(actor) {
    let ability = this.abilities.get(actor.key);
    if (ability) return ability;
    const { AbilityBuilder, createMongoAbility } = this.casl;
    const { can, build } = new AbilityBuilder(createMongoAbility);
    if (actor.admin) can("manage", "all");
    else {
      can("manage", "Recording", { owner: actor.key });
      const principals = [actor.key, ...actor.groups];
      for (const a of ACTIONS) can(a, "Recording", { [`acl.${a}`]: { $in: principals } });
    }
    ability = build();
    this.abilities.set(actor.key, ability);
    return ability;
  }
  decide(q) {
    const f = this.front.front(q);
    if (f.code) return f.code;
    const ability = this.ability(f.actor);
    const rec = this.recordings.get(f.recordingKey);
    if (!ability.can("share", rec)) return "030003";
    for (const a of f.actions) if (!ability.can(a, rec)) return "030003";
    return "OK";
  }
}

// ------------------------------------------------------------------------------------------
// Casbin: RBAC with resource rows, its documented way to hold ACL data. `g` links users to their
// groups and to role:admin; `g2` links a recording to its owner; a policy row per (principal,
// recording, action) of every share. Check 9 is one enforce per needed action.

export const CASBIN_MODEL = `
[request_definition]
r = sub, obj, act

[policy_definition]
p = sub, obj, act

[role_definition]
g = _, _
g2 = _, _

[policy_effect]
e = some(where (p.eft == allow))

[matchers]
m = g(r.sub, "role:admin") || g2(r.obj, r.sub) || (g(r.sub, p.sub) && r.obj == p.obj && r.act == p.act)
`;

export class CasbinEngine {
  static label = "Casbin 5 (node-casbin)";
  static async create(state, casbin) {
    const engine = new CasbinEngine();
    engine.front = new Front(state);
    const model = casbin.newModelFromString(CASBIN_MODEL);
    const e = await casbin.newEnforcer(model);
    const p = [], g = [], g2 = [];
    for (const u of engine.front.usersById.values()) {
      for (const gk of u.groups) g.push([u.key, gk]);
      if (u.admin) g.push([u.key, "role:admin"]);
    }
    for (const r of state.hmp.recordings) {
      const rk = lc(r.id);
      if (r.owner) g2.push([rk, lc(r.owner)]);
      for (const s of r.shares ?? []) {
        for (const a of engine.front.permissions.get(BUILTIN[s.permission] ? s.permission : lc(s.permission))) p.push([lc(s.id), rk, a]);
      }
    }
    await e.addPolicies(p);
    await e.addNamedGroupingPolicies("g", g);
    await e.addNamedGroupingPolicies("g2", g2);
    engine.enforcer = e;
    engine.rows = p.length + g.length + g2.length;
    return engine;
  }
  decide(q) {
    const f = this.front.front(q);
    if (f.code) return f.code;
    const e = this.enforcer;
    const sub = f.actor.key, obj = f.recordingKey;
    if (!e.enforceSync(sub, obj, "share")) return "030003";
    for (const a of f.actions) if (!e.enforceSync(sub, obj, a)) return "030003";
    return "OK";
  }
}

// ------------------------------------------------------------------------------------------
// Cedar: preparsed policy set (statefulIsAuthorized); one action per permission ("share-OWN",
// "share-<access permission id>") whose policy requires `principal in resource.acl.<action>` for
// share and each action of the permission (a user is `in` its groups through its parents). The
// entities of a call are the actor (attribute `admin`, parents = groups) and the recording
// (attributes `owner` and `acl`), built once at load time as Cedar's JSON entities.

export class CedarEngine {
  static label = "Cedar 4 (@cedar-policy/cedar-wasm, stateful)";
  constructor(state, cedar) {
    this.cedar = cedar;
    this.front = new Front(state);
    const ref = (type, id) => ({ __entity: { type, id } });
    const policies = [
      `permit(principal, action, resource) when { principal.admin };`,
      `permit(principal, action, resource) when { resource.owner == principal };`,
    ];
    for (const [key, actions] of this.front.permissions) {
      const need = [...new Set(["share", ...actions])].map((a) => `principal in resource.acl.${a}`).join(" && ");
      policies.push(`permit(principal, action == Action::"share-${key}", resource) when { ${need} };`);
    }
    this.policySetId = "share-policy-bench";
    const answer = cedar.preparsePolicySet(this.policySetId, { staticPolicies: policies.join("\n") });
    if (answer.type !== "success") throw new Error(`Cedar policies: ${JSON.stringify(answer)}`);
    this.users = new Map();
    for (const u of this.front.usersById.values()) {
      this.users.set(u.key, { uid: { type: "User", id: u.key }, attrs: { admin: u.admin }, parents: u.groups.map((g) => ({ type: "Group", id: g })) });
    }
    this.recordings = new Map();
    for (const r of state.hmp.recordings) {
      const acl = {};
      for (const a of ACTIONS) acl[a] = [];
      for (const s of r.shares ?? []) {
        const type = s.shareType === "GROUP" ? "Group" : "User";
        for (const a of this.front.permissions.get(BUILTIN[s.permission] ? s.permission : lc(s.permission))) acl[a].push(ref(type, lc(s.id)));
      }
      const rk = lc(r.id);
      this.recordings.set(rk, { uid: { type: "Recording", id: rk }, attrs: { owner: ref("User", r.owner ? lc(r.owner) : ""), acl }, parents: [] });
    }
  }
  decide(q) {
    const f = this.front.front(q);
    if (f.code) return f.code;
    const answer = this.cedar.statefulIsAuthorized({
      principal: { type: "User", id: f.actor.key },
      action: { type: "Action", id: `share-${f.permissionKey}` },
      resource: { type: "Recording", id: f.recordingKey },
      context: {},
      preparsedPolicySetId: this.policySetId,
      entities: [this.users.get(f.actor.key), this.recordings.get(f.recordingKey)],
    });
    if (answer.type !== "success") throw new Error(`Cedar: ${JSON.stringify(answer.errors)}`);
    return answer.response.decision === "allow" ? "OK" : "030003";
  }
}
