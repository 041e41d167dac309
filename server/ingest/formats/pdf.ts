import type { Worker } from 'node:worker_threads';
import { siblingModule, startWorker } from '../ts-worker';
import { FormatError, type FormatErrorCode } from './errors';

export { itemsToLines, MAX_PDF_PAGES } from './pdf-lines';

/** Heap limit of the PDF thread: a hostile PDF that needs more fails alone, and the thread restarts. */
export const PDF_WORKER_HEAP_MB = 256;

interface Pending {
  resolve: (text: string) => void;
  reject: (err: FormatError) => void;
  timer: NodeJS.Timeout;
}

interface Thread {
  worker: Worker;
  /** Jobs sent to this thread and not yet answered. */
  pending: Map<number, Pending>;
}

/** The thread that reads PDFs, and a started spare that takes over at once when it is stopped. */
let active: Thread | null = null;
let spare: Thread | null = null;
let nextId = 0;

function fail(t: Thread, err: FormatError): void {
  for (const p of t.pending.values()) {
    clearTimeout(p.timer);
    p.reject(err);
  }
  t.pending.clear();
}

function spawn(): Thread {
  const w = startWorker(siblingModule(import.meta.url, 'pdf-worker'), {
    resourceLimits: { maxOldGenerationSizeMb: PDF_WORKER_HEAP_MB },
  });
  const t: Thread = { worker: w, pending: new Map() };
  w.on('message', (msg: { id: number; text?: string; error?: { code: FormatErrorCode; zh: string; en: string } }) => {
    const p = t.pending.get(msg.id);
    if (!p) return;
    t.pending.delete(msg.id);
    clearTimeout(p.timer);
    if (msg.error) p.reject(new FormatError(msg.error.code, msg.error.zh, msg.error.en));
    else p.resolve(msg.text ?? '');
    if (t.pending.size === 0) w.unref();
  });
  const died = (why: string) => {
    if (active === t) active = null;
    if (spare === t) spare = null;
    fail(
      t,
      new FormatError(
        'format.corrupt',
        `读取 PDF 时超出内存上限或出错（上限 ${PDF_WORKER_HEAP_MB} MB），文件可能已损坏或是恶意构造`,
        why,
      ),
    );
  };
  w.on('error', (err) => died(err.message));
  w.on('exit', (code) => died(`pdf thread exited with ${code}`));
  w.unref();
  return t;
}

/**
 * The active thread. A spare is kept started beside it (pdf.js takes about a second to load), so
 * that when a hostile file gets the active one stopped, the next PDF does not wait.
 */
function thread(): Thread {
  if (!active) {
    active = spare ?? spawn();
    spare = null;
  }
  if (!spare) {
    setImmediate(() => {
      spare ??= spawn();
    });
  }
  return active;
}

function stop(t: Thread): void {
  if (active === t) active = null;
  void t.worker.terminate();
}

/** The PDF's text, read in the PDF thread; gives up (and replaces the thread) after `timeoutMs`. */
export function pdfToText(bytes: Uint8Array, timeoutMs: number): Promise<string> {
  const t = thread();
  const id = ++nextId;
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      t.pending.delete(id);
      reject(
        new FormatError(
          'format.timeout',
          `读取 PDF 超过 ${timeoutMs / 1000} 秒仍未完成，文件可能已损坏`,
          'PDF extraction timed out',
        ),
      );
      stop(t);
    }, timeoutMs);
    t.pending.set(id, { resolve, reject, timer });
    t.worker.ref();
    const copy = new Uint8Array(bytes);
    t.worker.postMessage({ id, bytes: copy }, [copy.buffer]);
  });
}
