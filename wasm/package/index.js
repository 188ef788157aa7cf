// share-policy: previews vendor sharing and reassignment calls with the C++ core compiled to
// WebAssembly (share-policy-core.js, the Emscripten loader; share-policy-wasm.js, the binary,
// embedded). This file only marshals: JSON text in, envelopes ({"result"} / {"error"}) out,
// envelopes turned into plain objects or SharePolicyError. Every decision, including input
// validation, is the core's.
import createSharePolicyModule from "./share-policy-core.js";
import wasmGzipBase64 from "./share-policy-wasm.js";

/** An input error (or a fault) reported by the core: `code`, `message`, RFC 6901 `pointer`. */
export class SharePolicyError extends Error {
  constructor(code, message, pointer = "") {
    super(message);
    this.name = "SharePolicyError";
    this.code = code;
    this.pointer = pointer;
  }
}

const encoder = new TextEncoder();

// JSON text as UTF-8 bytes; objects are serialized here so the core still validates their shape.
function utf8(value, invalidCode, what) {
  if (typeof value === "string") return encoder.encode(value);
  if (value instanceof Uint8Array) return value;
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  let text;
  try {
    text = JSON.stringify(value);
  } catch (e) {
    throw new SharePolicyError(invalidCode, `the ${what} cannot be serialized as JSON: ${e.message}`, "");
  }
  return encoder.encode(text ?? ""); // undefined and functions: empty text, which the core rejects
}

// Anything thrown while the module runs becomes a SharePolicyError: no C++ exception (a bare
// number), abort (WebAssembly.RuntimeError) or engine error reaches the caller as such.
function fault(e) {
  if (e instanceof SharePolicyError) return e;
  if (e instanceof RangeError) {
    return new SharePolicyError("LIMIT_EXCEEDED", `out of memory in the JavaScript engine: ${e.message}`, "");
  }
  const what = typeof e === "number" ? `uncaught C++ exception (${e})` : String(e && e.message ? e.message : e);
  return new SharePolicyError("INTERNAL", `internal fault in the WebAssembly module: ${what}`, "");
}

function parseEnvelope(envelope) {
  let parsed;
  try {
    parsed = JSON.parse(envelope);
  } catch (e) {
    throw fault(e);
  }
  if (parsed.error) throw new SharePolicyError(parsed.error.code, parsed.error.message, parsed.error.pointer);
  return parsed;
}

function unwrap(envelope) {
  if (envelope === "") return undefined; // LoadedState::load's success
  return parseEnvelope(envelope).result;
}

// LoadedState::summary answers the summary itself on success (not {"result":…}), an envelope on error.
function unwrapSummary(envelope) {
  const parsed = parseEnvelope(envelope);
  return "result" in parsed ? parsed.result : parsed;
}

// One module instance: runs calls with their inputs copied into WebAssembly memory.
class Instance {
  #module;
  #broken = null;

  constructor(module) {
    this.#module = module;
  }

  get module() {
    return this.#module;
  }

