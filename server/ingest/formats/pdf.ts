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

let worker: Worker | null = null;
let nextId = 0;
const pending = new Map<number, Pending>();

function fail(all: Map<number, Pending>, err: FormatError): void {
  for (const p of all.values()) {
    clearTimeout(p.timer);
    p.reject(err);
  }
  all.clear();
}

function thread(): Worker {
  if (worker) return worker;
  const w = startWorker(siblingModule(import.meta.url, 'pdf-worker'), {
    resourceLimits: { maxOldGenerationSizeMb: PDF_WORKER_HEAP_MB },
  });
  w.on('message', (msg: { id: number; text?: string; error?: { code: FormatErrorCode; zh: string; en: string } }) => {
    const p = pending.get(msg.id);
    if (!p) return;
    pending.delete(msg.id);
    clearTimeout(p.timer);
    if (msg.error) p.reject(new FormatError(msg.error.code, msg.error.zh, msg.error.en));
    else p.resolve(msg.text ?? '');
    if (pending.size === 0) w.unref();
  });
  const died = (why: string) => {
    if (worker === w) worker = null;
    if (pending.size > 0) prewarm();
    fail(
      pending,
      new FormatError(
        'format.corrupt',
        `读取 PDF 时超出内存上限或出错（上限 ${PDF_WORKER_HEAP_MB} MB），文件可能已损坏或是恶意构造`,
        why,
      ),
    );
  };
  w.on('error', (err) => died(err.message));
  w.on('exit', (code) => died(`pdf thread exited with ${code}`));
  worker = w;
  return w;
}

/**
 * After a thread was stopped (a hostile file), start its replacement at once so that the next PDF
 * does not wait for pdf.js to load (about a second).
 */
function prewarm(): void {
  setImmediate(() => {
    if (!worker) thread().unref();
  });
}

/** The PDF's text, read in the PDF thread; gives up (and restarts the thread) after `timeoutMs`. */
export function pdfToText(bytes: Uint8Array, timeoutMs: number): Promise<string> {
  const w = thread();
  const id = ++nextId;
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      pending.delete(id);
      reject(
        new FormatError(
          'format.timeout',
          `读取 PDF 超过 ${timeoutMs / 1000} 秒仍未完成，文件可能已损坏`,
          'PDF extraction timed out',
        ),
      );
      if (worker === w) worker = null;
      void w.terminate();
      prewarm();
    }, timeoutMs);
    pending.set(id, { resolve, reject, timer });
    w.ref();
    const copy = new Uint8Array(bytes);
    w.postMessage({ id, bytes: copy }, [copy.buffer]);
  });
}
