/**
 * Rebuilds the text fixtures under test/fixtures/text/ from the five samples:
 *  - <id>.nonzero.txt   the sample with its 200 table zeros replaced, in order, by known numbers
 *  - <id>.renamed.txt   the non-zero sample with its organisation, county and years changed
 *  - 003.pipes.md       the Markdown sample with its tables as `|` rows
 *  - 001.blanks.txt     cells written as —, /, left empty, or with units (251000元, 35件)
 *  - 2019-*.txt         a report on the 2019 template (in its own years and in a later year)
 * Beside each: <name>.expected.json, written from this script's input — never from the parser.
 * Run: npm run gen:fixtures
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { flatten2021, type KnownTables, known2021 } from './fixtures/known-tables';
import { report2019 } from './fixtures/report-2019';
import { fillZeros, pipeTables, type Rename, rename } from './fixtures/variants';

const ROOT = join(import.meta.dirname, '..');
const SAMPLES = join(ROOT, 'samples');
const OUT = join(ROOT, 'test', 'fixtures', 'text');

/** What each sample becomes when renamed: every replacement and the values it implies. */
const RENAMES: Record<string, Rename> = {
  '000': {
    names: [
      ['新山傈僳族乡', '白马藏族乡'],
      ['新山乡', '白马乡'],
      ['米易县', '盐边县'],
    ],
    years: [
      ['2024', '2022'],
      ['2025', '2023'],
    ],
    org: { name: '白马藏族乡', fullName: '盐边县白马藏族乡人民政府', county: '盐边县', kind: '乡' },
    year: 2022,
    publishedOn: '2023-01-13',
  },
  '001': {
    names: [
      ['草场镇', '永兴镇'],
      ['米易县', '盐边县'],
    ],
    years: [
      ['2024', '2022'],
      ['2025', '2023'],
    ],
    org: { name: '永兴镇', fullName: '盐边县永兴镇人民政府', county: '盐边县', kind: '镇' },
    year: 2022,
    publishedOn: '2023-01-13',
  },
  '002': {
    names: [
      ['丙谷镇', '红格镇'],
      ['米易县', '盐边县'],
    ],
    years: [
      ['2024', '2023'],
      ['2025', '2024'],
    ],
    org: { name: '红格镇', fullName: '盐边县红格镇人民政府', county: '盐边县', kind: '镇' },
    year: 2023,
    publishedOn: '2024-01-15',
  },
  '003': {
    names: [['小铺乡', '共和乡']],
    years: [['2024', '2021']],
    org: { name: '共和乡', fullName: null, county: null, kind: '乡' },
    year: 2021,
    publishedOn: null,
  },
  '004': {
    names: [
      ['普威镇', '渔门镇'],
      ['米易县', '盐边县'],
    ],
    years: [
      ['2023', '2022'],
      ['2024', '2023'],
    ],
    org: { name: '渔门镇', fullName: '盐边县渔门镇人民政府', county: '盐边县', kind: '镇' },
    year: 2022,
    publishedOn: '2023-01-16',
  },
};

function write(name: string, text: string, expected: object): void {
  writeFileSync(join(OUT, name), text);
  const base = name.replace(/\.(txt|md)$/, '');
  writeFileSync(join(OUT, `${base}.expected.json`), `${JSON.stringify(expected, null, 2)}\n`);
}

function tablesOf(t: KnownTables) {
  return { article20: t.article20, applications: t.applications, reviewLitigation: t.reviewLitigation };
}

mkdirSync(OUT, { recursive: true });
const samples = readdirSync(SAMPLES).filter((f) => /^\d{3}_.*\.txt$/.test(f));
for (const [i, file] of samples.entries()) {
  const id = file.slice(0, 3);
  const text = readFileSync(join(SAMPLES, file), 'utf8');
  const known = known2021(1000 + i);
  const nonzero = fillZeros(text, flatten2021(known).map(String));
  write(`${id}.nonzero.txt`, nonzero, tablesOf(known));
  const r = RENAMES[id] as Rename;
  write(`${id}.renamed.txt`, rename(nonzero, r), { ...tablesOf(known), org: r.org, year: r.year, publishedOn: r.publishedOn });

  if (id === '003') {
    write('003.pipes.md', pipeTables(nonzero), tablesOf(known));
  }

  if (id === '001') {
    // cells 6–9: 行政许可, 行政处罚, 行政强制, 收费; 5: 规范性文件现行有效; 26: 予以公开 科研机构
    const cells = flatten2021(known).map(String);
    const blanks: Record<number, string> = { 5: `${cells[5]}件`, 6: '—', 7: '/', 8: '', 9: '251000元', 26: '—' };
    for (const [k, v] of Object.entries(blanks)) cells[Number(k)] = v;
    const expected = structuredClone(tablesOf(known));
    expected.article20.licensing = { decisions: null as unknown as number };
    expected.article20.penalty = { decisions: null as unknown as number };
    expected.article20.compulsory = { decisions: null as unknown as number };
    expected.article20.fees = { amountWanYuan: 25.1 };
    (expected.applications.granted as (number | null)[])[2] = null;
    write('001.blanks.txt', fillZeros(text, cells), expected);
  }
}

const own = report2019(2019, 2020);
write('2019-own-year.txt', own.text, own.expected);
const late = report2019(2022, 2022);
write('2019-in-2022.txt', late.text, late.expected);
process.stdout.write(`fixtures written to ${OUT}\n`);
