// Measures what Pagefind's own browser bundle downloads for searches over
// sharded bundles (OUT/pagefind-0 … pagefind-<n-1>) merged with mergeIndex.
// Usage: node measure.mjs OUT SHARDS "q1" "q2" …
// Needs chromium (/usr/bin/chromium or CHROMIUM) and `npm ci --prefix tests/browser`
// (playwright-core). Pagefind's index files are gzip already (counted as they
// are); its script and JSON are counted gzip level 6, as a host would serve them.
import { createRequire } from "node:module";
import http from "node:http";
import { readFile } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import path from "node:path";
const require = createRequire(new URL("../../tests/browser/package.json", import.meta.url));
const { chromium } = require("playwright-core");
const [out, shardsArg, ...queries] = process.argv.slice(2);
const shards = Number(shardsArg);
const server = http.createServer(async (req, res) => {
  const url = decodeURIComponent(req.url.split("?")[0]);
  if (url === "/t.html") { res.setHeader("content-type", "text/html"); res.end("<!doctype html><title>t</title>"); return; }
  try {
    const bytes = await readFile(path.join(out, url));
    const type = url.endsWith(".js") ? "text/javascript" : url.endsWith(".json") ? "application/json" : "application/octet-stream";
    res.setHeader("content-type", type);
    res.end(bytes);
  } catch { res.statusCode = 404; res.end(); }
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium" });
const page = await browser.newPage();
const fetched = [];
page.on("requestfinished", (r) => fetched.push(new URL(r.url()).pathname));
await page.goto(`${origin}/t.html`);
await page.evaluate(async (n) => {
  window.pf = await import("/pagefind-0/pagefind.js");
  await window.pf.options({ basePath: "/pagefind-0/" });
  for (let i = 1; i < n; i++) await window.pf.mergeIndex(`/pagefind-${i}/`);
  await window.pf.init();
}, shards);
let first = true;
for (const q of queries) {
  const t = Date.now();
  const r = await page.evaluate(async (q) => {
    const found = await window.pf.search(q);
    const data = await Promise.all(found.results.slice(0, 10).map((x) => x.data()));
    return { total: found.results.length, first: data[0]?.meta?.title };
  }, q);
  const ms = Date.now() - t;
  let bytes = 0;
  for (const f of fetched.splice(0)) {
    if (f === "/t.html") continue;
    const b = await readFile(path.join(out, f));
    bytes += f.endsWith(".js") || f.endsWith(".json") ? gzipSync(b, { level: 6 }).length : b.length;
  }
  console.log(JSON.stringify({ q, total: r.total, first: r.first, kb: +(bytes / 1024).toFixed(1), ms, firstQuery: first }));
  first = false;
}
await browser.close();
server.close();
