/**
 * OCR benchmark: scanned reports (test/fixtures/scan, made by npm run gen:fixtures:scan from the
 * text PDFs at 150 dpi) read by the product's OCR, against the same reports' text PDFs read in the
 * same run as the baseline. Per file: time per page, ratio to the text PDF, and how many of the
 * expected table figures (the generator's input), the proactive total and the unit come out right.
 *
 * Run: npm run bench:ocr. BENCH_ROUNDS sets the rounds (default 3).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractDocument } from '../server/ingest/formats/index';
import { parseReport } from '../shared/report/index';
import { tableAccuracy } from './fixtures/table-accuracy';

const ROOT = join(import.meta.dirname, '..');
const SCAN = join(ROOT, 'test', 'fixtures', 'scan');
const ROUNDS = process.argv.includes('--quick') ? 1 : Number(process.env.BENCH_ROUNDS ?? 3);
const FILES = [
  { scan: 'wps-centred.scan.pdf', text: join(ROOT, 'test', 'fixtures', 'pdf', 'wps-centred.pdf'), pages: 5 },
  { scan: '001.nonzero.scan.pdf', text: join(ROOT, 'test', 'fixtures', 'formats', '001.nonzero.pdf'), pages: 3 },
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function timeIt(fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

function accuracy(bytesRead: Awaited<ReturnType<typeof extractDocument>>, expected: Record<string, unknown>) {
  const report = parseReport(bytesRead.text, { ocrRanges: bytesRead.ocrRanges ?? [] });
  const { right, of } = tableAccuracy(report, expected);
  return { right, of, total: report.proactive.total, org: report.org.name };
}

// warm-up: the engine process and the OCR models load once, as at a server's first scan
await extractDocument(readFileSync(join(SCAN, 'page1.jpg')));

console.log(`OCR benchmark: median of ${ROUNDS} runs, Node ${process.version}\n`);
console.log(
  '| file | pages | text PDF ms (baseline) | scan ms | scan s per page | scan ÷ text PDF | table figures right | total | unit |',
);
console.log('|---|---|---|---|---|---|---|---|---|');
let right = 0;
let of = 0;
const perPage: number[] = [];
for (const f of FILES) {
  const scanBytes = readFileSync(join(SCAN, f.scan));
  const textBytes = readFileSync(f.text);
  const expected = JSON.parse(readFileSync(join(SCAN, f.scan.replace('.pdf', '.expected.json')), 'utf8'));
  const base = await timeIt(() => extractDocument(textBytes));
  const ocr = await timeIt(() => extractDocument(scanBytes));
  const a = accuracy(await extractDocument(scanBytes), expected);
  right += a.right;
  of += a.of;
  perPage.push(ocr / f.pages / 1000);
  console.log(
    `| ${f.scan} | ${f.pages} | ${base.toFixed(0)} | ${ocr.toFixed(0)} | ${(ocr / f.pages / 1000).toFixed(2)} | ${(ocr / base).toFixed(0)}× | ${a.right}/${a.of} | ${a.total} | ${a.org} |`,
  );
}
const jpg = readFileSync(join(SCAN, 'page1.jpg'));
const jpgMs = await timeIt(() => extractDocument(jpg));
const jpgRead = await extractDocument(jpg);
const jpgReport = parseReport(jpgRead.text, { ocrRanges: jpgRead.ocrRanges ?? [] });
console.log(
  `| page1.jpg | 1 | — | ${jpgMs.toFixed(0)} | ${(jpgMs / 1000).toFixed(2)} | — | (no table) | ${jpgReport.proactive.total} | ${jpgReport.org.name} |`,
);
console.log(
  `\ntable figures right: ${right}/${of} (${((100 * right) / of).toFixed(1)}%; goal ≥ 98%); seconds per scanned page: ${perPage.map((s) => s.toFixed(2)).join(', ')}`,
);
process.exit(0);
