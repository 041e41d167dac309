/**
 * The PDF engine process: PDFium, loaded once at start (so no file is charged for loading it), and
 * a heartbeat thread that writes this process's CPU time and memory to fd 3 every 50 ms, even
 * while the main thread is busy in PDFium. The server (pdf.ts) charges each file only the CPU time
 * it takes here: a busy machine slows a file down but never makes it fail.
 */
import { Worker } from 'node:worker_threads';
import { FormatError } from './errors';
import { openPdfium, readPdf } from './pdfium';

const HEARTBEAT = `
const { writeSync } = require('node:fs');
setInterval(() => {
  const u = process.cpuUsage();
  try { writeSync(3, (u.user + u.system) + ' ' + process.memoryUsage.rss() + '\\n'); } catch { process.exit(0); }
}, 50);`;

interface Job {
  id: number;
  bytes: Uint8Array;
}

new Worker(HEARTBEAT, { eval: true });
const pdfium = await openPdfium();
// a blank page read once: PDFium's page code is warm before the first real file
const BLANK =
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
  '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 10 10]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n';
try {
  readPdf(pdfium, new TextEncoder().encode(BLANK));
} catch {
  // a blank page may well be refused; loading the code was the point
}
process.send?.({ ready: true });

process.on('disconnect', () => process.exit(0));
process.on('message', (job: Job) => {
  try {
    const read = readPdf(pdfium, job.bytes, (pages) => process.send?.({ id: job.id, pages }));
    process.send?.({ id: job.id, ...read });
  } catch (err) {
    const e =
      err instanceof FormatError
        ? err
        : new FormatError('format.corrupt', 'PDF 文件已损坏或不完整，无法读取', (err as Error).message);
    process.send?.({ id: job.id, error: { code: e.code, zh: e.zh, en: e.message } });
  }
});
