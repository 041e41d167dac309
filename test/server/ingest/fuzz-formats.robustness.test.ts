/**
 * Fuzzing the format readers: HTML, PDF and DOCX files mutated from the fixtures, read as an
 * upload is (extractDocument, then parseReport). Every case must end in text or in a FormatError
 * (which the import turns into a Chinese reason), never another exception, never a parser.internal
 * finding, never over 1 s (PDFs that hang pdf.js are stopped by the PDF thread's limit, counted
 * and reported apart); memory must stay bounded. FORMAT_FUZZ_RUNS sets the cases per format
 * (CI: 150 HTML, 60 PDF, 60 DOCX; docs/reliability.md: 2,000 each).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { extractDocument, FormatError } from '../../../server/ingest/formats/index';
import { parseReport } from '../../../shared/report/index';
import { ROOT } from '../../helpers/samples';

const FULL = process.env.FORMAT_FUZZ_RUNS ? Number(process.env.FORMAT_FUZZ_RUNS) : null;
const RUNS = { html: FULL ?? 150, pdf: FULL ?? 60, docx: FULL ?? 60 };
/** A case slower than this is reported (not failed): wall-clock time is the machine's, not the file's. */
const SLOW_MS = 1000;
const DIR = join(ROOT, 'test', 'fixtures', 'formats');
const fixtures = (ext: string) =>
  readdirSync(DIR)
    .filter((f) => f.endsWith(`.${ext}`))
    .sort()
    .map((f) => new Uint8Array(readFileSync(join(DIR, f))));

// ---- mutations on bytes (every format) ----

const byteMutation = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.array(fc.nat(), { minLength: 1, maxLength: 20 }), bits: fc.nat(255) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), len: fc.nat({ max: 4096 }) }),
  fc.record({
    kind: fc.constant('duplicate' as const),
    at: fc.nat(),
    len: fc.nat({ max: 4096 }),
    times: fc.integer({ min: 1, max: 8 }),
  }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), what: fc.uint8Array({ maxLength: 256 }) }),
  fc.record({ kind: fc.constant('overwrite' as const), at: fc.nat(), what: fc.uint8Array({ minLength: 1, maxLength: 512 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);
type ByteMutation = typeof byteMutation extends fc.Arbitrary<infer T> ? T : never;

function mutateBytes(b: Uint8Array, m: ByteMutation): Uint8Array {
  const n = Math.max(1, b.length);
  const cat = (...parts: Uint8Array[]) => {
    const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
    let o = 0;
    for (const p of parts) {
      out.set(p, o);
      o += p.length;
    }
    return out;
  };
  switch (m.kind) {
    case 'flip': {
      const out = b.slice();
      for (const at of m.at) out[at % n] = (out[at % n] ?? 0) ^ (m.bits || 1);
      return out;
    }
    case 'delete': {
      const at = m.at % n;
      return cat(b.subarray(0, at), b.subarray(at + m.len));
    }
    case 'duplicate': {
      const at = m.at % n;
      const piece = b.subarray(at, at + m.len);
      return cat(b.subarray(0, at), ...Array.from({ length: m.times }, () => piece), b.subarray(at));
    }
    case 'insert': {
      const at = m.at % n;
      return cat(b.subarray(0, at), m.what, b.subarray(at));
    }
    case 'overwrite': {
      const out = b.slice();
      out.set(m.what.subarray(0, Math.max(0, out.length - (m.at % n))), m.at % n);
      return out;
    }
    case 'truncate':
      return b.subarray(0, m.at % n);
  }
}

/** `arb` in `yes` of every `yes + no` cases, null otherwise. */
const sometimes = <T>(arb: fc.Arbitrary<T>, yes: number, no: number) =>
  fc.oneof({ weight: yes, arbitrary: arb }, { weight: no, arbitrary: fc.constant(null) });

// ---- mutations on markup (HTML pages and the DOCX's document.xml) ----

const HTML_PIECES = [
  '<table>',
  '</table>',
  '<tr>',
  '</tr>',
  '<td>',
  '</td>',
  '<td rowspan="65535">',
  '<td colspan="100000">',
  '<th rowspan="-3" colspan="abc">',
  '<script>alert(1)</script>',
  '<style>td{display:none}</style>',
  '<!--',
  '-->',
  '<![CDATA[',
  '&#0;',
  '&#x10FFFF;',
  '&nbsp;&nbsp;',
  '<br>',
  '<p>',
  '</p>',
  '<iframe src="javascript:alert(1)">',
  '主动公开信息 ',
  '<td>１２３</td>',
  '<meta charset="gbk">',
];
const XML_PIECES = [
  '<w:tbl>',
  '</w:tbl>',
  '<w:tr>',
  '</w:tr>',
  '<w:tc><w:p><w:r><w:t>7</w:t></w:r></w:p></w:tc>',
  '<w:tcPr><w:gridSpan w:val="99999"/></w:tcPr>',
  '<w:tcPr><w:vMerge w:val="restart"/></w:tcPr>',
  '<w:tcPr><w:vMerge/></w:tcPr>',
  '<w:p>',
  '</w:p>',
  '<w:br/>',
  '<w:t xml:space="preserve">   </w:t>',
  '&amp;',
  '&bogus;',
  '<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>',
  '<![CDATA[x]]>',
  '\u0000',
  '<',
  '>',
];

const markupMutation = (pieces: string[]) =>
  fc.oneof(
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), what: fc.constantFrom(...pieces) }),
    fc.record({
      kind: fc.constant('nest' as const),
      at: fc.nat(),
      what: fc.constantFrom(...pieces),
      times: fc.integer({ min: 10, max: 3000 }),
    }),
    fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), len: fc.nat({ max: 2000 }) }),
    fc.record({
      kind: fc.constant('duplicate' as const),
      at: fc.nat(),
      len: fc.nat({ max: 3000 }),
      times: fc.integer({ min: 1, max: 30 }),
    }),
    fc.record({ kind: fc.constant('dropTag' as const), which: fc.nat() }),
    fc.record({ kind: fc.constant('digits' as const), at: fc.nat(), what: fc.stringMatching(/^-?[0-9０-９]{1,25}$/) }),
  );
