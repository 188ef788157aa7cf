// share-policy: previews vendor sharing and reassignment calls with the C++ core compiled to
// WebAssembly (share-policy-core.js, the Emscripten loader; share-policy-wasm.js, the binary,
// embedded). This file only marshals: JSON text in, envelopes ({"result"} / {"error"}) out,
// envelopes turned into plain objects or SharePolicyError. Every decision, including input
// validation, is the core's. scripts/build-wasm compiles it (tsc, strict) into the package's
// index.js and index.d.ts.
import createSharePolicyModule, { type NativeLoadedState, type NativeModule, type NativeCall } from "./share-policy-core.js";
import wasmGzipBase64 from "./share-policy-wasm.js";

// ---------------------------------------------------------------------------------------------
// Types: the request, result and state shapes of the project's api.md and state.md.
// ---------------------------------------------------------------------------------------------

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

/** One step of a scenario: `expect` is a partial result every member of which must match. */
export interface ScenarioStep {
  request: Request;
  expect?: Partial<Result>;
  name?: string;
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

export interface ScenarioStepOutcome {
  result: Result;
  mismatches: string[];
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

/** Thrown for every input error and fault: `code`, `message`, RFC 6901 `pointer`. */
export class SharePolicyError extends Error {
  override readonly name = "SharePolicyError" as const;
  /** What went wrong (see SharePolicyErrorCode). */
  code: SharePolicyErrorCode;
  /** RFC 6901 pointer into the state or request ("" for the whole document or none). */
  pointer: string;

  constructor(code: SharePolicyErrorCode, message: string, pointer = "") {
    super(message);
    this.code = code;
    this.pointer = pointer;
  }
}

/** JSON given as text, as UTF-8 bytes, or as a value the package serializes with JSON.stringify. */
type Input = string | Uint8Array | ArrayBuffer | unknown;

const encoder = new TextEncoder();

// JSON text as UTF-8 bytes; objects are serialized here so the core still validates their shape.
function utf8(value: Input, invalidCode: SharePolicyErrorCode, what: string): Uint8Array {
  if (typeof value === "string") return encoder.encode(value);
  if (value instanceof Uint8Array) return value;
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (e) {
    throw new SharePolicyError(invalidCode, `the ${what} cannot be serialized as JSON: ${messageOf(e)}`, "");
  }
  return encoder.encode(text ?? ""); // undefined and functions: empty text, which the core rejects
}

function messageOf(e: unknown): string {
  return String(e instanceof Error ? e.message : e);
}

// Anything thrown while the module runs becomes a SharePolicyError: no C++ exception (a bare
// number), abort (WebAssembly.RuntimeError) or engine error reaches the caller as such.
function fault(e: unknown): SharePolicyError {
  if (e instanceof SharePolicyError) return e;
  if (e instanceof RangeError) {
    return new SharePolicyError("LIMIT_EXCEEDED", `out of memory in the JavaScript engine: ${e.message}`, "");
  }
  const what = typeof e === "number" ? `uncaught C++ exception (${e})` : messageOf(e);
  return new SharePolicyError("INTERNAL", `internal fault in the WebAssembly module: ${what}`, "");
}

interface Envelope {
  result?: unknown;
  error?: { code: SharePolicyErrorCode; message: string; pointer: string };
}

function parseEnvelope(envelope: string): Envelope {
  let parsed: Envelope;
  try {
    parsed = JSON.parse(envelope) as Envelope;
  } catch (e) {
    throw fault(e);
  }
  if (parsed.error) throw new SharePolicyError(parsed.error.code, parsed.error.message, parsed.error.pointer);
  return parsed;
}

type Decode = (envelope: string) => unknown;

function unwrap(envelope: string): unknown {
  if (envelope === "") return undefined; // LoadedState::load's success
  return parseEnvelope(envelope).result;
}

// LoadedState::summary answers the summary itself on success (not {"result":…}), an envelope on error.
function unwrapSummary(envelope: string): unknown {
  const parsed = parseEnvelope(envelope);
  return "result" in parsed ? parsed.result : parsed;
}

// ---------------------------------------------------------------------------------------------
// One module instance
// ---------------------------------------------------------------------------------------------

// Runs calls with their inputs copied into WebAssembly memory.
class Instance {
  readonly #module: NativeModule;
  #broken: SharePolicyError | null = null;

  constructor(module: NativeModule) {
    this.#module = module;
  }

  get module(): NativeModule {
    return this.#module;
  }

  /** A stateless call bound by name in wasm/bindings.cpp. */
  native(name: string): NativeCall {
    return this.#module[name] as NativeCall;
  }

