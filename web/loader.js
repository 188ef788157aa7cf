// Getting a state (or a scenario) into the page: file picker, drag and drop, paste, samples.
// A file goes to the worker as it is (a handle, not its bytes), which streams it into the engine
// with visible progress; samples are fetched as bytes and handed over without a copy.
import { $ } from "./dom.js";

// Fetches a same-origin file (a sample) as an ArrayBuffer, reporting progress.
export async function fetchBytes(url, onProgress) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const total = Number(response.headers.get("Content-Length")) || 0;
  if (!response.body || !total) return response.arrayBuffer();
  const reader = response.body.getReader();
  const out = new Uint8Array(total);
  let offset = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (offset + value.length > out.length) return new Blob([out.subarray(0, offset), value]).arrayBuffer();
    out.set(value, offset);
    offset += value.length;
    onProgress?.(offset / total);
  }
  return out.buffer.slice(0, offset);
}

// Wires the state inputs; `load({ file | buffer | text, name })` does the rest.
export function wireStateInputs({ load, onReadProgress }) {
  const fileInput = $("#state-file");
  fileInput.addEventListener("change", async () => {
    const file = fileInput.files?.[0];
    if (!file) return;
    fileInput.value = "";
    await load({ file, name: file.name }); // streamed into the engine in the worker
  });

  const zone = $("#drop-zone");
  const target = $("#load");
  target.addEventListener("dragover", (e) => {
    e.preventDefault();
    zone.classList.add("drag");
  });
  target.addEventListener("dragleave", (e) => {
    if (!target.contains(e.relatedTarget)) zone.classList.remove("drag");
  });
  target.addEventListener("drop", async (e) => {
    e.preventDefault();
    zone.classList.remove("drag");
    const file = e.dataTransfer?.files?.[0];
    if (file) {
      await load({ file, name: file.name });
      return;
    }
    const text = e.dataTransfer?.getData("text/plain");
    if (text) await load({ text, name: "dropped text" });
  });

  $("#load-paste").addEventListener("click", () => load({ text: $("#paste-text").value, name: "pasted JSON" }));

  $("#load-sample").addEventListener("click", () => loadSample($("#sample").value));

  async function loadSample(name) {
    const buffer = await fetchBytes(`samples/${encodeURIComponent(name)}.json`, onReadProgress);
    await load({ buffer, name: `sample ${name}.json` });
  }
  return { loadSample };
}

export function wireScenarioInput({ run }) {
  const input = $("#scenario-file");
  input.addEventListener("change", async () => {
    const file = input.files?.[0];
    if (!file) return;
    const text = await file.text();
    input.value = "";
    await run(text, file.name);
  });
}