type MarkupMutation = typeof markupMutation extends (p: string[]) => fc.Arbitrary<infer T> ? T : never;

function mutateMarkup(s: string, m: MarkupMutation): string {
  const n = Math.max(1, s.length);
  switch (m.kind) {
    case 'insert':
    case 'digits': {
      const at = m.at % n;
      return s.slice(0, at) + m.what + s.slice(at);
    }
    case 'nest': {
      const at = m.at % n;
      return s.slice(0, at) + m.what.repeat(m.times) + s.slice(at);
    }
    case 'delete': {
      const at = m.at % n;
      return s.slice(0, at) + s.slice(at + m.len);
    }
    case 'duplicate': {
      const at = m.at % n;
      return s.slice(0, at) + s.slice(at, at + m.len).repeat(m.times) + s.slice(at);
    }
    case 'dropTag': {
      const tags = [...s.matchAll(/<[^<>]{1,80}>/g)];
      const tag = tags[m.which % Math.max(1, tags.length)];
      return tag?.index === undefined ? s : s.slice(0, tag.index) + s.slice(tag.index + tag[0].length);
    }
  }
}

// ---- DOCX: unpack once, rebuild each case with a mutated document.xml ----

/** Well-formed edits of WordprocessingML: whole elements repeated, dropped or added, text replaced. */
const BALANCED_XML = [
  '<w:p><w:r><w:t>主动公开信息 12 条</w:t></w:r></w:p>',
  '<w:tc><w:p><w:r><w:t>7</w:t></w:r></w:p></w:tc>',
  '<w:tc><w:tcPr><w:gridSpan w:val="99999"/></w:tcPr><w:p/></w:tc>',
  '<w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p/></w:tc>',
  '<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>',
  '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc></w:tr></w:tbl>',
  '<w:r><w:br/></w:r>',
  '<w:r><w:t xml:space="preserve">   </w:t></w:r>',
  '<w:r><w:t>&amp;&lt;script&gt;</w:t></w:r>',
];
const wordMutation = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('repeat' as const),
      tag: fc.constantFrom('w:tr', 'w:tc', 'w:p', 'w:tbl', 'w:r'),
      which: fc.nat(),
      times: fc.integer({ min: 0, max: 40 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('add' as const),
      tag: fc.constantFrom('w:tr', 'w:tc', 'w:p', 'w:r'),
      which: fc.nat(),
      what: fc.constantFrom(...BALANCED_XML),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('text' as const),
      which: fc.nat(),
      what: fc.oneof(fc.stringMatching(/^[-0-9０-９.，、]{0,12}$/), fc.constantFrom('总计', '其中', '—', '/', '条', '')),
    }),
  },
  { weight: 1, arbitrary: markupMutation(XML_PIECES) },
);
type WordMutation = typeof wordMutation extends fc.Arbitrary<infer T> ? T : never;

