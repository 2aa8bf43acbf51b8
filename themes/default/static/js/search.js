// minutebook search: reads the static index under /search/ (see
// src/emit/search/index.rs for the format), fetching only the chunks a query
// needs, and drives the /search/ page. The reader (`SearchIndex`) has no
// dependency on the page, so tests run it under Node.

const WORD = /[\p{Alphabetic}\p{N}]/u;
const JOINERS = new Set(["/", ".", "-"]);
const MAX_PREFIX_TERMS = 40;

/** Split text into tokens exactly as the Rust indexer does (tokenize.rs). */
export function tokenize(text, first = 0) {
  const out = [];
  let pos = first;
  let word = "";
  let wordStart = 0;
  let compound = "";
  let compoundStart = pos;
  let compoundFrom = 0;
  let parts = 0;
  let joiner = null;
  const endCompound = (end) => {
    if (parts >= 2) out.push({ text: compound, pos: compoundStart, compound: true, start: compoundFrom, end });
    compound = "";
    parts = 0;
  };
  let lastEnd = 0;
  const chars = Array.from(text + " ");
  let offset = 0;
  for (const c of chars) {
    if (WORD.test(c)) {
      if (word === "") {
        if (joiner !== null && parts > 0) {
          compound += joiner;
        } else {
          endCompound(lastEnd);
          compoundStart = pos;
          compoundFrom = offset;
        }
        joiner = null;
        wordStart = offset;
      }
      word += c.toLowerCase();
      offset += c.length;
      continue;
    }
    if (word !== "") {
      compound += word;
      parts += 1;
      out.push({ text: word, pos, compound: false, start: wordStart, end: offset });
      lastEnd = offset;
      word = "";
      pos += 1;
      if (JOINERS.has(c)) {
        joiner = c;
        offset += c.length;
        continue;
      }
    }
    joiner = null;
    endCompound(lastEnd);
    offset += c.length;
  }
  return out;
}

// ---- English stemmer (Snowball "english", the algorithm rust-stemmers uses
// at index time). Words found in the index's dictionary use the indexer's own
// stem; this is for query words the archive does not contain in that form.

const VOWELS = new Set(["a", "e", "i", "o", "u", "y"]);
const isV = (c) => VOWELS.has(c);
const EXCEPTIONS = {
  skis: "ski", skies: "sky", dying: "die", lying: "lie", tying: "tie", idly: "idl", gently: "gentl",
  ugly: "ugli", early: "earli", only: "onli", singly: "singl", sky: "sky", news: "news", howe: "howe",
  atlas: "atlas", cosmos: "cosmos", bias: "bias", andes: "andes",
};
const EXCEPTIONS2 = new Set(["inning", "outing", "canning", "herring", "earring", "proceed", "exceed", "succeed"]);

function regionAfter(w, from) {
  for (let i = from + 1; i < w.length; i++) {
    if (!isV(w[i]) && isV(w[i - 1])) return i + 1;
  }
  return w.length;
}

function endsShortSyllable(w) {
  const n = w.length;
  if (n >= 3) {
    const a = w[n - 3], b = w[n - 2], c = w[n - 1];
    if (!isV(a) && isV(b) && !isV(c) && !"wxY".includes(c)) return true;
  }
  return n === 2 && isV(w[0]) && !isV(w[1]);
}

function longest(w, list) {
  let best = null;
  for (const s of list) if (w.endsWith(s) && (best === null || s.length > best.length)) best = s;
  return best;
}

