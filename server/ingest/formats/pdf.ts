import type { Worker } from 'node:worker_threads';
import { siblingModule, startWorker } from '../ts-worker';
import { FormatError, type FormatErrorCode } from './errors';

export { itemsToLines, MAX_PDF_PAGES } from './pdf-lines';

/** Heap limit of the PDF thread: a hostile PDF that needs more fails alone, and the thread restarts. */
export const PDF_WORKER_HEAP_MB = 256;

export interface PdfText {
  text: string;
  /** The document information Title, when the PDF has one. */
  title?: string;
}

interface Pending {
  resolve: (result: PdfText) => void;
  reject: (err: FormatError) => void;
  timer: NodeJS.Timeout;
  /** Re-arms the time limit once the page count is known. */
  pages: (n: number) => void;
}

/**
 * Time a PDF may take: to open it, and then per page. A year's report (5–15 pages) reads in about
 * 0.1 s alone; on a busy server (uploads parsing beside it, two cores) the same file has taken over
 * 1.5 s, so these leave about fifty times the quiet figure. They stop a hostile file (a damaged
 * embedded font can send pdf.js's Type 1 parser into a loop) in seconds instead of tying the
 * thread up.
 */
export const PDF_OPEN_MS = 4000;
export const PDF_PAGE_MS = 150;

interface Thread {
  worker: Worker;
  /** pdf.js is loaded; until then the jobs' time limits wait (see pdf-worker.ts). */
  ready: boolean;
  onReady: (() => void)[];
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
  const t: Thread = { worker: w, ready: false, onReady: [], pending: new Map() };
  w.on(
    'message',
    (msg: {
      id: number;
      ready?: boolean;
      pages?: number;
      text?: string;
      title?: string;
      error?: { code: FormatErrorCode; zh: string; en: string };
    }) => {
      const p = t.pending.get(msg.id);
      if (!p) return;
      if (msg.pages !== undefined) {
        p.pages(msg.pages);
        return;
      }
      t.pending.delete(msg.id);
      clearTimeout(p.timer);
      if (msg.error) p.reject(new FormatError(msg.error.code, msg.error.zh, msg.error.en));
      else p.resolve(msg.title ? { text: msg.text ?? '', title: msg.title } : { text: msg.text ?? '' });
      if (t.pending.size === 0) w.unref();
    },
  );
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

/**
 * The PDF's text, read in the PDF thread. Gives up (and replaces the thread) when it takes longer
 * than PDF_OPEN_MS plus PDF_PAGE_MS a page, or than `limitMs` whatever the pages.
 */
export function pdfToText(bytes: Uint8Array, limitMs: number): Promise<PdfText> {
  const t = thread();
  const id = ++nextId;
  let started = performance.now();
  return new Promise<PdfText>((resolve, reject) => {
    const expire = () => {
      t.pending.delete(id);
      reject(
        new FormatError(
          'format.timeout',
          `读取 PDF 超过 ${((performance.now() - started) / 1000).toFixed(1)} 秒仍未完成（上限按页数计算），文件可能已损坏`,
          'PDF extraction timed out',
        ),
      );
      stop(t);
    };
    const arm = (totalMs: number) => setTimeout(expire, Math.max(0, Math.min(limitMs, totalMs) - (performance.now() - started)));
    const p: Pending = {
      resolve,
      reject,
      // the clock starts when the thread can work: a thread still loading pdf.js is not the file's fault
      timer: arm(t.ready ? PDF_OPEN_MS : limitMs),
      pages: (n) => {
        clearTimeout(p.timer);
        p.timer = arm(PDF_OPEN_MS + n * PDF_PAGE_MS);
      },
    };
    if (!t.ready) {
      t.onReady.push(() => {
        if (!t.pending.has(id)) return;
        clearTimeout(p.timer);
        started = performance.now();
        p.timer = arm(PDF_OPEN_MS);
      });
    }
    t.pending.set(id, p);
    t.worker.ref();
    const copy = new Uint8Array(bytes);
    t.worker.postMessage({ id, bytes: copy }, [copy.buffer]);
  });
}
