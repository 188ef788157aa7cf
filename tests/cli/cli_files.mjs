#!/usr/bin/env node
// The CLI's files (issue 16, api.md "Command line" and "Limits"): `apply -o` replaces its target
// atomically (a kill at any moment leaves the old state or the new one, whole), a failed write is
// exit 1 with the OS reason and the original untouched, `-o` misuse is an input error, and reading
// takes any stream, stops at the size limit as bytes arrive and refuses a folder.
// Usage: cli_files.mjs SHARE_POLICY_BINARY REPO_ROOT
import { spawn, spawnSync } from "node:child_process";
import {
  chmodSync, existsSync, lstatSync, symlinkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import assert from "node:assert/strict";
import { after, test } from "node:test";

const [binary, root] = process.argv.slice(2);
const work = mkdtempSync(join(tmpdir(), "sp-files-"));
after(() => rmSync(work, { recursive: true, force: true }));
chmodSync(work, 0o755);  // the read-only check runs as an unprivileged user when the tests run as root
const hmpSample = join(root, "web/samples/hmp.json");
const RECORDING = "f678f415-0665-48cd-b141-1e95283469f1";
const shareRequest = JSON.stringify({ actor: "admin", cli: `shareRecordingWithUser viewer EDIT ${RECORDING}` });

// A limit from core/include/sharepolicy/limits.h, so that the tests follow the constant.
function limit(name) {
  const text = readFileSync(join(root, "core/include/sharepolicy/limits.h"), "utf8");
  const m = text.match(new RegExp(`${name}\\s*=\\s*([^;]+);`));
  assert.ok(m, `${name} in limits.h`);
  const expr = m[1]
    .replace(/std::size_t\{([^}]*)\}/g, "($1)")
    .replace(/static_cast<std::size_t>/g, "")
    .replace(/(\d+)(?:ull|ul|u|ll|l)?/gi, "$1n");
  assert.match(expr, /^[\d\sn<*+()]+$/, `a constant expression: ${m[1]}`);
  return Number(Function(`return ${expr};`)());
}

function cli(args, options = {}) {
  return spawnSync(binary, args, { encoding: "utf8", timeout: 60000, maxBuffer: 64 << 20, ...options });
}
function file(name, text) {
  const p = join(work, name);
  writeFileSync(p, text);
  return p;
}
function oneJsonLine(stderr) {
  const lines = stderr.split("\n").filter(Boolean);
  assert.equal(lines.length, 1, `stderr: ${stderr}`);
  return JSON.parse(lines[0]);
}
function sh(script, options = {}) {
  return spawnSync("bash", ["-c", script, "sh", binary, work], { encoding: "utf8", timeout: 60000, ...options });
}

writeFileSync(join(work, "req.json"), shareRequest);

// Whether the binary runs under a 400 MB address-space limit (not with AddressSanitizer, whose
// shadow memory needs terabytes of address space): the memory-bounded checks need it.
const VM_LIMIT_KB = 400 * 1024;
const canLimitMemory = sh(`ulimit -v ${VM_LIMIT_KB} && "$1" --version`).status === 0;

// ---- -o: what may be a target --------------------------------------------------------------

test("-o on check (or run) is an input error: nothing would be written", () => {
  const request = file("req.json", shareRequest);
  const out = join(work, "never.json");
  const run = cli(["check", hmpSample, request, "-o", out]);
  assert.equal(run.status, 2);
  assert.equal(run.stdout, "");
  assert.match(oneJsonLine(run.stderr).message, /-o belongs to apply/);
  assert.equal(existsSync(out), false);
});

test("-o with an empty name, or a folder, is an input error before any work", () => {
  const request = file("req.json", shareRequest);
  for (const target of ["", work, work + "/"]) {
    const run = cli(["apply", hmpSample, request, "-o", target]);
    assert.equal(run.status, 2, `-o '${target}': ${run.stderr}`);
    assert.equal(run.stdout, "");
    assert.equal(oneJsonLine(run.stderr).code, "USAGE");
  }
});

// ---- -o: failed writes ---------------------------------------------------------------------

test("-o /dev/full fails with exit 1 and the OS reason, and prints no result", () => {
  const run = cli(["apply", hmpSample, file("req.json", shareRequest), "-o", "/dev/full"]);
  assert.equal(run.status, 1);
  assert.equal(run.stdout, "");
  const err = oneJsonLine(run.stderr);
  assert.equal(err.code, "WRITE_FAILED");
  assert.match(err.message, /\/dev\/full.*No space left on device/);
});

