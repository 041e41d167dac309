/**
 * The document engine process, where binary documents are read (PDF with PDFium, .doc/.wps with
 * word-extractor), away from the server: its engines load once at start (so no file is charged for
 * loading them), and a heartbeat thread writes this process's CPU time and memory to fd 3 every
 * 50 ms, even while the main thread is busy. The server (engine.ts) charges each file only the CPU
 * time it takes here: a busy machine slows a file down but never makes it fail.
 */
import { Worker } from 'node:worker_threads';
import { PNG } from 'pngjs';
import { decodeText, sniffTextFormat } from '../../../shared/report/decode';
import { readDoc } from './doc';
import { docxToText } from './docx';
import { FormatError } from './errors';
import { readHtmlPage } from './html';
import { decodeImage } from './image';
import { type Gray, OCR_DPI, ocrPage } from './ocr';
import type { PageAttachment, PageMeta } from './page-meta';
import type { PageLine } from './pdf-geometry';
import { MAX_PDF_PAGES } from './pdf-lines';
import { assemblePages, type LaidPage, type PdfLayout } from './pdf-pages';
import { openPdfium, PdfDocument } from './pdfium';
import { rosterNames } from './roster-workbook';

const HEARTBEAT = `
const { writeSync } = require('node:fs');
setInterval(() => {
  const u = process.cpuUsage();
  try { writeSync(3, (u.user + u.system) + ' ' + process.memoryUsage.rss() + '\\n'); } catch { process.exit(0); }
}, 50);`;

export type EngineKind = 'pdf' | 'doc' | 'docx' | 'image' | 'text' | 'html' | 'roster' | 'render';

interface Job {
  id: number;
  kind: EngineKind;
  bytes: Uint8Array;
  /** Scanned pages read by OCR in one file at most: the rest are said to be unread. */
  ocrMaxPages: number;
  /** kind render: which page (0-based) as a picture, at what resolution. */
  render?: { page: number; dpi: number };
}

new Worker(HEARTBEAT, { eval: true });
const pdfium = await openPdfium();
// a blank page read once: PDFium's page code is warm before the first real file
const BLANK =
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
  '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 10 10]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n';
try {
  const blank = new PdfDocument(pdfium, new TextEncoder().encode(BLANK));
  blank.pageLines(0);
  blank.close();
} catch {
  // a blank page may well be refused; loading the code was the point
}
/** Sends to the server while it is there: when it has gone, this process ends. */
const send = (msg: unknown) => {
  if (process.connected) process.send?.(msg);
};
process.on('error', () => process.exit(0));
process.on('disconnect', () => process.exit(0));
send({ ready: true });

/** What a read gives: the text, which parts of it OCR read, and for a PDF where each part sits. */
interface Read {
  text: string;
  title?: string;
  pages?: number;
  ocrRanges?: [number, number][];
  layout?: PdfLayout;
  /** A text file: plain or Markdown. */
  format?: 'text' | 'markdown';
  /** Scanned pages past the OCR limit, not read. */
  ocrSkipped?: number;
  /** A roster workbook's unit names. */
  names?: string[];
  /** A web page's own metadata and the files it links. */
  page?: PageMeta;
  attachments?: PageAttachment[];
  /** kind render: the page as a grayscale PNG, and its size in pixels. */
  image?: Uint8Array;
  width?: number;
  height?: number;
}

/** One page of a PDF as a grayscale PNG, to show a figure where it stands in the original. */
function renderJob(id: number, bytes: Uint8Array, page: number, dpi: number): Read {
  const doc = new PdfDocument(pdfium, bytes);
  try {
    send({ id, pages: 1 });
    if (!Number.isInteger(page) || page < 0 || page >= doc.pages) {
      throw new FormatError('format.unsupported', `原件没有第 ${page + 1} 页`, `no page ${page + 1} of ${doc.pages}`);
    }
    const img = doc.pageImage(page, dpi);
    const png = PNG.sync.write({ width: img.width, height: img.height, data: Buffer.from(img.data) } as unknown as PNG, {
      colorType: 0,
      inputColorType: 0,
      inputHasAlpha: false,
    });
    return { text: '', pages: doc.pages, image: new Uint8Array(png), width: img.width, height: img.height };
  } finally {
    doc.close();
  }
}

/**
 * A text file or a web page, read here rather than in the server (a large one costs seconds of
 * CPU): charged like pages, one for each 100 KB.
 */
