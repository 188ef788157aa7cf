// Types for the share-policy package (hand-written; checked by tests/js/types/consumer.ts).
// Shapes follow the project's api.md: requests, results and the three entry points.

/** A JSON value. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A state document (`{"schema": "share-policy/state@1", "hmp": …, "webex": …, "ocm": …}`). */
export type State = { [key: string]: Json };

/**
 * JSON given as text, as UTF-8 bytes, or as a value the package serializes with JSON.stringify.
 * Whatever its form, the core validates it.
 */
export type JsonInput<T> = string | Uint8Array | ArrayBuffer | T;

/** What the administrator would send, plus who sends it (exactly one of `cli` and `http`). */
export interface Request {
  /** The caller: an id, name or email in the system the request belongs to; null or omitted: unauthenticated. */
  actor?: string | null;
  /** The caller's OAuth scopes (Webex only). */
  scopes?: string[];
  /** One HMP command line. */
  cli?: string;
  /** An HTTP call; `body` is a JSON value or the raw body text. */
  http?: { method: string; path: string; body?: Json };
}

/** The wire response: `{ line }` for an HMP command line, `{ status, body }` for HTTP. */
export type WireResponse = { line: string } | { status: number; body: Json };

export interface VendorError {
  code: string;
  name?: string;
  message: string;
}

export interface Warning {
  code: string;
  message: string;
}

export interface StateWarning {
  code: string;
  message: string;
  pointer: string;
}

export interface Principal {
  type: "user" | "group";
  id: string;
}

export interface Asset {
  kind: string;
  id: string;
}

export type Change =
  | {
      type: "share.set";
      system: string;
      asset: Asset;
      principal: Principal;
      before: string | null;
      after: string | null;
    }
  | {
      type: "owner.set";
      system: string;
      asset: Asset;
      before: string | null;
      after: string | null;
    };

export interface Result {
  operation: string;
  ok: boolean;
  response: WireResponse;
  error: VendorError | null;
  explanation: string[];
  changes: Change[];
  warnings: Warning[];
  fidelity: "documented" | "inferred";
  /** Present only when loading the state produced warnings. */
  stateWarnings?: StateWarning[];
  /** Who can do what on the touched assets before and after; present when there are changes (docs/ACCESS.md). */
  access?: Access;
  /** The smallest change that would make a denied call succeed; present on a denial (docs/ACCESS.md). */
  fix?: Fix;
}

export interface AccessUser {
  id: string;
  name: string;
}

export interface AccessPath {
  type: "direct" | "group" | "owner" | "administrator";
  group?: AccessUser;
  permission?: string;
  role?: string;
}

export interface AccessHolder {
  user?: AccessUser;
  /** HMP: administrators are counted, not listed. */
  administrators?: number;
  actions?: string[];
  role?: string;
  via: AccessPath[];
}

export interface AccessDelta {
  user: AccessUser;
  actions?: string[];
  from?: string | null;
  to?: string | null;
}

export interface AssetAccess {
  system: "hmp" | "webex" | "ocm";
  kind: string;
  id: string;
  before?: AccessHolder[];
  after?: AccessHolder[];
  gained?: AccessDelta[];
  lost?: AccessDelta[];
  owner?: { from: string; to: string };
}

export interface Access {
  assets: AssetAccess[];
  owners?: { user: AccessUser; gained: number; lost: number }[];
}

export interface Fix {
  sentence: string;
  kind: "state" | "request" | "none";
  changes: unknown[];
}

export interface ReassignOutcome {
  moved: { id: string; from: string; to: string }[];
  skipped: { id: string; reason: string }[];
}

/** applyShare's result: the evaluation and the new state (the old state when nothing changed). */
export interface AppliedResult extends Result {
  state: State;
}

/** resolveReassign's result: with `reassign`, and the new state. */
export interface ReassignResult extends Result {
  reassign: ReassignOutcome;
  state: State;
}

/** On a loaded state, resolveReassign updates the state in place and returns no copy of it. */
export interface LoadedReassignResult extends Result {
  reassign: ReassignOutcome;
}

/** Counts of what a loaded state holds (C++ LoadedState::summary). */
export interface StateSummary {
  hmp?: {
    users: number;
    groups: number;
    roles: number;
    accessPermissions: number;
    recordings: number;
    feeds: number;
    sessions: number;
  };
  webex?: { people: number; recordings: number };
  ocm?: { users: number; groups: number; folders: number };
  stateWarnings: StateWarning[];
}

