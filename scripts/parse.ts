/**
 * `npm run --silent parse -- FILE...` prints a JSON array, one parsed report per file, in the
 * shape of docs/report-json.md. Text, Markdown, HTML, PDF and DOCX are recognised by content. A
 * file that cannot be read still gets an object, with a finding that says why.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { extractDocument, FormatError, sourceInfo } from '../server/ingest/formats/index';
import { parseReport } from '../shared/report/index';
import type { ParsedReport } from '../shared/report/types';

function unreadable(file: string, sha256: string, code: string, message: string): ParsedReport {
  const report = parseReport('', { file, sha256 });
  report.findings = [{ code, severity: 'error', message }];
  return report;
}

async function parseFile(path: string): Promise<ParsedReport> {
  const file = basename(path);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    return unreadable(file, '', 'document.unreadable', `无法读取文件：${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  try {
    const extracted = await extractDocument(bytes);
    return parseReport(extracted.text, sourceInfo(extracted, { file, sha256 }));
  } catch (err) {
    if (err instanceof FormatError) return unreadable(file, sha256, err.code.replace('format.', 'document.'), err.zh);
    return unreadable(file, sha256, 'document.unreadable', `读取失败：${(err as Error).message}`);
  }
}

const files = process.argv.slice(2).filter((a) => a !== '--');
if (files.length === 0) {
  process.stderr.write('usage: npm run --silent parse -- FILE...\n');
  process.exit(2);
}
const reports: ParsedReport[] = [];
for (const f of files) reports.push(await parseFile(f));
process.stdout.write(`${JSON.stringify(reports, null, 2)}\n`);
