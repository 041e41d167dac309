/**
 * Rebuilds test/fixtures/formats/: each sample and each non-zero variant, and a 2019-template
 * report, as a county-government web page (.html), and through LibreOffice as .docx and .pdf.
 * Expected values (<name>.expected.json) come from this script's input: the known tables.
 * Needs LibreOffice (apt: libreoffice-writer-nogui fonts-noto-cjk). Run: npm run gen:fixtures:formats
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEMPLATES } from '../shared/report/template';
import { imageOnlyPdf, NEWS_PAGE, OLE_DOC, PNG, zipBombDocx } from './fixtures/bad-files';
import type { KnownTables } from './fixtures/known-tables';
import { documentHtml, pageHtml, reportHtml } from './fixtures/report-html';

const ROOT = join(import.meta.dirname, '..');
const TEXT = join(ROOT, 'test', 'fixtures', 'text');
const OUT = join(ROOT, 'test', 'fixtures', 'formats');

function zeroTables(): KnownTables {
  const t = TEMPLATES['2021'];
  return {
    article20: Object.fromEntries(t.article20.map((r) => [r.key, Object.fromEntries(r.fields.map((f) => [f.key, 0]))])),
    applications: Object.fromEntries(t.applications.map((r) => [r.key, [0, 0, 0, 0, 0, 0, 0]])),
    reviewLitigation: { review: [0, 0, 0, 0, 0], litigationDirect: [0, 0, 0, 0, 0], litigationAfterReview: [0, 0, 0, 0, 0] },
  };
}

interface Source {
  name: string;
  text: string;
  tables: KnownTables;
  version: '2021' | '2019';
}

const sources: Source[] = [];
for (const f of readdirSync(join(ROOT, 'samples'))
  .filter((x) => /^\d{3}_.*\.txt$/.test(x))
  .sort()) {
  sources.push({
    name: f.slice(0, 3),
    text: readFileSync(join(ROOT, 'samples', f), 'utf8'),
    tables: zeroTables(),
    version: '2021',
  });
}
for (const f of readdirSync(TEXT)
  .filter((x) => /^\d{3}\.nonzero\.txt$/.test(x))
  .sort()) {
  const expected = JSON.parse(readFileSync(join(TEXT, f.replace('.txt', '.expected.json')), 'utf8')) as KnownTables;
  sources.push({ name: f.replace('.txt', ''), text: readFileSync(join(TEXT, f), 'utf8'), tables: expected, version: '2021' });
}
const own2019 = JSON.parse(readFileSync(join(TEXT, '2019-own-year.expected.json'), 'utf8')) as KnownTables;
sources.push({
  name: '2019-own-year',
  text: readFileSync(join(TEXT, '2019-own-year.txt'), 'utf8'),
  tables: own2019,
  version: '2019',
});

rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });
const work = mkdtempSync(join(tmpdir(), 'formats-'));
for (const s of sources) {
  const { title, body } = reportHtml(s.text, s.tables, s.version);
  writeFileSync(join(OUT, `${s.name}.html`), pageHtml(title, body));
  writeFileSync(join(work, `${s.name}.html`), documentHtml(title, body));
  const { article20, applications, reviewLitigation } = s.tables;
  writeFileSync(
    join(OUT, `${s.name}.expected.json`),
    `${JSON.stringify({ article20, applications, reviewLitigation }, null, 2)}\n`,
  );
}

const soffice = (args: string[]) =>
  execFileSync('soffice', ['--headless', '--norestore', `-env:UserInstallation=file://${work}/profile`, ...args], {
    cwd: work,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
const htmls = sources.map((s) => join(work, `${s.name}.html`));
soffice(['--infilter=HTML (StarWriter)', '--convert-to', 'docx:MS Word 2007 XML', '--outdir', join(work, 'docx'), ...htmls]);
const docxs = sources.map((s) => join(work, 'docx', `${s.name}.docx`));
soffice(['--convert-to', 'pdf:writer_pdf_Export', '--outdir', join(work, 'pdf'), ...docxs]);
for (const s of sources) {
  renameSync(join(work, 'docx', `${s.name}.docx`), join(OUT, `${s.name}.docx`));
  renameSync(join(work, 'pdf', `${s.name}.pdf`), join(OUT, `${s.name}.pdf`));
}
// files that are not readable reports, each for its own error
const BAD = join(OUT, 'bad');
mkdirSync(BAD);
writeFileSync(join(BAD, 'scanned.pdf'), imageOnlyPdf());
const good = readFileSync(join(OUT, '004.pdf'));
writeFileSync(join(BAD, 'truncated.pdf'), good.subarray(0, Math.floor(good.length / 3)));
soffice([
  '--convert-to',
  'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},"DocumentOpenPassword":{"type":"string","value":"secret"}}',
  '--outdir',
  join(work, 'encrypted'),
  join(OUT, '004.docx'),
]);
renameSync(join(work, 'encrypted', '004.pdf'), join(BAD, 'encrypted.pdf'));
writeFileSync(join(BAD, 'bomb.docx'), await zipBombDocx(1024));
writeFileSync(join(BAD, 'no-report.html'), NEWS_PAGE);
writeFileSync(join(BAD, 'legacy.doc'), OLE_DOC);
writeFileSync(join(BAD, 'scan.png'), PNG);
writeFileSync(join(BAD, 'report-named.docx'), readFileSync(join(OUT, '001.pdf'))); // a PDF with a .docx name
writeFileSync(join(BAD, 'page-named.pdf'), readFileSync(join(OUT, '002.html'))); // an HTML page with a .pdf name

rmSync(work, { recursive: true, force: true });
console.log(`${sources.length} reports × html, docx, pdf, and ${readdirSync(BAD).length} bad files written to ${OUT}`);
