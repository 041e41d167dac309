/**
 * `npm run demo`: a clearly-labelled demo data set — 15 made-up towns of 演示县 with reports for
 * 2021–2024, written like the real samples (scripts/fixtures/demo-report.ts) — in its own database
 * (data/demo.db, or DATABASE_URL), then the dashboard on it. Every page shows a 演示数据 banner
 * while demo data is loaded.
 */
import { join } from 'node:path';
import { closeDatabase, openDatabase, PROJECT_ROOT } from '../server/db/client';
import { importDocument } from '../server/ingest/import-report';
import { DEMO_IMPORTER } from '../server/queries/meta/get-status';
import { demoReport } from './fixtures/demo-report';

process.env.DATABASE_URL ??= join(PROJECT_ROOT, 'data', 'demo.db');
process.env.LOAD_SAMPLES ??= 'false';
const db = await openDatabase(process.env.DATABASE_URL);
let imported = 0;
for (let org = 0; org < 15; org++) {
  for (let year = 2021; year <= 2024; year++) {
    if ((org * 7 + year) % 11 === 0) continue; // a few missing reports, as in real life
    const r = demoReport(org, year);
    const result = await importDocument(db, {
      bytes: Buffer.from(r.text),
      fileName: `演示-${r.fileName}`,
      // the demo's towns are of 演示县, which their reports do not name: given at import, as the office does
      county: '演示县',
      importedBy: DEMO_IMPORTER,
    });
    if (result.status === 'imported') imported++;
  }
}
await closeDatabase(db);
console.log(`demo data: ${imported} demo reports (made-up towns of 演示县) loaded into ${process.env.DATABASE_URL}`);
await import('./start');
