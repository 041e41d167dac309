import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractDocument, sourceInfo } from '../../../server/ingest/formats/index';
import { parseReport } from '../../../shared/report/index';
import { ROOT } from '../../helpers/samples';

// Web pages as published (scripts/gen-web-fixtures.ts: tables pasted from Word, and a crawler's
// text whose rows lost their cell boundaries), the expected values from the generator's input.

const DIR = join(ROOT, 'test', 'fixtures', 'web');
const NAMES = ['000', '001', '002', '003', '004'];
const expected = (file: string) => JSON.parse(readFileSync(join(DIR, file), 'utf8'));

describe.each(NAMES)('%s pasted from Word', (name) => {
  const want = expected(`${name}.word.expected.json`);
  const read = (async () => {
    const extracted = await extractDocument(readFileSync(join(DIR, `${name}.word.html`)));
    return parseReport(extracted.text, sourceInfo(extracted, { file: `${name}.word.html` }));
  })();

  it('gives every figure from its own cell, the blank cells null', async () => {
    const r = await read;
    expect(r.article20).toEqual(want.article20);
    expect(r.applications).toEqual(want.applications);
    expect(r.reviewLitigation).toEqual(want.reviewLitigation);
  });

  it('says of each blank cell, and of no other, that it is blank', async () => {
    const r = await read;
    const blank = r.findings.filter((f) => f.code === 'figure.null').map((f) => f.field);
    expect(blank.sort()).toEqual([...want.paste.blanks].sort());
    expect(r.findings.filter((f) => f.code.startsWith('table.'))).toEqual([]);
  });
});

describe.each(NAMES)('%s as a crawler kept it, digits glued', (name) => {
  const want = expected(`${name}.glued.expected.json`);
  const r = parseReport(readFileSync(join(DIR, `${name}.glued.txt`), 'utf8'));

  it('recovers the rows whose 总计 allows one split, and leaves the others null', () => {
    expect(r.applications).toEqual(want.applications);
    expect(r.reviewLitigation).toEqual(want.reviewLitigation);
  });

  it('says of each glued row how it was read', () => {
    const path = (row: string) => (row === 'reviewLitigation' ? 'reviewLitigation' : `applications.${row}`);
    for (const [row, how] of Object.entries(want.glued as Record<string, string>)) {
      const code = how === 'split' ? 'table.digitsSplit' : 'table.digitsGlued';
      expect(r.findings.filter((f) => f.field === path(row)).map((f) => f.code)).toContain(code);
    }
    expect(Object.values(want.glued)).toContain('split');
  });
});

describe('the glued fixtures', () => {
  it('hold at least one row no arithmetic can split', () => {
    const all = NAMES.flatMap((n) => Object.values(expected(`${n}.glued.expected.json`).glued));
    expect(all).toContain('ambiguous');
  });
});
