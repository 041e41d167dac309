/**
 * Writes test/fixtures/scan/: text PDFs rendered to images at 150 dpi, as a scanner or a phone
 * would give them, and put back into image-only PDFs (no text layer); and the first page of one as
 * a JPEG. Each keeps its source's expected values (the generator's input, never the parser's).
 *
 * Needs poppler-utils (pdftoppm). Run: npm run gen:fixtures:scan
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';

const ROOT = join(import.meta.dirname, '..');
const OUT = join(ROOT, 'test', 'fixtures', 'scan');
const DPI = 150;
const SOURCES = [
  join(ROOT, 'test', 'fixtures', 'pdf', 'wps-centred.pdf'),
  join(ROOT, 'test', 'fixtures', 'formats', '001.nonzero.pdf'),
];

mkdirSync(OUT, { recursive: true });
const work = mkdtempSync(join(tmpdir(), 'scan-'));
try {
  for (const source of SOURCES) {
    const name = source
      .split('/')
      .pop()
      ?.replace(/\.pdf$/, '') as string;
    const original = await PDFDocument.load(readFileSync(source));
    execFileSync('pdftoppm', ['-r', String(DPI), '-gray', '-png', source, join(work, name)]);
    const pages = readdirSync(work)
      .filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png'))
      .sort();
    const scan = await PDFDocument.create();
    scan.setProducer('scanner');
    scan.setCreationDate(new Date(Date.UTC(2024, 0, 20)));
    scan.setModificationDate(new Date(Date.UTC(2024, 0, 20)));
    for (const [i, png] of pages.entries()) {
      const { width, height } = original.getPage(i).getSize();
      const image = await scan.embedPng(readFileSync(join(work, png)));
      scan.addPage([width, height]).drawImage(image, { x: 0, y: 0, width, height });
    }
    writeFileSync(join(OUT, `${name}.scan.pdf`), await scan.save({ useObjectStreams: false }));
    copyFileSync(source.replace(/\.pdf$/, '.expected.json'), join(OUT, `${name}.scan.expected.json`));
    console.log(`${name}.scan.pdf: ${pages.length} pages at ${DPI} dpi`);
  }
  // the first page of the first source as a photo-like JPEG
  const first = SOURCES[0] as string;
  execFileSync('pdftoppm', [
    '-r',
    String(DPI),
    '-jpeg',
    '-jpegopt',
    'quality=85',
    '-f',
    '1',
    '-l',
    '1',
    '-singlefile',
    first,
    join(OUT, 'page1'),
  ]);
  console.log('page1.jpg');
} finally {
  rmSync(work, { recursive: true, force: true });
}
