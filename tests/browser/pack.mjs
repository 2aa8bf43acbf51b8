// The printable agenda pack (issue 16, point 3), printed as Chromium prints it:
// playwright's page.pdf({ tagged: true, outline: true }) of a sample meeting's
// /meetings/<id>/pack/, using the page's own @page size (A4). Checks that the
// PDF has more than one page, all A4; that it is tagged (a /StructTreeRoot,
// /MarkInfo /Marked true) and has an outline; that the running header (committee
// and date, an @page margin box) is on every page and page numbers count them;
// that site links print their absolute address; and that the exempt papers'
// text is in neither the PDF's text nor the HTML it was printed from, while
// their titles are.
//
// The PDF's text is read without a PDF library: Chromium (Skia) writes plain
// objects with Flate-compressed content streams and Identity-H fonts, each with
// a /ToUnicode map, so inflating each page's content stream with node:zlib and
// mapping its glyph codes through its fonts' maps gives the text drawn.
//
// Called by check.mjs for the sample site; returns one scenario per meeting.

import { inflateSync } from 'node:zlib';

const PACKS = [
  {
    meeting: '2020-07-16-cabinet',
    header: 'Cabinet, Thursday 16 July 2020',
    present: ['Placement sufficiency strategy for children in care', 'Case studies of children placed out of area', 'paragraph 1'],
    absent: ['OKAPI-EXEMPT-APPENDIX'],
    // An appendix that is published: its body is in the pack.
    body: 'Our promise',
  },
  {
    meeting: '2020-10-15-cabinet',
    header: 'Cabinet, Thursday 15 October 2020',
    present: ['Contract award', 'paragraph 3'],
    absent: ['ZEBRA-CONFIDENTIAL-TENDER-PRICE', 'Tender process'],
    body: 'Budget monitoring',
  },
];

function objects(pdf) {
  const s = pdf.toString('latin1');
  const objs = new Map();
  const re = /(\d+) 0 obj\s*([\s\S]*?)endobj/g;
  let m;
  while ((m = re.exec(s))) objs.set(m[1], m[2]);
  return objs;
}

function streamOf(body) {
  const i = body.indexOf('stream');
  if (i < 0) return null;
  let start = i + 'stream'.length;
  if (body[start] === '\r') start++;
  if (body[start] === '\n') start++;
  const raw = Buffer.from(body.slice(start, body.lastIndexOf('endstream')), 'latin1');
  return /\/FlateDecode/.test(body.slice(0, i)) ? inflateSync(raw).toString('latin1') : raw.toString('latin1');
}

/** A /ToUnicode CMap as code → text. */
function cmap(text) {
  const map = new Map();
  const hex = (h) => String.fromCodePoint(...h.match(/.{4}/g).map((x) => parseInt(x, 16)));
  for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, src, dst] of block[1].matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) map.set(parseInt(src, 16), hex(dst));
  }
  for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, lo, hi, rest] of block[1].matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]+>|\[[^\]]*\])/g)) {
      const a = parseInt(lo, 16);
      const b = parseInt(hi, 16);
      if (rest.startsWith('[')) {
        [...rest.matchAll(/<([0-9A-Fa-f]+)>/g)].forEach(([, d], k) => map.set(a + k, hex(d)));
      } else {
        const base = parseInt(rest.slice(1, -1), 16);
        for (let c = a; c <= b; c++) map.set(c, String.fromCodePoint(base + c - a));
      }
    }
  }
  return map;
}

