// What a visitor downloads for searches on a built site: runs queries with the
// site's own reader and prints, per query, the files fetched and their size
// gzip-compressed as a static host would serve them.
// Each search asks for the first page of results as the search page does (10).
// Usage: node search_cost.mjs OUT "first query" "second query" …
// (SEARCH_COST_FILES=1 also lists the files each search fetched.)
import { readFile } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { pathToFileURL } from "node:url";
import path from "node:path";

const [out, ...queries] = process.argv.slice(2);
const { SearchIndex } = await import(pathToFileURL(path.join(out, "static/js/search.js")).href);
let fetched = [];
const index = new SearchIndex(async (file, kind) => {
  const bytes = await readFile(path.join(out, "search", file));
  fetched.push({ file, raw: bytes.length, gz: gzipSync(bytes, { level: 6 }).length });
  return kind === "bin" ? bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) : JSON.parse(bytes.toString("utf8"));
});
const page = await readFile(path.join(out, "static/js/search.js"));
const script = gzipSync(page, { level: 6 }).length;
let first = true;
for (const q of queries) {
  const t = performance.now();
  const r = await index.search(q, { prefix: true, limit: 10 });
  const ms = performance.now() - t;
  const gz = fetched.reduce((a, f) => a + f.gz, 0) + (first ? script : 0);
  console.log(JSON.stringify({ q, total: r.total, files: fetched.length, kb_gz: +(gz / 1024).toFixed(1), ms: +ms.toFixed(1) }));
  if (process.env.SEARCH_COST_FILES) console.log(fetched.map((f) => `  ${f.file} ${(f.gz / 1024).toFixed(1)} KB`).join("\n"));
  fetched = [];
  first = false;
}
