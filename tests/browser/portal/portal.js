// A tiny admin portal: imports the package by name (bundled by esbuild with no configuration),
// previews a share on the page, and asks a Web Worker (worker.js, the same package) for another.
import { createSharePolicy, SharePolicyError } from "share-policy";

const request = { actor: "admin", cli: "shareRecordingWithUser creator OWN f678f415-0665-48cd-b141-1e95283469f1" };

function show(id, value) {
  document.getElementById(id).textContent = JSON.stringify(value);
}

async function previewOnPage() {
  try {
    const state = await (await fetch("samples/hmp.json")).text();
    const sp = await createSharePolicy();
    const result = sp.canShare(state, request);
    let error = null;
    try {
      sp.canShare(state, { ...request, actor: "nobody-at-all" });
    } catch (e) {
      error = { isSharePolicyError: e instanceof SharePolicyError, code: e.code, pointer: e.pointer };
    }
    show("page-result", { result, error });
  } catch (e) {
    show("page-result", { failure: String(e && e.stack ? e.stack : e) });
  }
}

function previewInWorker() {
  const worker = new Worker("worker.js");
  worker.onmessage = (event) => show("worker-result", event.data);
  worker.onerror = (event) => show("worker-result", { failure: event.message });
  worker.postMessage({ stateUrl: new URL("samples/ocm.json", location.href).href, request: {
    actor: "U7ECC74059E0FEDFEC66BF5AT00000000002",
    http: { method: "PUT", path: "/documents/api/1.2/shares/F1321DC48E3B123D02DBEE88T0000000000100000001/role",
      body: { userID: "GS18003", role: "viewer" } },
  } });
}

previewOnPage();
previewInWorker();
