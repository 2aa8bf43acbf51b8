// Checks built minutebook sites page by page:
//   axe    axe-core, WCAG 2.0/2.1/2.2 A and AA rules, at 1280 and at 320 CSS px wide;
//   vnu    the Nu HTML Checker (one JVM run over every HTML file), errors only;
//   reflow at 320 CSS px wide nothing makes the page scroll sideways (WCAG 1.4.10),
//          and every scrolling region, at 320 and at 1280 px, can be reached with the
//          keyboard (WCAG 2.1.1);
//   links  every same-origin a/link/img/script/... URL resolves to a file in the
//          output, and every #fragment to an id on the target page (read from disk).
// and, for the sample site, scenarios: the search page used with the keyboard
// (search.mjs) and two agenda packs printed to tagged PDF (pack.mjs).
//
// Usage: node check.mjs NAME=DIR [NAME=DIR ...]
// Each DIR is a built site; it is served on 127.0.0.1 on an ephemeral port.
// Prints every failure (page URL, check, rule, element), then
// `browser checks: P pages, F failed` and, last, `N passed, M failed` (page x check
// units). Exits 1 if anything failed.

import { spawn } from 'node:child_process';
import { readFileSync, statSync, readdirSync, createReadStream } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { searchScenario } from './search.mjs';
import { packScenarios } from './pack.mjs';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const AXE = require.resolve('axe-core/axe.min.js');
const VNU = path.join(path.dirname(require.resolve('vnu-jar/package.json')), 'build', 'dist', 'vnu.jar');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const WORKERS = Number(process.env.BROWSER_WORKERS || Math.min(3, Math.max(2, os.cpus().length)));
const NARROW = 320;
const WIDE = 1280;
const AXE_OPTIONS = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
  resultTypes: ['violations'],
};
const CHECKS = ['axe', 'vnu', 'reflow', 'links'];

// ---------------------------------------------------------------- sites on disk

function htmlFiles(dir, rel = '') {
  const out = [];
  for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...htmlFiles(dir, r));
    else if (e.name.endsWith('.html')) out.push(r);
  }
  return out.sort();
}

