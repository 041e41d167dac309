/**
 * Worker thread that reads PDFs with pdfjs-dist. pdfjs's legacy build installs core-js polyfills
 * over built-ins (Array.prototype.push, JSON.parse…), which made every other parse in the same
 * thread 2.5× slower; here they stay in a realm of their own.
 */
import { parentPort } from 'node:worker_threads';
import { FormatError } from './errors';
import { pdfToText } from './pdf-text';

// pdf.js loads most of its code on the first document: read a blank page now, so that this
// thread (often the spare, see pdf.ts) is ready before a real file arrives
const BLANK =
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
  '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 10 10]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n';
await pdfToText(new TextEncoder().encode(BLANK)).catch(() => undefined);
parentPort?.postMessage({ ready: true });

parentPort?.on('message', async ({ id, bytes }: { id: number; bytes: Uint8Array }) => {
  try {
    const { text, title } = await pdfToText(bytes, (pages) => parentPort?.postMessage({ id, pages }));
    parentPort?.postMessage({ id, text, title });
  } catch (err) {
    const e =
      err instanceof FormatError
        ? err
        : new FormatError('format.corrupt', 'PDF 文件已损坏或不完整，无法读取', (err as Error).message);
    parentPort?.postMessage({ id, error: { code: e.code, zh: e.zh, en: e.message } });
  }
});
