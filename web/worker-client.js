// Promise-based calls to the engine worker (web/worker.js).
export function createWorkerClient({ onProgress }) {
  const worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
  const pending = new Map();
  let nextId = 1;
  let failed = null;

  worker.onmessage = (event) => {
    const msg = event.data;
    if (msg.type === "progress") {
      onProgress?.(msg);
      return;
    }
    const p = pending.get(msg.id);
    if (!p) return;
    pending.delete(msg.id);
    if (msg.ok) p.resolve(msg.value);
    else p.reject(Object.assign(new Error(msg.error.message), msg.error));
  };
  worker.onerror = (event) => {
    failed = new Error(`The engine worker failed: ${event.message ?? "could not start"}`);
    for (const p of pending.values()) p.reject(failed);
    pending.clear();
  };

  return {
    call(type, payload = {}, transfer = []) {
      if (failed) return Promise.reject(failed);
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, type, ...payload }, transfer);
      });
    },
  };
}
