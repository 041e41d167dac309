import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDocument } from '../../../server/ingest/import-report';
import { tempDatabase } from '../../helpers/db';
import { ROOT } from '../../helpers/samples';

// A PDF's limit counts the CPU time the engine spends on it, never the wall clock, so a machine
// busy with other work slows imports down and never refuses a good file. This file starts with a
// cold PDF engine: the first file is not charged for loading it either.

const PDFS = [
  ...readdirSync(join(ROOT, 'test', 'fixtures', 'formats'))
    .filter((f) => f.endsWith('.pdf'))
    .map((f) => join(ROOT, 'test', 'fixtures', 'formats', f)),
  ...readdirSync(join(ROOT, 'test', 'fixtures', 'pdf'))
    .filter((f) => f.endsWith('.pdf'))
    .map((f) => join(ROOT, 'test', 'fixtures', 'pdf', f)),
];

/** Twenty distinct files: the fixtures, then the first ones again with a comment after %%EOF (another file to the importer). */
function twentyPdfs(): { name: string; bytes: Buffer }[] {
  const out: { name: string; bytes: Buffer }[] = [];
  for (let i = 0; out.length < 20; i++) {
    const path = PDFS[i % PDFS.length] as string;
    const round = Math.floor(i / PDFS.length);
    const bytes = round === 0 ? readFileSync(path) : Buffer.concat([readFileSync(path), Buffer.from(`\n% copy ${round}\n`)]);
    out.push({ name: `${round}-${path.split('/').pop()}`, bytes });
  }
  return out;
}

describe('PDFs imported while the machine is busy', async () => {
  const burners: ChildProcess[] = [];
  const t = await tempDatabase();

  beforeAll(() => {
    // one spinning process per core, as a batch import or another service would
    for (let i = 0; i < Math.max(2, cpus().length); i++) {
      burners.push(spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
    }
  });
  afterAll(() => {
    for (const b of burners) b.kill('SIGKILL');
    t.close();
  });

  it('imports all 20 valid PDFs, the first one on a cold engine included', async () => {
    const results = [];
    for (const f of twentyPdfs()) {
      results.push(await importDocument(t.db, { bytes: f.bytes, fileName: f.name, importedBy: 'test' }));
    }
    const failed = results.filter((r) => r.status === 'failed');
    expect(failed).toEqual([]);
    expect(results).toHaveLength(20);
  }, 600_000);
});
