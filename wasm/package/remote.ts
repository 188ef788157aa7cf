// The UI-thread side of the worker helper: `connectSharePolicy(worker)` gives the same API as
// createSharePolicy's, every method returning a promise, for a worker that runs
// `serveSharePolicy()` (share-policy/worker). Calls are forwarded by name, so every method of
// SharePolicy and LoadedState (and any added later) is available without code here.
import { SharePolicyError, type SharePolicyErrorCode } from "./errors.js";
import type { LoadedState, LoadStreamOptions, SharePolicy, StateSource } from "./index.js";
import type { AbortMessage, AnswerMessage, CallMessage, ProgressMessage } from "./protocol.js";

/** An object's methods, each returning a promise; a loaded state comes back as a RemoteLoadedState. */
export type Promisified<T> = {
  [K in keyof T as K extends string ? K : never]: T[K] extends (...args: infer A) => infer R
    ? (...args: A) => Promise<Awaited<R> extends LoadedState ? RemoteLoadedState : Awaited<R>>
    : never;
};

/** A loaded state kept in the worker. */
export interface RemoteLoadedState extends Promisified<LoadedState> {}

/** The share-policy instance in the worker. */
export interface RemoteSharePolicy extends Promisified<SharePolicy> {}

/** What connectSharePolicy needs of a Worker. */
export interface WorkerEndpoint {
  addEventListener(type: "message", listener: (event: MessageEvent) => void): void;
  postMessage(message: unknown, transfer?: Transferable[]): void;
}

/** The share-policy instance served by `worker` (which calls serveSharePolicy()). */
export function connectSharePolicy(worker: WorkerEndpoint): RemoteSharePolicy {
  type Waiting = { resolve: (value: unknown) => void; reject: (error: unknown) => void; options?: LoadStreamOptions };
  const pending = new Map<number, Waiting>();
  let next = 1;

  worker.addEventListener("message", (event) => {
    if (typeof (event.data as ProgressMessage | null)?.sharePolicyProgress === "number") {
      const { sharePolicyProgress, ...progress } = event.data as ProgressMessage;
      return pending.get(sharePolicyProgress)?.options?.onProgress?.(progress);
    }
    const answer = event.data as AnswerMessage;
    const waiting = typeof answer?.sharePolicyAnswer === "number" ? pending.get(answer.sharePolicyAnswer) : undefined;
    if (!waiting) return;
    pending.delete(answer.sharePolicyAnswer);
    if (answer.error) {
      const { code, message, pointer } = answer.error;
      waiting.reject(new SharePolicyError(code as SharePolicyErrorCode, message, pointer));
    } else if (answer.loaded !== undefined) {
      waiting.resolve(remote(answer.loaded));
    } else {
      waiting.resolve(answer.value);
    }
  });

  function call(target: number, method: string, args: unknown[]): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const id = next++;
      const waiting: Waiting = { resolve, reject };
      const message: CallMessage = { sharePolicyCall: id, target, method, args };
      if (method !== "loadStream") {
        pending.set(id, waiting);
        return worker.postMessage(message);
      }
      // The source crosses to the worker (a Blob as a handle, a stream transferred); the options'
      // callbacks stay here, fed by progress messages; an abort settles now and stops the worker.
      const options = (args[1] ?? {}) as LoadStreamOptions;
      const { signal } = options;
      signal?.throwIfAborted();
      pending.set(id, waiting);
      const source = transferable(args[0] as StateSource);
      message.args = [source, { totalBytes: options.totalBytes }];
      waiting.options = options;
      signal?.addEventListener("abort", () => {
        if (!pending.delete(id)) return;
        worker.postMessage({ sharePolicyAbort: id } satisfies AbortMessage);
        reject(signal.reason);
      });
      worker.postMessage(message, source instanceof ReadableStream ? [source] : []);
    });
  }

  // Any method name becomes a call; `then` stays undefined so that the object is not a thenable.
  function remote<T>(target: number): T {
    return new Proxy(
      {},
      {
        get(_, method) {
          if (typeof method !== "string" || method === "then") return undefined;
          return (...args: unknown[]) => call(target, method, args);
        },
      }
    ) as T;
  }

  return remote<RemoteSharePolicy>(0);
}

// An async iterable (a Node Readable) becomes a web stream, which can be transferred.
function transferable(source: StateSource): unknown {
  if (source instanceof ReadableStream || (typeof Blob === "function" && source instanceof Blob)) return source;
  const it = (source as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]?.();
  if (!it) return source; // the worker's loadStream names what it reads
  return new ReadableStream({
    async pull(controller) {
      const next = await it.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    async cancel() {
      await it.return?.();
    },
  });
}
export { SharePolicyError, type SharePolicyErrorCode } from "./errors.js";
