/**
 * `npm run gen:corpus -- --orgs N --years 2019-2025 --out DIR [--seed 1] [--counties 8]
 *  [--html-share 0.2] [--office-share 0.05]`: a synthetic corpus of reports with their ground
 * truth beside them (see scripts/fixtures/corpus.ts). DOCX and PDF need LibreOffice.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';
import { generateCorpus } from './fixtures/corpus';

const { values } = parseArgs({
  options: {
    orgs: { type: 'string', default: '40' },
    years: { type: 'string', default: '2019-2025' },
    out: { type: 'string' },
    seed: { type: 'string', default: '1' },
    counties: { type: 'string', default: '8' },
    'html-share': { type: 'string', default: '0.2' },
    'office-share': { type: 'string', default: '0.05' },
  },
  allowPositionals: true,
});
const years = /^(\d{4})(?:-(\d{4}))?$/.exec(values.years);
const orgs = Number(values.orgs);
const shares = [Number(values['html-share']), Number(values['office-share'])];
if (!values.out || !years || !Number.isInteger(orgs) || orgs < 1 || shares.some((s) => !(s >= 0 && s <= 1))) {
  console.error(
    'usage: npm run gen:corpus -- --orgs N --years 2019-2025 --out DIR [--seed 1] [--counties 8] [--html-share 0.2] [--office-share 0.05]',
  );
  process.exit(2);
}
const from = Number(years[1]);
const to = Number(years[2] ?? years[1]);
const bar = new SingleBar({ format: 'generating {bar} {value}/{total}', hideCursor: true, stream: process.stderr });
bar.start(orgs * (to - from + 1), 0);
const t0 = performance.now();
const truths = generateCorpus({
  orgs,
  from,
  to,
  out: resolve(values.out),
  seed: Number(values.seed),
  counties: Number(values.counties),
  htmlShare: shares[0],
  officeShare: shares[1],
  onProgress: (done) => bar.update(done),
});
bar.stop();
const by: Record<string, number> = {};
for (const t of truths) by[t.format] = (by[t.format] ?? 0) + 1;
console.log(
  `${truths.length} reports (${Object.entries(by)
    .map(([f, n]) => `${f} ${n}`)
    .join(', ')}) with their .truth.json written to ${resolve(values.out)} in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);