  // fn receives (address, length) pairs for each input and returns the envelope text.
  call<T>(inputs: Uint8Array[], fn: NativeCall, decode: Decode = unwrap): T {
    if (this.#broken) throw this.#broken;
    const m = this.#module;
    const addresses: number[] = [];
    // Present in builds with JavaScript exception handling; native wasm exceptions unwind the C stack themselves.
    const stack = m.stackSave ? m.stackSave() : 0;
    try {
      const args: number[] = [];
      for (const bytes of inputs) {
        const address = m._malloc(Math.max(bytes.length, 1));
        if (!address) {
          throw new SharePolicyError(
            "LIMIT_EXCEEDED",
            `out of memory: ${bytes.length} bytes of input do not fit in the WebAssembly memory`,
            "",
          );
        }
        addresses.push(address);
        m.HEAPU8.set(bytes, address); // read HEAPU8 after malloc: growth replaces the view
        args.push(address, bytes.length);
      }
      return decode(fn(...args)) as T;
    } catch (e) {
      try {
        if (m.stackRestore) m.stackRestore(stack); // a JS exception unwinding wasm frames leaves the C stack pointer low
      } catch {
        // the instance trapped; it is marked broken below
      }
      const error = fault(e);
      // After a trap or abort the heap may be inconsistent: refuse further calls on this instance.
      if (e instanceof WebAssembly.RuntimeError) {
        this.#broken = new SharePolicyError(
          "INTERNAL",
          `this share-policy instance stopped after an internal fault (${e.message}); create a new one`,
          "",
        );
      }
      throw error;
    } finally {
      try {
        for (const address of addresses) m._free(address);
      } catch {
        // after a trap the heap cannot be trusted; the error already thrown says so
      }
    }
  }
}

function deleteQuietly(handle: NativeLoadedState): void {
  try {
    if (!handle.isDeleted()) handle.delete();
  } catch {
    // the instance faulted: nothing left to free safely
  }
}

const handles =
  typeof FinalizationRegistry === "function"
    ? new FinalizationRegistry<NativeLoadedState>((handle) => deleteQuietly(handle))
    : null;

// ---------------------------------------------------------------------------------------------
// The API. Each method is one place: its signature, its documentation and the native call it makes.
// ---------------------------------------------------------------------------------------------

/** A state parsed and indexed once, for many calls. Free it with dispose() (or leave it to the GC). */
class LoadedState {
  readonly #instance: Instance;
  #handle: NativeLoadedState | null;

  /** @internal Created by SharePolicy.load. */
  constructor(instance: Instance, handle: NativeLoadedState) {
    this.#instance = instance;
    this.#handle = handle;
    handles?.register(this, handle, this);
  }

  #live(): NativeLoadedState {
    if (!this.#handle) throw new SharePolicyError("DISPOSED", "this loaded state has been disposed", "");
    return this.#handle;
  }

  // The bound method `method` of the C++ LoadedState with the given inputs (as JSON bytes).
  #call<T>(method: string, inputs: Uint8Array[], decode?: Decode): T {
    const handle = this.#live();
    return this.#instance.call<T>(inputs, (...args) => handle[method]!(...args), decode);
  }

  #request<T>(method: string, request: Input): T {
    return this.#call<T>(method, [utf8(request, "REQUEST_INVALID", "request")]);
  }

  /** Evaluates a share request; never changes anything. */
  canShare(request: JsonInput<Request>): Result {
    return this.#request("canShare", request);
  }

  /**
   * Many share previews in one call (a grid): one item per request, in order. Computes only the
   * decision (no explanation, fix or access), so it is much faster than canShare per row. Throws
   * SharePolicyError when the batch itself is not a JSON array of at most 100000 requests.
   * Elements are request objects: a string element is a JSON string (REQUEST_INVALID), not request text.
   */
  canShareBatch(requests: string | Uint8Array | ArrayBuffer | Request[]): Array<Decision | DecisionInputError> {
    return this.#call("canShareBatch", [utf8(requests, "REQUEST_INVALID", "batch of requests")]);
  }

  /** Applies the request's changes to this loaded state. */
  applyShare(request: JsonInput<Request>): Result {
    return this.#request("applyShare", request);
  }

  /** Applies a successful reassignment to this loaded state. */
  resolveReassign(request: JsonInput<Request>): LoadedReassignResult {
    return this.#request("resolveReassign", request);
  }

  /** What resolveReassign would answer, without changing this loaded state. */
  previewReassign(request: JsonInput<Request>): LoadedReassignResult {
    return this.#request("previewReassign", request);
  }

  /**
   * Runs steps one after another from this loaded state, as SharePolicy.runScenario does (each
   * step sees the state the steps before it left); this loaded state itself is unchanged, so many
   * scenarios can share one load. Input errors point into the array (/N/request/…).
   */
  runScenario(steps: JsonInput<ScenarioStep[]>): ScenarioStepOutcome[] {
    return this.#call("runScenario", [utf8(steps, "REQUEST_INVALID", "steps")]);
  }

