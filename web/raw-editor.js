// The raw request editor (the HMP command line, or the HTTP method, path and body) and the Webex
// scopes: what the core evaluates is always built here, from what the editor shows.
import { $ } from "./dom.js";

const ACTOR_HINTS = {
  hmp: "an HMP username or user id",
  webex: "an email or person id; empty = no access token",
  ocm: "an OCM login name or user id",
};

// onInput(): the raw text was edited; onScopes(): a scope was ticked or typed.
export function createRawEditor({ onInput, onScopes }) {
  const cliBox = $("#raw-cli-box");
  const httpBox = $("#raw-http-box");
  const cli = $("#raw-cli");
  const method = $("#raw-method");
  const path = $("#raw-path");
  const body = $("#raw-body");
  const scopesBox = $("#scopes-box");
  const scopesExtra = $("#scopes-extra");

  for (const node of [cli, method, path, body]) node.addEventListener("input", onInput);
  method.addEventListener("change", onInput);
  scopesBox.addEventListener("input", onScopes);

  function scopes() {
    const list = [...document.querySelectorAll("input.scope")].filter((c) => c.checked).map((c) => c.value);
    for (const s of scopesExtra.value.split(/\s+/)) if (s) list.push(s);
    return list;
  }

  return {
    // Shows the editor the operation's kind needs, and the scopes for Webex.
    show(op) {
      cliBox.hidden = op.kind !== "cli";
      httpBox.hidden = op.kind !== "http";
      scopesBox.hidden = op.system !== "webex";
      $("#actor-hint").textContent = ACTOR_HINTS[op.system];
    },
    write(op, values) {
      const raw = op.toRaw(values);
      if (op.kind === "cli") {
        cli.value = raw.cli;
      } else {
        method.value = raw.method;
        path.value = raw.path;
        body.value = raw.body;
      }
    },
    read(op) {
      if (op.kind === "cli") return { cli: cli.value };
      return { method: method.value, path: path.value, body: body.value };
    },
    // The preview request (api.md "Request").
    request(op, actor) {
      if (op.kind === "cli") return { actor, cli: cli.value };
      const http = { method: method.value, path: path.value };
      // The body goes as the raw text: the core parses it as the vendor would (bad JSON → 400).
      if (body.value.trim() !== "") http.body = body.value;
      const req = { actor };
      if (op.system === "webex") req.scopes = scopes();
      req.http = http;
      return req;
    },
  };
}
