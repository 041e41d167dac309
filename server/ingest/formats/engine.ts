import { type ChildProcess, fork } from 'node:child_process';
import { createRequire } from 'node:module';
import type { Readable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { siblingModule } from '../../workers/ts-worker';
import type { EngineKind } from './engine-process';
import { FormatError, type FormatErrorCode } from './errors';
import type { PageAttachment, PageMeta } from './page-meta';
import type { PdfLayout } from './pdf-pages';

export { itemsToLines, MAX_PDF_PAGES } from './pdf-lines';

/**
 * The document engine: binary documents (PDF, .doc/.wps) are read in a process of their own
 * (engine-process.ts), one file at a time, with a started spare beside it.
 *
 * What a file may cost, in CPU time of the engine process (never wall-clock time: a busy machine
 * slows a file down but cannot make it fail). A year's report takes 20–40 ms of CPU; these stop a
 * hostile file that loops or crawls after a few seconds of real work.
 */
export const PDF_CPU_OPEN_MS = 3000;
export const PDF_CPU_PAGE_MS = 500;
/** OCR: loading the models once, then each scanned page (about 5–15 s of CPU on this machine's cores). */
export const OCR_CPU_START_MS = 30_000;
export const OCR_CPU_PAGE_MS = 120_000;
/** Scanned pages OCR reads in one file at most (a real report has 5 to 20); set from OCR_MAX_PAGES at start. */
let ocrMaxPages = 30;
export function setOcrMaxPages(n: number): void {
  ocrMaxPages = n;
}

/** Memory of the engine process; a file that needs more is refused and the engine replaced. */
export const PDF_ENGINE_RSS_MB = 1536;
export const PDF_ENGINE_HEAP_MB = 256;

export interface EngineText {
  text: string;
  /** The document information Title, when the PDF has one. */
  title?: string;
  pages?: number;
  /** Parts of the text read by OCR, as offsets in it. */
  ocrRanges?: [number, number][];
  /** A PDF's: the page and box of every piece of the text. */
  layout?: PdfLayout;
  /** A text file's: plain or Markdown. */
  format?: 'text' | 'markdown';
  /** Scanned pages with ink past the OCR limit, left unread. */
  ocrSkipped?: number;
  /** A roster workbook's unit names. */
  names?: string[];
  /** A web page's own metadata and the files it links. */
  page?: PageMeta;
  attachments?: PageAttachment[];
  /** A rendered PDF page (kind render): grayscale PNG and its size in pixels. */
  image?: Uint8Array;
  width?: number;
  height?: number;
}

/** Where a read has got to, for the import page: 读取中, or 识别中 n/m 页. */
export type EngineProgress = { stage: 'reading'; pages: number } | { stage: 'ocr'; page: number; of: number };

export interface PdfOptions {
  /** A CPU budget in ms instead of the one by page count (tests). */
  cpuBudgetMs?: number;
  /** Told the page count once the file is open. */
  onPages?: (pages: number) => void;
  /** Told each step of the read. */
  onProgress?: (p: EngineProgress) => void;
  /** kind render: the page (0-based) and resolution. */
  render?: { page: number; dpi: number };
}

interface Job {
  id: number;
  kind: EngineKind;
  bytes: Uint8Array;
  options: PdfOptions;
  resolve: (result: EngineText) => void;
  reject: (err: FormatError) => void;
  attempt: number;
  startCpuUs: number;
  pages: number;
  ocrPages: number;
  usedMs: number;
}

interface Engine {
  child: ChildProcess;
  ready: boolean;
  cpuUs: number;
  rssMb: number;
  job: Job | null;
  killedFor: 'cpu' | 'memory' | null;
}

/** The engine that reads, and a started spare that takes over at once when it is stopped. */
let active: Engine | null = null;
let spare: Engine | null = null;
const queue: Job[] = [];
let nextId = 0;

function execArgv(): string[] {
  const args = [`--max-old-space-size=${PDF_ENGINE_HEAP_MB}`];
  if (import.meta.url.endsWith('.ts')) {
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
    args.unshift('--import', tsx);
  }
  return args;
}

function setRef(e: Engine, on: boolean): void {
  const handles = [e.child, e.child.channel, e.child.stdio[3] as Readable | null];
  for (const h of handles) {
    const r = h as unknown as { ref?: () => void; unref?: () => void } | null;
    if (on) r?.ref?.();
    else r?.unref?.();
  }
}

function spawnEngine(): Engine {
  const child = fork(fileURLToPath(siblingModule(import.meta.url, 'engine-process')), [], {
    execArgv: execArgv(),
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'pipe', 'ipc'],
  });
  const e: Engine = { child, ready: false, cpuUs: 0, rssMb: 0, job: null, killedFor: null };
  let buffered = '';
  (child.stdio[3] as Readable).on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    const last = lines[lines.length - 1];
    if (!last) return;
    const [cpu, rss] = last.split(' ').map(Number);
    e.cpuUs = cpu ?? e.cpuUs;
    e.rssMb = (rss ?? 0) / 1024 / 1024;
    watch(e);
  });
  child.on('message', (msg: EngineMessage) => {
    if (msg.ready) {
      e.ready = true;
      dispatch();
      return;
    }
    const job = e.job;
    if (!job || msg.id !== job.id) return;
    if (msg.text === undefined && msg.error === undefined) {
      progress(job, msg);
      return;
    }
    e.job = null;
    if (msg.error) job.reject(new FormatError(msg.error.code, msg.error.zh, msg.error.en));
    else {
      const result: EngineText = { text: msg.text ?? '', pages: msg.pages ?? 0, ocrRanges: msg.ocrRanges ?? [] };
      if (msg.title) result.title = msg.title;
      if (msg.layout) result.layout = msg.layout;
      if (msg.format) result.format = msg.format;
      if (msg.ocrSkipped) result.ocrSkipped = msg.ocrSkipped;
      if (msg.names) result.names = msg.names;
      if (msg.page) result.page = msg.page;
      if (msg.attachments) result.attachments = msg.attachments;
      if (msg.image) Object.assign(result, { image: msg.image, width: msg.width, height: msg.height });
      job.resolve(result);
    }
    if (queue.length === 0) setRef(e, false);
    dispatch();
  });
  child.on('exit', () => died(e));
  child.on('error', () => died(e));
  setRef(e, false);
  return e;
}