/** The site-relative URL path of an output file: `a/b/index.html` → `/a/b/`. */
function urlPathOf(rel) {
  if (rel === 'index.html') return '/';
  if (rel.endsWith('/index.html')) return `/${rel.slice(0, -'index.html'.length)}`;
  return `/${rel}`;
}

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
function decodeEntities(s) {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (m, e) => {
    if (e[0] === '#') {
      const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return String.fromCodePoint(cp);
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title']);
const URL_ATTRS = {
  a: ['href'], area: ['href'], link: ['href'], img: ['src', 'srcset'], script: ['src'],
  iframe: ['src'], source: ['src', 'srcset'], video: ['src', 'poster'], audio: ['src'],
  track: ['src'], embed: ['src'], object: ['data'], form: ['action'], use: ['href', 'xlink:href'],
  image: ['href', 'xlink:href'],
};

/** A small HTML tokenizer: every id (and a[name]) and every URL-valued attribute. */
function scanHtml(text) {
  const ids = new Set();
  const refs = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const lt = text.indexOf('<', i);
    if (lt < 0) break;
    if (text.startsWith('<!--', lt)) {
      const e = text.indexOf('-->', lt + 4);
      i = e < 0 ? n : e + 3;
      continue;
    }
    const c = text[lt + 1];
    if (c === '!' || c === '?' || c === '/') {
      const e = text.indexOf('>', lt);
      i = e < 0 ? n : e + 1;
      continue;
    }
    const m = /^[a-zA-Z][a-zA-Z0-9:-]*/.exec(text.slice(lt + 1, lt + 65));
    if (!m) {
      i = lt + 1;
      continue;
    }
    const tag = m[0].toLowerCase();
    let j = lt + 1 + m[0].length;
    const attrs = [];
    for (;;) {
      while (j < n && /[\s/]/.test(text[j])) j++;
      if (j >= n || text[j] === '>') break;
      let k = j;
      while (k < n && !/[\s/>=]/.test(text[k])) k++;
      const name = text.slice(j, k).toLowerCase();
      j = k;
      while (j < n && /\s/.test(text[j])) j++;
      let value = '';
      if (text[j] === '=') {
        j++;
        while (j < n && /\s/.test(text[j])) j++;
        const q = text[j];
        if (q === '"' || q === "'") {
          const e = text.indexOf(q, j + 1);
          value = text.slice(j + 1, e < 0 ? n : e);
          j = e < 0 ? n : e + 1;
        } else {
          k = j;
          while (k < n && !/[\s>]/.test(text[k])) k++;
          value = text.slice(j, k);
          j = k;
        }
      }
      if (name) attrs.push([name, decodeEntities(value)]);
    }
    i = j + 1;
    for (const [name, value] of attrs) {
      if (name === 'id' || (name === 'name' && tag === 'a')) ids.add(value);
      if ((URL_ATTRS[tag] || []).includes(name)) {
        const urls = name === 'srcset' ? value.split(',').map((s) => s.trim().split(/\s+/)[0]) : [value.trim()];
        for (const u of urls) if (u) refs.push({ tag, attr: name, url: u, offset: lt });
      }
    }
    if (RAW_TEXT.has(tag)) {
      const e = text.toLowerCase().indexOf(`</${tag}`, i);
      i = e < 0 ? n : e;
    }
  }
  return { ids, refs };
}

function lineOf(text, offset) {
  let line = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function loadSite(name, dir) {
  const files = htmlFiles(dir);
  const home = readFileSync(path.join(dir, 'index.html'), 'utf8');
  const canonical = /<link\s+rel="canonical"\s+href="([^"]*)"/.exec(home);
  // The site's own base URL, as its home page states it; defaults to a placeholder.
  const base = new URL(canonical ? decodeEntities(canonical[1]) : 'https://site.invalid/');
  const basePath = base.pathname.replace(/\/$/, '');
  const pages = files.map((rel) => ({ site: name, dir, rel, urlPath: basePath + urlPathOf(rel) }));
  return { name, dir, base, basePath, pages };
}

/** The output file a site path names (directory → its index.html), or null. */
function fileFor(site, pathname) {
  if (!pathname.startsWith(`${site.basePath}/`)) return null;
  let p;
  try {
    p = decodeURIComponent(pathname.slice(site.basePath.length));
  } catch {
    return null;
  }
  const full = path.normalize(path.join(site.dir, p));
  if (full !== site.dir && !full.startsWith(site.dir + path.sep)) return null;
  let st;
  try {
    st = statSync(full);
  } catch {
    return null;
  }
  if (st.isDirectory()) {
    const idx = path.join(full, 'index.html');
    try {
      if (statSync(idx).isFile()) return idx;
    } catch {
      return null;
    }
    return null;
  }
  return st.isFile() ? full : null;
}

function checkLinks(site, page, cache) {
  const failures = [];
  const text = readFileSync(path.join(site.dir, page.rel), 'utf8');
  const scanned = scanHtml(text);
  cache.set(path.join(site.dir, page.rel), scanned);
  const pageUrl = new URL(page.urlPath, site.base);
  for (const ref of scanned.refs) {
    let u;
    try {
      u = new URL(ref.url, pageUrl);
    } catch {
      failures.push(`${ref.tag}[${ref.attr}]="${ref.url}" (line ${lineOf(text, ref.offset)}): not a valid URL`);
      continue;
    }
    if (u.origin !== site.base.origin) continue; // mailto:, tel:, other sites
    const file = fileFor(site, u.pathname);
    if (!file) {
      failures.push(`${ref.tag}[${ref.attr}]="${ref.url}" (line ${lineOf(text, ref.offset)}): no such file in the output`);
      continue;
    }
    if (u.hash.length > 1) {
      if (!file.endsWith('.html')) {
        failures.push(`${ref.tag}[${ref.attr}]="${ref.url}" (line ${lineOf(text, ref.offset)}): fragment on a non-HTML file`);
        continue;
      }
      if (!cache.has(file)) cache.set(file, scanHtml(readFileSync(file, 'utf8')));
      let frag = u.hash.slice(1);
      try {
        frag = decodeURIComponent(frag);
      } catch {
        /* keep it as written */
      }
      if (!cache.get(file).ids.has(frag)) {
        failures.push(
          `${ref.tag}[${ref.attr}]="${ref.url}" (line ${lineOf(text, ref.offset)}): no id="${frag}" on ${urlPathOf(path.relative(site.dir, file).split(path.sep).join('/'))}`,
        );
      }
    }
  }
  return failures;
}

// ---------------------------------------------------------------- HTTP server

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif',
  '.webp': 'image/webp', '.ico': 'image/x-icon', '.txt': 'text/plain; charset=utf-8', '.pdf': 'application/pdf',
  '.json': 'application/json', '.xml': 'application/xml', '.woff2': 'font/woff2', '.csv': 'text/csv; charset=utf-8',
};

