import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../server/db/client';
import { importDocument } from '../../server/ingest/import-report';
import { loadSamplesIfEmpty } from '../../server/ingest/samples';
import { onPostgres, rowCounts, sqlGet, tempDatabase } from '../helpers/db';
import { ROOT, sampleText } from '../helpers/samples';

// the SQLite file's online backup; a PostgreSQL database is backed up with its own tools (docs/postgresql.md)
describe.skipIf(onPostgres)('npm run backup', () => {
  it('copies the database with the online backup API, and the copy restores every row and original file', async () => {
    const t = await tempDatabase();
    try {
      await loadSamplesIfEmpty(t.db);
      const text = sampleText('caochang').replace('主动公开各类政府信息 24 条', '主动公开各类政府信息 25 条');
      await importDocument(t.db, { bytes: Buffer.from(text), fileName: 'v2.txt', importedBy: 'test' });
      const out = join(t.dir, 'backup.db');
      const printed = execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'backup.ts'), out], {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: t.path },
        encoding: 'utf8',
      });
      expect(printed).toContain('integrity ok, 6 reports');
      const restored = await openDatabase(out);
      expect(await rowCounts(restored)).toEqual(await rowCounts(t.db));
      const original = (await sqlGet(restored, 'select bytes from source_documents where file_name = ?', 'v2.txt')) as {
        bytes: Buffer;
      };
      expect(original.bytes.toString()).toBe(text);
      await closeDatabase(restored);
    } finally {
      t.close();
    }
  });

  it('refuses to overwrite an existing file', async () => {
    const t = await tempDatabase();
    try {
      const run = () =>
        execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'backup.ts'), t.path], {
          cwd: ROOT,
          env: { ...process.env, DATABASE_URL: t.path },
          stdio: 'pipe',
        });
      expect(run).toThrow();
    } finally {
      t.close();
    }
  });
});
