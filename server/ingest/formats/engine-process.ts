/**
 * The document engine process, where binary documents are read (PDF with PDFium, .doc/.wps with
 * word-extractor), away from the server: its engines load once at start (so no file is charged for
 * loading them), and a heartbeat thread writes this process's CPU time and memory to fd 3 every
 * 50 ms, even while the main thread is busy. The server (engine.ts) charges each file only the CPU
 * time it takes here: a busy machine slows a file down but never makes it fail.
 */
import { Worker } from 'node:worker_threads';
import { readDoc } from './doc';
import { FormatError } from './errors';
import { openPdfium, readPdf } from './pdfium';

const HEARTBEAT = `
const { writeSync } = require('node:fs');
setInterval(() => {
  const u = process.cpuUsage();
  try { writeSync(3, (u.user + u.system) + ' ' + process.memoryUsage.rss() + '\\n'); } catch { process.exit(0); }
}, 50);`;

export type EngineKind = 'pdf' | 'doc';

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
  readPdf(pdfium, new TextEncoder().encode(BLANK));
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

process.on('message', async (job: Job) => {
  try {
    const read =
      job.kind === 'pdf' ? readPdf(pdfium, job.bytes, (pages) => send({ id: job.id, pages })) : await readDoc(job.bytes);
    send({ id: job.id, ...read });
  } catch (err) {
    const e =
      err instanceof FormatError
        ? err
        : new FormatError('format.corrupt', '文件已损坏或不完整，无法读取', (err as Error).message);
    send({ id: job.id, error: { code: e.code, zh: e.zh, en: e.message } });
  }
});