export function stem(word) {
  if (word in EXCEPTIONS) return EXCEPTIONS[word];
  if (word.length <= 2) return word;
  let w = word.replace(/^'/, "");
  if (w[0] === "y") w = "Y" + w.slice(1);
  for (let i = 1; i < w.length; i++) if (w[i] === "y" && isV(w[i - 1])) w = w.slice(0, i) + "Y" + w.slice(i + 1);
  let r1;
  const m = /^(gener|commun|arsen)/.exec(w);
  r1 = m ? m[1].length : regionAfter(w, 0);
  const r2 = regionAfter(w, r1);
  const inR = (suffix, r) => w.length - suffix.length >= r;
  const isShort = () => endsShortSyllable(w) && r1 >= w.length;
  // Step 0
  let s = longest(w, ["'s'", "'s", "'"]);
  if (s) w = w.slice(0, -s.length);
  // Step 1a
  s = longest(w, ["sses", "ied", "ies", "s", "us", "ss"]);
  if (s === "sses") w = w.slice(0, -2);
  else if (s === "ied" || s === "ies") w = w.length > 4 ? w.slice(0, -2) : w.slice(0, -1);
  else if (s === "s") {
    const before = w.slice(0, -2);
    if ([...before].some(isV)) w = w.slice(0, -1);
  }
  if (EXCEPTIONS2.has(w)) return w;
  // Step 1b
  s = longest(w, ["eed", "eedly", "ed", "edly", "ing", "ingly"]);
  if (s === "eed" || s === "eedly") {
    if (inR(s, r1)) w = w.slice(0, -s.length) + "ee";
  } else if (s) {
    const before = w.slice(0, -s.length);
    if ([...before].some(isV)) {
      w = before;
      if (w.endsWith("at") || w.endsWith("bl") || w.endsWith("iz")) w += "e";
      else if (/(bb|dd|ff|gg|mm|nn|pp|rr|tt)$/.test(w)) w = w.slice(0, -1);
      else if (isShort()) w += "e";
    }
  }
  // Step 1c
  if (w.length > 2 && (w.endsWith("y") || w.endsWith("Y")) && !isV(w[w.length - 2])) w = w.slice(0, -1) + "i";
  // Step 2
  const step2 = {
    tional: "tion", enci: "ence", anci: "ance", abli: "able", entli: "ent", izer: "ize", ization: "ize",
    ational: "ate", ation: "ate", ator: "ate", alism: "al", aliti: "al", alli: "al", fulness: "ful",
    ousli: "ous", ousness: "ous", iveness: "ive", iviti: "ive", biliti: "ble", bli: "ble", ogi: "og",
    fulli: "ful", lessli: "less", li: "",
  };
  s = longest(w, Object.keys(step2));
  if (s && inR(s, r1)) {
    const before = w.slice(0, -s.length);
    if (s === "ogi") {
      if (before.endsWith("l")) w = before + "og";
    } else if (s === "li") {
      if ("cdeghkmnrt".includes(before[before.length - 1])) w = before;
    } else w = before + step2[s];
  }
  // Step 3
  const step3 = { tional: "tion", ational: "ate", alize: "al", icate: "ic", iciti: "ic", ical: "ic", ful: "", ness: "", ative: "" };
  s = longest(w, Object.keys(step3));
  if (s && inR(s, r1)) {
    if (s === "ative") {
      if (inR(s, r2)) w = w.slice(0, -s.length);
    } else w = w.slice(0, -s.length) + step3[s];
  }
  // Step 4
  s = longest(w, ["al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ism", "ate", "iti", "ous", "ive", "ize", "ion"]);
  if (s && inR(s, r2)) {
    if (s === "ion") {
      const c = w[w.length - 4];
      if (c === "s" || c === "t") w = w.slice(0, -3);
    } else w = w.slice(0, -s.length);
  }
  // Step 5
  if (w.endsWith("e")) {
    if (inR("e", r2)) w = w.slice(0, -1);
    else if (inR("e", r1) && !endsShortSyllable(w.slice(0, -1))) w = w.slice(0, -1);
  } else if (w.endsWith("l") && inR("l", r2) && w[w.length - 2] === "l") w = w.slice(0, -1);
  return w.replace(/Y/g, "y");
}

function readVarint(bytes, at) {
  let v = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[at.i++];
    v += (b & 0x7f) * 2 ** shift;
    if (b < 0x80) return v;
    shift += 7;
  }
}

const decoder = new TextDecoder();

