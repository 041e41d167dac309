/**
 * The real server as a separate process (`server/server.ts`, as `npm start` runs it), for tests that
 * must kill it with SIGKILL or load it over loopback from another process.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from '../../scripts/fixtures/free-port';
import { closeDatabase, openDatabase } from '../../server/db/client';
import { addUsers, PASSWORD } from './db';
import { ROOT } from './samples';

/** Migrates a database file and gives it an editor account, as an office's installation would have. */
export async function prepareDatabase(path: string): Promise<void> {
  const db = await openDatabase(path);
  await addUsers(db, [['editor', 'editor']]);
  await closeDatabase(db);
}

export interface ServerProcess {
  base: string;
  child: ChildProcess;
  /** Everything the server logged (pino JSON lines), for checks such as "no SQLITE_BUSY". */
  log: () => string;
  /** Milliseconds from spawn to the first successful answer of /api/health. */
  startMs: number;
  kill: (signal?: NodeJS.Signals) => Promise<void>;
}

/** Spawns the server on a free port and resolves once /api/health answers. */
export async function startServer(dbPath: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'server', 'server.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: dbPath,
      LOAD_SAMPLES: 'false',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout?.on('data', (d: Buffer) => {
    log += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    log += d.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const base = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`server exited before answering (${child.exitCode ?? child.signalCode}): ${log}`);
    try {
      const res = await fetch(`${base}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (performance.now() - t0 > 60_000) {
      child.kill('SIGKILL');
      throw new Error(`server did not answer within 60 s: ${log}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  return {
    base,
    child,
    log: () => log,
    startMs: performance.now() - t0,
    kill: async (signal: NodeJS.Signals = 'SIGKILL') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

/** Signs in over HTTP; returns the headers of a browser's next write. */
export async function loginOver(base: string, name = 'editor'): Promise<{ cookie: string; 'x-csrf-token': string }> {
  const res = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password: PASSWORD }),
  });
  if (!res.ok) throw new Error(`login: ${res.status} ${await res.text()}`);
  const sid = /sid=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
  const body = (await res.json()) as { csrfToken: string };
  return { cookie: `sid=${sid}`, 'x-csrf-token': body.csrfToken };
}

/** Uploads files as the dashboard does (multipart field `files`). */
export async function upload(
  base: string,
  headers: Record<string, string>,
  files: { name: string; bytes: Buffer | string }[],
): Promise<Response> {
  const form = new FormData();
  for (const f of files)
    form.append('files', new Blob([typeof f.bytes === 'string' ? f.bytes : new Uint8Array(f.bytes)]), f.name);
  return fetch(`${base}/api/reports`, { method: 'POST', headers, body: form });
}

/**
 * Resolves once the server's document reader has started (/api/health says reader: ready): a test
 * that times uploads measures reading, not the few seconds the engine takes to load after a start.
 */
export async function readerReady(base: string, timeoutMs = 60_000): Promise<void> {
  const t0 = performance.now();
  for (;;) {
    const res = await fetch(`${base}/api/health`);
    const body = (await res.json()) as { reader?: string };
    if (body.reader === 'ready') return;
    if (performance.now() - t0 > timeoutMs) throw new Error(`the document reader did not start within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
