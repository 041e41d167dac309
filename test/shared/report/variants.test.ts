import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseReport } from '../../../shared/report/index';
import type { ParsedReport } from '../../../shared/report/types';
import { fixtureExpected, fixtureText, ROOT } from '../../helpers/samples';

// Fixtures and their expected values are written by scripts/gen-text-fixtures.ts from its own
// input (known tables, renaming maps); the parser never produced them.

interface Expected {
  article20: ParsedReport['article20'];
  applications: ParsedReport['applications'];
  reviewLitigation: ParsedReport['reviewLitigation'];
  org?: Partial<ParsedReport['org']>;
  year?: number;
  publishedOn?: string | null;
}

const FIXTURES = readdirSync(join(ROOT, 'test', 'fixtures', 'text')).filter((f) => /\.(txt|md)$/.test(f));

function countCells(e: Expected): number {
  return (
    Object.values(e.article20).flatMap((r) => Object.values(r)).length +
    Object.values(e.applications).flat().length +
    Object.values(e.reviewLitigation).flat().length
  );
}

describe.each(FIXTURES)('generated fixture %s', (file) => {
  const expected = fixtureExpected<Expected>(file);
  const report = parseReport(fixtureText(file), { file });

  it('reads every table number exactly as generated', () => {
    expect(report.article20).toEqual(expected.article20);
    expect(report.applications).toEqual(expected.applications);
    expect(report.reviewLitigation).toEqual(expected.reviewLitigation);
  });

  it('is not an all-zero table, so a parser returning zeros fails here', () => {
    const numbers = [
      ...Object.values(expected.article20).flatMap((r) => Object.values(r)),
      ...Object.values(expected.applications).flat(),
      ...Object.values(expected.reviewLitigation).flat(),
    ].filter((v) => v !== null);
    expect(numbers.filter((v) => v !== 0).length).toBeGreaterThan(numbers.length / 2);
    expect(countCells(expected)).toBe(file.startsWith('2019') ? 22 + 23 * 7 + 15 : 200);
  });
});

describe.each(FIXTURES.filter((f) => f.includes('.renamed.')))('renamed fixture %s', (file) => {
  it('takes its name, county, kind, year and date from the renamed text', () => {
    const expected = fixtureExpected<Expected>(file);
    const report = parseReport(fixtureText(file), { file });
    expect(report.org).toEqual(expected.org);
    expect(report.year).toBe(expected.year);
    expect(report.publishedOn).toBe(expected.publishedOn);
  });
});

describe('non-zero variants find what the numbers contradict', () => {
  it('flags 规章 in a township and prose that says no application was received', () => {
    const report = parseReport(fixtureText('000.nonzero.txt'));
    const codes = report.findings.map((f) => f.code);
    expect(codes).toContain('article20.townshipRules');
    expect(codes).toContain('prose.applicationsContradiction');
    expect(codes).toContain('prose.normativeDocumentsContradiction');
    expect(codes.filter((c) => c.startsWith('applications.'))).toEqual([]);
  });
});

describe('cells written as blanks or with units', () => {
  const report = parseReport(fixtureText('001.blanks.txt'));

  it('leaves —, / and empty cells null, each with a finding', () => {
    expect(report.article20.licensing).toEqual({ decisions: null });
    expect(report.article20.penalty).toEqual({ decisions: null });
    expect(report.article20.compulsory).toEqual({ decisions: null });
    expect(report.applications.granted?.[2]).toBeNull();
    const nullFields = report.findings.filter((f) => f.code === 'figure.null').map((f) => f.field);
    expect(nullFields).toEqual(
      expect.arrayContaining([
        'article20.licensing.decisions',
        'article20.penalty.decisions',
        'article20.compulsory.decisions',
        'applications.granted[2]',
      ]),
    );
  });

  it('reads 251000元 in the 万元 column as 25.1 and says so', () => {
    expect(report.article20.fees).toEqual({ amountWanYuan: 25.1 });
    expect(report.findings.find((f) => f.code === 'figure.unitConverted')?.field).toBe('article20.fees.amountWanYuan');
  });

  it('reads a count typed with its unit (59件)', () => {
    expect(fixtureText('001.blanks.txt')).toMatch(/行政规范性文件\t\d+\t\d+\t\d+件/);
    expect(report.article20.normativeDocuments?.inForce).toBe(
      fixtureExpected<Expected>('001.blanks.txt').article20.normativeDocuments?.inForce,
    );
  });
});

describe('the 2019 template', () => {
  it('parses a 2020 report on the 2019 template into the 2019 fields with signed changes', () => {
    const report = parseReport(fixtureText('2019-own-year.txt'));
    const expected = fixtureExpected<Expected>('2019-own-year.txt');
    expect(report.template).toBe('2019');
    expect(report.year).toBe(2020);
    expect(Object.keys(report.article20)).toEqual([
      'rules',
      'normativeDocuments',
      'licensing',
      'otherServices',
      'penalty',
      'compulsory',
      'fees',
      'procurement',
    ]);
    expect(Object.keys(report.applications)).toHaveLength(23);
    expect(report.applications).not.toHaveProperty('overdueCorrection');
    expect(report.article20.fees?.change).toBe(expected.article20.fees?.change);
    expect(report.article20.fees?.change).toBeLessThan(0);
    expect(report.findings.map((f) => f.code)).not.toContain('template.mismatch');
  });

  it('gives a 2019 layout in a report on 2022 the template finding', () => {
    const report = parseReport(fixtureText('2019-in-2022.txt'));
    expect(report.template).toBe('2019');
    expect(report.year).toBe(2022);
    expect(report.findings.map((f) => f.code)).toContain('template.mismatch');
  });
});
