// share-policy: previews vendor sharing and reassignment calls with the C++ core compiled to
// WebAssembly (share-policy-core.js, the Emscripten loader; share-policy-wasm.js, the binary,
// embedded). This file only marshals: JSON text in, envelopes ({"result"} / {"error"}) out,
// envelopes turned into plain objects or SharePolicyError. Every decision, including input
// validation, is the core's. scripts/build-wasm compiles it (tsc, strict) into the package's
// index.js and index.d.ts.
/// <reference lib="esnext.disposable" preserve="true" />
import createSharePolicyModule, { type NativeModule, type NativeCall } from "./share-policy-core.js";
import { SharePolicyError, type SharePolicyErrorCode } from "./errors.js";
import wasmGzipBase64 from "./share-policy-wasm.js";

export { SharePolicyError, type SharePolicyErrorCode };

// ---------------------------------------------------------------------------------------------
// Types: the request, result and state shapes of the project's api.md and state.md.
// ---------------------------------------------------------------------------------------------

/** A JSON value (as results carry it). */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * A JSON value given by the caller. Objects are accepted whatever their declared type (an
 * `interface` needs no index signature): the package serializes them and the core validates them.
 */
export type JsonValue = null | boolean | number | string | readonly unknown[] | object;

// The state file (the project's state.md). Every collection is optional; unknown keys are kept
// through a round trip, so a state may carry more than these members (an export's own fields).

/** An HMP share: a principal's permission on a recording or feed. */
export interface HmpShare {
  id: string;
  shareType: "USER" | "GROUP";
  /** WATCH, EDIT, OWN or the id of an access permission. */
  permission: string;
}
export interface HmpState {
  users?: { id: string; username: string; email?: string; roles: string[]; groups: string[] }[];
  groups?: { id: string; groupname: string; roles: string[] }[];
  roles?: { name: string; administrator: boolean }[];
  accessPermissions?: { id: string; name: string; actions: HmpAction[] }[];
  recordings?: { id: string; name?: string; owner?: string; shares: HmpShare[] }[];
  feeds?: { id: string; name?: string; shares: HmpShare[] }[];
  directory?: { available?: boolean };
}
export type HmpAction = "watch" | "edit" | "share" | "download" | "trim" | "restream" | "delete";
export interface WebexState {
  people?: {
    id: string;
    email: string;
    displayName?: string;
    type: "user" | "virtualLine" | "workspace" | "place" | "callQueue";
    status?: "active" | "inactive";
  }[];
  recordings?: {
    id: string;
    topic?: string;
    ownerId: string;
    status?: "available" | "deleted" | "purged";
    serviceType?: string;
    createTime?: string;
    sizeBytes?: number;
    durationSeconds?: number;
  }[];
}
export type OcmRole = "viewer" | "downloader" | "contributor" | "manager";
export interface OcmState {
  users?: {
    id: string;
    loginName: string;
    displayName: string;
    provisioningStatus: "active" | "inactive" | "deleted" | "pending";
  }[];
  groups?: { id: string; displayName: string; members: string[] }[];
  folders?: {
    id: string;
    name?: string;
    ownedBy: string;
    members: { id: string; type: "user" | "group"; role: OcmRole }[];
  }[];
}
/** A state document (state.md): a section per vendor system, any subset present. */
export interface State {
  schema?: "share-policy/state@1";
  hmp?: HmpState;
  webex?: WebexState;
  ocm?: OcmState;
}
type ItemOf<T, K extends keyof T> = T[K] extends (infer E)[] | undefined ? E : never;
/** `Section` with the items of its lists `Lists` lacking the member `Drop`. */
type Dropping<Section, Lists extends keyof Section, Drop extends PropertyKey> = Omit<Section, Lists> & {
  [L in Lists]?: Omit<ItemOf<Section, L>, Drop>[];
};
/** A state without its lists of references and unknown members (LoadedState.outline). */
export interface StateOutline {
  schema?: State["schema"];
  hmp?: Dropping<HmpState, "recordings" | "feeds", "shares">;
  webex?: WebexState;
  ocm?: Dropping<OcmState, "groups" | "folders", "members">;
}

/**
 * JSON given as text, as UTF-8 bytes, or as a value the package serializes with JSON.stringify.
 * Whatever its form, the core validates it.
 */
export type JsonInput<T> = string | Uint8Array | ArrayBuffer | T;

/** The HTTP methods, in any case (the core compares them case-insensitively). */
export type HttpMethod = CaseVariants<"GET"> | CaseVariants<"POST"> | CaseVariants<"PUT"> | CaseVariants<"DELETE">;
type CaseVariants<S extends string> = S extends `${infer C}${infer Rest}`
  ? `${Uppercase<C> | Lowercase<C>}${CaseVariants<Rest>}`
  : S;

/** An HTTP call; `body` is a JSON value or the raw body text. */
export interface HttpCall {
  method: HttpMethod;
  path: string;
  body?: JsonValue;
}

interface RequestCommon {
  /** The caller: an id, name or email in the system the request belongs to; null or omitted: unauthenticated. */
  actor?: string | null;
  /** The caller's OAuth scopes (Webex only). */
  scopes?: string[];
}
/** An HMP command line. */
export interface CliRequest extends RequestCommon {
  cli: string;
  http?: never;
}
/** An HTTP call. */
export interface HttpRequest extends RequestCommon {
  http: HttpCall;
  cli?: never;
}
/** What the administrator would send, plus who sends it: exactly one of `cli` and `http`. */
export type Request = CliRequest | HttpRequest;

/** The operations (hmp.md, webex.md, ocm.md); `hmp.cli` for a command line that names none. */
export type Operation =
  | "hmp.cli"
  | "hmp.shareRecordingWithUser"
  | "hmp.shareRecordingWithGroup"
  | "hmp.shareSessionWithUser"
  | "hmp.shareSessionWithGroup"
  | "hmp.createFeedShare"
  | "hmp.listFeedShares"
  | "hmp.updateFeedShare"
  | "hmp.deleteFeedShare"
  | "webex.reassignRecordings"
  | "ocm.editShareRole"
  | "ocm.shareFolder"
  | "ocm.revokeUser"
  | "ocm.listShares";

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
      system: "hmp" | "webex" | "ocm";
      asset: Asset;
      principal: Principal;
      before: string | null;
      after: string | null;
    }
  | {
      type: "owner.set";
      system: "hmp" | "webex" | "ocm";
      asset: Asset;
      before: string | null;
      after: string | null;
    };

export interface Result {
  operation: Operation;
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
  /** Present only when a list above was cut (the window): how many entries each list has in all. */
  counts?: { before: number; after: number; gained: number; lost: number };
  owner?: { from: string; to: string };
}

/**
 * Which holders each access list of a preview carries (docs/ACCESS.md "Bounded lists"): by
 * default the first 50, with `counts` when a list has more. "all" lists every holder, a number N
 * the first N, `{ offset, limit }` a window (limit: 50 unless given; "all" for the rest).
 */
export type AccessWindow = "all" | number | { offset?: number; limit?: number | "all" };

/** Options of canShare and preview on a loaded state. */
export interface PreviewOptions {
  access?: AccessWindow;
}

export interface Access {
  assets: AssetAccess[];
  owners?: { user: AccessUser; gained: number; lost: number }[];
}

/** A change a fix proposes: a change of api.md, or a role grant or directory repair (docs/ACCESS.md). */
export type FixChange =
  | Change
  | { type: "role.grant"; system: "hmp"; principal: Principal; before: null; after: string }
  | { type: "directory.set"; system: "hmp"; before: "false"; after: "true" };

