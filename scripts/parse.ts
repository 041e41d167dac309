/**
 * `npm run --silent parse -- FILE...` prints a JSON array, one parsed report per file, in the
 * shape of docs/report-json.md. A file that cannot be read at all still gets an object, with
 * its finding.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { decodeText, parseReport, sniffTextFormat } from '../shared/report/index';
import type { ParsedReport } from '../shared/report/types';

function parseFile(path: string): ParsedReport {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    const report = parseReport('', { file: basename(path) });
    report.findings = [
      {
        code: 'document.unreadable',
        severity: 'error',
        message: `无法读取文件：${(err as NodeJS.ErrnoException).code ?? String(err)}`,
      },
    ];
    return report;
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const { text } = decodeText(bytes);
  return parseReport(text, { file: basename(path), sha256, format: sniffTextFormat(text) });
}

const files = process.argv.slice(2).filter((a) => a !== '--');
if (files.length === 0) {
  process.stderr.write('usage: npm run --silent parse -- FILE...\n');
  process.exit(2);
}
process.stdout.write(`${JSON.stringify(files.map(parseFile), null, 2)}\n`);
