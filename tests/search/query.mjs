// Runs the site's own search reader (static/js/search.js from a built site)
// under Node against that site's index files, for tests/search.rs.
// Usage: node query.mjs <output dir> '<json: [{q, filters?, sort?, prefix?, limit?}]>'
// Prints one JSON result per query: {total, counts, results: [{url, title, kind, excerpt}]}.
import { readFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import path from "node:path";

const [out, queries] = process.argv.slice(2);
const { SearchIndex } = await import(pathToFileURL(path.join(out, "static/js/search.js")).href);
const fetched = [];
const index = new SearchIndex(async (file, kind) => {
  const bytes = await readFile(path.join(out, "search", file));
  fetched.push({ file, bytes: bytes.length });
  return kind === "bin" ? bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) : JSON.parse(bytes.toString("utf8"));
});
const results = [];
for (const q of JSON.parse(queries)) {
  const filters = {};
  for (const [k, v] of Object.entries(q.filters || {})) filters[k] = new Set(v);
  const found = await index.search(q.q, { prefix: q.prefix ?? false, filters, sort: q.sort, limit: q.limit ?? 50 });
  results.push({
    total: found.total,
    counts: found.counts,
    results: found.results.map((r) => ({
      url: r.url,
      title: r.title,
      kind: r.kind,
      committee: r.committee,
      date: r.date,
      excerpt: r.excerpt.map((p) => (p.mark ? `[${p.text}]` : p.text)).join(""),
    })),
    fetched: fetched.splice(0),
  });
}
console.log(JSON.stringify(results));