function serve(site) {
  const server = createServer((req, res) => {
    const { pathname } = new URL(req.url, 'http://127.0.0.1');
    let file = fileFor(site, pathname);
    if (file && !pathname.endsWith('/') && file.endsWith(`${path.sep}index.html`) && !pathname.endsWith('.html')) {
      res.writeHead(301, { location: `${pathname}/` });
      res.end();
      return;
    }
    let status = 200;
    if (!file) {
      status = 404;
      file = path.join(site.dir, '404.html');
    }
    res.writeHead(status, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' });
    createReadStream(file)
      .on('error', () => res.end())
      .pipe(res);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve({ server, origin: `http://127.0.0.1:${server.address().port}` }));
  });
}

// ---------------------------------------------------------------- Nu HTML Checker

function runVnu(files) {
  return new Promise((resolve) => {
    const args = ['-jar', VNU, '--errors-only', '--format', 'json', ...files];
    const p = spawn('java', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    p.on('error', (e) => resolve({ fatal: `could not run java: ${e.message}` }));
    const t0 = Date.now();
    p.on('close', (code) => {
      const secs = (Date.now() - t0) / 1000;
      for (const s of [err, out]) {
        const t = s.trim();
        if (t.startsWith('{')) {
          try {
            return resolve({ messages: JSON.parse(t).messages || [], code, secs });
          } catch {
            /* try the other stream */
          }
        }
      }
      resolve({ fatal: `vnu exited ${code} without JSON output:\n${err}${out}`, secs });
    });
  });
}

// ---------------------------------------------------------------- in the page

/* Runs in the page: scrolling regions that are not keyboard-reachable and, when
   the page scrolls sideways, the elements that make it do so. */
function layoutProblems(width) {
  const focusableSelector =
    'a[href], area[href], button, input:not([type=hidden]), select, textarea, iframe, summary, audio[controls], video[controls], [contenteditable], [tabindex]';
  const describe = (el) => {
    const parts = [];
    for (let e = el; e && e !== document.documentElement && parts.length < 4; e = e.parentElement) {
      let s = e.localName;
      if (e.id) {
        parts.unshift(`${s}#${CSS.escape(e.id)}`);
        break;
      }
      const cls = [...e.classList].slice(0, 2);
      if (cls.length) s += `.${cls.map((c) => CSS.escape(c)).join('.')}`;
      const parent = e.parentElement;
      if (parent) {
        const same = [...parent.children].filter((c) => c.localName === e.localName);
        if (same.length > 1) s += `:nth-of-type(${same.indexOf(e) + 1})`;
      }
      parts.unshift(s);
    }
    return parts.join(' > ');
  };
  const visible = (el) => {
    const cs = getComputedStyle(el);
    return el.getClientRects().length > 0 && cs.visibility !== 'hidden' && !el.closest('[inert]');
  };
  const scrolls = (v) => v === 'auto' || v === 'scroll';
  const regions = [];
  const focusableRegions = [];
  const clippers = [];
  for (const el of document.body.querySelectorAll('*')) {
    const cs = getComputedStyle(el);
    if (cs.overflowX !== 'visible') clippers.push(el);
    const scrollX = scrolls(cs.overflowX) && el.scrollWidth > el.clientWidth;
    const scrollY = scrolls(cs.overflowY) && el.scrollHeight > el.clientHeight;
    if (!scrollX && !scrollY) continue;
    const reachable =
      (el.tabIndex >= 0 && !el.disabled) ||
      [...el.querySelectorAll(focusableSelector)].some((f) => f.tabIndex >= 0 && !f.disabled && visible(f));
    if (reachable) focusableRegions.push(el);
    else
      regions.push(
        `${describe(el)} scrolls (${el.scrollWidth}x${el.scrollHeight} in ${el.clientWidth}x${el.clientHeight}) but cannot be focused: give it tabindex="0" and an accessible name`,
      );
  }
  const scrollWidth = document.documentElement.scrollWidth;
  const overflow = [];
  if (scrollWidth > width) {
    const inside = (el) => clippers.some((c) => c !== el && c.contains(el));
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.right <= width + 0.5 || (r.width === 0 && r.height === 0)) continue;
      if (inside(el)) continue;
      const p = el.parentElement;
      const pr = p && p !== document.body ? p.getBoundingClientRect() : null;
      if (pr && pr.right > width + 0.5 && !clippers.includes(p)) continue; // report the outermost only
      const text = (el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 60);
      overflow.push(`${describe(el)} ends at ${Math.round(r.right)}px${text ? ` ("${text}")` : ''}`);
      if (overflow.length >= 5) break;
    }
  }
  return { scrollWidth, regions, overflow };
}