test("a result printed to a full device is exit 1, not 0", () => {
  const run = sh(`"$1" check "${hmpSample}" "$2/req.json" > /dev/full`);
  assert.equal(run.status, 1, run.stderr);
  assert.match(oneJsonLine(run.stderr).message, /standard output: No space left on device/);
});

test("-o onto its own input on a full file system fails with the OS reason and keeps the input whole", () => {
  // A tmpfs in a private mount namespace, exactly as large as the state: the new state (a share
  // longer) fits neither beside it nor in its place.
  const probe = spawnSync("unshare", ["-m", "true"]);
  if (probe.status !== 0) return; // no mount namespaces here (not root): /dev/full above covers the failing write
  const stateWith = (pad) => {
    const s = JSON.parse(readFileSync(hmpSample, "utf8"));
    s.padding = "p".repeat(pad);
    for (let i = 0; i < 700; i++) {
      s.hmp.users.push({ id: `00000000-0000-4000-8000-${i.toString(16).padStart(12, "0")}`, username: `user${i}`, roles: [], groups: [] });
    }
    return JSON.stringify(s);
  };
  const grown = (text) => {
    const run = cli(["apply", file("full-probe.json", text), join(work, "req.json"), "-o", join(work, "full-probe-new.json")]);
    assert.equal(run.status, 0, run.stderr);
    return statSync(join(work, "full-probe-new.json")).size - Buffer.byteLength(text);
  };
  const unpadded = stateWith(0);
  const pages = Math.ceil((Buffer.byteLength(unpadded) + 1) / 4096);
  const original = stateWith(pages * 4096 - Buffer.byteLength(unpadded));
  assert.equal(Buffer.byteLength(original), pages * 4096);
  assert.ok(grown(original) > 0, "the new state is longer than the old");
  file("full-src.json", original);
  mkdirSync(join(work, "mnt"), { recursive: true });
  const run = spawnSync("unshare", ["-m", "bash", "-c", `
    mount -t tmpfs -o size=${pages * 4096} tmpfs "$2/mnt" || exit 99
    cp "$2/full-src.json" "$2/mnt/state.json" || exit 98
    "$1" apply "$2/mnt/state.json" "$2/req.json" -o "$2/mnt/state.json" >"$2/full-out.txt" 2>"$2/full-err.txt"
    echo "status=$?"
    cmp -s "$2/full-src.json" "$2/mnt/state.json" && echo same
    ls -A "$2/mnt"
  `, "sh", binary, work], { encoding: "utf8", timeout: 60000 });
  if (run.status === 99) return; // mounting a tmpfs is not allowed here
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout, "status=1\nsame\nstate.json\n", "exit 1, the input untouched, no temporary file left");
  assert.equal(readFileSync(join(work, "full-out.txt"), "utf8"), "");
  const err = oneJsonLine(readFileSync(join(work, "full-err.txt"), "utf8"));
  assert.equal(err.code, "WRITE_FAILED");
  assert.match(err.message, /No space left on device/);
});

test("-o into a missing folder says why, and leaves nothing behind", () => {
  const run = cli(["apply", hmpSample, file("req.json", shareRequest), "-o", join(work, "no-such-folder", "new.json")]);
  assert.equal(run.status, 1);
  assert.equal(run.stdout, "");
  const err = oneJsonLine(run.stderr);
  assert.equal(err.code, "WRITE_FAILED");
  assert.match(err.message, /no-such-folder.*No such file or directory/);
});

test("-o onto a read-only file says why and leaves it untouched", () => {
  // root may write anything: the check runs as an unprivileged user when the tests run as root.
  const folder = join(work, "readonly");
  mkdirSync(folder, { recursive: true });
  chmodSync(folder, 0o777);
  const target = join(folder, "state.json");
  const original = readFileSync(hmpSample);
  writeFileSync(target, original);
  chmodSync(target, 0o444);
  const request = join(folder, "req.json");
  writeFileSync(request, shareRequest);
  chmodSync(request, 0o444);
  const asUser = process.getuid && process.getuid() === 0 ? { uid: 65534, gid: 65534 } : {};
  const run = cli(["apply", target, request, "-o", target], asUser);
  if (run.error && run.error.code === "EACCES") return; // the binary is not reachable by nobody: nothing to check
  assert.equal(run.status, 1, run.stderr);
  assert.match(oneJsonLine(run.stderr).message, /state\.json.*Permission denied/);
  assert.deepEqual(readFileSync(target), original);
  assert.deepEqual(readdirSync(folder).sort(), ["req.json", "state.json"]);
});

