/**
 * Worker thread that reads PDFs with pdfjs-dist. pdfjs's legacy build installs core-js polyfills
 * over built-ins (Array.prototype.push, JSON.parse…), which made every other parse in the same
 * thread 2.5× slower; here they stay in a realm of their own.
 */
import { parentPort } from 'node:worker_threads';
import { FormatError } from './errors';
import { pdfToText } from './pdf-text';

parentPort?.on('message', async ({ id, bytes }: { id: number; bytes: Uint8Array }) => {
  try {
    parentPort?.postMessage({ id, text: await pdfToText(bytes) });
  } catch (err) {
    const e =
      err instanceof FormatError
        ? err
        : new FormatError('format.corrupt', 'PDF 文件已损坏或不完整，无法读取', (err as Error).message);
    parentPort?.postMessage({ id, error: { code: e.code, zh: e.zh, en: e.message } });
  }
});
