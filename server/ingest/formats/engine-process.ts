/**
 * The document engine process, where binary documents are read (PDF with PDFium, .doc/.wps with
 * word-extractor), away from the server: its engines load once at start (so no file is charged for
 * loading them), and a heartbeat thread writes this process's CPU time and memory to fd 3 every
 * 50 ms, even while the main thread is busy. The server (engine.ts) charges each file only the CPU
 * time it takes here: a busy machine slows a file down but never makes it fail.
 */
import { Worker } from 'node:worker_threads';
import { readDoc } from './doc';
import { docxToText } from './docx';
import { FormatError } from './errors';
import { decodeImage } from './image';
import { OCR_DPI, ocrPage } from './ocr';
import { MAX_PDF_PAGES } from './pdf-lines';
import { openPdfium, PdfDocument } from './pdfium';

const HEARTBEAT = `
const { writeSync } = require('node:fs');
setInterval(() => {
  const u = process.cpuUsage();
  try { writeSync(3, (u.user + u.system) + ' ' + process.memoryUsage.rss() + '\\n'); } catch { process.exit(0); }
}, 50);`;

export type EngineKind = 'pdf' | 'doc' | 'docx' | 'image';

interface Job {
  id: number;
  kind: EngineKind;
  bytes: Uint8Array;
}

new Worker(HEARTBEAT, { eval: true });
const pdfium = await openPdfium();
// a blank page read once: PDFium's page code is warm before the first real file
const BLANK =
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
  '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 10 10]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n';
try {
  const blank = new PdfDocument(pdfium, new TextEncoder().encode(BLANK));
  blank.pageText(0);
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

/** What a read gives: the text, and which parts of it OCR read (offsets in the text). */
interface Read {
  text: string;
  title?: string;
  pages?: number;
  ocrRanges?: [number, number][];
}

/** A PDF page by page; the pages without a text layer (scans) by OCR, reporting each one. */
async function readPdfJob(id: number, bytes: Uint8Array): Promise<Read> {
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
    const texts: string[] = [];
    const scanned: number[] = [];
    for (let p = 0; p < doc.pages; p++) {
      const t = doc.pageText(p);
      if (t.trim() === '') scanned.push(p);
      texts.push(t);
    }
    if (scanned.length > 0) send({ id, ocrPages: scanned.length });
    for (const [k, p] of scanned.entries()) {
      send({ id, ocrPage: k + 1 });
      texts[p] = await ocrPage(doc.pageImage(p, OCR_DPI));
    }
    let text = '';
    const ocrRanges: [number, number][] = [];
    texts.forEach((t, p) => {
      if (p > 0) text += '\n';
      const start = text.length;
      text += t;
      if (scanned.includes(p) && t.length > 0) ocrRanges.push([start, text.length]);
    });
    const read: Read = { text, pages: doc.pages, ocrRanges };
    if (doc.title) read.title = doc.title;
    return read;
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
      job.kind === 'pdf'
        ? await readPdfJob(job.id, job.bytes)
        : job.kind === 'image'
          ? await readImageJob(job.id, job.bytes)
          : job.kind === 'docx'
            ? { text: await docxToText(job.bytes) }
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