/** The text each page draws, in drawing order, text objects separated by a space. */
function pageTexts(pdf) {
  const objs = objects(pdf);
  const maps = new Map();
  const fontMap = (id) => {
    if (!maps.has(id)) {
      const tu = /\/ToUnicode (\d+) 0 R/.exec(objs.get(id) || '');
      maps.set(id, tu ? cmap(streamOf(objs.get(tu[1])) || '') : new Map());
    }
    return maps.get(id);
  };
  const pages = [];
  for (const body of objs.values()) {
    if (!/\/Type \/Page\b/.test(body)) continue;
    const fonts = new Map();
    const fontDict = /\/Font <<([\s\S]*?)>>/.exec(body);
    if (fontDict) for (const [, name, id] of fontDict[1].matchAll(/\/(\w+) (\d+) 0 R/g)) fonts.set(name, id);
    const contents = [...(/\/Contents (\[[^\]]*\]|\d+ 0 R)/.exec(body) || ['', ''])[1].matchAll(/(\d+) 0 R/g)].map((x) => x[1]);
    let text = '';
    for (const c of contents) {
      const ops = streamOf(objs.get(c)) || '';
      let map = new Map();
      for (const t of ops.matchAll(/\/(\w+) [\d.]+ Tf|<([0-9A-Fa-f]*)>|\bET\b/g)) {
        if (t[1]) map = fonts.has(t[1]) ? fontMap(fonts.get(t[1])) : new Map();
        else if (t[2] !== undefined) for (const code of t[2].match(/.{4}/g) || []) text += map.get(parseInt(code, 16)) ?? '';
        else text += '\n';
      }
    }
    // Ligatures (ﬁ, ﬃ) as their letters; line breaks and runs of space as one space.
    pages.push(text.normalize('NFKC').replace(/\s+/g, ' '));
  }
  return pages;
}

export async function packScenarios(context, origin) {
  const out = [];
  for (const pack of PACKS) {
    const failures = [];
    const page = await context.newPage();
    try {
      const url = `${origin}/meetings/${pack.meeting}/pack/`;
      const resp = await page.goto(url, { waitUntil: 'load' });
      if (!resp || resp.status() !== 200) throw new Error(`${url} answered ${resp ? resp.status() : 'nothing'}`);
      const html = await page.content();
      for (const a of pack.absent) if (html.includes(a)) failures.push(`the pack's HTML contains exempt text "${a}"`);
      const pdf = await page.pdf({ tagged: true, outline: true, preferCSSPageSize: true, printBackground: true });
      const raw = pdf.toString('latin1');
      if (!raw.startsWith('%PDF-')) throw new Error('page.pdf() did not return a PDF');
      const boxes = [...raw.matchAll(/\/MediaBox \[([^\]]*)\]/g)].map((m) => m[1].trim().split(/\s+/).map(Number));
      const pages = pageTexts(pdf);
      if (pages.length < 2) failures.push(`the PDF has ${pages.length} page(s), expected more than one`);
      for (const [x0, y0, x1, y1] of boxes) {
        if (Math.abs(x1 - x0 - 595.3) > 2 || Math.abs(y1 - y0 - 841.9) > 2) failures.push(`a page is ${x1 - x0} x ${y1 - y0} pt, not A4 (595 x 842)`);
      }
      // Tagged: the structure tree root and the catalog's mark are plain
      // (uncompressed) objects in Chromium's PDF; look inside streams too,
      // in case a later Chromium packs objects into compressed streams.
      const streams = () => [...objects(pdf).values()].map((b) => (b.includes('stream') ? streamOf(b) || '' : '')).join('\n');
      const tagged = (needle) => raw.includes(needle) || streams().includes(needle);
      if (!tagged('/StructTreeRoot')) failures.push('the PDF has no /StructTreeRoot: it is not tagged');
      if (!/\/Marked true/.test(raw) && !/\/Marked true/.test(streams())) failures.push('the PDF is not marked (/MarkInfo /Marked true)');
      if (!/\/StructElem/.test(raw)) failures.push('the PDF has no structure elements');
      if (!/\/Outlines/.test(raw)) failures.push('the PDF has no outline (bookmarks)');
      const flat = pages.join(' ');
      if (!flat.includes(pack.header)) failures.push(`no text "${pack.header}" in the PDF: could its text not be read?`);
      pages.forEach((t, i) => {
        if (!t.includes(pack.header)) failures.push(`page ${i + 1} has no running header "${pack.header}"`);
        if (!t.includes(`Page ${i + 1} of ${pages.length}`)) failures.push(`page ${i + 1} has no "Page ${i + 1} of ${pages.length}"`);
      });
      for (const p of [...pack.present, pack.body]) if (!flat.includes(p)) failures.push(`the PDF's text lacks "${p}"`);
      for (const a of pack.absent) if (flat.includes(a)) failures.push(`the PDF's text contains exempt text "${a}"`);
      if (!/https?:\/\/[^\s)]+\/meetings\//.test(flat)) failures.push('no site link printed with its absolute address');
    } catch (e) {
      failures.push(`pack scenario did not run: ${e.message.split('\n')[0]}`);
    } finally {
      await page.close();
    }
    out.push({ name: `pack ${pack.meeting}`, failures });
  }
  return out;
}
