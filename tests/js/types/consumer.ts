// A consumer of every export of share-policy, type-checked (tsc --noEmit) against index.d.ts by
// tests/js/types.test.mjs. The @ts-expect-error lines must stay errors.
import {
  createSharePolicy,
  SharePolicyError,
  type Access,
  type Scenario,
  type ScenarioStep,
  type ScenarioStepOutcome,
  type ScenarioWithStateFile,
  type AppliedResult,
  type Fix,
  type Change,
  type Json,
  type JsonInput,
  type LoadedReassignResult,
  type LoadedState,
  type Operation,
  type PagedReassignResult,
  type ReassignOutcome,
  type ReassignResult,
  type Request,
  type Result,
  type SharePolicy,
  type WhoCanAnswer,
  type WhatCanAnswer,
  type SharePolicyErrorCode,
  type SharePolicyOptions,
  type State,
  type StateSummary,
  type StateWarning,
  type VendorError,
  type Warning,
  type WireResponse,
} from "share-policy";

const options: SharePolicyOptions = { maxMemoryBytes: 64 * 1024 * 1024 };
const sp: SharePolicy = await createSharePolicy(options);
await createSharePolicy();

const state: State = { schema: "share-policy/state@1", hmp: { users: [] } };
const request: Request = { actor: "admin", cli: "shareRecordingWithUser creator OWN f678f415" };
const httpRequest: Request = {
  actor: null,
  scopes: ["spark-admin:recordings_write"],
  http: { method: "POST", path: "/v1/convergedRecordings/reassign", body: { ownerEmail: "a@example.com" } },
};
const asText: JsonInput<State> = JSON.stringify(state);
const asBytes: JsonInput<State> = new TextEncoder().encode(asText);

const preview: Result = sp.canShare(asText, request);
const ok: boolean = preview.ok;
const response: WireResponse = preview.response;
const vendorError: VendorError | null = preview.error;
const explanation: string[] = preview.explanation;
const warnings: Warning[] = preview.warnings;
const fidelity: "documented" | "inferred" = preview.fidelity;
const stateWarnings: StateWarning[] | undefined = preview.stateWarnings;
for (const change of preview.changes as Change[]) {
  if (change.type === "share.set") console.log(change.principal.type, change.after);
  else console.log(change.asset.id, change.before);
}
if ("line" in response) console.log(response.line);
else console.log(response.status, response.body satisfies Json);

const applied: AppliedResult = sp.applyShare(asBytes, JSON.stringify(request));
const newState: State = applied.state;
const reassigned: ReassignResult = sp.resolveReassign(newState, httpRequest);
const outcome: ReassignOutcome = reassigned.reassign;
console.log(outcome.moved.map((m) => m.to), outcome.skipped.map((s) => s.reason), reassigned.state);

const scenario: Scenario = { state, steps: [{ request, expect: { ok: true }, name: "first" }] };
const outcomes: ScenarioStepOutcome[] = sp.runScenario(scenario);
console.log(outcomes[0]?.result.ok, outcomes[0]?.mismatches.length);

const loaded: LoadedState = sp.load(state);
const steps: ScenarioStep[] = [{ request, expect: { ok: true } }];
const onLoaded: ScenarioStepOutcome[] = loaded.runScenario(steps);
const scenarioFile: ScenarioWithStateFile = { stateFile: "../org.json", steps };
console.log(onLoaded[0]?.mismatches, scenarioFile.stateFile);
const r1: Result = loaded.canShare(request);
const r2: Result = loaded.applyShare(request);
const previewed: LoadedReassignResult = loaded.previewReassign(httpRequest);
const r3: LoadedReassignResult = loaded.resolveReassign(httpRequest);
const paged: PagedReassignResult = loaded.previewReassign(httpRequest, { items: 10 });
const movedTotal: number = paged.page.totals["reassign.moved"] + paged.reassign.counts.purged;
const morePages: { id: string; from: string; to: string }[] = paged.items("reassign.moved", 10, 100);
const moreChanges: Change[] = paged.items("changes");
console.log(movedTotal, morePages, moreChanges);
const access: Access | undefined = r2.access;
const fix: Fix | undefined = r1.fix;
console.log(previewed.reassign.moved, access?.assets[0]?.gained, fix?.sentence, fix?.kind);
const undoStep: LoadedState = loaded.clone();
undoStep.dispose();
const current: State = loaded.toJSON();
const summary: StateSummary = loaded.summary();
console.log(r1.ok, r2.changes, r3.reassign.moved, current, summary.hmp?.users, summary.stateWarnings);
const who: WhoCanAnswer = loaded.whoCan({ system: "hmp", asset: { kind: "recording", id: "f678" }, limit: 10 });
const what: WhatCanAnswer = loaded.whatCan({ system: "ocm", principal: { type: "user", id: "userCC" } });
console.log(who.users.items[0]?.via[0]?.type, who.groups.total, who.administrators, what.assets.items[0]?.role);
// @ts-expect-error a whatCan query names a principal, not an asset
loaded.whatCan({ system: "hmp", asset: { kind: "recording", id: "f678" } });
loaded.dispose();