interface EngineMessage extends Partial<EngineText> {
  ready?: boolean;
  id?: number;
  /** Scanned pages about to be read by OCR, and the one being read now (1-based). */
  ocrPages?: number;
  ocrPage?: number;
  error?: { code: FormatErrorCode; zh: string; en: string };
}

function progress(job: Job, msg: EngineMessage): void {
  if (msg.ocrPages !== undefined) job.ocrPages = msg.ocrPages;
  else if (msg.ocrPage !== undefined) job.options.onProgress?.({ stage: 'ocr', page: msg.ocrPage, of: job.ocrPages });
  else {
    job.pages = msg.pages ?? 0;
    job.options.onPages?.(job.pages);
    job.options.onProgress?.({ stage: 'reading', pages: job.pages });
  }
}

/** The CPU time a file may use: to open, per page, and per scanned page read by OCR. */
function budgetOf(job: Job): number {
  if (job.options.cpuBudgetMs !== undefined) return job.options.cpuBudgetMs;
  const ocr = job.ocrPages > 0 ? OCR_CPU_START_MS + job.ocrPages * OCR_CPU_PAGE_MS : 0;
  return PDF_CPU_OPEN_MS + job.pages * PDF_CPU_PAGE_MS + ocr;
}

/** Charges the running job the CPU time it has used; stops the engine when it is over budget. */
function watch(e: Engine): void {
  const job = e.job;
  if (!job || e.killedFor) return;
  job.usedMs = (e.cpuUs - job.startCpuUs) / 1000;
  if (job.usedMs > budgetOf(job)) stop(e, 'cpu');
  else if (e.rssMb > PDF_ENGINE_RSS_MB) stop(e, 'memory');
}

function stop(e: Engine, why: 'cpu' | 'memory'): void {
  e.killedFor = why;
  e.child.kill('SIGKILL');
}

function died(e: Engine): void {
  if (active === e) active = null;
  if (spare === e) spare = null;
  const job = e.job;
  e.job = null;
  if (job) {
    if (e.killedFor === 'cpu' && job.attempt === 1) {
      // retried once, first, on the idle spare: a limit reached is never the machine's fault alone
      job.attempt = 2;
      queue.unshift(job);
    } else if (e.killedFor === 'cpu') {
      const budget = (budgetOf(job) / 1000).toFixed(1);
      job.reject(
        new FormatError(
          'format.timeout',
          `读取文件超时：读取进程两次用满 ${budget} 秒计算时间（按页数计算，与机器忙闲无关）仍未读完，文件结构可能异常，请另存为新的 PDF 后再导入`,
          'document extraction exceeded its CPU budget twice',
        ),
      );
    } else {
      job.reject(
        new FormatError(
          'format.tooLarge',
          `读取文件所需内存超过 ${PDF_ENGINE_RSS_MB} MB 上限，文件可能已损坏或是恶意构造`,
          e.killedFor === 'memory' ? 'document engine over its memory limit' : 'document engine exited',
        ),
      );
    }
  }
  dispatch();
}

/** Starts the next queued file on the active engine, starting engines as needed. */
function dispatch(): void {
  if (!active) {
    active = spare ?? spawnEngine();
    spare = null;
  }
  if (!spare) {
    setImmediate(() => {
      spare ??= spawnEngine();
    });
  }
  const e = active;
  // the engine keeps the process alive while files wait for it (a command-line run ends after)
  if (queue.length > 0) setRef(e, true);
  if (!e.ready || e.job || queue.length === 0) return;
  const job = queue.shift() as Job;
  e.job = job;
  job.startCpuUs = e.cpuUs;
  job.pages = 0;
  job.ocrPages = 0;
  setRef(e, true);
  e.child.send({ id: job.id, kind: job.kind, bytes: job.bytes, ocrMaxPages, render: job.options.render });
}

/** Whether a file handed over now is read at once (ready), after the engine has loaded (starting), or starts it (idle). */
export function engineState(): 'ready' | 'starting' | 'idle' {
  if (active?.ready || spare?.ready) return 'ready';
  return active || spare ? 'starting' : 'idle';
}

/** Starts the engine and its spare now, so that the first PDF does not wait for them. */
export function warmPdfEngine(): void {
  dispatch();
}

/** A document's text (and a PDF's Title), read by the engine process within a CPU-time budget. */
export function engineRead(kind: EngineKind, bytes: Uint8Array, options: PdfOptions = {}): Promise<EngineText> {
  return new Promise<EngineText>((resolve, reject) => {
    queue.push({
      id: ++nextId,
      kind,
      bytes,
      options,
      resolve,
      reject,
      attempt: 1,
      startCpuUs: 0,
      pages: 0,
      ocrPages: 0,
      usedMs: 0,
    });
    dispatch();
  });
}

export const pdfToText = (bytes: Uint8Array, options: PdfOptions = {}) => engineRead('pdf', bytes, options);
/** One page of a PDF as a grayscale PNG at `dpi`, read by the engine like any file (budgeted, never in the server). */
export const renderPdfPage = (bytes: Uint8Array, page: number, dpi: number) =>
  engineRead('render', bytes, { render: { page, dpi } });