export interface Fix {
  sentence: string;
  kind: "state" | "request" | "none";
  changes: FixChange[];
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

/** The lists a paged reassignment cuts, by their place in the result (PagedReassignResult.items). */
export type ReassignList = "changes" | "warnings" | "reassign.moved" | "reassign.skipped" | "access.assets";
const REASSIGN_LISTS: readonly ReassignList[] = [
  "changes",
  "warnings",
  "reassign.moved",
  "reassign.skipped",
  "access.assets",
];

/**
 * A paged reassignment (`{ items: N }`): the result with each list of `ReassignList` cut to its first
 * N items, per-outcome counts and each list's full length; the rest is read with items().
 */
export interface PagedReassignResult extends LoadedReassignResult {
  reassign: ReassignOutcome & {
    counts: {
      moved: number;
      skipped: number;
      "not-owned-by-owner": number;
      purged: number;
      "already-owned": number;
    };
  };
  page: { limit: number; totals: Record<ReassignList, number> };
  /**
   * Items [offset, offset + limit) of a list, each as the full result lists it. Read from the
   * outcome the loaded state keeps until its next paged reassignment, change in place, load or
   * dispose (then DISPOSED). Not enumerable: JSON.stringify and postMessage skip it.
   */
  items(list: "changes", offset?: number, limit?: number): Change[];
  items(list: "warnings", offset?: number, limit?: number): Warning[];
  items(list: "reassign.moved", offset?: number, limit?: number): ReassignOutcome["moved"];
  items(list: "reassign.skipped", offset?: number, limit?: number): ReassignOutcome["skipped"];
  items(list: "access.assets", offset?: number, limit?: number): AssetAccess[];
}

/** The paged form of resolveReassign / previewReassign on a loaded state. */
export interface ReassignPageOptions {
  /** How many items of each list the result carries (0: the summary alone). */
  items: number;
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

/** canShareBatchCodes's input: requests, or columns of HMP command lines and their actors. */
export type BatchRequests =
  readonly Request[] | { readonly cli: readonly string[]; readonly actor?: readonly (string | null | undefined)[] };

/** A row's outcome in canShareBatchCodes: the `ok` of its canShareBatch item, or its input error. */
export const BatchOutcome = { inputError: -1, denied: 0, allowed: 1 } as const;

/** canShareBatchCodes's answer: one outcome per row, and the full item of any row on demand. */
export interface BatchOutcomes {
  /** BatchOutcome.allowed (1), .denied (0) or .inputError (-1), one per row, in order. */
  readonly codes: Int32Array;
  /** The row's canShareBatch item (decided again, for this row only). */
  item(row: number): Decision | DecisionInputError;
}

/** One step of a scenario: `expect` is a partial result every member of which must match. */
export interface ScenarioStep {
  request: Request;
  expect?: Partial<Result> & { reassign?: Partial<ReassignOutcome> };
  name?: string;
  /** `false`: a check, evaluated without changing the state (docs/DECISIONS.md, pinned checks). */
  apply?: boolean;
}

/** A scenario for SharePolicy.runScenario: the state embedded. */
export interface Scenario {
  state: State;
  steps: ScenarioStep[];
}

/**
 * A scenario file for the CLI (`share-policy run`/`test`) may name its state by a path relative to
 * the scenario file instead; the package reads no files: load the state and call
 * `loaded.runScenario(steps)` (runScenario answers REQUEST_INVALID at /stateFile).
 */
export interface ScenarioWithStateFile {
  stateFile: string;
  steps: ScenarioStep[];
}

/** A window of a long list: `limit` items (default 100, at most 1000) from `offset` (default 0). */
export interface ExploreWindow {
  offset?: number;
  limit?: number;
}

/** whoCan's question: an asset (HMP recording | feed | session, Webex recording, OCM folder). */
export interface WhoCanQuery extends ExploreWindow {
  system: "hmp" | "webex" | "ocm";
  asset: { kind: string; id: string };
}

/** whatCan's question: a principal (HMP, OCM: user | group; Webex: person) by id or unique name. */
export interface WhatCanQuery extends ExploreWindow {
  system: "hmp" | "webex" | "ocm";
  principal: { type: "user" | "group" | "person"; id: string };
}

/** `total` counts every item; `items` is the window asked for. */
export interface ExplorePage<T> {
  total: number;
  items: T[];
}

/** A group shared with an asset: its permission (and actions) or role, and how many users it reaches. */
export interface GroupGrant {
  group: AccessUser;
  permission?: string;
  actions?: string[];
  role?: string;
  users: number;
}

/** Who can act on an asset (docs/ACCESS.md "Who can / what can"). */
export interface WhoCanAnswer {
  system: "hmp" | "webex" | "ocm";
  asset: { kind: string; id: string; name?: string };
  /** HMP: users holding every action through an administrator role (counted, never listed). */
  administrators?: number;
  users: ExplorePage<AccessHolder>;
  groups: ExplorePage<GroupGrant>;
  offset: number;
  limit: number;
}

/** One asset a principal reaches: HMP `actions`, OCM and Webex `role`, and every path. */
export interface ReachedAsset {
  kind: string;
  id: string;
  name?: string;
  actions?: string[];
  role?: string | null;
  via: AccessPath[];
}

/** What a user, group or person reaches (docs/ACCESS.md "Who can / what can"). */
export interface WhatCanAnswer {
  system: "hmp" | "webex" | "ocm";
  principal: { type: "user" | "group" | "person"; id: string; name: string; members?: number };
  /** HMP: the administrator role that reaches every asset. */
  administrator?: { role: string; group?: AccessUser };
  assets: ExplorePage<ReachedAsset>;
  offset: number;
  limit: number;
}

export interface ScenarioStepOutcome {
  /** The step's result; a reassignment's carries `reassign`. */
  result: Result | LoadedReassignResult;
  mismatches: string[];
}

/**
 * What loadStream reads: a web `ReadableStream` (a `fetch` body), a Blob or File, or any async
 * iterable of bytes (a Node `Readable` such as `fs.createReadStream(path)`).
 */
export type StateSource = ReadableStream<Uint8Array> | Blob | AsyncIterable<Uint8Array>;

/** How far loadStream has read: bytes handed to the core, of `totalBytes` (undefined when unknown). */
export interface LoadProgress {
  bytesRead: number;
  totalBytes?: number;
}

export interface LoadStreamOptions {
  /** Called after each piece the core has read (a chunk, or small chunks gathered to 1 MiB). */
  onProgress?: (progress: LoadProgress) => void;
  /** Stops reading: loadStream rejects with the signal's reason and loads nothing. */
  signal?: AbortSignal;
  /** The source's size for onProgress (a Blob's own size is used without it). */
  totalBytes?: number;
}

export interface SharePolicyOptions {
  /**
   * A budget, in bytes, for what the core allocates in this instance. A call that needs more
   * throws SharePolicyError "LIMIT_EXCEEDED". Default: no budget below the module's 2 GiB cap.
   */
  maxMemoryBytes?: number;
}

// ---------------------------------------------------------------------------------------------
// Errors and envelopes
// ---------------------------------------------------------------------------------------------

/** JSON given as text, as UTF-8 bytes, or as a value the package serializes (checked at run time). */
type Input = unknown;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function messageOf(e: unknown): string {
  return String(e instanceof Error ? e.message : e);
}

// JSON text as UTF-8 bytes; objects are serialized here so the core still validates their shape.
function utf8(value: Input, invalidCode: SharePolicyErrorCode, what: string): Uint8Array {
  const input = jsonInput(value, invalidCode, what);
  return typeof input === "string" ? encoder.encode(input) : input;
}

// The same, a string kept as text: Instance.call encodes it straight into WebAssembly memory.
function jsonInput(value: Input, invalidCode: SharePolicyErrorCode, what: string): Uint8Array | string {
  if (typeof value === "string") return value;
  if (value instanceof Uint8Array) return value;
  if (value instanceof ArrayBuffer) {
    try {
      return new Uint8Array(value);
    } catch (e) {
      throw new SharePolicyError(
        invalidCode,
        `the ${what} is an ArrayBuffer that cannot be read (${messageOf(e)})`,
        ""
      );
    }
  }
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (e) {
    throw new SharePolicyError(invalidCode, `the ${what} cannot be serialized as JSON: ${messageOf(e)}`, "");
  }
  return text ?? ""; // undefined and functions: empty text, which the core rejects
}

type BatchColumns = { readonly cli: readonly unknown[]; readonly actor?: readonly unknown[] };

// Row `i` of canShareBatchCodes's columns as the request it stands for (item() and odd rows).
function columnRow(columns: BatchColumns, i: number): unknown {
  const actor = columns.actor?.[i];
  return actor == null ? { cli: columns.cli[i] } : { actor, cli: columns.cli[i] };
}

// A request that crosses as (actor, command line): a plain object with a string `cli` and
// at most an `actor` (string, null or undefined) besides. JSON.stringify would write exactly that.
function isCliRow(r: unknown): r is { cli: string; actor?: string | null } {
  if (typeof r !== "object" || r === null || Array.isArray(r)) return false;
  const proto = Object.getPrototypeOf(r);
  if (proto !== Object.prototype && proto !== null) return false;
  const o = r as { cli?: unknown; actor?: unknown };
  if (typeof o.cli !== "string") return false;
  for (const key in o) if (key !== "cli" && key !== "actor") return false;
  return o.actor === undefined || o.actor === null || typeof o.actor === "string";
}

// A request that does not cross as (actor, command line): its JSON text.
function requestText(r: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(r);
  } catch (e) {
    throw new SharePolicyError(
      "REQUEST_INVALID",
      `the batch of requests cannot be serialized as JSON: ${messageOf(e)}`,
      ""
    );
  }
  return text ?? "null"; // as JSON.stringify writes undefined in an array
}

// The row buffer wasm/batch_bindings.cpp reads: n, (flags, actor bytes, text bytes) per row, then
// the bytes. `row(i, header, parts)` sets row i's flags and pushes its actor and text.
function encodeRows(n: number, row: (i: number, header: Uint32Array, parts: string[]) => void): Uint8Array {
  const header = new Uint32Array(1 + 3 * n);
  header[0] = n;
  const parts: string[] = [];
  for (let i = 0; i < n; ++i) row(i, header, parts);
  // The strings are encoded in one pass when they are all ASCII (the common grid).
  const joined = parts.join("");
  let bytes = encoder.encode(joined);
  if (bytes.length === joined.length) {
    for (let k = 0; k < parts.length; ++k) header[1 + 3 * (k >> 1) + 1 + (k & 1)] = parts[k]!.length;
  } else {
    const encoded = parts.map((p) => encoder.encode(p));
    for (let k = 0; k < encoded.length; ++k) header[1 + 3 * (k >> 1) + 1 + (k & 1)] = encoded[k]!.length;
    bytes = new Uint8Array(encoded.reduce((sum, e) => sum + e.length, 0));
    let at = 0;
    for (const e of encoded) {
      bytes.set(e, at);
      at += e.length;
    }
  }
  const out = new Uint8Array(header.byteLength + bytes.length);
  out.set(new Uint8Array(header.buffer), 0);
  out.set(bytes, header.byteLength);
  return out;
}

// Request objects: {actor, cli} rows cross as their strings, any other as its JSON text.
function encodeRequests(rows: readonly unknown[]): Uint8Array {
  return encodeRows(rows.length, (i, header, parts) => {
    const r = rows[i];
    if (isCliRow(r)) {
      const hasActor = typeof r.actor === "string";
      header[1 + 3 * i] = hasActor ? 1 : 0;
      parts.push(hasActor ? (r.actor as string) : "", r.cli);
    } else {
      header[1 + 3 * i] = 2;
      parts.push("", requestText(r));
    }
  });
}

// Columns, read in place: no request object is built for a row of strings.
function encodeColumns(columns: BatchColumns): Uint8Array {
  const cli = columns.cli,
    actors = columns.actor ?? [];
  return encodeRows(cli.length, (i, header, parts) => {
    const c = cli[i],
      a = actors[i];
    if (typeof c === "string" && (a == null || typeof a === "string")) {
      header[1 + 3 * i] = a == null ? 0 : 1;
      parts.push(a ?? "", c);
    } else {
      header[1 + 3 * i] = 2;
      parts.push("", requestText(columnRow(columns, i)));
    }
  });
}

// canShare's answer (core text_api.h can_share_access_apart): an error's JSON envelope, or the
// envelope as words (TapeReader) and, after a line break at `head` and the spaces that align them,
// the access preview's words (AccessReader), read into the result's `access` at once, while the
// answer is still in WebAssembly memory. The answer's names go to the table its words name
// (`names.table`).
function readShareAnswer(bytes: Uint8Array, head: number, names: { table: NameTable }): unknown {
  if (bytes[0] === 0x7b) return unwrapped(decoder.decode(bytes)).result; // '{': an error, thrown
  const aligned = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
  const header = new Uint32Array(aligned.buffer, aligned.byteOffset, 3);
  if (header[0] !== kTapeMagic || head > bytes.length)
    throw new SharePolicyError("INTERNAL", "canShare answered neither JSON text nor words", "");
  const table = names.table.named(header[1]!);
  const count = header[2]!;
  const words = new Uint32Array(aligned.buffer, aligned.byteOffset + 12, count);
  const envelope = new TapeReader(words, aligned.subarray(12 + 4 * count, head), table.members).value() as Envelope;
  if (envelope.names) table.add(envelope.names.add);
  names.table = table;
  if (head < bytes.length) (envelope.result as Obj).access = readAccess(aligned.subarray(accessWordsAt(head)), table);
  return envelope.result;
}

// A head as words (core engine/json_writer.h Tape): each value is a word, (payload << 3) | tag, its
// string bytes in the pool after the words. Objects are built as JSON.parse builds them (members
// in order, "__proto__" an own member), from strings sliced out of one decoded pool: JSON.parse of
// the same head as text was a fifth of a denied preview (docs/DECISIONS.md "A preview's head as
// words"). Member names written in the core's source come by number after their first time.
const kTapeMagic = 0x45504154; // Tape::kMagic; the tags are Tape::Tag
const enum TapeTag {
  Atom = 0,
  Count = 1,
  String = 2,
  Array = 3,
  Object = 4,
  KnownName = 5,
  NewName = 6,
  JsonText = 7,
}
class TapeReader {
  readonly #words: Uint32Array;
  readonly #pool: StringPool;
  readonly #members: string[];
  #w = 0;