try {
  sp.canShare(state, request);
} catch (e) {
  if (e instanceof SharePolicyError) {
    const code: SharePolicyErrorCode = e.code;
    const pointer: string = e.pointer;
    const message: string = e.message;
    const asError: Error = e;
    console.log(code, pointer, message, asError.name);
  }
}
const made = new SharePolicyError("LIMIT_EXCEEDED", "too big", "/hmp");
console.log(made.code, ok, vendorError, explanation, warnings, fidelity, stateWarnings);

// @ts-expect-error maxMemoryBytes is a number of bytes
await createSharePolicy({ maxMemoryBytes: "2GB" });
// @ts-expect-error canShare takes a state and a request
sp.canShare(request);
// @ts-expect-error a loaded state's canShare takes only the request
loaded.canShare(state, request);
// @ts-expect-error canShare's result has no state
console.log(preview.state);
// @ts-expect-error not an error code
const wrong: SharePolicyErrorCode = "OOPS";
console.log(wrong);

// Types that tell the truth (issue 15).
// @ts-expect-error a request is cli or http, not both
const both: Request = { actor: "admin", cli: "x", http: { method: "GET", path: "/" } };
// @ts-expect-error a request needs cli or http
const neither: Request = { actor: "admin" };
// @ts-expect-error PATCH is not a method the core knows
const patch: Request = { http: { method: "PATCH", path: "/" } };
const lower: Request = { http: { method: "post", path: "/v1/convergedRecordings/reassign" } };
const mixed: Request = { http: { method: "Delete", path: "/x" } };
console.log(both, neither, patch, lower, mixed);
// A body and a state declared as interfaces (no index signature) are accepted.
interface RoleBody { userID: string; role: string }
const body: RoleBody = { userID: "U2", role: "viewer" };
const withBody: Request = { actor: "owner", http: { method: "PUT", path: "/documents/api/1.2/shares/F1/role", body } };
interface MyFolder { id: string; ownedBy: string; members: { id: string; type: "user"; role: "viewer" }[] }
const folders: MyFolder[] = [{ id: "F1", ownedBy: "U1", members: [] }];
const typedState: State = { ocm: { users: [], groups: [], folders } };
console.log(sp.canShare(typedState, withBody).ok);
// @ts-expect-error a state's known key with the wrong type
const badState: State = { hmp: { users: "everyone" } };
console.log(badState);
const operation: Operation = preview.operation;
// @ts-expect-error not an operation
const noOperation: Operation = "hmp.nothing";
console.log(operation, noOperation);
// Scenario results carry reassign for a reassignment step.
const step = outcomes[0]?.result;
if (step && "reassign" in step) console.log(step.reassign.moved);
// preview answers a share or a reassignment.
const previewed2: Result | LoadedReassignResult = loaded.preview(httpRequest);
console.log(previewed2.ok);
// Fix changes are typed.
for (const c of fix?.changes ?? []) {
  if (c.type === "role.grant") console.log(c.principal.id, c.after);
  else if (c.type === "directory.set") console.log(c.after);
}
// Bad options reject with a SharePolicyError code.
const optionsCode: SharePolicyErrorCode = "OPTIONS_INVALID";
const brokenCode: SharePolicyErrorCode = "INSTANCE_BROKEN";
console.log(optionsCode, brokenCode);