/** The n-th whole element `<tag …>…</tag>` (not nested in one of the same name). */
function nthElement(xml: string, tag: string, which: number): [number, number] | null {
  const starts = [...xml.matchAll(new RegExp(`<${tag}[ >]`, 'g'))].map((m) => m.index as number);
  if (starts.length === 0) return null;
  const start = starts[which % starts.length] as number;
  const close = `</${tag}>`;
  const end = xml.indexOf(close, start);
  return end < 0 ? null : [start, end + close.length];
}

function mutateWord(xml: string, m: WordMutation): string {
  switch (m.kind) {
    case 'repeat': {
      const at = nthElement(xml, m.tag, m.which);
      return at ? xml.slice(0, at[0]) + xml.slice(at[0], at[1]).repeat(m.times) + xml.slice(at[1]) : xml;
    }
    case 'add': {
      const at = nthElement(xml, m.tag, m.which);
      return at ? xml.slice(0, at[0]) + m.what + xml.slice(at[0]) : xml;
    }
    case 'text': {
      const texts = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)];
      const t = texts[m.which % Math.max(1, texts.length)];
      if (!t || t.index === undefined) return xml;
      const open = t[0].indexOf('>') + 1;
      return `${xml.slice(0, t.index + open)}${m.what}${xml.slice(t.index + t[0].length - '</w:t>'.length)}`;
    }
    default:
      return mutateMarkup(xml, m);
  }
}

function unzip(bytes: Uint8Array): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(Buffer.from(bytes), { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      const entries = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) =>
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        }),
      );
      zip.on('end', () => resolve(entries));
      zip.readEntry();
    });
  });
}

function zip(entries: Map<string, Buffer>): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const z = new yazl.ZipFile();
    for (const [name, data] of entries) z.addBuffer(data, name);
    z.end();
    const chunks: Buffer[] = [];
    z.outputStream.on('data', (c: Buffer) => chunks.push(c));
    z.outputStream.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    z.outputStream.on('error', reject);
  });
}

// ---- the property ----

interface Tally {
  cases: number;
  text: number;
  refused: Map<string, number>;
  slowestMs: number;
  peakRssMb: number;
  /** Cases the PDF thread's time or memory limit stopped (the thread is then replaced). */
  stopped: number;
  slowestStoppedMs: number;
  /** PDFs that pdf.js read (or refused) in more than 1 s but within the PDF thread's limit. */
  slowPdf: number;
}

/**
 * Reads one mutated file as an upload would. It must be read to text, refused with a FormatError in
 * Chinese, or stopped by the PDF engine's CPU budget (format.timeout): anything else would reach
 * the user as a 500. How long each took is reported, never asserted: timings belong in benchmarks.
 */
async function readAsUpload(bytes: Uint8Array, tally: Tally, pdf = false): Promise<void> {
  const t0 = performance.now();
  let stoppedByLimit = false;
  try {
    const extracted = await extractDocument(bytes);
    const report = parseReport(extracted.text, { format: extracted.format });
    expect(report.findings.filter((f) => f.code === 'parser.internal')).toEqual([]);
    tally.text++;
  } catch (err) {
    if (!(err instanceof FormatError)) throw err; // anything else would reach the user as a 500
    expect(err.zh).toMatch(/[\u4e00-\u9fff]/);
    tally.refused.set(err.code, (tally.refused.get(err.code) ?? 0) + 1);
    if (err.code === 'format.timeout') stoppedByLimit = true;
  }
  const took = performance.now() - t0;
  tally.peakRssMb = Math.max(tally.peakRssMb, process.memoryUsage.rss() / 1024 / 1024);
  tally.cases++;
  if (took > SLOW_MS)
    console.log(`slow case: ${took.toFixed(0)} ms, ${bytes.length} bytes${stoppedByLimit ? ', stopped by the CPU budget' : ''}`);
  if (stoppedByLimit) {
    tally.stopped++;
    tally.slowestStoppedMs = Math.max(tally.slowestStoppedMs, took);
  } else if (pdf && took >= SLOW_MS) {
    tally.slowPdf++;
    tally.slowestStoppedMs = Math.max(tally.slowestStoppedMs, took);
  } else {
    tally.slowestMs = Math.max(tally.slowestMs, took);
  }
}

