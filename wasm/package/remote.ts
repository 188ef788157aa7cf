// The UI-thread side of the worker helper: `connectSharePolicy(worker)` gives the same API as
// createSharePolicy's, every method returning a promise, for a worker that runs
// `serveSharePolicy()` (share-policy/worker). Calls are forwarded by name, so every method of
// SharePolicy and LoadedState (and any added later) is available without code here.
import { SharePolicyError, type SharePolicyErrorCode } from "./errors.js";
import type { LoadedState, SharePolicy } from "./index.js";
import type { AnswerMessage, CallMessage } from "./protocol.js";

/** An object's methods, each returning a promise; a loaded state comes back as a RemoteLoadedState. */
export type Promisified<T> = {
  [K in keyof T as K extends string ? K : never]: T[K] extends (...args: infer A) => infer R
    ? (...args: A) => Promise<R extends LoadedState ? RemoteLoadedState : R>
    : never;
};

/** A loaded state kept in the worker. */
export interface RemoteLoadedState extends Promisified<LoadedState> {}

/** The share-policy instance in the worker. */
export interface RemoteSharePolicy extends Promisified<SharePolicy> {}

/** What connectSharePolicy needs of a Worker. */
export interface WorkerEndpoint {
  addEventListener(type: "message", listener: (event: MessageEvent) => void): void;
  postMessage(message: unknown): void;
}

/** The share-policy instance served by `worker` (which calls serveSharePolicy()). */
export function connectSharePolicy(worker: WorkerEndpoint): RemoteSharePolicy {
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: unknown) => void }>();
  let next = 1;

  worker.addEventListener("message", (event) => {
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
      pending.set(id, { resolve, reject });
      const message: CallMessage = { sharePolicyCall: id, target, method, args };
      worker.postMessage(message);
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
export { SharePolicyError, type SharePolicyErrorCode } from "./errors.js";