  constructor(words: Uint32Array, pool: Uint8Array, members: string[]) {
    this.#words = words;
    this.#pool = new StringPool(pool);
    this.#members = members;
  }

  value(): unknown {
    const word = this.#words[this.#w++]!;
    const n = word >>> 3;
    switch (word & 7) {
      case TapeTag.Atom:
        return n === 0 ? null : n === 2;
      case TapeTag.Count:
        return n;
      case TapeTag.String:
        return this.#pool.next(n);
      case TapeTag.Array: {
        const out: unknown[] = [];
        for (let k = n; k > 0; k--) out.push(this.value());
        return out;
      }
      case TapeTag.Object:
        return this.#object(n);
      case TapeTag.JsonText:
        return JSON.parse(this.#pool.next(n));
    }
    throw new SharePolicyError("INTERNAL", `a head's word ${word} is no value`, "");
  }

  #object(n: number): Obj {
    const out: Obj = {};
    for (let k = n; k > 0; k--) {
      const name = this.#name();
      const value = this.value();
      if (name === "__proto__")
        Object.defineProperty(out, name, { value, writable: true, enumerable: true, configurable: true });
      else out[name] = value;
    }
    return out;
  }

  #name(): string {
    const word = this.#words[this.#w++]!;
    const n = word >>> 3;
    switch (word & 7) {
      case TapeTag.KnownName: {
        const name = this.#members[n];
        if (name !== undefined) return name;
        break;
      }
      case TapeTag.NewName: {
        const name = propertyKey(this.#pool.next(n));
        this.#members.push(name);
        return name;
      }
      case TapeTag.String:
        return this.#pool.next(n);
    }
    throw new SharePolicyError("INTERNAL", `a head's word ${word} names no member this table holds`, "");
  }
}

// An answer's string bytes, decoded once; its strings are read in order, each by its length in
// bytes, as slices of the decoded text. A pool outside ASCII counts each string's UTF-16 units from
// its bytes (the core writes valid UTF-8 only) rather than decoding string by string, a
// TextDecoder call apiece (one non-ASCII character, a fix's "…", sent every string of M's
// "permission not found" denials that way). A byte order mark is a character like any other.
class StringPool {
  readonly #bytes: Uint8Array;
  readonly #text: string;
  readonly #ascii: boolean;
  #at = 0; // bytes read
  #unit = 0; // UTF-16 units read, outside ASCII

  constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
    this.#text = poolDecoder.decode(bytes);
    this.#ascii = this.#text.length === bytes.length;
  }

