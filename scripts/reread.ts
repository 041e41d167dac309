/**
 * `npm run reread -- [--report ID] [--county 米易县] [--year 2024] [--apply] [--by NAME]`: reads the
 * stored originals of the current reports in scope again with today's reader and prints, report by
 * report, what would change (figures as read, unit, findings). Nothing is written unless `--apply`
 * is given: then each changed report becomes a new version of the same original (one transaction
 * each; corrections kept where their figure reads the same, flagged otherwise; audited).
 */
import { parseArgs } from 'node:util';
import { closeDatabase, openDatabase } from '../server/db/client';
import { rereadApply, rereadPreview } from '../server/ingest/reread';
import { READER_VERSION } from '../shared/report/index';

const { values } = parseArgs({
  allowPositionals: true,
  options: {
    report: { type: 'string' },
    county: { type: 'string' },
    year: { type: 'string' },
    apply: { type: 'boolean', default: false },
    by: { type: 'string' },
  },
});
const scope = {
  ...(values.report ? { reportId: Number(values.report) } : {}),
  ...(values.county ? { county: values.county } : {}),
  ...(values.year ? { year: Number(values.year) } : {}),
};
if (Object.values(scope).some((v) => typeof v === 'number' && !Number.isInteger(v))) {
  console.error('usage: npm run reread -- [--report ID] [--county 米易县] [--year 2024] [--apply] [--by NAME]');
  process.exit(2);
}

const db = await openDatabase(process.env.DATABASE_URL);
const preview = await rereadPreview(db, scope);
console.log(`reader ${READER_VERSION}: ${preview.checked} current reports read again, ${preview.reports.length} would change`);
for (const e of preview.reports) {
  console.log(`\n${e.organization.name} ${e.year} (report ${e.reportId}, read by ${e.readerVersion ?? 'an unrecorded reader'})`);
  if (e.failed) console.log(`  cannot be read: ${e.failed.zh} (${e.failed.en})`);
  for (const c of e.changes) console.log(`  ${c.label}: ${c.from ?? '空'} → ${c.to ?? '空'}`);
  if (e.unit) console.log(`  单位: ${e.unit.from} → ${e.unit.to} (the report stays under ${e.unit.from})`);
  for (const f of e.findingsAdded) console.log(`  + ${f}`);
  for (const f of e.findingsRemoved) console.log(`  - ${f}`);
}
if (values.apply) {
  const ids = preview.reports.filter((e) => !e.failed).map((e) => e.reportId);
  const result =
    ids.length > 0
      ? await rereadApply(db, ids, { actor: values.by ?? process.env.USER ?? 'cli', ip: null })
      : { applied: [], skipped: [] };
  console.log(`\napplied ${result.applied.length}, skipped ${result.skipped.length}`);
  for (const s of result.skipped) console.log(`  skipped report ${s.reportId}: ${s.reason}`);
} else if (preview.reports.length > 0) {
  console.log('\nnothing written; run again with --apply to write these as new versions');
}
await closeDatabase(db);
