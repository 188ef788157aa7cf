// What the page knows about the loaded state: its summary, picker catalog and history counts.
// The state itself lives in the worker; this is the page-side view of it, with subscribers.
export function createStateStore() {
  const history = { undo: 0, redo: 0, undoLabels: [], redoLabels: [] };
  let value = { loaded: false, name: "", summary: null, catalog: null, history };
  const listeners = new Set();
  return {
    get: () => value,
    update(patch, reason) {
      value = { ...value, ...patch };
      for (const fn of listeners) fn(value, reason);
    },
    subscribe(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
  };
}