function readTextJob(id: number, kind: 'text' | 'html', bytes: Uint8Array): Read {
  send({ id, pages: Math.max(1, Math.ceil(bytes.length / 100_000)) });
  const { text } = decodeText(bytes);
  if (kind === 'text') return { text, format: sniffTextFormat(text) };
  const read = readHtmlPage(text);
  return { text: read.text, page: read.meta, attachments: read.attachments };
}

/** Resolution a scanned page is looked at to tell whether it has any ink. */
const BLANK_CHECK_DPI = 72;

/** A page with (almost) no ink: under one pixel in 2,000 clearly darker than paper. */
function isBlank(img: Gray): boolean {
  let dark = 0;
  for (let i = 0; i < img.data.length; i++) if ((img.data[i] as number) < 160) dark++;
  return dark * 2000 < img.data.length;
}

/** A page read by OCR as lines (no boxes yet: tesseract's are not kept). */
function ocrLines(text: string, height: number): PageLine[] {
  return text.split('\n').map((line, i) => ({ y: height - i, text: line, spans: [] }));
}

/** A PDF page by page; the pages without a text layer (scans) by OCR, reporting each one. */
async function readPdfJob(id: number, bytes: Uint8Array, ocrMaxPages: number): Promise<Read> {
  const doc = new PdfDocument(pdfium, bytes);
  try {
    send({ id, pages: doc.pages });
    if (doc.pages > MAX_PDF_PAGES) {
      throw new FormatError(
        'format.tooLarge',
        `PDF 共 ${doc.pages} 页，超过 ${MAX_PDF_PAGES} 页上限`,
        `PDF has ${doc.pages} pages`,
      );
    }
    const pages: LaidPage[] = [];
    const scanned: number[] = [];
    for (let p = 0; p < doc.pages; p++) {
      const lines = doc.pageLines(p);
      if (lines.every((l) => l.text.trim() === '')) scanned.push(p);
      pages.push({ ...doc.pageSize(p), lines });
    }
    // a blank page has nothing to read; past ocrMaxPages the rest are left unread, and the report says so
    const inked = scanned.filter((p) => !isBlank(doc.pageImage(p, BLANK_CHECK_DPI)));
    const read = inked.slice(0, ocrMaxPages);
    const ocrSkipped = inked.length - read.length;
    if (read.length > 0) send({ id, ocrPages: read.length });
    for (const [k, p] of read.entries()) {
      send({ id, ocrPage: k + 1 });
      const page = pages[p] as LaidPage;
      page.lines = ocrLines(await ocrPage(doc.pageImage(p, OCR_DPI)), page.height);
    }
    const { text, pageStarts, spans } = assemblePages(pages);
    const ocrRanges: [number, number][] = [];
    for (const p of scanned) {
      const end = p + 1 < pageStarts.length ? (pageStarts[p + 1] as number) - 1 : text.length;
      if (end > (pageStarts[p] as number)) ocrRanges.push([pageStarts[p] as number, end]);
    }
    const layout: PdfLayout = { pages: pages.map((pg) => ({ width: pg.width, height: pg.height })), pageStarts, spans };
    const out: Read = { text, pages: doc.pages, ocrRanges, layout };
    if (ocrSkipped > 0) out.ocrSkipped = ocrSkipped;
    if (doc.title) out.title = doc.title;
    return out;
  } finally {
    doc.close();
  }
}

async function readImageJob(id: number, bytes: Uint8Array): Promise<Read> {
  send({ id, pages: 1 });
  send({ id, ocrPages: 1 });
  send({ id, ocrPage: 1 });
  const text = await ocrPage(decodeImage(bytes));
  return { text, pages: 1, ocrRanges: text ? [[0, text.length]] : [] };
}

process.on('message', async (job: Job) => {
  try {
    const read: Read =
      job.kind === 'render'
        ? renderJob(job.id, job.bytes, job.render?.page ?? 0, job.render?.dpi ?? 96)
        : job.kind === 'pdf'
          ? await readPdfJob(job.id, job.bytes, job.ocrMaxPages)
          : job.kind === 'image'
            ? await readImageJob(job.id, job.bytes)
            : job.kind === 'docx'
              ? { text: await docxToText(job.bytes) }
              : job.kind === 'text' || job.kind === 'html'
                ? readTextJob(job.id, job.kind, job.bytes)
                : job.kind === 'roster'
                  ? { text: '', names: await rosterNames(job.bytes) }
                  : await readDoc(job.bytes);
    send({ id: job.id, ...read });
  } catch (err) {
    const e =
      err instanceof FormatError
        ? err
        : new FormatError('format.corrupt', '文件已损坏或不完整，无法读取', (err as Error).message);
    send({ id: job.id, error: { code: e.code, zh: e.zh, en: e.message } });
  }
});
