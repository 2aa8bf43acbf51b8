// Checks the reader's English stemmer (static/js/search.js `stem`) against the
// indexer's (rust-stemmers) for every word in a built site's dictionary.
// Usage: node stems.mjs <output dir>. Prints {"words": N, "mismatches": [[word, rust, js]…]}.
import { readFileSync, readdirSync } from "node:fs";
import { pathToFileURL } from "node:url";
import path from "node:path";

const out = process.argv[2];
const { stem } = await import(pathToFileURL(path.join(out, "static/js/search.js")).href);
let words = 0;
const mismatches = [];
const dir = path.join(out, "search/dict");
for (const f of readdirSync(dir).sort()) {
  for (const [w, t] of Object.entries(JSON.parse(readFileSync(path.join(dir, f), "utf8")))) {
    if (/\p{N}/u.test(w) || /[-./]/.test(w)) continue;
    words++;
    const want = t === "" ? w : t;
    if (stem(w) !== want) mismatches.push([w, want, stem(w)]);
  }
}
console.log(JSON.stringify({ words, mismatches }));
