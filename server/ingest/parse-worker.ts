/** Worker thread: reads and parses files for the import pipeline; the main thread only writes. */
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { parentPort } from 'node:worker_threads';
import { MAX_REPORT_BYTES } from './formats/index';
import { failed, failureOf, isPrepared, prepareImport } from './prepare-import';

export interface ParseJob {
  index: number;
  path: string;
  county: string | null;
  importedBy: string;
}

parentPort?.on('message', async (job: ParseJob) => {
  const file = basename(job.path);
  try {
    if (statSync(job.path).size > MAX_REPORT_BYTES) {
      parentPort?.postMessage({ index: job.index, out: failed(file, '文件超过 50 MB 上限', 'file larger than 50 MB') });
      return;
    }
    const bytes = readFileSync(job.path);
    const out = await prepareImport({ bytes, fileName: file, county: job.county, importedBy: job.importedBy });
    const transfer: ArrayBuffer[] = [];
    if (isPrepared(out)) {
      transfer.push(out.cells.buffer as ArrayBuffer);
      if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength) transfer.push(bytes.buffer as ArrayBuffer);
    }
    parentPort?.postMessage({ index: job.index, out }, transfer);
  } catch (err) {
    parentPort?.postMessage({ index: job.index, out: failureOf(file, err) });
  }
});
