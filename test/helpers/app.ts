import { type App, buildApp } from '../../server/app';
import { loadEnv } from '../../server/config/env';
import type { Db } from '../../server/db/client';
import { loadSamplesIfEmpty } from '../../server/ingest/samples';
import { addUsers, PASSWORD, tempDatabase } from './db';

export { PASSWORD } from './db';

export interface TestApp {
  app: App;
  db: Db;
  /** The database's URL (a SQLite file path or a postgres:// URL), for a second process. */
  url: string;
  close: () => Promise<void>;
  /** Signs in and returns the headers a browser would send on the next write. */
  login: (name: string, password?: string) => Promise<{ cookie: string; 'x-csrf-token': string }>;
}

/**
 * The real app over a fresh database with migrations applied (a SQLite file, or a PostgreSQL
 * database when TEST_DATABASE_URL is set), the samples and three users loaded.
 */
export async function testApp(env: Record<string, string> = {}, { samples = true } = {}): Promise<TestApp> {
  const t = await tempDatabase();
  if (samples) await loadSamplesIfEmpty(t.db);
  await addUsers(t.db, [
    ['admin', 'admin'],
    ['editor', 'editor'],
    ['viewer', 'viewer'],
  ]);
  const app = await buildApp({ db: t.db, env: loadEnv(env) });
  return {
    app,
    db: t.db,
    url: t.path,
    close: async () => {
      await app.close();
      await t.close();
    },
    login: async (name: string, password = PASSWORD) => {
      const res = await app.inject({ method: 'POST', url: '/api/session', payload: { name, password } });
      if (res.statusCode !== 200) throw new Error(`login ${name}: ${res.statusCode} ${res.body}`);
      const sid = res.cookies.find((c) => c.name === 'sid')?.value;
      return { cookie: `sid=${sid}`, 'x-csrf-token': res.json().csrfToken as string };
    },
  };
}

/** A multipart/form-data body with the given files (and fields). */
export function multipart(
  files: { name: string; content: Buffer | string; type?: string }[],
  fields: Record<string, string> = {},
) {
  const boundary = `----test${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  for (const f of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${f.name}"; filename*=UTF-8''${encodeURIComponent(f.name)}\r\nContent-Type: ${f.type ?? 'application/octet-stream'}\r\n\r\n`,
      ),
      Buffer.isBuffer(f.content) ? f.content : Buffer.from(f.content),
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
