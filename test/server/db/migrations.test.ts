/**
 * The committed migrations of both databases are those of server/db/schema.ts: drizzle-kit, run on
 * a copy of them, finds nothing to add. A column added to the schema without `npm run db:generate`
 * fails here (for PostgreSQL too, which no SQLite test would notice).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR, PG_MIGRATIONS_DIR, PROJECT_ROOT } from '../../../server/db/client';

const work = mkdtempSync(join(tmpdir(), 'migrations-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function generate(dialect: 'sqlite' | 'postgresql', schema: string, from: string): string[] {
  const out = join(work, dialect);
  cpSync(from, out, { recursive: true, filter: (src) => !src.startsWith(PG_MIGRATIONS_DIR) || from === PG_MIGRATIONS_DIR });
  const config = join(work, `${dialect}.config.mjs`);
  // drizzle-kit takes `out` relative to the working directory
  writeFileSync(config, `export default ${JSON.stringify({ dialect, schema, out: relative(PROJECT_ROOT, out) })};\n`);
  const before = readdirSync(out).filter((f) => f.endsWith('.sql'));
  const r = spawnSync(join(PROJECT_ROOT, 'node_modules', '.bin', 'drizzle-kit'), ['generate', '--config', config], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
  });
  const said = `${r.stdout}${r.stderr}`;
  const added = readdirSync(out).filter((f) => f.endsWith('.sql') && !before.includes(f));
  // drizzle-kit read the migrations and compared (it exits 0 even when it could not)
  if (added.length === 0) expect(said).toContain('No schema changes');
  return added;
}

describe('migrations', () => {
  it('SQLite: nothing in the schema lacks a migration', () => {
    expect(generate('sqlite', 'server/db/schema.ts', MIGRATIONS_DIR)).toEqual([]);
  });

  it('PostgreSQL: nothing in the schema lacks a migration', () => {
    expect(generate('postgresql', 'server/db/schema-pg.ts', PG_MIGRATIONS_DIR)).toEqual([]);
  });
});
