// The messages between share-policy/remote (UI thread) and share-policy/worker (the worker).

/** A call: `target` 0 is the SharePolicy, any other number a loaded state the worker holds. */
export interface CallMessage {
  sharePolicyCall: number;
  target: number;
  method: string;
  args: unknown[];
}

/** The answer: a value, a loaded state (kept in the worker, named by a number), or an error. */
export interface AnswerMessage {
  sharePolicyAnswer: number;
  value?: unknown;
  loaded?: number;
  error?: { code: string; message: string; pointer: string };
}

/** loadStream's progress, from the worker, for the call `sharePolicyProgress`. */
export interface ProgressMessage {
  sharePolicyProgress: number;
  bytesRead: number;
  totalBytes?: number;
}

/** Stops the loadStream call `sharePolicyAbort` (its AbortSignal fired on the UI thread). */
export interface AbortMessage {
  sharePolicyAbort: number;
}
