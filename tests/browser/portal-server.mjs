// A small static server for the browser tests: serves folders on 127.0.0.1 at a free port, with
// `headers` (e.g. a Content-Security-Policy) on every response.
//   const server = await serveStatic({ "/": outDir, "/samples/": samplesDir }, { headers }); … server.url; await server.close();
import { createReadStream, statSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, normalize, sep } from "node:path";

const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
};

export function serveStatic(mounts, { headers = {} } = {}) {
  const prefixes = Object.keys(mounts).sort((a, b) => b.length - a.length);
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://localhost").pathname);
    const prefix = prefixes.find((p) => path.startsWith(p));
    const root = prefix && mounts[prefix];
    const file = root && normalize(join(root, path.slice(prefix.length) || "index.html"));
    let found = false;
    try {
      found = Boolean(file && (file === root || file.startsWith(root.endsWith(sep) ? root : root + sep)) && statSync(file).isFile());
    } catch {
      found = false;
    }
    if (!found) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    res.writeHead(200, { ...headers, "content-type": types[extname(file)] ?? "application/octet-stream", "cache-control": "no-store" });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      resolve({
        url: `http://127.0.0.1:${port}/`,
        close: () => new Promise((done) => server.close(done)),
      });
    });
  });
}