  // fn receives (address, length) pairs for each input and returns the envelope text.
  call(inputs, fn, decode = unwrap) {
    if (this.#broken) throw this.#broken;
    const m = this.#module;
    const addresses = [];
    // Present in builds with JavaScript exception handling; native wasm exceptions unwind the C stack themselves.
    const stack = m.stackSave ? m.stackSave() : 0;
    try {
      const args = [];
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
      return decode(fn(...args));
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

const handles =
  typeof FinalizationRegistry === "function"
    ? new FinalizationRegistry((handle) => deleteQuietly(handle))
    : null;

/** A state parsed and indexed once; applyShare/resolveReassign update it in place. */
class LoadedState {
  #instance;
  #handle;

  constructor(instance, handle) {
    this.#instance = instance;
    this.#handle = handle;
    handles?.register(this, handle, this);
  }

  #live() {
    if (!this.#handle) throw new SharePolicyError("DISPOSED", "this loaded state has been disposed", "");
    return this.#handle;
  }

  #request(method, request) {
    const handle = this.#live();
    return this.#instance.call([utf8(request, "REQUEST_INVALID", "request")], (a, n) => handle[method](a, n));
  }

  canShare(request) {
    return this.#request("canShare", request);
  }

  /**
   * Many share previews in one call, for a grid of rows. `requests`: an array of request objects
   * (or the JSON text of one). One item per request, in order: the decision {ok, response, error},
   * equal to those members of what canShare returns, or {ok: false, inputError: {code, message,
   * pointer}} where canShare would throw. Nothing else is computed (no explanation, fix or access),
   * which is what makes it fast: call canShare for the row a user opens.
   */
  canShareBatch(requests) {
    const handle = this.#live();
    const bytes = utf8(requests, "REQUEST_INVALID", "batch of requests");
    return this.#instance.call([bytes], (a, n) => handle.canShareBatch(a, n));
  }

  applyShare(request) {
    return this.#request("applyShare", request);
  }

  resolveReassign(request) {
    return this.#request("resolveReassign", request);
  }

  /** What resolveReassign would answer, without changing this loaded state. */
  previewReassign(request) {
    return this.#request("previewReassign", request);
  }

  /**
   * A second handle on the same state, to keep as an undo step: copy-on-write, so cloning copies
   * nothing and a later apply on either handle copies only the section it changes. Dispose each.
   */
  clone() {
    const handle = this.#live();
    let copy = null;
    this.#instance.call([], () => {
      copy = handle.clone();
      return '{"result":null}';
    });
    return new LoadedState(this.#instance, copy);
  }

  /** The current state as a JSON value (so JSON.stringify(loaded) writes the state). */
  toJSON() {
    const handle = this.#live();
    return this.#instance.call([], () => handle.toJSON());
  }

  summary() {
    const handle = this.#live();
    return this.#instance.call([], () => handle.summary(), unwrapSummary);
  }

  dispose() {
    if (!this.#handle) return;
    handles?.unregister(this);
    deleteQuietly(this.#handle);
    this.#handle = null;
  }
}

class SharePolicy {
  #instance;

  constructor(instance) {
    this.#instance = instance;
  }

  #evaluate(method, state, request) {
    const inputs = [utf8(state, "STATE_INVALID", "state"), utf8(request, "REQUEST_INVALID", "request")];
    const m = this.#instance.module;
    return this.#instance.call(inputs, (sa, sn, ra, rn) => m[method](sa, sn, ra, rn));
  }

  canShare(state, request) {
    return this.#evaluate("canShare", state, request);
  }

  applyShare(state, request) {
    return this.#evaluate("applyShare", state, request);
  }

  resolveReassign(state, request) {
    return this.#evaluate("resolveReassign", state, request);
  }

  /** Runs a scenario's steps in order; each entry holds the step's result and its mismatches with `expect`. */
  runScenario(scenario) {
    const m = this.#instance.module;
    return this.#instance.call([utf8(scenario, "REQUEST_INVALID", "scenario")], (a, n) => m.runScenario(a, n));
  }

  load(state) {
    const instance = this.#instance;
    const bytes = utf8(state, "STATE_INVALID", "state");
    let handle = null;
    try {
      instance.call([bytes], (a, n) => {
        handle = new instance.module.LoadedState();
        return handle.load(a, n);
      });
    } catch (e) {
      if (handle) deleteQuietly(handle);
      throw e;
    }
    return new LoadedState(instance, handle);
  }
}

function deleteQuietly(handle) {
  try {
    if (!handle.isDeleted()) handle.delete();
  } catch {
    // the instance faulted: nothing left to free safely
  }
}

// The binary is embedded gzip-compressed (see README): decompressed and compiled once per page,
// worker or process, then instantiated for each createSharePolicy.
let compiled = null;

async function gunzip(bytes) {
  const stream = new DecompressionStream("gzip");
  const writer = stream.writable.getWriter();
  writer.write(bytes).catch(() => {}); // errors surface on the reading side
  writer.close().catch(() => {});
  const reader = stream.readable.getReader();
  const chunks = [];
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

function compiledModule() {
  if (!compiled) {
    compiled = (async () => {
      const packed = atob(wasmGzipBase64);
      const bytes = new Uint8Array(packed.length);
      for (let i = 0; i < packed.length; i++) bytes[i] = packed.charCodeAt(i);
      return WebAssembly.compile(await gunzip(bytes));
    })();
    compiled.catch(() => {
      compiled = null; // let a later call try again
    });
  }
  return compiled;
}

async function instantiate() {
  const wasmModule = await compiledModule();
  let rejectLoad;
  const failed = new Promise((_, reject) => {
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
 * Loads and instantiates the WebAssembly module.
 * options.maxMemoryBytes: a budget for the core's allocations in this instance; a call that needs
 * more fails with LIMIT_EXCEEDED (without it, the cap is the module's 2 GiB maximum memory).
 */
export async function createSharePolicy(options = {}) {
  const { maxMemoryBytes = 0 } = options ?? {};
  if (typeof maxMemoryBytes !== "number" || !(maxMemoryBytes >= 0) || !Number.isFinite(maxMemoryBytes)) {
    throw new TypeError("createSharePolicy: maxMemoryBytes must be a non-negative finite number");
  }
  let module;
  try {
    module = await instantiate();
  } catch (e) {
    throw new SharePolicyError("INTERNAL", `the WebAssembly module failed to load: ${e && e.message ? e.message : e}`, "");
  }
  module.setMemoryBudget(Math.floor(maxMemoryBytes));
  return new SharePolicy(new Instance(module));
}
