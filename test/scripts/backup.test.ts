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

  it('to a folder that does not exist says so in Chinese and English, without a stack trace (issue 32, item 19)', async () => {
    const t = await tempDatabase();
    try {
      const out = join(t.dir, 'no-such-folder', 'backup.db');
      let stderr = '';
      try {
        execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'backup.ts'), out], {
          cwd: ROOT,
          env: { ...process.env, DATABASE_URL: t.path },
          stdio: 'pipe',
          encoding: 'utf8',
        });
      } catch (e) {
        stderr = (e as { stderr: string }).stderr;
      }
      expect(stderr).toContain(`文件夹 ${join(t.dir, 'no-such-folder')} 不存在，请先建立它或换一个位置（未写入任何内容）`);
      expect(stderr).toContain('does not exist (nothing written)');
      expect(stderr).not.toMatch(/\n\s+at /);
    } finally {
      t.close();
    }
  });
});
