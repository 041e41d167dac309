import { availableParallelism } from 'node:os';
import { basename } from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { Db } from '../db/client';
import { siblingModule, startWorker } from '../workers/ts-worker';
import { type ImportSummary, summarize } from './import-files';
import { commitImport, type ImportResult } from './import-report';
import type { ParseJob } from './parse-worker';
import { failed, isPrepared, type PreparedReport } from './prepare-import';

const WORKER_URL = siblingModule(import.meta.url, 'parse-worker');

/** Heap limit of a parse worker: a file that needs more (a hostile PDF, say) fails alone. */
export const PARSE_WORKER_HEAP_MB = 512;

type Outcome = PreparedReport | ImportResult;

/**
 * Imports many files using every core: worker threads read and parse, the main thread writes each
 * report in its own transaction, in the order the files were given (so of two versions of one
 * report in a batch, the later file becomes current). A worker that dies (out of memory on a
 * hostile file) fails only the files it held, and is replaced.
 */
export async function importFilesPipelined(
  db: Db,
  files: readonly string[],
  options: { county?: string | null; importedBy: string },
  onFile?: (result: ImportResult, index: number) => void,
): Promise<ImportSummary> {
  const results: ImportResult[] = new Array(files.length);
  if (files.length === 0) return summarize([]);
  const WINDOW = 32;
  const ready = new Map<number, Outcome>();
  const inFlight = new Map<Worker, Set<number>>();
  let nextToSend = 0;
  let nextToCommit = 0;
  let done: () => void = () => {};

  const send = (w: Worker) => {
    const held = inFlight.get(w);
    while (held && held.size < WINDOW && nextToSend < files.length && nextToSend - nextToCommit < WINDOW * 4 * inFlight.size) {
      const job: ParseJob = {
        index: nextToSend,
        path: files[nextToSend] as string,
        county: options.county ?? null,
        importedBy: options.importedBy,
      };
      held.add(nextToSend++);
      w.postMessage(job);
    }
  };
  // Writing pauses 2 ms every 50 ms so that a server writing to the same database (an upload, a
  // sign-in) gets the write lock between two reports instead of waiting for the whole batch.
  let writingSince = performance.now();
  let paused = false;
  // one drain at a time: a worker's message arriving while a report is being written only adds to `ready`
  let draining = false;
  const drain = async () => {
    if (paused || draining) return;
    draining = true;
    try {
      await commitReady();
    } finally {
      draining = false;
    }
    if (nextToCommit === files.length) done();
    else for (const w of inFlight.keys()) send(w);
  };
  const commitReady = async () => {
    while (ready.has(nextToCommit)) {
      if (performance.now() - writingSince > 50) {
        paused = true;
        setTimeout(() => {
          paused = false;
          writingSince = performance.now();
          void drain();
        }, 2);
        return;
      }
      const out = ready.get(nextToCommit) as Outcome;
      ready.delete(nextToCommit);
      let result: ImportResult;
      try {
        result = isPrepared(out) ? await commitImport(db, out) : out;
      } catch (err) {
        const file = basename(files[nextToCommit] as string);
        result = failed(file, '写入数据库失败，已跳过此文件', `database write failed: ${(err as Error).message}`);
      }
      results[nextToCommit] = result;
      onFile?.(result, nextToCommit);
      nextToCommit++;
    }
  };
  const spawn = () => {
    const w = startWorker(WORKER_URL, { resourceLimits: { maxOldGenerationSizeMb: PARSE_WORKER_HEAP_MB } });
    inFlight.set(w, new Set());
    w.on('message', (msg: { index: number; out: Outcome }) => {
      inFlight.get(w)?.delete(msg.index);
      ready.set(msg.index, msg.out);
      void drain();
    });
    w.on('error', (err) => {
      const lost = inFlight.get(w) ?? new Set();
      inFlight.delete(w);
      for (const i of lost) {
        const file = basename(files[i] as string);
        ready.set(i, failed(file, '读取该文件时超出内存上限，文件可能已损坏或是恶意构造', `parse worker died: ${err.message}`));
      }
      spawn();
      void drain();
    });
    send(w);
  };

  const workers = Math.max(1, Math.min(availableParallelism() - 1, 4));
  try {
    await new Promise<void>((resolve) => {
      done = resolve;
      for (let i = 0; i < workers; i++) spawn();
    });
  } finally {
    await Promise.all([...inFlight.keys()].map((w) => w.terminate()));
  }
  return summarize(results);
}