test("-o keeps the permissions of the file it replaces, a link stays a link, no temporary file is left", () => {
  const target = file("kept-mode.json", readFileSync(hmpSample, "utf8"));
  chmodSync(target, 0o640);
  const run = cli(["apply", target, file("req.json", shareRequest), "-o", target]);
  assert.equal(run.status, 0, run.stderr);
  assert.equal(statSync(target).mode & 0o777, 0o640);
  assert.match(readFileSync(target, "utf8"), /"permission":"EDIT"/);
  const link = join(work, "link.json");
  symlinkSync("kept-mode.json", link);
  const viaLink = cli(["apply", link, file("req2.json", JSON.stringify({ actor: "admin", cli: `shareRecordingWithUser viewer OWN ${RECORDING}` })), "-o", link]);
  assert.equal(viaLink.status, 0, viaLink.stderr);
  assert.ok(lstatSync(link).isSymbolicLink());
  assert.match(readFileSync(target, "utf8"), /"permission":"OWN"/);
  assert.deepEqual(readdirSync(work).filter((n) => n.includes(".tmp-")), [], "no temporary file left behind");
});

// ---- -o: atomic replacement under SIGKILL -----------------------------------------------------

// An HMP state of about 30 MB (120 000 users; a quarter of that under a sanitizer, which runs
// several times slower), generated here (never committed).
function bigState() {
  const s = JSON.parse(readFileSync(hmpSample, "utf8"));
  const users = canLimitMemory ? 120000 : 30000;
  for (let i = 0; i < users; i++) {
    s.hmp.users.push({
      id: `00000000-0000-4000-8000-${i.toString(16).padStart(12, "0")}`,
      username: `user${i}`, email: `user${i}@example.com`, roles: ["Viewer"], groups: [], note: "x".repeat(120),
    });
  }
  return JSON.stringify(s);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Runs `apply STATE REQUEST -o STATE` and kills it with SIGKILL once `when()` says so (polled
// every millisecond), or after `delayMs`. Resolves to whether it was killed before it finished, and
// whether the write had begun (`writing()`) when it was.
function applyAndKill(args, { delayMs, when }, writing) {
  return new Promise((resolve) => {
    const child = spawn(binary, args, { stdio: "ignore" });
    let done = false;
    let duringWrite = false;
    const started = Date.now();
    const poll = setInterval(() => {
      if (done) return;
      const due = delayMs !== undefined ? Date.now() - started >= delayMs : when();
      if (due) {
        duringWrite = writing();
        child.kill("SIGKILL");
        clearInterval(poll);
      }
    }, 1);
    child.on("exit", (code, signal) => {
      done = true;
      clearInterval(poll);
      resolve({ killed: signal === "SIGKILL", duringWrite: signal === "SIGKILL" && duringWrite });
    });
  });
}

test("apply -o onto its own input, killed at any moment, leaves the old state or the new one, whole", async () => {
  const folder = join(work, "kill");
  mkdirSync(folder, { recursive: true });
  const target = join(folder, "state.json");
  const request = file("kill-req.json", shareRequest);
  const oldState = Buffer.from(bigState());
  const args = ["apply", target, request, "-o", target];

  // The length of a whole run (the faster of two), to place the timed kills.
  let fullMs = Infinity;
  for (let i = 0; i < 2; i++) {
    writeFileSync(target, oldState);
    const started = Date.now();
    const full = cli(args);
    fullMs = Math.min(fullMs, Date.now() - started);
    assert.equal(full.status, 0, full.stderr);
  }
  const newState = readFileSync(target);
  assert.notDeepEqual(newState, oldState);

  let oldMtime = 0;
  const size = (name) => { try { return statSync(join(folder, name)).size; } catch { return 0; } };
  const others = () => readdirSync(folder).filter((n) => n !== "state.json");
  // The write has begun: a temporary file exists, or (writing in place) the target changed.
  const writing = () => others().length > 0 || statSync(target).mtimeMs !== oldMtime || size("state.json") !== oldState.length;
  const halfWritten = () => others().some((n) => size(n) > 0) || (size("state.json") > 0 && size("state.json") < newState.length);
  const timed = [0.1, 0.3, 0.5, 0.7, 0.9].map((f) => ({ label: `${f * 100} % of a run`, delayMs: Math.round(f * fullMs) }));
  const events = [
    { label: "when the write starts", when: writing },
    { label: "with the new state half written", when: halfWritten },
  ];

  async function killAndCheck(point) {
    for (const name of readdirSync(folder)) rmSync(join(folder, name));
    writeFileSync(target, oldState);
    oldMtime = statSync(target).mtimeMs;
    const outcome = await applyAndKill(args, point, writing);
    const after = readFileSync(target);
    const whole = after.equals(oldState) ? "old" : after.equals(newState) ? "new" : null;
    assert.ok(whole, `killed ${point.label}: the target is ${after.length} bytes, neither the old state (${oldState.length}) nor the new (${newState.length})`);
    await sleep(5);
    return outcome;
  }

  let landed = 0;
  let landedDuringWrite = 0;
  for (const point of timed) {
    const outcome = await killAndCheck(point);
    landed += outcome.killed ? 1 : 0;
    landedDuringWrite += outcome.duringWrite ? 1 : 0;
  }
  // The kills that matter most land while the new state is being written: a busy machine can make
  // the poll miss that window, so each is tried a few times.
  for (const point of events) {
    for (let attempt = 0; attempt < 5; attempt++) {
      const outcome = await killAndCheck(point);
      landed += outcome.killed ? 1 : 0;
      landedDuringWrite += outcome.duringWrite ? 1 : 0;
      if (outcome.duringWrite) break;
    }
  }
  assert.ok(landedDuringWrite >= 1, "no kill landed while the new state was being written: the test proved nothing");
  assert.ok(landed >= 3, `only ${landed} kills landed during a run`);
});

// ---- reading ---------------------------------------------------------------------------------

test("a folder as STATE or REQUEST is an input error, not an internal fault", () => {
  const request = file("req.json", shareRequest);
  const asState = cli(["check", work, request]);
  assert.equal(asState.status, 2);
  assert.equal(oneJsonLine(asState.stderr).code, "STATE_INVALID");
  assert.match(oneJsonLine(asState.stderr).message, /folder/);
  const asRequest = cli(["check", hmpSample, work]);
  assert.equal(asRequest.status, 2);
  assert.equal(oneJsonLine(asRequest.stderr).code, "REQUEST_INVALID");
  const asScenario = cli(["run", work]);
  assert.equal(asScenario.status, 2);
});

test("any readable stream is read: a process substitution, /dev/stdin as a pipe, a FIFO", () => {
  const request = file("req.json", shareRequest);
  const expected = cli(["check", hmpSample, request]);
  assert.equal(expected.status, 0, expected.stderr);
  const substitution = sh(`"$1" check <(cat "${hmpSample}") "$2/req.json"`);
  assert.equal(substitution.status, 0, substitution.stderr);
  assert.equal(substitution.stdout, expected.stdout);
  const devStdin = sh(`cat "${hmpSample}" | "$1" check /dev/stdin "$2/req.json"`);
  assert.equal(devStdin.status, 0, devStdin.stderr);
  assert.equal(devStdin.stdout, expected.stdout);
  const socketStdin = cli(["check", "/dev/stdin", request], { input: readFileSync(hmpSample) });  // node passes a socket
  assert.equal(socketStdin.status, 0, socketStdin.stderr);
  assert.equal(socketStdin.stdout, expected.stdout);
  const fifo = sh(`mkfifo "$2/fifo" && (cat "${hmpSample}" > "$2/fifo" &) && "$1" check "$2/fifo" "$2/req.json"`);
  assert.equal(fifo.status, 0, fifo.stderr);
  assert.equal(fifo.stdout, expected.stdout);
});

test("a sparse state file over the limit is refused from its size, without reading it", { skip: !canLimitMemory && "no ulimit -v (sanitizer build)" }, () => {
  const max = limit("kMaxStateBytes");
  const sparse = join(work, "sparse.json");
  writeFileSync(sparse, "");
  truncateSync(sparse, max + 1);
  // 400 MB of address space: reading the file first would run out of memory long before the check.
  const run = sh(`ulimit -v ${VM_LIMIT_KB}; "$1" check "$2/sparse.json" "$2/req.json"`);
  rmSync(sparse);
  assert.equal(run.status, 2);
  const err = oneJsonLine(run.stderr);
  assert.equal(err.code, "LIMIT_EXCEEDED");
  assert.equal(err.pointer, "");
  assert.match(err.message, new RegExp(`${max + 1} bytes, more than the limit of ${max} bytes`));
});

test("endless standard input stops at the limit", { skip: !canLimitMemory && "no ulimit -v (sanitizer build)" }, () => {
  const max = limit("kMaxRequestBytes");
  // `yes` never ends: without a limit as bytes arrive the CLI would grow until the 400 MB are gone.
  const run = sh(`ulimit -v ${VM_LIMIT_KB}; yes | "$1" check "${hmpSample}" -`);
  assert.equal(run.status, 2, run.stderr);
  const err = oneJsonLine(run.stderr);
  assert.equal(err.code, "LIMIT_EXCEEDED");
  assert.match(err.message, new RegExp(`request is more than the limit of ${max} bytes`));
});
