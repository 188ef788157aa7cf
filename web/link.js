// A link to a call: the composed request (never the state) in the URL fragment, so that an admin
// can send a colleague "this is the call I mean". Opening the link with a state loaded fills the
// composer with it. The fragment is #call=<base64url of the request's JSON>; nothing of the state
// is in it, and a fragment is never sent to a server.
import { $, el } from "./dom.js";
import { byName, operationForRaw } from "./operations.js";

const PREFIX = "#call=";
const MAX_FRAGMENT = 16000; // keeps links short enough for mail and chat clients

function toBase64Url(text) {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text) {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
}

// Only the members a preview request has (api.md "Request"); anything else in a link is dropped.
function cleanRequest(value) {
  if (!value || typeof value !== "object") return null;
  const out = { actor: typeof value.actor === "string" ? value.actor : null };
  if (Array.isArray(value.scopes)) out.scopes = value.scopes.filter((s) => typeof s === "string");
  if (typeof value.cli === "string") return { ...out, cli: value.cli };
  const h = value.http;
  if (!h || typeof h !== "object" || typeof h.method !== "string" || typeof h.path !== "string") return null;
  const http = { method: h.method, path: h.path };
  if (h.body !== undefined) http.body = typeof h.body === "string" ? h.body : JSON.stringify(h.body);
  return { ...out, http };
}

export function encodeCall(request) {
  return PREFIX + toBase64Url(JSON.stringify(cleanRequest(request)));
}

// The request a fragment carries, or null (no call, or one that cannot be read).
export function decodeCall(hash) {
  if (typeof hash !== "string" || !hash.startsWith(PREFIX)) return null;
  try {
    return cleanRequest(JSON.parse(fromBase64Url(hash.slice(PREFIX.length))));
  } catch {
    return null;
  }
}

function setValue(node, value, event = "input") {
  node.value = value;
  node.dispatchEvent(new Event(event, { bubbles: true }));
}

// Fills the composer with a request through its own controls, so that it goes through the same
// path as typing (the raw editor is the source of the request; the form follows it).
export function fillComposer(request) {
  const raw =
    request.cli !== undefined
      ? { cli: request.cli }
      : { method: request.http.method.toUpperCase(), path: request.http.path, body: request.http.body ?? "" };
  const op = operationForRaw(raw) ?? fallbackOperation(raw);
  if ($("#system").value !== op.system) setValue($("#system"), op.system, "change");
  if ($("#operation").value !== op.name) setValue($("#operation"), op.name, "change");
  setValue($("#actor"), request.actor ?? "");
  if (op.system === "webex") {
    const scopes = new Set(request.scopes ?? []);
    for (const box of document.querySelectorAll("input.scope")) {
      box.checked = scopes.delete(box.value);
    }
    setValue($("#scopes-extra"), [...scopes].join(" "));
  }
  if (raw.cli !== undefined) {
    setValue($("#raw-cli"), raw.cli);
  } else {
    setValue($("#raw-method"), raw.method, "change");
    setValue($("#raw-path"), raw.path);
    setValue($("#raw-body"), raw.body);
  }
}

// An unrecognised call still opens in an editor of its kind (the core will say what is wrong).
function fallbackOperation(raw) {
  return raw.cli !== undefined ? byName.get("hmp.shareRecordingWithUser") : byName.get("hmp.createFeedShare");
}

// The "Link to this call" control beside Apply, and opening links. `request()` is the composed call.
export function createLinks({ request }) {
  const button = el(
    "button",
    { type: "button", id: "link-call", title: "The call only, never the state" },
    "Link to this call"
  );
  const out = el("input", {
    id: "link-out",
    class: "link-out",
    readonly: true,
    "aria-label": "Link to this call",
    hidden: true,
  });
  const note = el("span", { id: "link-note", class: "hint", role: "status" });
  $(".preview-actions").append(button, out, note);

  button.addEventListener("click", async () => {
    const fragment = encodeCall(request());
    if (fragment.length > MAX_FRAGMENT) {
      note.textContent = "This call is too long for a link: export a scenario instead.";
      return;
    }
    history.replaceState(null, "", fragment);
    out.value = location.href;
    out.hidden = false;
    out.select();
    try {
      await navigator.clipboard.writeText(location.href);
      note.textContent = "Link copied. It holds the call, not the state.";
    } catch {
      note.textContent = "Copy the link above. It holds the call, not the state.";
    }
  });

  let pending = decodeCall(location.hash);
  window.addEventListener("hashchange", () => {
    pending = decodeCall(location.hash);
    if (document.body.dataset.ready === "true") openPending();
  });

  // Fills the composer from the link, once a state is loaded; true when it did.
  function openPending() {
    if (!pending) return false;
    const call = pending;
    pending = null;
    fillComposer(call);
    note.textContent = "Opened the call from the link.";
    document.body.dataset.linkOpened = "true";
    return true;
  }
  return { openPending };
}