/** The chunk whose first key is the last one <= key. */
function chunkFor(firsts, key) {
  let lo = 0;
  let hi = firsts.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (firsts[mid] <= key) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

/**
 * A search index at `base` (e.g. "/search/"). `load(path, kind)` returns the
 * parsed JSON (kind "json") or an ArrayBuffer (kind "bin") of a file under it.
 */
export class SearchIndex {
  constructor(load) {
    this.load = load;
    this.cache = new Map();
  }

  async file(path, kind = "json") {
    if (!this.cache.has(path)) this.cache.set(path, this.load(path, kind));
    return this.cache.get(path);
  }

  async meta() {
    if (!this._meta) {
      this._meta = await this.file("meta.json");
      this.stop = new Set(this._meta.stop);
    }
    return this._meta;
  }

  async dictChunk(i) {
    return this.file(`dict/${i}.json`);
  }

  /** The term a word is filed under, or null. */
  async termOf(word) {
    const meta = await this.meta();
    const i = chunkFor(meta.dict, word);
    if (i < 0) return /\p{N}/u.test(word) ? null : stem(word);
    const chunk = await this.dictChunk(i);
    if (word in chunk) return chunk[word] === "" ? word : chunk[word];
    // A form the archive does not contain: its stem may still be there.
    return /\p{N}/u.test(word) ? null : stem(word);
  }

  /** Terms of the words starting with `prefix`. */
  async termsWithPrefix(prefix) {
    const meta = await this.meta();
    const terms = new Set();
    let i = Math.max(0, chunkFor(meta.dict, prefix));
    for (; i < meta.dict.length; i++) {
      if (i > 0 && meta.dict[i] > prefix && !meta.dict[i].startsWith(prefix)) break;
      const chunk = await this.dictChunk(i);
      for (const [w, t] of Object.entries(chunk)) {
        if (w.startsWith(prefix)) terms.add(t === "" ? w : t);
        if (terms.size >= MAX_PREFIX_TERMS) return [...terms];
      }
    }
    return [...terms];
  }

  /** A chunk of `post/` or `pos/`, parsed into Map term → bytes. */
  async chunk(dir, i) {
    const key = `${dir}/${i}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const parse = (async () => {
      const buf = new Uint8Array(await this.file(`${dir}/${i}.bin`, "bin"));
      const map = new Map();
      const at = { i: 0 };
      while (at.i < buf.length) {
        const tl = readVarint(buf, at);
        const term = decoder.decode(buf.subarray(at.i, at.i + tl));
        at.i += tl;
        const pl = readVarint(buf, at);
        map.set(term, buf.subarray(at.i, at.i + pl));
        at.i += pl;
      }
      return map;
    })();
    this.cache.set(key, parse);
    return parse;
  }

  /**
   * Postings of a term: {docs, imp}, the documents in order (Uint32Array)
   * and each one's impact byte (`round(3 ln tf) << 1 | in title`).
   */
  async postings(term) {
    const key = `postings:${term}`;
    if (!this.cache.has(key)) this.cache.set(key, this.readPostings(term));
    return this.cache.get(key);
  }

  async readPostings(term) {
    const meta = await this.meta();
    const none = { docs: new Uint32Array(0), imp: new Uint8Array(0) };
    const i = chunkFor(meta.post, term);
    if (i < 0) return none;
    const bytes = (await this.chunk("post", i)).get(term);
    if (!bytes) return none;
    const at = { i: 0 };
    const df = readVarint(bytes, at);
    const form = bytes[at.i++];
    const docs = new Uint32Array(df);
    if (form === 0) {
      let doc = -1;
      for (let k = 0; k < df; k++) docs[k] = doc += readVarint(bytes, at) + 1;
    } else {
      const first = readVarint(bytes, at);
      const n = readVarint(bytes, at);
      let k = 0;
      for (let j = 0; j < n; j++) {
        const b = bytes[at.i + j];
        for (let bit = 0; b >> bit; bit++) if ((b >> bit) & 1) docs[k++] = first + j * 8 + bit;
      }
      at.i += n;
    }
    return { docs, imp: bytes.subarray(at.i, at.i + df) };
  }

  /** Positions of a term, in the order of its postings: one array each. */
  async positions(term) {
    const key = `positions:${term}`;
    if (!this.cache.has(key)) this.cache.set(key, this.readPositions(term));
    return this.cache.get(key);
  }

  async readPositions(term) {
    const meta = await this.meta();
    const i = chunkFor(meta.pos, term);
    const bytes = i < 0 ? null : (await this.chunk("pos", i)).get(term);
    const n = (await this.postings(term)).docs.length;
    const out = [];
    const at = { i: 0 };
    for (let k = 0; k < n; k++) {
      const count = bytes ? readVarint(bytes, at) : 0;
      const pos = [];
      let p = 0;
      for (let j = 0; j < count; j++) pos.push((p += readVarint(bytes, at)));
      out.push(pos);
    }
    return out;
  }

  async facets() {
    return this.file("facets.json");
  }

  async fragment(doc) {
    const meta = await this.meta();
    const group = await this.file(`frag/${Math.floor(doc / meta.group)}.json`);
    const [title, url, text] = group[doc % meta.group];
    return { title, url, text };
  }

  /** Parse a query into clauses (all must match), each a list of alternatives. */
  async parse(q, prefix) {
    await this.meta();
    const clauses = [];
    const re = /"([^"]*)"?|(\S+)/g;
    let m;
    const trailingSpace = /\s$/.test(q);
    while ((m = re.exec(q)) !== null) {
      const quoted = m[1] !== undefined;
      const toks = tokenize(quoted ? m[1] : m[2]);
      if (quoted) {
        const words = toks.filter((t) => !t.compound);
        const kept = words.filter((t) => !this.stop.has(t.text));
        if (kept.length) clauses.push({ text: m[1], alts: [{ phrase: kept.map((t) => ({ word: t.text, off: t.pos - words[0].pos })) }] });
        continue;
      }
      const compound = toks.find((t) => t.compound);
      if (compound) {
        const words = toks.filter((t) => !t.compound && !this.stop.has(t.text));
        clauses.push({
          text: compound.text,
          alts: [{ phrase: [{ word: compound.text, off: 0 }] }, { phrase: words.map((t) => ({ word: t.text, off: t.pos - toks[0].pos })) }],
        });
        continue;
      }
      for (const t of toks) {
        if (this.stop.has(t.text)) continue;
        clauses.push({ text: t.text, alts: [{ phrase: [{ word: t.text, off: 0 }] }] });
      }
    }
    if (prefix && !trailingSpace && clauses.length && !q.trim().endsWith('"')) {
      const last = clauses[clauses.length - 1];
      if (last.alts.length === 1 && last.alts[0].phrase.length === 1) last.alts.push({ prefix: last.text });
    }
    this.addSynonyms(clauses);
    return clauses;
  }

  /** The site glossary both ways: an acronym also finds its meaning, and the meaning its acronym. */
  addSynonyms(clauses) {
    for (const [acronym, meaning] of this._meta.synonyms) {
      const words = tokenize(meaning).filter((t) => !t.compound);
      const kept = words.filter((t) => !this.stop.has(t.text));
      if (!kept.length) continue;
      const phrase = kept.map((t) => ({ word: t.text, off: t.pos - words[0].pos }));
      for (const c of clauses) {
        if (c.text === acronym) c.alts.push({ phrase });
      }
      // A run of single-word clauses spelling the meaning also finds the acronym.
      const target = kept.map((t) => t.text);
      for (let s = 0; s + target.length <= clauses.length; s++) {
        const run = clauses.slice(s, s + target.length);
        if (run.every((c, k) => c.text === target[k])) {
          clauses.splice(s, target.length, { text: meaning, alts: [{ phrase }, { phrase: [{ word: acronym, off: 0 }] }] });
          break;
        }
      }
      for (const c of clauses) {
        if (c.text === meaning && !c.alts.some((a) => a.phrase && a.phrase.length === 1 && a.phrase[0].word === acronym)) {
          c.alts.push({ phrase: [{ word: acronym, off: 0 }] });
        }
      }
    }
  }

  /**
   * Score the documents one alternative matches into `into` (by document
   * number; a document keeps its best alternative); `terms` collects the
   * terms it matched.
   */
  async matchAlt(alt, n, terms, into) {
    const idf = (df) => Math.log(1 + n / Math.max(1, df));
    if (alt.prefix) {
      const found = await Promise.all((await this.termsWithPrefix(alt.prefix)).map(async (term) => [term, await this.postings(term)]));
      for (const [term, post] of found) {
        if (post.docs.length) terms.add(term);
        const f = idf(post.docs.length) * 0.8;
        for (let k = 0; k < post.docs.length; k++) {
          const s = f * weight(post.imp[k]);
          if (s > into[post.docs[k]]) into[post.docs[k]] = s;
        }
      }
      return;
    }
    const lists = [];
    for (const w of alt.phrase) {
      const term = await this.termOf(w.word);
      if (term === null) return;
      lists.push({ off: w.off, term });
    }
    // An id of stop words only ("a/s") has no words to look for apart.
    if (!lists.length) return;
    await Promise.all(lists.map(async (l) => (l.post = await this.postings(l.term))));
    lists.sort((a, b) => a.post.docs.length - b.post.docs.length);
    // Documents with every word (a walk along the lists): [doc, index in each list].
    const both = [];
    const at = lists.map(() => 0);
    for (let k = 0; k < lists[0].post.docs.length; k++) {
      const doc = lists[0].post.docs[k];
      const idx = [k];
      for (let j = 1; j < lists.length; j++) {
        const docs = lists[j].post.docs;
        while (at[j] < docs.length && docs[at[j]] < doc) at[j]++;
        if (docs[at[j]] !== doc) break;
        idx.push(at[j]);
      }
      if (idx.length === lists.length) both.push([doc, idx]);
    }
    let found = both;
    if (lists.length > 1 && found.length) {
      // For a phrase, then with the words together.
      const pos = await Promise.all(lists.map((l) => this.positions(l.term)));
      found = found.filter(([, idx]) =>
        pos[0][idx[0]].some((x) => {
          const start = x - lists[0].off;
          return lists.every((l, j) => pos[j][idx[j]].includes(start + l.off));
        }),
      );
    }
    if (found.length) for (const l of lists) terms.add(l.term);
    const f = lists.map((l) => idf(l.post.docs.length));
    for (const [doc, idx] of found) {
      let score = 0;
      for (let j = 0; j < lists.length; j++) score += f[j] * weight(lists[j].post.imp[idx[j]]);
      if (lists.length > 1) score *= 1.5;
      if (score > into[doc]) into[doc] = score;
    }
  }

  /**
   * Run a query. Options: prefix (last word matches as a prefix), filters
   * {committee: Set<id>, kind: Set<key>, year: Set<label>}, sort
   * ("relevance" | "newest"), offset, limit. Returns {total, counts, results}:
   * the count and the filter counts are exact; fragments are fetched for the
   * results returned only.
   */
  async search(q, opts = {}) {
    const meta = await this.meta();
    const clauses = await this.parse(q, opts.prefix);
    const empty = { total: 0, counts: { committee: {}, kind: {}, year: {} }, results: [], clauses };
    if (!clauses.length) return empty;
    const n = meta.docs;
    const terms = new Set();
    // Each clause's scores, summed where every clause matched (0: no match).
    const scores = await Promise.all(
      clauses.map(async (c) => {
        const into = new Float64Array(n);
        for (const alt of c.alts) await this.matchAlt(alt, n, terms, into);
        return into;
      }),
    );
    const docs = scores[0];
    for (const s of scores.slice(1)) for (let d = 0; d < n; d++) docs[d] = docs[d] > 0 && s[d] > 0 ? docs[d] + s[d] : 0;
    const facets = await this.facets();
    const f = opts.filters || {};
    const counts = { committee: {}, kind: {}, year: {} };
    const bump = (o, k) => {
      if (k !== null) o[k] = (o[k] || 0) + 1;
    };
    const rows = [];
    for (let doc = 0; doc < n; doc++) {
      const score = docs[doc];
      if (!(score > 0)) continue;
      const kind = meta.kinds[facets.kind[doc]][0];
      const ci = facets.committee[doc];
      const yi = facets.year[doc];
      const committee = ci >= 0 ? meta.committees[ci][0] : null;
      const year = yi >= 0 ? meta.years[yi] : null;
      bump(counts.kind, kind);
      bump(counts.committee, committee);
      bump(counts.year, year);
      if (f.kind && f.kind.size && !f.kind.has(kind)) continue;
      if (f.committee && f.committee.size && !f.committee.has(committee)) continue;
      if (f.year && f.year.size && !f.year.has(year)) continue;
      rows.push({ doc, score, date: facets.date[doc] });
    }
    if (opts.sort === "newest") rows.sort((a, b) => b.date - a.date || b.score - a.score || a.doc - b.doc);
    else rows.sort((a, b) => b.score - a.score || b.date - a.date || a.doc - b.doc);
    const offset = opts.offset || 0;
    const limit = opts.limit || 10;
    const page = rows.slice(offset, offset + limit);
    const frags = await Promise.all(page.map((r) => this.fragment(r.doc)));
    const results = page.map((r, k) => {
      const frag = frags[k];
      const ci = facets.committee[r.doc];
      const kind = meta.kinds[facets.kind[r.doc]];
      return {
        doc: r.doc,
        title: frag.title,
        url: frag.url,
        kind: kind[0],
        kindLabel: kind[1],
        committee: ci >= 0 ? meta.committees[ci][1] : null,
        date: dateLabel(r.date),
        excerpt: excerpt(frag.text, terms),
      };
    });
    return { total: rows.length, counts, results, clauses };
  }
}

/** A document's weight for a term from its impact byte: about (1 + ln tf), four times in a title or heading. */
function weight(imp) {
  return (1 + (imp >> 1) / 3) * (imp & 1 ? 4 : 1);
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** `yyyymmdd` as the site writes dates ("2 April 2007"); "" for none. */
function dateLabel(ymd) {
  if (!ymd) return "";
  return `${ymd % 100} ${MONTHS[(Math.floor(ymd / 100) % 100) - 1]} ${Math.floor(ymd / 10000)}`;
}

/** The term a token of a text is filed under (as the indexer files it). */
function termOfToken(t) {
  return t.compound || /\p{N}/u.test(t.text) ? t.text : stem(t.text);
}

/**
 * A short excerpt around the first word filed under one of `terms`, with
 * those words marked: [{text, mark}] parts.
 */
export function excerpt(text, terms, before = 12, after = 24) {
  const toks = tokenize(text).filter((t) => !t.compound);
  if (!toks.length) return [];
  const marked = toks.map((t) => terms.has(termOfToken(t)));
  const hit = marked.indexOf(true);
  const from = hit < 0 ? 0 : Math.max(0, hit - before);
  const to = Math.min(toks.length - 1, (hit < 0 ? 0 : hit) + after);
  const parts = [];
  let at = toks[from].start;
  if (from > 0) parts.push({ text: "… ", mark: false });
  for (let k = from; k <= to; k++) {
    const t = toks[k];
    if (t.start > at) parts.push({ text: text.slice(at, t.start).replace(/\s+/g, " "), mark: false });
    parts.push({ text: text.slice(t.start, t.end), mark: marked[k] });
    at = t.end;
  }
  if (to < toks.length - 1) parts.push({ text: " …", mark: false });
  return parts;
}

// ---- The /search/ page -------------------------------------------------

function pageIndex(base) {
  return new SearchIndex(async (path, kind) => {
    const res = await fetch(base + path);
    if (!res.ok) throw new Error(`${path}: ${res.status}`);
    return kind === "bin" ? res.arrayBuffer() : res.json();
  });
}

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) e.append(c);
  return e;
}

function plural(n, one, many) {
  return `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;
}

function initPage(root) {
  const base = root.dataset.index;
  const index = pageIndex(base);
  const form = root.querySelector("form");
  const input = root.querySelector("#search-q");
  const status = root.querySelector("#search-status");
  const results = root.querySelector("#search-results");
  const pager = root.querySelector("#search-pager");
  root.querySelector("#search-nojs").hidden = true;
  const filters = root.querySelector("#search-filters");
  filters.hidden = false;
  // Open beside the results on wide screens; a tap away on small ones.
  if (window.matchMedia("(min-width: 48em)").matches) filters.open = true;
  const params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  for (const box of form.querySelectorAll("input[type=checkbox], input[type=radio]")) {
    const values = params.getAll(box.name);
    if (box.type === "radio") box.checked = values.length ? values.includes(box.value) : box.defaultChecked;
    else box.checked = values.includes(box.value);
  }
  let page = Math.max(1, parseInt(params.get("page") || "1", 10) || 1);
  const perPage = 10;
  let timer = null;
  let run = 0;

  const state = () => {
    const filters = { committee: new Set(), kind: new Set(), year: new Set() };
    for (const box of form.querySelectorAll("input[type=checkbox]:checked")) filters[box.name]?.add(box.value);
    const sort = form.querySelector("input[name=sort]:checked")?.value || "relevance";
    return { q: input.value, filters, sort };
  };

  const updateUrl = (s) => {
    const p = new URLSearchParams();
    if (s.q) p.set("q", s.q);
    for (const [name, set] of Object.entries(s.filters)) for (const v of set) p.append(name, v);
    if (s.sort !== "relevance") p.set("sort", s.sort);
    if (page > 1) p.set("page", String(page));
    history.replaceState(null, "", `${location.pathname}${p.toString() ? "?" + p : ""}`);
  };

  const show = async (announce) => {
    const s = state();
    const mine = ++run;
    updateUrl(s);
    if (!s.q.trim()) {
      results.replaceChildren();
      pager.replaceChildren();
      status.textContent = "";
      for (const c of form.querySelectorAll("[data-count]")) c.textContent = "";
      return;
    }
    let found;
    try {
      found = await index.search(s.q, { prefix: true, filters: s.filters, sort: s.sort, offset: (page - 1) * perPage, limit: perPage });
    } catch (e) {
      status.textContent = "Search is not available at the moment. Try again later.";
      return;
    }
    if (mine !== run) return;
    for (const c of form.querySelectorAll("[data-count]")) {
      const n = found.counts[c.dataset.facet]?.[c.dataset.count] || 0;
      c.textContent = `(${n})`;
    }
    const list = el("ol", { class: "mb-search-results", start: String((page - 1) * perPage + 1) });
    for (const r of found.results) {
      const meta = [r.kindLabel, r.committee, r.date].filter(Boolean).join(" · ");
      const ex = el("p", { class: "mb-search-result__excerpt" });
      for (const part of r.excerpt) ex.append(part.mark ? el("mark", {}, part.text) : part.text);
      list.append(
        el(
          "li",
          { class: "mb-search-result" },
          el("h3", { class: "mb-search-result__title" }, el("a", { href: r.url }, r.title)),
          el("p", { class: "mb-search-result__meta" }, meta),
          ex,
        ),
      );
    }
    results.replaceChildren(...(found.results.length ? [el("h2", { class: "mb-heading-m", id: "search-results-heading" }, "Results"), list] : []));
    pager.replaceChildren();
    const pages = Math.ceil(found.total / perPage);
    if (pages > 1) {
      const nav = el("nav", { class: "mb-pagination", "aria-label": "Results pages" });
      const link = (n, text, rel) => {
        const a = el("a", { href: "#", rel }, text, el("span", { class: "mb-visually-hidden" }, ` (page ${n} of ${pages})`));
        a.addEventListener("click", (ev) => {
          ev.preventDefault();
          page = n;
          show(true).then(() => results.querySelector("h2")?.focus());
        });
        return a;
      };
      if (page > 1) nav.append(link(page - 1, "Previous", "prev"), " ");
      nav.append(el("span", { class: "mb-pagination__current" }, `Page ${page} of ${pages}`));
      if (page < pages) nav.append(" ", link(page + 1, "Next", "next"));
      pager.append(nav);
    }
    const h = results.querySelector("h2");
    if (h) h.setAttribute("tabindex", "-1");
    if (announce) {
      const shown = found.total
        ? `${plural(found.total, "result", "results")} for “${s.q.trim()}”${pages > 1 ? `, page ${page} of ${pages}` : ""}`
        : `No results for “${s.q.trim()}”. Check the spelling or use fewer words.`;
      status.textContent = shown;
    }
  };

  input.addEventListener("input", () => {
    page = 1;
    clearTimeout(timer);
    timer = setTimeout(() => show(true), 500);
  });
  form.addEventListener("change", (ev) => {
    if (ev.target === input) return;
    page = 1;
    show(true);
  });
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    clearTimeout(timer);
    page = 1;
    show(true);
  });
  if (input.value) show(true);
}

if (typeof document !== "undefined") {
  const root = document.querySelector("[data-mb-search]");
  if (root) initPage(root);
}