  next(bytes: number): string {
    const from = this.#at;
    const to = (this.#at = from + bytes);
    if (this.#ascii) return this.#text.slice(from, to);
    let units = bytes;
    // A continuation byte adds no unit; a four-byte character's first byte adds a second one (a
    // surrogate pair).
    for (let i = from; i < to; i++) {
      const b = this.#bytes[i]!;
      if ((b & 0xc0) === 0x80) units--;
      else if (b >= 0xf0) units++;
    }
    const start = this.#unit;
    return this.#text.slice(start, (this.#unit = start + units));
  }
}

// `text` as the engine keeps property keys (the same characters): setting a member by it then
// needs no look-up of its characters.
function propertyKey(text: string): string {
  return Object.keys({ [text]: 0 })[0]!;
}

// The access preview from its words and string pool (core engine/access_words.cpp: the same
// members in the same order as its JSON, so the object is JSON.parse's of that text). Measured on
// M's allowed previews: 10 µs where JSON.parse of the text took 47. Its strings come from one
// StringPool.
// A class with a method per list rather than one `list(item)` helper: that helper's call of
// `item` saw every kind of entry, so V8 could inline none of them (12.3 -> 10.4 µs per allowed
// preview on M, measured).
const poolDecoder = new TextDecoder("utf-8", { ignoreBOM: true });
type Obj = Record<string, unknown>;

// The HMP users' and groups' ids and names a loaded state's canShare answers have handed over
// (core text_api.h SentNames), by number: an access preview names them by number, so their strings
// are neither copied out of WebAssembly memory nor made again for every preview (on M, an allowed
// preview names about a hundred). Each answer that hands names over adds them; a table is never
// changed otherwise, so a result read late reads the names it was answered with. A loaded state
// keeps one table until the native side starts another (after the state changed, or a call that
// failed): results answered before keep theirs.
interface NamesHandedOver {
  table: number;
  add: (number | string)[];
}
class NameTable {
  readonly users: string[] = [];
  readonly groups: string[] = [];
  // The member names a head's words name by number (core text_api.h MemberNames), as property
  // keys: each made once, so that setting it on an object needs no look-up of its text.
  readonly members: string[] = [];
  constructor(readonly number: number) {}

  // The table an answer numbered `number` names: this one, or a new one when the native side
  // started one.
  named(number: number): NameTable {
    return number === this.number ? this : new NameTable(number);
  }

  add(names: (number | string)[]): void {
    for (let i = 0; i < names.length; i += 3) {
      const n = names[i] as number;
      const list = n >= kGroupName ? this.groups : this.users;
      const at = 2 * (n >= kGroupName ? n - kGroupName : n);
      list[at] = names[i + 1] as string;
      list[at + 1] = names[i + 2] as string;
    }
  }
}
const kGroupName = 0x80000000;

class AccessReader {
  readonly #words: Uint32Array;
  readonly #pool: StringPool;
  readonly #table: NameTable | null | undefined;
  #w = 0;

  constructor(bytes: Uint8Array, names: NameTable | null | undefined) {
    this.#table = names;
    const count = new Uint32Array(bytes.buffer, bytes.byteOffset, 1)[0]!;
    this.#words = new Uint32Array(bytes.buffer, bytes.byteOffset + 4, count);
    this.#pool = new StringPool(bytes.subarray(4 + 4 * count));
  }

  #num(): number {
    return this.#words[this.#w++]!;
  }

  // A string is its length in bytes plus one; 0 is null.
  #str(): string | null {
    const n = this.#num();
    return n ? this.#pool.next(n - 1) : null;
  }

  // A user is its id and name, or 0 and its number in the table of names.
  #user(): Obj {
    if (this.#words[this.#w] === 0) {
      this.#w++;
      return this.#named(this.#num());
    }
    const id = this.#str();
    return { id, name: this.#str() };
  }

