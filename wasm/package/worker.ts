// The worker side of the worker helper: `serveSharePolicy()` in a Web Worker answers the calls a
// share-policy/remote client on the UI thread makes, so that a large state is loaded and kept in
// the worker. Every method of SharePolicy and LoadedState is served by name: a new method needs no
// change here.
import { createSharePolicy, SharePolicyError, type SharePolicyOptions } from "./index.js";
import type { AbortMessage, AnswerMessage, CallMessage, ProgressMessage } from "./protocol.js";

/** What a worker (or any MessagePort-like endpoint) offers. */
export interface WorkerScope {
  addEventListener(type: "message", listener: (event: MessageEvent) => void): void;
  postMessage(message: unknown): void;
}

// loadStream's options cross as data ({ totalBytes }): its progress goes back as messages, and an
// abort comes as one.
function streamOptions(call: CallMessage, scope: WorkerScope, aborts: Map<number, AbortController>): void {
  const id = call.sharePolicyCall;
  const controller = new AbortController();
  aborts.set(id, controller);
  const options = { ...(call.args[1] as object), signal: controller.signal };
  call.args[1] = Object.assign(options, {
    onProgress: (p: Omit<ProgressMessage, "sharePolicyProgress">) =>
      scope.postMessage({ sharePolicyProgress: id, ...p } satisfies ProgressMessage),
  });
}

function isLoadedState(value: unknown): value is { dispose(): void } {
  return typeof value === "object" && value !== null && typeof (value as { dispose?: unknown }).dispose === "function";
}

function errorOf(e: unknown): AnswerMessage["error"] {
  if (e instanceof SharePolicyError) return { code: e.code, message: e.message, pointer: e.pointer };
  return { code: "INTERNAL", message: String(e instanceof Error ? e.message : e), pointer: "" };
}

/**
 * Serves one share-policy instance (created with `options`) to the UI thread. Call it once, in the
 * worker's module: `serveSharePolicy()`.
 */
export function serveSharePolicy(
  options?: SharePolicyOptions,
  scope: WorkerScope = globalThis as unknown as WorkerScope
): void {
  const ready = createSharePolicy(options);
  const objects = new Map<number, object>();
  const aborts = new Map<number, AbortController>();
  let next = 1;

  scope.addEventListener("message", async (event) => {
    const call = event.data as CallMessage;
    aborts.get((event.data as AbortMessage)?.sharePolicyAbort)?.abort();
    if (typeof call?.sharePolicyCall !== "number") return;
    if (call.method === "loadStream") streamOptions(call, scope, aborts);
    const answer: AnswerMessage = { sharePolicyAnswer: call.sharePolicyCall };
    try {
      const target = call.target === 0 ? await ready : objects.get(call.target);
      if (!target) throw new SharePolicyError("DISPOSED", "this loaded state has been disposed", "");
      const method = Object.hasOwn(target, call.method) ? (target as Record<string, unknown>)[call.method] : undefined;
      if (typeof method !== "function") {
        throw new SharePolicyError("INTERNAL", `share-policy has no method '${call.method}'`, "");
      }
      const value: unknown = await method(...call.args);
      if (call.method === "dispose") objects.delete(call.target);
      if (isLoadedState(value)) {
        objects.set(next, value);
        answer.loaded = next++;
      } else {
        answer.value = value;
      }
    } catch (e) {
      answer.error = errorOf(e);
    }
    aborts.delete(call.sharePolicyCall);
    scope.postMessage(answer);
  });
}
