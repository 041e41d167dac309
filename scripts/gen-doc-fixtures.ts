/**
 * Writes test/fixtures/doc/: reports as Word 97–2003 (.doc), made by LibreOffice from the DOCX
 * fixtures, and as WPS files (.wps: WPS 文字 saves the same OLE container with a WordDocument
 * stream), each with the DOCX fixture's expected values (the generator's input, never the
 * parser's output); and an OLE file holding a spreadsheet, not a text document (as WPS 表格 saves),
 * which must be refused with its reason.
 *
 * Needs LibreOffice (apt: libreoffice-writer-nogui). Run: npm run gen:fixtures:doc
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import CFB from 'cfb';

const ROOT = join(import.meta.dirname, '..');
const FORMATS = join(ROOT, 'test', 'fixtures', 'formats');
const OUT = join(ROOT, 'test', 'fixtures', 'doc');
const NAMES = ['001.nonzero', '2019-own-year'];

mkdirSync(OUT, { recursive: true });
const work = mkdtempSync(join(tmpdir(), 'doc-'));
try {
  execFileSync(
    'soffice',
    [
      '--headless',
      '--norestore',
      `-env:UserInstallation=file://${work}/profile`,
      '--convert-to',
      'doc:MS Word 97',
      '--outdir',
      work,
      ...NAMES.map((n) => join(FORMATS, `${n}.docx`)),
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  for (const name of NAMES) {
    const doc = readFileSync(join(work, `${name}.doc`));
    writeFileSync(join(OUT, `${name}.doc`), doc);
    writeFileSync(join(OUT, `${name}.wps`), doc);
    copyFileSync(join(FORMATS, `${name}.expected.json`), join(OUT, `${name}.expected.json`));
  }
  // a compound file with a Workbook stream and no WordDocument: a spreadsheet, not a report
  const sheet = CFB.utils.cfb_new();
  CFB.utils.cfb_add(sheet, '/Workbook', Buffer.from('BIFF8 workbook data'.repeat(40)));
  writeFileSync(join(OUT, 'spreadsheet.et'), Buffer.from(CFB.write(sheet, { type: 'buffer' }) as Buffer));
  console.log(`${NAMES.length} reports as .doc and .wps, and one OLE spreadsheet, written to ${OUT}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
