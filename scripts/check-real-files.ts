/**
 * `npm run check:real-files` reads the real files (test/fixtures/real-files: a district's WPS PDF
 * and a county-level portal's pages, labelled by hand) through the product's own readers and
 * parser and prints every check that is not ok, then `real files: N/M checks ok, n null, w WRONG`.
 * `--min PCT` exits 1 below PCT% ok or with any WRONG (CI runs it with --min 100).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { extractDocument, FormatError, sourceInfo } from '../server/ingest/formats/index';
import { parseReport } from '../shared/report/index';
import type { ParsedReport } from '../shared/report/types';
import { type FileLabel, scoreFiles, tally } from './fixtures/real-files-score';

export const REAL_FILES_DIR = join(import.meta.dirname, '..', 'test', 'fixtures', 'real-files');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? filesUnder(p) : /\.(?:pdf|html?)$/i.test(f) ? [p] : [];
  });
}

/** Every real file read and parsed as an import would (its text, its title, its page's metadata). */
export async function parseRealFiles(dir = REAL_FILES_DIR): Promise<{ labels: FileLabel[]; reports: ParsedReport[] }> {
  const labels = JSON.parse(readFileSync(join(dir, 'labels.json'), 'utf8')) as FileLabel[];
  const reports: ParsedReport[] = [];
  for (const path of filesUnder(dir)) {
    const file = relative(dir, path);
    try {
      const extracted = await extractDocument(readFileSync(path));
      reports.push(parseReport(extracted.text, sourceInfo(extracted, { file })));
    } catch (err) {
      if (!(err instanceof FormatError)) throw err;
      const r = parseReport('', { file });
      r.findings = [{ code: err.code, severity: 'error', message: err.zh }];
      reports.push(r);
    }
  }
  return { labels, reports };
}

if (process.argv[1]?.endsWith('check-real-files.ts')) {
  const args = process.argv.slice(2);
  const { labels, reports } = await parseRealFiles();
  const checks = scoreFiles(labels, reports);
  for (const c of checks.filter((x) => x.outcome !== 'ok')) {
    process.stdout.write(
      `  ${c.outcome.padEnd(5)} ${c.file} ${c.what}: label ${JSON.stringify(c.want)}, read ${JSON.stringify(c.got)}\n`,
    );
  }
  const t = tally(checks);
  const pct = (100 * t.ok) / Math.max(1, checks.length);
  process.stdout.write(`real files: ${t.ok}/${checks.length} checks ok (${pct.toFixed(1)}%), ${t.null} null, ${t.WRONG} WRONG\n`);
  const min = args.includes('--min') ? Number(args[args.indexOf('--min') + 1]) : null;
  process.exit(min !== null && (pct < min || t.WRONG > 0) ? 1 : 0);
}
