// The WebAssembly binary, gzip-compressed and base64-encoded (share-policy-wasm.js, written by
// wasm/embed-wasm.mjs). Compile-time only; not shipped.
declare const wasmGzipBase64: string;
export default wasmGzipBase64;
