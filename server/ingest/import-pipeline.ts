import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Db } from '../db/client';
import { type ImportSummary, summarize } from './import-files';
import { commitImport, type ImportResult } from './import-report';
import type { ParseJob } from './parse-worker';
import { isPrepared, type PreparedReport } from './prepare-import';

const WORKER_URL = new URL(`./parse-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);

function startWorker(): Worker {
  if (!WORKER_URL.pathname.endsWith('.ts')) return new Worker(WORKER_URL);
  // run from TypeScript sources (tsx, vitest): the worker registers the TypeScript loader first
  const tsxRoot = dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const tsx = pathToFileURL(join(tsxRoot, 'dist', 'esm', 'api', 'index.mjs')).href;
  const boot = `import { register } from ${JSON.stringify(tsx)}; register(); await import(${JSON.stringify(WORKER_URL.href)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(boot)}`));
}

/**
 * Imports many files using every core: worker threads read and parse, the main thread writes each
 * report in its own transaction, in the order the files were given (so of two versions of one
 * report in a batch, the later file becomes current).
 */
export async function importFilesPipelined(
  db: Db,
  files: readonly string[],
  options: { county?: string | null; importedBy: string },
  onFile?: (result: ImportResult, index: number) => void,
): Promise<ImportSummary> {
  const results: ImportResult[] = new Array(files.length);
  if (files.length === 0) return summarize([]);
  const workers = Array.from({ length: Math.max(1, Math.min(availableParallelism() - 1, 4)) }, startWorker);
  const WINDOW = 64;
  const ready = new Map<number, PreparedReport | ImportResult>();
  let nextToSend = 0;
  let nextToCommit = 0;

  const send = (w: Worker) => {
    if (nextToSend >= files.length || nextToSend - nextToCommit >= WINDOW * workers.length) return;
    const job: ParseJob = {
      index: nextToSend,
      path: files[nextToSend] as string,
      county: options.county ?? null,
      importedBy: options.importedBy,
    };
    nextToSend++;
    w.postMessage(job);
  };

  try {
    await new Promise<void>((resolve, reject) => {
      const drain = () => {
        while (ready.has(nextToCommit)) {
          const out = ready.get(nextToCommit) as PreparedReport | ImportResult;
          ready.delete(nextToCommit);
          let result: ImportResult;
          try {
            result = isPrepared(out) ? commitImport(db, out) : out;
          } catch (err) {
            const file = basename(files[nextToCommit] as string);
            result = {
              file,
              status: 'failed',
              reason: { zh: '写入数据库失败，已跳过此文件', en: `database write failed: ${(err as Error).message}` },
            };
          }
          results[nextToCommit] = result;
          onFile?.(result, nextToCommit);
          nextToCommit++;
        }
        if (nextToCommit === files.length) resolve();
      };
      for (const w of workers) {
        w.on('message', (msg: { index: number; out: PreparedReport | ImportResult }) => {
          ready.set(msg.index, msg.out);
          drain();
          for (const ww of workers) for (let k = 0; k < 2; k++) send(ww);
        });
        w.on('error', reject);
        for (let k = 0; k < WINDOW; k++) send(w);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return summarize(results);
}