  #named(n: number): Obj {
    const list = n >= kGroupName ? this.#table?.groups : this.#table?.users;
    const at = 2 * (n >= kGroupName ? n - kGroupName : n);
    const id = list?.[at];
    if (id === undefined)
      throw new SharePolicyError("INTERNAL", `an access preview names user ${n}, which no answer handed over`, "");
    return { id, name: list![at + 1] };
  }

  #names(): (string | null)[] {
    const out = [];
    for (let n = this.#num(); n > 0; n--) out.push(this.#str());
    return out;
  }

  // A list as JSON.parse leaves it: its backing store the length of its items (a first push
  // reserves seventeen), and nearly every holder has one path.
  #paths(roles: boolean): Obj[] {
    const n = this.#num();
    if (n === 1) return [this.#path(roles)];
    const out = [];
    for (let k = n; k > 0; k--) out.push(this.#path(roles));
    return out;
  }

  #path(roles: boolean): Obj {
    const type = this.#str();
    const has = this.#num();
    const group = has & 1 ? this.#user() : undefined;
    const grant = has & 2 ? (roles ? "role" : "permission") : null;
    return pathObject(type, group, grant, grant && this.#str());
  }

  // `before`: the before list, read, for the after list's holders that are one of them again.
  #holders(roles: boolean, before: Obj[] = []): Obj[] {
    const out = [];
    for (let n = this.#num(); n > 0; n--) {
      const first = this.#num();
      if (first === 2) {
        out.push(again(before[this.#num()] as Holder));
        continue;
      }
      const user = first ? this.#user() : undefined;
      const administrators = first ? undefined : this.#num();
      const held = roles ? this.#str() : actionNames(this.#num());
      out.push(holderObject(user, administrators, roles, held, this.#paths(roles)));
    }
    return out;
  }

  #deltas(roles: boolean): Obj[] {
    const out = [];
    for (let n = this.#num(); n > 0; n--) {
      const user = this.#user();
      if (roles) {
        const from = this.#str();
        out.push({ user, from, to: this.#str() });
      } else out.push({ user, actions: this.#names() });
    }
    return out;
  }

  #asset(): Obj {
    const a: Obj = { system: this.#str(), kind: this.#str(), id: this.#str() };
    const flags = this.#num();
    const roles = (flags & 1) === 1;
    if (flags & 2) {
      const from = this.#str();
      a.owner = { from, to: this.#str() };
      return a;
    }
    const before = this.#holders(roles);
    a.before = before;
    a.after = this.#holders(roles, before);
    a.gained = this.#deltas(roles);
    a.lost = this.#deltas(roles);
    if (flags & 4) {
      const before = this.#num(),
        after = this.#num(),
        gained = this.#num();
      a.counts = { before, after, gained, lost: this.#num() };
    }
    return a;
  }

  read(): Obj {
    const assets = [];
    for (let n = this.#num(); n > 0; n--) assets.push(this.#asset());
    const access: Obj = { assets };
    const owners = [];
    for (let n = this.#num(); n > 0; n--) {
      const user = this.#user();
      const gained = this.#num();
      owners.push({ user, gained, lost: this.#num() });
    }
    if (owners.length) access.owners = owners;
    return access;
  }
}
// An HMP holder's actions from their bits (core state/model.h kActionNames: bit k names the k-th;
// tests/js/access-words.test.mjs and the fixtures compare every list with the CLI's): each set's
// list made once, copied per holder, no string made per action.
const kActionNames = ["watch", "edit", "share", "download", "trim", "restream", "delete", "record"];
const actionLists: string[][] = [];
function actionNames(bits: number): string[] {
  const list = (actionLists[bits & 0xff] ??= kActionNames.filter((_, k) => (bits >> k) & 1));
  return list.slice();
}

function readAccess(bytes: Uint8Array, names?: NameTable | null): unknown {
  return new AccessReader(bytes, names).read();
}

// A holder read before, again (core AccessWords::holder_in): new arrays and objects, as JSON.parse
// would give, with the same strings; its members in the reader's order.
type Holder = { user?: Obj; administrators?: number; role?: string; actions?: string[]; via: Obj[] };
function again(h: Holder): Obj {
  const via = h.via.length === 1 ? [againPath(h.via[0]!)] : h.via.map(againPath);
  const user = h.user ? { id: h.user.id, name: h.user.name } : undefined;
  return holderObject(user, h.administrators, !h.actions, h.actions ? h.actions.slice() : h.role, via);
}

function againPath(p: Obj): Obj {
  const group = p.group ? { id: (p.group as Obj).id, name: (p.group as Obj).name } : undefined;
  const grant = "permission" in p ? "permission" : "role" in p ? "role" : null;
  return pathObject(p.type, group, grant, grant && p[grant]);
}

// Holders and paths made whole, by one literal per shape, as JSON.parse makes them: a member added
// to an object after its literal goes to a second allocation (an array of further members). Their
// members in the reader's order (docs/ACCESS.md).
function holderObject(user: Obj | undefined, administrators: unknown, roles: boolean, held: unknown, via: Obj[]): Obj {
  if (user) return roles ? { user, role: held, via } : { user, actions: held, via };
  return roles ? { administrators, role: held, via } : { administrators, actions: held, via };
}

function pathObject(type: unknown, group: Obj | undefined, grant: "role" | "permission" | null, value: unknown): Obj {
  if (grant === "permission") return group ? { type, group, permission: value } : { type, permission: value };
  if (grant === "role") return group ? { type, group, role: value } : { type, role: value };
  return group ? { type, group } : { type };
}

// Where an answer's access words start: the first multiple of four after the line break at `head`
// (core text_api.cpp can_share_access_apart pads to it), so that they are read where they lie.
function accessWordsAt(head: number): number {
  return (head + 4) & ~3;
}

interface Envelope {
  result?: unknown;
  error?: { code: SharePolicyErrorCode; message: string; pointer: string };
  names?: NamesHandedOver; // canShare's (NameTable)
}

// Every native call answers one envelope: {"result": …} or {"error": {code, message, pointer}}.
function unwrap(envelope: string): unknown {
  return unwrapped(envelope).result;
}
function unwrapped(envelope: string): Envelope {
  const parsed = JSON.parse(envelope) as Envelope;
  if (parsed.error) throw new SharePolicyError(parsed.error.code, parsed.error.message, parsed.error.pointer);
  return parsed;
}

// ---------------------------------------------------------------------------------------------
// One module instance
// ---------------------------------------------------------------------------------------------

// Runs calls with their inputs copied into WebAssembly memory. The native side never lets a C++
// exception out (wasm/marshal.h: running out of memory is an envelope); anything else thrown from
// inside WebAssembly (an abort, the engine's stack overflow) may have left its heap half-updated,
// so that call fails and every later one answers INSTANCE_BROKEN.
class Instance {
  readonly #module: NativeModule;
  readonly #budgeted: boolean;
  #broken: SharePolicyError | null = null;

  constructor(module: NativeModule, budgeted = false) {
    this.#module = module;
    this.#budgeted = budgeted;
  }

  // Before loading a state of `textBytes`: grows the WebAssembly memory once to about what the load
  // will use, `factor` times the text (load: the text, and a model of at most about its size;
  // loadStream: the model alone), instead of in many 10 % steps. Each growth is new external
  // memory to V8, which answers by collecting the page's JavaScript heap: with 139 MB of it alive,
  // loading M took 0.84 s instead of 0.51 (0.51 either way with a small heap; docs/DECISIONS.md
  // "Loading into memory grown once"). Nothing is kept: the block goes back to the allocator,
  // which hands it to the load. Not for small texts, nor under a memory budget (it would grow the
  // instance past what the caller allowed for), nor when the memory already holds that much (a
  // reload: the block, which must be contiguous, would be placed past what earlier loads freed,
  // and the memory never shrinks); a growth refused is no error. `textBytes` may be a caller's
  // claim (loadStream's totalBytes): one past the limits reserves nothing.
  reserveForLoad(textBytes: number, factor = 2): void {
    if (this.#budgeted || this.#broken || textBytes < 1 << 20) return;
    const m = this.#module;
    const bytes = Math.ceil(factor * textBytes);
    // Past the 2 GiB maximum no block can be had (and malloc's argument would wrap around).
    if (m.HEAPU8.length >= bytes || !(bytes < 2 ** 31)) return;
    const block = m._malloc(bytes);
    if (block) m._free(block);
  }

  get module(): NativeModule {
    return this.#module;
  }

  /** Called by the loader when the module aborts. */
  markBroken(reason: string): void {
    this.#broken ??= new SharePolicyError(
      "INSTANCE_BROKEN",
      `this share-policy instance stopped after an internal fault (${reason}); create a new one`,
      ""
    );
  }

  /** A new C++ LoadedState's address: empty, or a clone of the one at `from` (wasm/bindings.cpp). */
  newLoadedState(from = 0): number {
    if (this.#broken) throw this.#broken;
    let handle: number;
    try {
      handle = this.#module._sharepolicy_loaded_new(from);
    } catch (e) {
      throw this.#fault(e);
    }
    if (!handle) throw new SharePolicyError("LIMIT_EXCEEDED", "out of memory: the WebAssembly memory is full", "");
    return handle;
  }

  /** The stateless call `call` (wasm/bindings.cpp kCalls). */
  stateless(call: Call): NativeCall {
    return (first = 0, firstLength = 0, second = 0, secondLength = 0) =>
      this.#module._sharepolicy_call(call, first, firstLength, second, secondLength);
  }

  /** Call `call` (wasm/bindings.cpp kLoadedCalls) on the C++ LoadedState at `loaded`. */
  onLoaded(loaded: number, call: LoadedCall): NativeCall {
    return (address = 0, length = 0) => this.#module._sharepolicy_loaded_call(loaded, call, address, length);
  }

  /**
   * Frees the C++ LoadedState at `loaded`; nothing once the instance has faulted (its heap is not
   * to be trusted), and a fault while freeing breaks the instance as any call's would.
   */
  deleteLoaded(loaded: number): void {
    if (this.#broken) return;
    try {
      this.#module._sharepolicy_loaded_delete(loaded);
    } catch (e) {
      this.#fault(e);
    }
  }

  // fn receives (address, length) pairs for each input and answers its envelope's length. A string
  // input is written as UTF-8 straight into WebAssembly memory (#putText). `names`: the answer
  // carries its result's access preview apart (canShare; text_api.h), read with the answer
  // (readShareAnswer) into the table of names its words name, which `names.table` then holds.
  call<T>(inputs: (Uint8Array | string)[], fn: NativeCall, names?: { table: NameTable }): T {
    if (this.#broken) throw this.#broken;
    const m = this.#module;
    const addresses: number[] = [];
    let length: number;
    try {
      const args: number[] = [];
      for (const input of inputs) {
        if (typeof input === "string") {
          args.push(...this.#putText(input, addresses));
          continue;
        }
        const address = this.#allocate(input.length);
        addresses.push(address);
        m.HEAPU8.set(input, address); // read HEAPU8 after malloc: growth replaces the view
        args.push(address, input.length);
      }
      length = fn(...args);
    } catch (e) {
      if (e instanceof SharePolicyError) throw e;
      throw this.#fault(e);
    } finally {
      if (!this.#broken) for (const address of addresses) m._free(address);
    }
    if (!names) return unwrap(this.#answer(length, (bytes) => decoder.decode(bytes))) as T;
    return this.#answer(length, (bytes) => readShareAnswer(bytes, m._sharepolicy_answer_head(), names)) as T;
  }

  #allocate(bytes: number): number {
    const address = this.#module._malloc(Math.max(bytes, 1));
    if (!address) {
      throw new SharePolicyError(
        "LIMIT_EXCEEDED",
        `out of memory: ${bytes} bytes of input do not fit in the WebAssembly memory`,
        ""
      );
    }
    return address;
  }

  // `text` as UTF-8 in a new block (recorded in `addresses`): [address, length]. Encoded
  // in place: no copy of a state's bytes in JavaScript first (load of M: a tenth of a second and
  // the text's size in garbage). The block has one byte per UTF-16 unit, exact for ASCII; what a
  // non-ASCII text needs more is encoded apart and appended after a realloc, which extends the
  // block where it lies when it is the heap's last.
  #putText(text: string, addresses: number[]): [number, number] {
    const m = this.#module;
    const address = this.#allocate(text.length);
    addresses.push(address);
    const done = encoder.encodeInto(text, m.HEAPU8.subarray(address, address + text.length));
    if (done.read === text.length) return [address, done.written];
    const rest = encoder.encode(text.slice(done.read));
    const total = done.written + rest.length;
    const grown = m._realloc(address, total);
    if (!grown) {
      throw new SharePolicyError(
        "LIMIT_EXCEEDED",
        `out of memory: ${total} bytes of input do not fit in the WebAssembly memory`,
        ""
      );
    }
    addresses[addresses.length - 1] = grown; // realloc freed the old block
    m.HEAPU8.set(rest, grown + done.written);
    return [grown, total];
  }

  // A fault inside WebAssembly: this call's error; the instance answers INSTANCE_BROKEN from now on.
  #fault(e: unknown): SharePolicyError {
    this.markBroken(messageOf(e));
    let exhausted = false;
    try {
      exhausted = this.#module._sharepolicy_memory_refused() !== 0;
    } catch {
      // nothing more to learn from a module that faulted
    }
    if (exhausted || e instanceof RangeError) {
      return new SharePolicyError(
        "LIMIT_EXCEEDED",
        `out of memory (${messageOf(e)}); this instance cannot continue safely: create a new one`,
        ""
      );
    }
    return new SharePolicyError("INTERNAL", `internal fault in the WebAssembly module: ${messageOf(e)}`, "");
  }

  // The envelope the last call left in WebAssembly memory, read by `read`; then its memory is released.
  #answer<R>(length: number, read: (bytes: Uint8Array) => R): R {
    const m = this.#module;
    try {
      const address = m._sharepolicy_answer_address();
      return read(m.HEAPU8.subarray(address, address + length));
    } catch (e) {
      if (e instanceof SharePolicyError) throw e; // the answer's own error (canShare reads it here)
      // A string longer than the JavaScript engine allows.
      throw new SharePolicyError(
        "LIMIT_EXCEEDED",
        `the answer (${length} bytes) is too large for a JavaScript string: ${messageOf(e)}`,
        ""
      );
    } finally {
      m._sharepolicy_release_answer();
    }
  }
}

// The numbers of the calls wasm/bindings.cpp exports (kCalls, kLoadedCalls), in their order there.
const enum Call {
  CanShare,
  ApplyShare,
  ResolveReassign,
  RunScenario,
}
const enum LoadedCall {
  Load,
  LoadPiece,
  LoadEnd,
  CanShareBatch,
  ApplyShare,
  ResolveReassign,
  PreviewReassign,
  RunScenario,
  ToJson,
  Outline,
  Summary,
  WhoCan,
  WhatCan,
}

// A LoadedState dropped without dispose(): its C++ state, freed once it is collected.
const handles =
  typeof FinalizationRegistry === "function"
    ? new FinalizationRegistry<[Instance, number]>(([instance, loaded]) => instance.deleteLoaded(loaded))
    : null;

// Methods work detached (`const { canShare } = sp`, `[text].map(sp.load)`): each object gets its
// prototype's methods bound to itself, so a method is still written once, on its class.
function bindMethods(object: object, prototype: object): void {
  for (const name of Object.getOwnPropertyNames(prototype)) {
    const method = Object.getOwnPropertyDescriptor(prototype, name)?.value as unknown;
    if (name === "constructor" || typeof method !== "function") continue;
    Object.defineProperty(object, name, { value: method.bind(object), writable: true, configurable: true });
  }
}

// ---------------------------------------------------------------------------------------------
// The API. Each method is one place: its signature, its documentation and the native call it makes.
// ---------------------------------------------------------------------------------------------

/**
 * A state parsed and indexed once, for many calls. Free it with dispose() (or `using`); a
 * FinalizationRegistry frees it eventually if it is dropped without.
 */
class LoadedState {
  readonly #instance: Instance;
  // The C++ LoadedState's address (wasm/bindings.cpp); 0 once disposed.
  #address: number;
  // Bumped whenever the C++ side drops its kept paged reassignment (text_api.h reassign_page).
  #kept = 0;
  // The names canShare's answers have handed over (NameTable); number 0: none yet.
  readonly #names = { table: new NameTable(0) };

  /** @internal Created by SharePolicy.load. */
  constructor(instance: Instance, address: number) {
    this.#instance = instance;
    this.#address = address;
    handles?.register(this, [instance, address], this);
    bindMethods(this, LoadedState.prototype);
  }

  #live(): number {
    if (!this.#address) throw new SharePolicyError("DISPOSED", "this loaded state has been disposed", "");
    return this.#address;
  }

  // The C++ LoadedState's call `method` with the given inputs (JSON text or bytes).
  #call<T>(method: LoadedCall, inputs: (Uint8Array | string)[]): T {
    return this.#instance.call<T>(inputs, this.#instance.onLoaded(this.#live(), method));
  }

  #request<T>(method: LoadedCall, request: Input): T {
    return this.#call<T>(method, [utf8(request, "REQUEST_INVALID", "request")]);
  }

  /** Evaluates a share request; never changes anything. options.access: which holders `access` lists. */
  canShare(request: JsonInput<Request>, options?: PreviewOptions): Result {
    return this.#canShare(jsonInput(request, "REQUEST_INVALID", "request"), options);
  }

  // Its own export (wasm/bindings.cpp): it runs on every keystroke of a share dialog.
  #canShare(input: Uint8Array | string, options: PreviewOptions | undefined): Result {
    const [offset, limit] = accessWindow(options) ?? [-1, -1];
    const loaded = this.#live();
    const m = this.#instance.module;
    const names = this.#names;
    const table = names.table.number;
    try {
      return this.#instance.call<Result>(
        [input],
        (address, length) => m._sharepolicy_can_share(loaded, address!, length!, offset, limit, table),
        names
      );
    } catch (e) {
      // Whatever the answer handed over may be lost: the next call asks for a new table.
      names.table = new NameTable(0);
      throw e;
    }
  }

  /**
   * Previews any request, a share or a reassignment alike, without changing this loaded state:
   * canShare's answer, or previewReassign's for a reassignment (its result carries `reassign`).
   */
  preview(request: JsonInput<Request>, options?: PreviewOptions): Result | LoadedReassignResult {
    const input = jsonInput(request, "REQUEST_INVALID", "request");
    try {
      return this.#canShare(input, options);
    } catch (e) {
      // The core names the entry point a request needs before it evaluates anything.
      if (!(e instanceof SharePolicyError && e.code === "WRONG_ENTRY_POINT")) throw e;
      return this.#call(LoadedCall.PreviewReassign, [input]);
    }
  }

  /**
   * Many share previews in one call (a grid): one item per request, in order. Computes only the
   * decision (no explanation, fix or access), so it is much faster than canShare per row. Throws
   * SharePolicyError when the batch itself is not a JSON array of at most 100000 requests.
   * Elements are request objects: a string element is a JSON string (REQUEST_INVALID), not request text.
   */
  canShareBatch(
    requests: string | Uint8Array | ArrayBuffer | readonly Request[]
  ): Array<Decision | DecisionInputError> {
    return this.#call(LoadedCall.CanShareBatch, [utf8(requests, "REQUEST_INVALID", "batch of requests")]);
  }

  /**
   * The fast batch for grids: the same decisions as canShareBatch, answered as an Int32Array of
   * outcome codes (BatchOutcome) with the full item of a row on demand. Rows that are
   * `{ actor, cli }` (or the columns `{ cli: [...], actor: [...] }`) cross without JSON; any other
   * request is sent as its JSON text.
   */
  canShareBatchCodes(requests: BatchRequests): BatchOutcomes {
    const columns = Array.isArray(requests) ? null : (requests as BatchColumns);
    if (columns && !Array.isArray(columns.cli)) {
      throw new SharePolicyError(
        "REQUEST_INVALID",
        "canShareBatchCodes needs an array of requests or a cli array",
        "/cli"
      );
    }
    const rows = requests as readonly unknown[];
    const loaded = this.#live();
    const m = this.#instance.module;
    const buffer = columns ? encodeColumns(columns) : encodeRequests(rows);
    // wasm/batch_bindings.cpp
    const count = this.#instance.call<number>([buffer], (address, length) =>
      m._sharepolicy_decide_rows(loaded, address!, length!)
    );
    const address = m._sharepolicy_batch_codes_address();
    const codes = new Int32Array(m.HEAPU8.buffer, address, count).slice();
    return {
      codes,
      item: (row: number) => {
        const request = columns ? (row < columns.cli.length ? columnRow(columns, row) : null) : (rows[row] ?? null);
        return this.canShareBatch([request] as unknown as readonly Request[])[0]!;
      },
    };
  }

  /** Applies the request's changes to this loaded state. */
  applyShare(request: JsonInput<Request>): Result {
    this.#kept++;
    return this.#request(LoadedCall.ApplyShare, request);
  }

  /**
   * Applies a successful reassignment to this loaded state. With `{ items: N }`, the paged form
   * (PagedReassignResult): a reassign-all of 100k recordings answers its summary in milliseconds.
   */
  resolveReassign(request: JsonInput<Request>): LoadedReassignResult;
  resolveReassign(request: JsonInput<Request>, options: ReassignPageOptions): PagedReassignResult;
  resolveReassign(request: JsonInput<Request>, options?: ReassignPageOptions): LoadedReassignResult {
    if (options) return this.#paged(request, true, options);
    this.#kept++;
    return this.#request(LoadedCall.ResolveReassign, request);
  }

  /** What resolveReassign would answer, without changing this loaded state; `{ items: N }` as there. */
  previewReassign(request: JsonInput<Request>): LoadedReassignResult;
  previewReassign(request: JsonInput<Request>, options: ReassignPageOptions): PagedReassignResult;
  previewReassign(request: JsonInput<Request>, options?: ReassignPageOptions): LoadedReassignResult {
    return options ? this.#paged(request, false, options) : this.#request(LoadedCall.PreviewReassign, request);
  }

  // wasm/reassign_bindings.cpp: both forms through one export.
  #paged(request: Input, apply: boolean, options: ReassignPageOptions): PagedReassignResult {
    const count = (n: unknown) => {
      if (!(Number(n) >= 0 && Math.floor(Number(n)) === n)) {
        throw new SharePolicyError("REQUEST_INVALID", `not a whole number ≥ 0: ${n}`, "");
      }
      return n as number;
    };
    const limit = count(options?.items);
    const loaded = this.#live();
    const reassign = this.#instance.module._sharepolicy_reassign;
    const kept = ++this.#kept;
    const result = this.#instance.call<PagedReassignResult>(
      [utf8(request, "REQUEST_INVALID", "request")],
      (address, length) => reassign(loaded, address!, length!, apply ? -2 : -1, limit, 0)
    );
    const items = (list: ReassignList, offset = 0, n = Infinity) => {
      const live = this.#live();
      if (kept !== this.#kept)
        throw new SharePolicyError("DISPOSED", "a later reassignment or change dropped these items", "");
      const at = REASSIGN_LISTS.indexOf(list);
      if (at < 0) throw new SharePolicyError("REQUEST_INVALID", `no list '${list}'`, "");
      return this.#instance.call([], () => reassign(live, 0, 0, at, count(offset), count(n)));
    };
    return Object.defineProperty(result, "items", { value: items });
  }

  /**
   * Runs steps one after another from this loaded state, as SharePolicy.runScenario does (each
   * step sees the state the steps before it left); this loaded state itself is unchanged, so many
   * scenarios can share one load. Input errors point into the array (/N/request/…).
   */
  runScenario(steps: JsonInput<ScenarioStep[]>): ScenarioStepOutcome[] {
    return this.#call(LoadedCall.RunScenario, [utf8(steps, "REQUEST_INVALID", "steps")]);
  }

  /**
   * A second handle on the same state, to keep as an undo step: copy-on-write, so cloning copies
   * nothing and applying on either handle leaves the other unchanged. Dispose each.
   */
  clone(): LoadedState {
    return new LoadedState(this.#instance, this.#instance.newLoadedState(this.#live()));
  }

  /**
   * Who can act on an asset: every user's effective actions (HMP) or role (OCM, Webex owner) and
   * the paths that give them, a window at a time. Costs what the asset reaches, not the state.
   */
  whoCan(query: JsonInput<WhoCanQuery>): WhoCanAnswer {
    return this.#explore(LoadedCall.WhoCan, query);
  }

  /**
   * What a user, group or person reaches: every asset with actions or role and paths, a window at
   * a time. The first call after a load or an apply indexes the assets of every principal once.
   */
  whatCan(query: JsonInput<WhatCanQuery>): WhatCanAnswer {
    return this.#explore(LoadedCall.WhatCan, query);
  }

  #explore<T>(call: LoadedCall, query: Input): T {
    return this.#call<T>(call, [utf8(query, "REQUEST_INVALID", "query")]);
  }

  /** The current state (so JSON.stringify(loaded) writes it). */
  toJSON(): State {
    return this.#call(LoadedCall.ToJson, []);
  }

  /**
   * The current state's outline: every element with its own known members, without shares (HMP),
   * members (OCM groups and folders) and unknown members — the ids and names a picker or a table
   * shows, at a fraction of toJSON()'s cost for a large state (its shares are most of its text).
   */
  outline(): StateOutline {
    return this.#call(LoadedCall.Outline, []);
  }

  /** Counts per system and the state's warnings. */
  summary(): StateSummary {
    return this.#call(LoadedCall.Summary, []);
  }

  /**
   * Frees the WebAssembly memory now (the module can reuse it; its memory never shrinks). Later
   * calls throw SharePolicyError "DISPOSED". Also `loaded[Symbol.dispose]()`, for `using`.
   */
  dispose(): void {
    if (!this.#address) return;
    this.#kept++;
    handles?.unregister(this);
    this.#instance.deleteLoaded(this.#address);
    this.#address = 0;
  }
}

// `using loaded = sp.load(state)` where the runtime has Symbol.dispose (and TypeScript's lowering).
interface LoadedState {
  [Symbol.dispose](): void;
}
if (typeof Symbol.dispose === "symbol") {
  Object.defineProperty(LoadedState.prototype, Symbol.dispose, {
    value(this: LoadedState) {
      this.dispose();
    },
    writable: true,
    configurable: true,
  });
}

/** One instance of the WebAssembly module (createSharePolicy). */
class SharePolicy {
  readonly #instance: Instance;

  /** @internal Created by createSharePolicy. */
  constructor(instance: Instance) {
    this.#instance = instance;
    bindMethods(this, SharePolicy.prototype);
  }

  // The stateless call `call` (wasm/bindings.cpp) on a state and a request.
  #evaluate<T>(call: Call, state: Input, request: Input): T {
    const inputs = [utf8(state, "STATE_INVALID", "state"), utf8(request, "REQUEST_INVALID", "request")];
    return this.#instance.call<T>(inputs, this.#instance.stateless(call));
  }

  /** Evaluates a share request; never changes anything. */
  canShare(state: JsonInput<State>, request: JsonInput<Request>): Result {
    return this.#evaluate(Call.CanShare, state, request);
  }

  /** Evaluates a share request and returns the new state in `.state`. */
  applyShare(state: JsonInput<State>, request: JsonInput<Request>): AppliedResult {
    return this.#evaluate(Call.ApplyShare, state, request);
  }

  /** Evaluates a reassignment; `.reassign` lists moved and skipped recordings. */
  resolveReassign(state: JsonInput<State>, request: JsonInput<Request>): ReassignResult {
    return this.#evaluate(Call.ResolveReassign, state, request);
  }

  /**
   * Runs a scenario {state, steps:[{request, expect?, name?}]}: each step sees the state the steps
   * before it left. `mismatches` lists how a step's result differs from its `expect` (empty = pass).
   */
  runScenario(scenario: JsonInput<Scenario>): ScenarioStepOutcome[] {
    return this.#instance.call(
      [utf8(scenario, "REQUEST_INVALID", "scenario")],
      this.#instance.stateless(Call.RunScenario)
    );
  }

  /** Parses and indexes a state once, for many calls. */
  load(state: JsonInput<State>): LoadedState {
    const instance = this.#instance;
    const bytes = typeof state === "string" ? state : utf8(state, "STATE_INVALID", "state");
    const handle = instance.newLoadedState();
    try {
      instance.reserveForLoad(bytes.length);
      instance.call([bytes], instance.onLoaded(handle, LoadedCall.Load));
    } catch (e) {
      instance.deleteLoaded(handle);
      throw e;
    }
    return new LoadedState(instance, handle);
  }

  /**
   * load, reading the state's bytes as they arrive: the text never exists whole as a JavaScript
   * string, so a state longer than the engine's longest string loads. An input error rejects as
   * load throws, once the bytes so far prove it (the core reads small chunks gathered to 1 MiB;
   * LIMIT_EXCEEDED stops reading there).
   */
  async loadStream(source: StateSource, options: LoadStreamOptions = {}): Promise<LoadedState> {
    const { onProgress, signal } = options;
    signal?.throwIfAborted();
    const blob = source as Partial<Blob>;
    const totalBytes = options.totalBytes ?? blob?.size;
    // A Blob's stream; a web stream through its reader (not every browser iterates one); anything
    // else iterated.
    const stream = (blob?.stream?.() ?? source) as Partial<ReadableStream & AsyncIterable<unknown>>;
    const reader = stream?.getReader?.();
    const chunks: Partial<AsyncIterator<unknown>> | undefined = reader
      ? { next: () => reader.read() as Promise<IteratorResult<unknown>>, return: () => reader.cancel() as never }
      : stream?.[Symbol.asyncIterator]?.();
    if (!chunks?.next) throw notBytes();
    const instance = this.#instance;
    const handle = instance.newLoadedState();
    // The model of a state is about its text's size (M: 1.07x in wasm), and the text streams
    // through: room for the model at once, when the size is known (docs/DECISIONS.md "loadStream
    // speed"). A Blob's size is; a Node stream's, when the caller passes it.
    if (totalBytes) instance.reserveForLoad(totalBytes, 1.2);
    // A piece, or the end.
    const feed = (piece?: Uint8Array) =>
      piece
        ? instance.call([piece], instance.onLoaded(handle, LoadedCall.LoadPiece))
        : instance.call([], instance.onLoaded(handle, LoadedCall.LoadEnd));
    // Small chunks (a Blob's stream gives 64 KiB ones) go to the core gathered in pieces of 1 MiB:
    // each call has a cost of its own (M from 64 KiB chunks: 1 813 calls, 0.1 s of CPU more).
    let gathered: Uint8Array | undefined;
    let used = 0;
    let bytesRead = 0;
    const handOver = (piece: Uint8Array) => {
      feed(piece);
      onProgress?.({ bytesRead: (bytesRead += piece.length), totalBytes });
    };
    const flush = () => {
      if (used) handOver(gathered!.subarray(0, used));
      used = 0;
    };
    // Stops reading the source: a read that waits ends (and the load rejects) on an abort.
    const stop = () => void Promise.resolve(chunks.return?.()).catch(() => {});
    signal?.addEventListener("abort", stop, { once: true });
    try {
      for (let next; !(next = await chunks.next()).done;) {
        signal?.throwIfAborted();
        const chunk = next.value;
        if (!(chunk instanceof Uint8Array)) throw notBytes();
        if (used + chunk.length > kPieceBytes) flush();
        if (chunk.length >= kPieceBytes) {
          handOver(chunk);
        } else {
          (gathered ??= new Uint8Array(kPieceBytes)).set(chunk, used);
          used += chunk.length;
        }
      }
      signal?.throwIfAborted();
      flush();
      feed();
    } catch (e) {
      stop();
      instance.deleteLoaded(handle);
      throw e;
    }
    return new LoadedState(instance, handle);
  }
}

export type { LoadedState, SharePolicy };

const notBytes = () => new SharePolicyError("STATE_INVALID", "loadStream reads Uint8Array chunks");
const kPieceBytes = 1 << 20;

// ---------------------------------------------------------------------------------------------
// Loading the module
// ---------------------------------------------------------------------------------------------

// The binary is embedded gzip-compressed (see README): decompressed and compiled once per page,
// worker or process, then instantiated for each createSharePolicy.
let compiled: Promise<WebAssembly.Module> | null = null;

async function gunzip(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  const stream = new DecompressionStream("gzip");
  const writer = stream.writable.getWriter();
  writer.write(bytes).catch(() => {}); // errors surface on the reading side
  writer.close().catch(() => {});
  const reader = stream.readable.getReader();
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    length += value.length;
  }
  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

function compiledModule(): Promise<WebAssembly.Module> {
  if (!compiled) {
    const compiling = (async () => {
      const packed = atob(wasmGzipBase64);
      const bytes = new Uint8Array(packed.length);
      for (let i = 0; i < packed.length; i++) bytes[i] = packed.charCodeAt(i);
      return WebAssembly.compile(await gunzip(bytes));
    })();
    compiling.catch(() => {
      compiled = null; // let a later call try again
    });
    compiled = compiling;
  }
  return compiled;
}

async function instantiate(onAbort: (reason: unknown) => void): Promise<NativeModule> {
  const wasmModule = await compiledModule();
  let rejectLoad: (reason: unknown) => void = () => {};
  const failed = new Promise<never>((_, reject) => {
    rejectLoad = reject;
  });
  const module = createSharePolicyModule({
    print() {},
    printErr() {},
    onAbort,
    // Emscripten's hook for custom instantiation: the module compiled above, this instance's imports.
    instantiateWasm(imports, receiveInstance) {
      WebAssembly.instantiate(wasmModule, imports).then(
        (instance) => receiveInstance(instance, wasmModule),
        rejectLoad
      );
      return {};
    },
  });
  return Promise.race([module, failed]);
}

// PreviewOptions.access as the native call's (offset, limit), a negative limit for every holder;
// undefined for the default window.
function accessWindow(options: PreviewOptions | undefined): [number, number] | undefined {
  const access = options?.access;
  if (access === undefined) return undefined;
  const count = (v: unknown, all: boolean): number => {
    if (all && v === "all") return -1;
    if (typeof v === "number" && Number.isSafeInteger(v) && v >= 0) return v;
    throw new SharePolicyError(
      "OPTIONS_INVALID",
      'access is "all", a number of holders, or { offset, limit } (whole numbers, limit may be "all")',
      "/access"
    );
  };
  if (typeof access === "object" && access !== null)
    return [count(access.offset ?? 0, false), count(access.limit ?? 50, true)];
  return [0, count(access, true)];
}

// The options, checked: an object of known members (a misspelt one would silently do nothing).
function checkedOptions(options: unknown): Required<SharePolicyOptions> {
  const invalid = (message: string, pointer: string) => new SharePolicyError("OPTIONS_INVALID", message, pointer);
  if (options === undefined || options === null) return { maxMemoryBytes: 0 };
  if (typeof options !== "object" || Array.isArray(options))
    throw invalid("createSharePolicy: options must be an object", "");
  for (const key of Object.keys(options)) {
    if (key !== "maxMemoryBytes")
      throw invalid(`createSharePolicy: unknown option '${key}'`, `/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`);
  }
  const { maxMemoryBytes = 0 } = options as SharePolicyOptions;
  if (typeof maxMemoryBytes !== "number" || !Number.isSafeInteger(maxMemoryBytes) || maxMemoryBytes < 0) {
    throw invalid(
      "createSharePolicy: maxMemoryBytes must be a whole number of bytes, 0 or more (0: no budget)",
      "/maxMemoryBytes"
    );
  }
  return { maxMemoryBytes };
}

/**
 * Loads and instantiates the WebAssembly module. Create one and reuse it.
 * options.maxMemoryBytes: a budget for the core's allocations in this instance; a call that needs
 * more fails with LIMIT_EXCEEDED (without it, the cap is the module's 2 GiB maximum memory).
 * Bad options reject with SharePolicyError "OPTIONS_INVALID" (pointer: /maxMemoryBytes, …).
 */
export async function createSharePolicy(options?: SharePolicyOptions): Promise<SharePolicy> {
  const { maxMemoryBytes } = checkedOptions(options);
  let instance: Instance | null = null;
  let abortedEarly: unknown = null;
  let module: NativeModule;
  try {
    module = await instantiate((reason) => {
      if (instance) instance.markBroken(`abort: ${messageOf(reason)}`);
      else abortedEarly = reason;
    });
  } catch (e) {
    throw new SharePolicyError("INTERNAL", `the WebAssembly module failed to load: ${messageOf(e)}`, "");
  }
  instance = new Instance(module, maxMemoryBytes > 0);
  if (abortedEarly !== null) instance.markBroken(`abort: ${messageOf(abortedEarly)}`);
  module._sharepolicy_set_memory_budget(maxMemoryBytes);
  return new SharePolicy(instance);
}
