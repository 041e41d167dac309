/**
 * `npm run check:real` parses the real-report corpus (test/fixtures/real: 285 openings of
 * published reports from 31 provinces, labelled by hand) and prints each field's score and every
 * mismatch. `--quiet` prints only the score line; `--min PCT` exits 1 below that overall score.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeText, parseReport } from '../shared/report/index';
import type { ParsedReport } from '../shared/report/types';
import { formatScore, type RealLabel, scoreReal } from './fixtures/real-score';

export const REAL_DIR = join(import.meta.dirname, '..', 'test', 'fixtures', 'real');

export function parseRealCorpus(dir = REAL_DIR): { labels: RealLabel[]; reports: ParsedReport[] } {
  const labels = JSON.parse(readFileSync(join(dir, 'labels.json'), 'utf8')) as RealLabel[];
  const reports = readdirSync(join(dir, 'raw'))
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((file) => parseReport(decodeText(readFileSync(join(dir, 'raw', file))).text, { file, format: 'text' }));
  return { labels, reports };
}

if (process.argv[1]?.endsWith('check-real.ts')) {
  const args = process.argv.slice(2);
  const { labels, reports } = parseRealCorpus();
  const score = scoreReal(labels, reports);
  if (!args.includes('--quiet')) {
    for (const m of score.mismatches) {
      process.stderr.write(`  ${m.file}: ${m.field} expected ${JSON.stringify(m.expected)} got ${JSON.stringify(m.got)}\n`);
    }
  }
  process.stdout.write(`${formatScore(score)}\n`);
  const min = args.includes('--min') ? Number(args[args.indexOf('--min') + 1]) : 0;
  process.exit((100 * score.ok) / Math.max(1, score.total) >= min ? 0 : 1);
}
