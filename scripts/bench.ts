/**
 * `npm run bench [-- --quick]`: every benchmark in turn — parse, formats, OCR, ingest (1k/10k/100k),
 * API (40 and 4,000 towns), web — each against its baseline measured in the same run, printed as
 * the Markdown tables of docs/benchmarks.md. --quick runs smaller sizes (ingest 1k/10k, API 10 s
 * at 40 towns only, 3 browser runs) to check the benchmarks still work.
 */
import { spawnSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../server/db/client';

const quick = process.argv.includes('--quick');
const steps: [string, string, string[]][] = [
  ['Parse (text)', 'bench-parse.ts', []],
  ['Formats', 'bench-formats.ts', []],
  ['OCR', 'bench-ocr.ts', quick ? ['--quick'] : []],
  ['Ingest', 'bench-ingest.ts', ['--reports', quick ? '1000,10000' : '1000,10000,100000']],
  ['API', 'bench-api.ts', quick ? ['--orgs', '40', '--seconds', '5'] : []],
  ['Web', 'bench-web.ts', quick ? ['--orgs', '40,400', '--runs', '3'] : []],
];
console.log(
  `# benchmark run ${new Date().toISOString()}: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}\n`,
);
let failed = 0;
for (const [title, script, args] of steps) {
  console.log(`## ${title} — \`npx tsx scripts/${script} ${args.join(' ')}\`\n`);
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'scripts', script), ...args], {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (r.status !== 0) failed++;
  console.log(`\n(${((performance.now() - t0) / 1000).toFixed(0)} s${r.status === 0 ? '' : `, FAILED with ${r.status}`})\n`);
}
process.exit(failed ? 1 : 0);