  /**
   * A second handle on the same state, to keep as an undo step: copy-on-write, so cloning copies
   * nothing and applying on either handle leaves the other unchanged. Dispose each.
   */
  clone(): LoadedState {
    const handle = this.#live() as unknown as { clone(): NativeLoadedState };
    let copy: NativeLoadedState | null = null;
    this.#instance.call<null>([], () => {
      copy = handle.clone();
      return '{"result":null}';
    });
    return new LoadedState(this.#instance, copy!);
  }

  /** The current state (so JSON.stringify(loaded) writes it). */
  toJSON(): State {
    return this.#call("toJSON", []);
  }

  /** Counts per system and the state's warnings. */
  summary(): StateSummary {
    return this.#call("summary", [], unwrapSummary);
  }

  /** Frees the WebAssembly memory now; later calls throw SharePolicyError "DISPOSED". */
  dispose(): void {
    if (!this.#handle) return;
    handles?.unregister(this);
    deleteQuietly(this.#handle);
    this.#handle = null;
  }
}

/** One instance of the WebAssembly module (createSharePolicy). */
class SharePolicy {
  readonly #instance: Instance;

  /** @internal Created by createSharePolicy. */
  constructor(instance: Instance) {
    this.#instance = instance;
  }

  // The stateless call `name` (bound in wasm/bindings.cpp) on a state and a request.
  #evaluate<T>(name: string, state: Input, request: Input): T {
    const inputs = [utf8(state, "STATE_INVALID", "state"), utf8(request, "REQUEST_INVALID", "request")];
    return this.#instance.call<T>(inputs, this.#instance.native(name));
  }

  /** Evaluates a share request; never changes anything. */
  canShare(state: JsonInput<State>, request: JsonInput<Request>): Result {
    return this.#evaluate("canShare", state, request);
  }

  /** Evaluates a share request and returns the new state in `.state`. */
  applyShare(state: JsonInput<State>, request: JsonInput<Request>): AppliedResult {
    return this.#evaluate("applyShare", state, request);
  }

  /** Evaluates a reassignment; `.reassign` lists moved and skipped recordings. */
  resolveReassign(state: JsonInput<State>, request: JsonInput<Request>): ReassignResult {
    return this.#evaluate("resolveReassign", state, request);
  }

  /**
   * Runs a scenario {state, steps:[{request, expect?, name?}]}: each step sees the state the steps
   * before it left. `mismatches` lists how a step's result differs from its `expect` (empty = pass).
   */
  runScenario(scenario: JsonInput<Scenario>): ScenarioStepOutcome[] {
    return this.#instance.call([utf8(scenario, "REQUEST_INVALID", "scenario")], this.#instance.native("runScenario"));
  }

  /** Parses and indexes a state once, for many calls. */
  load(state: JsonInput<State>): LoadedState {
    const instance = this.#instance;
    const bytes = utf8(state, "STATE_INVALID", "state");
    let handle: NativeLoadedState | null = null;
    try {
      instance.call([bytes], (address, length) => {
        handle = new instance.module.LoadedState();
        return handle["load"]!(address!, length!);
      });
    } catch (e) {
      if (handle) deleteQuietly(handle);
      throw e;
    }
    return new LoadedState(instance, handle!);
  }
}

export type { LoadedState, SharePolicy };

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

async function instantiate(): Promise<NativeModule> {
  const wasmModule = await compiledModule();
  let rejectLoad: (reason: unknown) => void = () => {};
  const failed = new Promise<never>((_, reject) => {
    rejectLoad = reject;
  });
  const module = createSharePolicyModule({
    print() {},
    printErr() {},
    // Emscripten's hook for custom instantiation: the module compiled above, this instance's imports.
    instantiateWasm(imports, receiveInstance) {
      WebAssembly.instantiate(wasmModule, imports).then((instance) => receiveInstance(instance, wasmModule), rejectLoad);
      return {};
    },
  });
  return Promise.race([module, failed]);
}

/**
 * Loads and instantiates the WebAssembly module. Create one and reuse it.
 * options.maxMemoryBytes: a budget for the core's allocations in this instance; a call that needs
 * more fails with LIMIT_EXCEEDED (without it, the cap is the module's 2 GiB maximum memory).
 */
export async function createSharePolicy(options: SharePolicyOptions = {}): Promise<SharePolicy> {
  const { maxMemoryBytes = 0 } = options ?? {};
  if (typeof maxMemoryBytes !== "number" || !(maxMemoryBytes >= 0) || !Number.isFinite(maxMemoryBytes)) {
    throw new TypeError("createSharePolicy: maxMemoryBytes must be a non-negative finite number");
  }
  let module: NativeModule;
  try {
    module = await instantiate();
  } catch (e) {
    throw new SharePolicyError("INTERNAL", `the WebAssembly module failed to load: ${messageOf(e)}`, "");
  }
  module.setMemoryBudget(Math.floor(maxMemoryBytes));
  return new SharePolicy(new Instance(module));
}
