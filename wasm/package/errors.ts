// SharePolicyError, in a module of its own so that share-policy/remote (the UI-thread side of the
// worker helper) can throw the same class without importing the WebAssembly module.

/**
 * Input error codes from api.md, plus INTERNAL (a fault), DISPOSED (a disposed loaded state),
 * INSTANCE_BROKEN (every call after a fault this instance cannot recover from: create a new one)
 * and OPTIONS_INVALID (createSharePolicy's options).
 */
export type SharePolicyErrorCode =
  | "STATE_INVALID"
  | "REQUEST_INVALID"
  | "UNSUPPORTED_OPERATION"
  | "WRONG_ENTRY_POINT"
  | "LIMIT_EXCEEDED"
  | "INTERNAL"
  | "DISPOSED"
  | "INSTANCE_BROKEN"
  | "OPTIONS_INVALID";

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
