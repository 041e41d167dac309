/**
 * Format benchmark on the committed fixtures (test/fixtures/formats): time per file to read and
 * parse each format, and for PDF our pdfjs-based extraction against `pdftotext -layout`
 * (poppler-utils) in the same run — time ratio and how many of the 200 table figures, the
 * proactive total and the organisation each text yields. Run: npm run bench:formats
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractDocument } from '../server/ingest/formats/index';
import { parseReport, reportCells } from '../shared/report/index';

const DIR = join(import.meta.dirname, '..', 'test', 'fixtures', 'formats');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const names = readdirSync(DIR)
  .filter((f) => f.endsWith('.expected.json'))
  .map((f) => f.replace('.expected.json', ''))
  .sort();

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
function accuracy(
  text: string,
  expected: Record<string, unknown>,
): { cells: number; of: number; total: number | null; org: string | null } {
  const report = parseReport(text);
  let cells = 0;
  let of = 0;
  for (const cell of reportCells(report)) {
    const want =
      cell.table === 'article20'
        ? (expected.article20 as Record<string, Record<string, number>>)[cell.row]?.[cell.column]
        : ((expected[cell.table] as Record<string, number[]>)[cell.row] ?? [])[cell.index];
    of++;
    if (want === cell.value) cells++;
  }
  return { cells, of, total: report.proactive.total, org: report.org.name };
}

const perFormat: Record<string, number[]> = { html: [], docx: [], pdf: [] };
const pdfRows: string[] = [];
const ratios: number[] = [];
for (const name of names) {
  const expected = JSON.parse(readFileSync(join(DIR, `${name}.expected.json`), 'utf8'));
  for (const ext of ['html', 'docx', 'pdf'] as const) {
    const bytes = readFileSync(join(DIR, `${name}.${ext}`));
    perFormat[ext]?.push(await timeIt(async () => parseReport((await extractDocument(bytes)).text)));
  }
  const path = join(DIR, `${name}.pdf`);
  const bytes = readFileSync(path);
  const ours = await timeIt(async () => (await extractDocument(bytes)).text);
  const poppler = await timeIt(() => execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', path, '-'], { encoding: 'utf8' }));
  const a = accuracy((await extractDocument(bytes)).text, expected);
  const b = accuracy(execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', path, '-'], { encoding: 'utf8' }), expected);
  ratios.push(ours / poppler);
  pdfRows.push(
    `| ${name}.pdf | ${ours.toFixed(1)} | ${poppler.toFixed(1)} | ${(ours / poppler).toFixed(2)} | ${a.cells}/${a.of}, total ${a.total}, ${a.org} | ${b.cells}/${b.of}, total ${b.total}, ${b.org} |`,
  );
}

console.log(`format benchmark: ${names.length} reports per format, median of ${ROUNDS} runs, Node ${process.version}\n`);
console.log('| format | median ms per file (read + parse) | slowest file ms |');
console.log('|---|---|---|');
for (const [fmt, times] of Object.entries(perFormat))
  console.log(`| ${fmt} | ${median(times).toFixed(1)} | ${Math.max(...times).toFixed(1)} |`);
console.log('\nPDF text extraction, ours (pdfjs-dist, in process) against pdftotext -layout (a process per file):\n');
console.log('| file | ours ms | pdftotext ms | ratio | ours: cells right, total, org | pdftotext: cells right, total, org |');
console.log('|---|---|---|---|---|---|');
for (const r of pdfRows) console.log(r);
console.log(`\nmedian time ratio ours / pdftotext: ${median(ratios).toFixed(2)} (goal ≤ 2)`);