// ---------------------------------------------------------------- main

async function main() {
  const specs = process.argv.slice(2).map((a) => {
    const eq = a.indexOf('=');
    if (eq < 1) throw new Error(`expected NAME=DIR, got ${a}`);
    return [a.slice(0, eq), path.resolve(a.slice(eq + 1))];
  });
  if (!specs.length) throw new Error('usage: node check.mjs NAME=DIR [NAME=DIR ...]');
  const started = Date.now();
  const sites = specs.map(([name, dir]) => loadSite(name, dir));
  const pages = sites.flatMap((s) => s.pages.map((p) => ({ ...p, siteObj: s, failures: {} })));
  const fail = (page, check, msg) => (page.failures[check] ||= []).push(msg);

  // The Nu HTML Checker runs in its own process meanwhile.
  const byFile = new Map(pages.map((p) => [path.join(p.dir, p.rel), p]));
  const vnu = runVnu([...byFile.keys()]);

  // Links, from the files on disk.
  const cache = new Map();
  for (const p of pages) for (const f of checkLinks(p.siteObj, p, cache)) fail(p, 'links', f);

  // The browser.
  const servers = await Promise.all(sites.map((s) => serve(s)));
  sites.forEach((s, i) => (s.origin = servers[i].origin));
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
    ],
  });
  const context = await browser.newContext({ viewport: { width: WIDE, height: 800 }, serviceWorkers: 'block' });
  // Nothing leaves the machine: only the local servers answer.
  await context.route(/^(?!http:\/\/127\.0\.0\.1:)/, (route) => route.abort('blockedbyclient'));
  let next = 0;
  let done = 0;
  const runAxe = async (page, p, width) => {
    await page.addScriptTag({ path: AXE });
    const res = await page.evaluate((opts) => globalThis.axe.run(document, opts), AXE_OPTIONS);
    for (const v of res.violations) {
      for (const node of v.nodes) {
        const target = node.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : t)).join(', ');
        const why = (node.failureSummary || '').split('\n').slice(1).map((s) => s.trim()).filter(Boolean)[0] || '';
        fail(p, 'axe', `[${v.id}] at ${width}px ${target}: ${v.help}${why ? ` — ${why}` : ''} (${v.helpUrl})`);
      }
    }
  };
  const worker = async () => {
    const page = await context.newPage();
    while (next < pages.length) {
      const p = pages[next++];
      const url = p.siteObj.origin + p.urlPath.slice(p.siteObj.basePath.length);
      p.url = url;
      try {
        await page.setViewportSize({ width: WIDE, height: 800 });
        const resp = await page.goto(url, { waitUntil: 'load', timeout: 30000 });
        if (!resp || resp.status() !== 200) fail(p, 'links', `the page itself answered HTTP ${resp ? resp.status() : 'nothing'}`);
        await runAxe(page, p, WIDE);
        const wide = await page.evaluate(layoutProblems, WIDE);
        for (const r of wide.regions) fail(p, 'reflow', `at ${WIDE}px: ${r}`);
        await page.setViewportSize({ width: NARROW, height: 800 });
        const narrow = await page.evaluate(layoutProblems, NARROW);
        if (narrow.scrollWidth > NARROW) {
          fail(p, 'reflow', `at ${NARROW}px the page scrolls sideways (scrollWidth ${narrow.scrollWidth}px)${narrow.overflow.length ? ':' : ''}`);
          for (const o of narrow.overflow) fail(p, 'reflow', `  ${o}`);
        }
        for (const r of narrow.regions) fail(p, 'reflow', `at ${NARROW}px: ${r}`);
        await runAxe(page, p, NARROW);
      } catch (e) {
        fail(p, 'axe', `could not check the page: ${e.message.split('\n')[0]}`);
      }
      done++;
      if (process.stderr.isTTY) process.stderr.write(`\r${done}/${pages.length} pages`);
    }
    await page.close();
  };
  await Promise.all(Array.from({ length: Math.min(WORKERS, pages.length) }, worker));
  if (process.stderr.isTTY) process.stderr.write('\n');
  // Scenarios: the sample's search page used as a person would (its queries
  // and expected results are the sample council's).
  const scenarios = [];
  for (const s of sites) {
    if (s.name !== 'sample') continue;
    const failures = await searchScenario(context, s.origin, AXE, AXE_OPTIONS);
    scenarios.push({ name: `${s.name}: search`, failures });
    // Agenda packs printed to PDF: tagged, A4, running header, nothing exempt.
    for (const sc of await packScenarios(context, s.origin)) scenarios.push({ name: `${s.name}: ${sc.name}`, failures: sc.failures });
  }
  await browser.close();
  for (const { server } of servers) server.close();
  const browserSecs = (Date.now() - started) / 1000;

  const v = await vnu;
  if (v.fatal) {
    for (const p of pages) fail(p, 'vnu', v.fatal);
  } else {
    for (const m of v.messages) {
      const file = m.url ? fileURLToPath(m.url) : null;
      const p = file && byFile.get(file);
      const where = `${file ? path.relative(p ? p.dir : '/', file) : '(no file)'}:${m.lastLine ?? m.firstLine ?? '?'}:${m.firstColumn ?? '?'}`;
      const extract = m.extract ? ` in “${m.extract.replace(/\s+/g, ' ').trim().slice(0, 100)}”` : '';
      const msg = `${where}: ${m.type}${m.subType ? `/${m.subType}` : ''}: ${m.message}${extract}`;
      if (p) fail(p, 'vnu', msg);
      else for (const q of pages) fail(q, 'vnu', msg); // not tied to a page: nothing passes
    }
  }

  let passed = 0;
  let failed = 0;
  let failedPages = 0;
  for (const p of pages) {
    const bad = CHECKS.filter((c) => p.failures[c]);
    passed += CHECKS.length - bad.length;
    failed += bad.length;
    if (!bad.length) continue;
    failedPages++;
    console.log(`\nFAIL ${p.url} [${p.site}: ${p.rel}]`);
    for (const c of bad) for (const f of p.failures[c]) console.log(`  ${c}: ${f}`);
  }
  for (const sc of scenarios) {
    if (sc.failures.length) {
      failed++;
      console.log(`\nFAIL scenario ${sc.name}`);
      for (const f of sc.failures) console.log(`  ${f}`);
    } else passed++;
  }
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  for (const s of sites) console.log(`${s.name}: ${s.pages.length} pages from ${s.dir}`);
  console.log(
    `checks: axe at ${WIDE} and ${NARROW} px, vnu, reflow at ${NARROW} px, links; ` +
      `browser ${browserSecs.toFixed(1)}s (${WORKERS} pages at a time), vnu ${(v.secs ?? 0).toFixed(1)}s, all ${secs}s`,
  );
  console.log(`browser checks: ${pages.length} pages, ${failedPages} failed; ${scenarios.length} scenarios, ${scenarios.filter((x) => x.failures.length).length} failed`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 && pages.length > 0;
}

main().then(
  (ok) => process.exit(ok ? 0 : 1),
  (e) => {
    console.error(e && e.stack ? e.stack : e);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