const report = (format: string, t: Tally, rssBeforeMb: number) =>
  console.log(
    `format fuzz ${format}: ${t.cases} cases, ${t.text} read to text, refused ${[...t.refused].map(([c, n]) => `${c}×${n}`).join(' ') || 'none'}; ` +
      `stopped by the PDF time/memory limit ${t.stopped}, PDFs over 1 s within it ${t.slowPdf} (slowest of these ${t.slowestStoppedMs.toFixed(0)} ms); slowest of the others ${t.slowestMs.toFixed(0)} ms; RSS ${rssBeforeMb.toFixed(0)} → peak ${t.peakRssMb.toFixed(0)} → end ${rssMb().toFixed(0)} MB`,
  );
const newTally = (): Tally => ({
  cases: 0,
  text: 0,
  refused: new Map(),
  slowestMs: 0,
  peakRssMb: 0,
  stopped: 0,
  slowestStoppedMs: 0,
  slowPdf: 0,
});
const rssMb = () => process.memoryUsage.rss() / 1024 / 1024;

describe('fuzzing the format readers with files mutated from the fixtures', () => {
  beforeAll(async () => {
    // warm up: the PDF thread and the readers' modules load once, outside the timed cases
    for (const ext of ['html', 'pdf', 'docx']) await extractDocument(fixtures(ext)[0] as Uint8Array);
  }, 60_000);
  afterAll(() => undefined);

  it(`HTML: ${RUNS.html} mutated pages`, async () => {
    const pages = fixtures('html').map((b) => Buffer.from(b).toString('utf8'));
    const tally = newTally();
    const before = rssMb();
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: pages.length - 1 }),
        fc.array(markupMutation(HTML_PIECES), { minLength: 1, maxLength: 6 }),
        sometimes(byteMutation, 1, 1),
        async (which, ms, bytesM) => {
          let bytes: Uint8Array = Buffer.from(ms.reduce(mutateMarkup, pages[which] as string));
          if (bytesM) bytes = mutateBytes(bytes, bytesM);
          await readAsUpload(bytes, tally);
        },
      ),
      { numRuns: RUNS.html, seed: 71 },
    );
    report('HTML', tally, before);
    expect(tally.cases).toBe(RUNS.html);
    expect(tally.text).toBeGreaterThan(RUNS.html / 2);
    expect(tally.peakRssMb - before).toBeLessThan(400);
  }, 1_800_000);

  it(`PDF: ${RUNS.pdf} mutated files`, async () => {
    const files = fixtures('pdf');
    const tally = newTally();
    const before = rssMb();
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: files.length - 1 }),
        fc.array(byteMutation, { minLength: 1, maxLength: 4 }),
        async (which, ms) => {
          await readAsUpload(ms.reduce(mutateBytes, files[which] as Uint8Array), tally, true);
        },
      ),
      { numRuns: RUNS.pdf, seed: 72 },
    );
    report('PDF', tally, before);
    expect(tally.stopped + tally.slowPdf).toBeLessThanOrEqual(Math.ceil(RUNS.pdf / 100));
    expect(tally.cases).toBe(RUNS.pdf);
    expect(tally.text).toBeGreaterThan(0);
    // PDFs are read in the engine process: the server's own memory stays where it was
    expect(tally.peakRssMb - before).toBeLessThan(400);
  }, 1_800_000);

  it(`DOCX: ${RUNS.docx} mutated documents (document.xml and zip bytes)`, async () => {
    const docs = await Promise.all(fixtures('docx').map(unzip));
    const tally = newTally();
    const before = rssMb();
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: docs.length - 1 }),
        fc.array(wordMutation, { maxLength: 5 }),
        sometimes(byteMutation, 1, 3),
        async (which, ms, bytesM) => {
          const entries = new Map(docs[which]);
          const xml = (entries.get('word/document.xml') as Buffer).toString('utf8');
          entries.set('word/document.xml', Buffer.from(ms.reduce(mutateWord, xml)));
          let bytes = await zip(entries);
          if (bytesM) bytes = mutateBytes(bytes, bytesM);
          await readAsUpload(bytes, tally);
        },
      ),
      { numRuns: RUNS.docx, seed: 73 },
    );
    report('DOCX', tally, before);
    expect(tally.cases).toBe(RUNS.docx);
    expect(tally.text).toBeGreaterThan(RUNS.docx / 4);
    expect(tally.peakRssMb - before).toBeLessThan(400);
  }, 1_800_000);
});