/** Input error codes from api.md, plus INTERNAL (a fault) and DISPOSED (a disposed loaded state). */
export type SharePolicyErrorCode =
  | "STATE_INVALID"
  | "REQUEST_INVALID"
  | "UNSUPPORTED_OPERATION"
  | "WRONG_ENTRY_POINT"
  | "LIMIT_EXCEEDED"
  | "INTERNAL"
  | "DISPOSED";

/** Thrown for every input error and fault. */
export class SharePolicyError extends Error {
  constructor(code: SharePolicyErrorCode, message: string, pointer?: string);
  readonly name: "SharePolicyError";
  /** What went wrong (see SharePolicyErrorCode). */
  code: SharePolicyErrorCode;
  /** RFC 6901 pointer into the state or request ("" for the whole document or none). */
  pointer: string;
}

/** One canShareBatch answer: the decision members of canShare's Result, unchanged. */
export interface Decision {
  ok: boolean;
  response: WireResponse;
  error: VendorError | null;
}

/** One canShareBatch answer where canShare would have thrown (pointer: within that request). */
export interface DecisionInputError {
  ok: false;
  inputError: { code: SharePolicyErrorCode; message: string; pointer: string };
}

/** A state parsed and indexed once, for many calls. Free it with dispose() (or leave it to the GC). */
export interface LoadedState {
  canShare(request: JsonInput<Request>): Result;
  /**
   * Many share previews in one call (a grid): one item per request, in order. Computes only the
   * decision (no explanation, fix or access), so it is much faster than canShare per row. Throws
   * SharePolicyError when the batch itself is not a JSON array of at most 100000 requests.
   * Elements are request objects: a string element is a JSON string (REQUEST_INVALID), not request text.
   */
  canShareBatch(requests: string | Uint8Array | ArrayBuffer | Request[]): Array<Decision | DecisionInputError>;
  /** Applies the request's changes to this loaded state. */
  applyShare(request: JsonInput<Request>): Result;
  /** Applies a successful reassignment to this loaded state. */
  resolveReassign(request: JsonInput<Request>): LoadedReassignResult;
  /** What resolveReassign would answer, without changing this loaded state. */
  previewReassign(request: JsonInput<Request>): LoadedReassignResult;
  /**
   * A second handle on the same state (an undo step): copy-on-write, so applying on either leaves
   * the other unchanged. Dispose each handle.
   */
  clone(): LoadedState;
  /** The current state (so JSON.stringify(loaded) writes it). */
  toJSON(): State;
  summary(): StateSummary;
  /** Frees the WebAssembly memory now; later calls throw SharePolicyError "DISPOSED". */
  dispose(): void;
}

export interface Scenario {
  state: State;
  steps: { request: Request; expect?: Partial<Result>; name?: string }[];
}

export interface ScenarioStepOutcome {
  result: Result;
  mismatches: string[];
}

export interface SharePolicy {
  /** Evaluates a share request; never changes anything. */
  canShare(state: JsonInput<State>, request: JsonInput<Request>): Result;
  /** Evaluates a share request and returns the new state in `.state`. */
  applyShare(state: JsonInput<State>, request: JsonInput<Request>): AppliedResult;
  /** Evaluates a reassignment; `.reassign` lists moved and skipped recordings. */
  resolveReassign(state: JsonInput<State>, request: JsonInput<Request>): ReassignResult;
  /** Parses and indexes a state once, for many calls. */
  load(state: JsonInput<State>): LoadedState;
  /**
   * Runs a scenario {state, steps:[{request, expect?, name?}]}: each step sees the state the steps
   * before it left. `mismatches` lists how a step's result differs from its `expect` (empty = pass).
   */
  runScenario(scenario: JsonInput<Scenario>): ScenarioStepOutcome[];
}

export interface SharePolicyOptions {
  /**
   * A budget, in bytes, for what the core allocates in this instance. A call that needs more
   * throws SharePolicyError "LIMIT_EXCEEDED". Default: no budget below the module's 2 GiB cap.
   */
  maxMemoryBytes?: number;
}

/** Instantiates the WebAssembly module. Create one and reuse it. */
export function createSharePolicy(options?: SharePolicyOptions): Promise<SharePolicy>;
