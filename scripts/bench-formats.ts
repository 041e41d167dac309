/**
 * Format benchmark, every figure against a baseline measured in the same run:
 *
 * 1. read + parse time per file for HTML, DOCX and PDF (test/fixtures/formats);
 * 2. the PDF engines side by side on PDFs made like real reports (test/fixtures/pdf: WPS-style,
 *    embedded CJK TrueType subsets, Identity-H, 5–10 pages, tables; and the LibreOffice ones):
 *    PDFium as the product runs it (engine process, IPC included), pdf.js 5.6 in process as the
 *    product used to, and `pdftotext -layout` (poppler, a process per file) as the floor — time
 *    ratio to pdftotext and how many of the expected table figures, the total and the unit each
 *    text yields.
 *
 * 3. the real PDF (test/fixtures/real-files/hongze-2024.pdf, a district's report as WPS printed it):
 *    PDFium as the product runs it against `pdftotext -layout` in the same run, and how many of
 *    its hand-labelled checks each text gives right (ok / null / WRONG).
 *
 * Run: npm run bench:formats (needs poppler-utils). BENCH_ROUNDS sets the rounds (default 7).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractDocument } from '../server/ingest/formats/index';
import { parseReport } from '../shared/report/index';
import { pdfjsText } from './fixtures/pdfjs-text';
import { checkFile, type FileLabel, tally } from './fixtures/real-files-score';
import { tableAccuracy } from './fixtures/table-accuracy';

const ROOT = join(import.meta.dirname, '..');
const FORMATS = join(ROOT, 'test', 'fixtures', 'formats');
const PDFS = join(ROOT, 'test', 'fixtures', 'pdf');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function timeIt(fn: () => Promise<unknown> | unknown): Promise<number> {
  await fn(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

/** How many of the expected table cells a text yields exactly, out of how many. */
function accuracy(text: string, expected: Record<string, unknown>, title?: string) {
  const report = parseReport(text, title ? { title } : {});
  const { right, of } = tableAccuracy(report, expected);
  return `${right}/${of}, ${report.proactive.total}, ${report.org.name}`;
}

// 1. read + parse per format
const names = readdirSync(FORMATS)
  .filter((f) => f.endsWith('.expected.json'))
  .map((f) => f.replace('.expected.json', ''))
  .sort();
const perFormat: Record<string, number[]> = { html: [], docx: [], pdf: [] };
for (const name of names) {
  for (const ext of ['html', 'docx', 'pdf'] as const) {
    const bytes = readFileSync(join(FORMATS, `${name}.${ext}`));
    perFormat[ext]?.push(await timeIt(async () => parseReport((await extractDocument(bytes)).text)));
  }
}
console.log(`format benchmark: median of ${ROUNDS} runs after a warm-up, Node ${process.version}\n`);
console.log(`Read + parse, ${names.length} reports per format:\n`);
console.log('| format | median ms per file | slowest file ms |');
console.log('|---|---|---|');
for (const [fmt, times] of Object.entries(perFormat))
  console.log(`| ${fmt} | ${median(times).toFixed(1)} | ${Math.max(...times).toFixed(1)} |`);

// 2. PDF engines
const pdfFiles = [
  ...readdirSync(PDFS)
    .filter((f) => f.endsWith('.pdf'))
    .sort()
    .map((f) => join(PDFS, f)),
  ...names.map((n) => join(FORMATS, `${n}.pdf`)),
];
const pages = (path: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path], { encoding: 'utf8' }))?.[1] ?? 0);
const ratios = { pdfium: [] as number[], pdfjs: [] as number[] };
console.log('\nPDF engines, per file (ms; × = ratio to pdftotext; accuracy = table cells right, total, unit):\n');
console.log(
  '| file | pages | pdftotext | PDFium (product) | × | pdf.js | × | PDFium accuracy | pdf.js accuracy | pdftotext accuracy |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const path of pdfFiles) {
  const bytes = readFileSync(path);
  const expected = JSON.parse(readFileSync(path.replace(/\.pdf$/, '.expected.json'), 'utf8'));
  const poppler = () => execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
  const floor = await timeIt(poppler);
  const pdfium = await timeIt(() => extractDocument(bytes));
  const pdfjs = await timeIt(() => pdfjsText(bytes));
  ratios.pdfium.push(pdfium / floor);
  ratios.pdfjs.push(pdfjs / floor);
  const ours = await extractDocument(bytes);
  const old = await pdfjsText(bytes);
  console.log(
    `| ${path.split('/').pop()} | ${pages(path)} | ${floor.toFixed(1)} | ${pdfium.toFixed(1)} | ${(pdfium / floor).toFixed(2)} | ${pdfjs.toFixed(1)} | ${(pdfjs / floor).toFixed(2)} | ${accuracy(ours.text, expected, ours.title)} | ${accuracy(old.text, expected, old.title)} | ${accuracy(poppler(), expected)} |`,
  );
}
console.log(
  `\nmedian ratio to pdftotext: PDFium ${median(ratios.pdfium).toFixed(2)}, slowest ${Math.max(...ratios.pdfium).toFixed(2)} (goal ≤ 2 per file); pdf.js ${median(ratios.pdfjs).toFixed(2)}`,
);

// 3. the real PDF
const REAL = join(ROOT, 'test', 'fixtures', 'real-files');
const labels = JSON.parse(readFileSync(join(REAL, 'labels.json'), 'utf8')) as FileLabel[];
console.log('\nReal PDFs (ms; × = ratio to pdftotext -layout in the same run; checks = hand labels ok/null/WRONG):\n');
console.log('| file | pages | pdftotext | PDFium (product) | × | PDFium checks | pdftotext checks |');
console.log('|---|---|---|---|---|---|---|');
for (const label of labels.filter((l) => l.file.endsWith('.pdf'))) {
  const path = join(REAL, label.file);
  const bytes = readFileSync(path);
  const poppler = () => execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
  const floor = await timeIt(poppler);
  const pdfium = await timeIt(async () => parseReport((await extractDocument(bytes)).text));
  const ours = await extractDocument(bytes);
  const checks = (text: string, title?: string) => {
    const t = tally(checkFile(label, parseReport(text, { file: label.file, ...(title ? { title } : {}) })));
    return `${t.ok}/${t.null}/${t.WRONG}`;
  };
  console.log(
    `| ${label.file} | ${pages(path)} | ${floor.toFixed(1)} | ${pdfium.toFixed(1)} | ${(pdfium / floor).toFixed(2)} | ${checks(ours.text, ours.title)} | ${checks(poppler())} |`,
  );
}
process.exit(0);
