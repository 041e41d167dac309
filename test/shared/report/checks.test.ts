import { describe, expect, it } from 'vitest';
import { parseReport } from '../../../shared/report/index';
import { fixtureText, sampleText } from '../../helpers/samples';

const codes = (text: string) => parseReport(text).findings.map((f) => f.code);

/** Replaces the n-th number (0-based) on the first line matching `row` with `value`. */
function setCell(text: string, row: RegExp, n: number, value: string): string {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => row.test(l));
  if (i < 0) throw new Error(`no row ${row}`);
  let k = 0;
  lines[i] = (lines[i] as string).replace(/(?<![\d.])\d+(?:\.\d+)?(?![\d.])/g, (m) => (k++ === n ? value : m));
  if (k <= n) throw new Error(`row ${row} has only ${k} numbers`);
  return lines.join('\n');
}

const NONZERO = fixtureText('001.nonzero.txt'); // tab layout: label, then seven numbers
const firstNumber = (text: string, row: RegExp) => Number(/\t(\d+)/.exec(text.split('\n').find((l) => row.test(l)) ?? '')?.[1]);

describe('table 三 identities', () => {
  it('hold in a consistent non-zero table', () => {
    expect(codes(NONZERO).filter((c) => c.startsWith('applications.'))).toEqual([]);
  });

  it('catch a single wrong cell (新收 自然人 off by one) with the identity check', () => {
    const n = firstNumber(NONZERO, /^一、本年新收/);
    const report = parseReport(setCell(NONZERO, /^一、本年新收/, 0, String(n + 1)));
    const identity = report.findings.filter((f) => f.code === 'applications.identity');
    expect(identity).toHaveLength(1);
    expect(identity[0]?.message).toContain('自然人');
    expect(report.findings.map((f) => f.code)).toContain('applications.columnSum');
  });

  it('catch outcome rows that do not add up to （七）总计', () => {
    const n = firstNumber(NONZERO, /予以公开/);
    const c = codes(setCell(NONZERO, /予以公开/, 0, String(n + 2)));
    expect(c).toContain('applications.outcomeSum');
    expect(c).not.toContain('applications.identity');
  });

  it('catch a 总计 column that is not the sum of the six applicant columns', () => {
    const c = codes(setCell(NONZERO, /予以公开/, 6, '999'));
    expect(c).toContain('applications.columnSum');
  });
});

describe('table 四 totals', () => {
  it('hold in the sample and in a consistent non-zero table', () => {
    expect(codes(sampleText('caochang'))).not.toContain('reviewLitigation.total');
    expect(codes(NONZERO)).not.toContain('reviewLitigation.total');
  });

  it('catch a 行政复议 total that does not match its parts', () => {
    const text = sampleText('caochang').replace(/^0\t0\t0\t0\t0\t/m, '1\t0\t0\t0\t0\t');
    const f = parseReport(text).findings.find((x) => x.code === 'reviewLitigation.total');
    expect(f?.field).toBe('reviewLitigation.review[4]');
  });
});

describe('proactive categories against the total', () => {
  it('warn when the categories do not add up', () => {
    const text = sampleText('puwei').replace('其他信息 4 条', '其他信息 5 条');
    const f = parseReport(text).findings.find((x) => x.code === 'proactive.categorySum');
    expect(f?.severity).toBe('warning');
  });
  it('stay quiet when they do', () => {
    expect(codes(sampleText('puwei'))).not.toContain('proactive.categorySum');
  });
});

describe('sections', () => {
  it('report a missing section', () => {
    const report = parseReport(sampleText('caochang').replace('六、其他需要报告的事项', '其他事项'));
    expect(report.findings.find((f) => f.code === 'sections.missing')?.field).toBe('sections.other');
  });

  it('report a section out of order', () => {
    const text = sampleText('puwei');
    const five = text.indexOf('五、存在的主要问题及改进情况');
    const six = text.indexOf('六、其他需要报告的事项');
    const moved = `${text.slice(0, five)}${text.slice(six)}\n${text.slice(five, six)}`;
    expect(codes(moved)).toContain('sections.order');
    expect(codes(text)).not.toContain('sections.order');
  });
});

describe('tables present and complete', () => {
  it('report a row that is missing', () => {
    const text = NONZERO.replace(/^行政强制\t.*$/m, '');
    const report = parseReport(text);
    expect(report.findings.find((f) => f.code === 'table.rowMissing')?.field).toBe('article20.compulsory');
    expect(report.article20.compulsory).toEqual({ decisions: null });
  });

  it('never guess a row with a number too few, and say once that its figures could not be read', () => {
    const text = NONZERO.replace(/^(二、上年结转政府信息公开申请数量\t\t\d+\t\d+)\t\d+/m, '$1');
    const report = parseReport(text);
    expect(report.applications.carriedOver).toEqual([null, null, null, null, null, null, null]);
    const row = report.findings.filter((f) => f.field?.startsWith('applications.carriedOver'));
    expect(row.map((f) => [f.code, f.field])).toEqual([['table.rowIncomplete', 'applications.carriedOver']]);
    expect(row[0]?.message).toContain('7 个数字均已置空');
  });

  it('find no table problem in a complete report', () => {
    expect(codes(NONZERO).filter((c) => c.startsWith('table.') || c === 'figure.null')).toEqual([]);
  });
});

describe('template against year', () => {
  it('flags a 2021 layout in a report on 2020', () => {
    const text = sampleText('caochang').replace(/2024/g, '2020').replace(/2025/g, '2021');
    expect(codes(text)).toContain('template.mismatch');
  });
  it('accepts the 2021 layout in a report on 2024', () => {
    expect(codes(sampleText('caochang'))).not.toContain('template.mismatch');
  });
});

describe('year consistency', () => {
  it('warns when the title and the body name different years', () => {
    const text = sampleText('caochang').replace('米易县草场镇 2024 年', '米易县草场镇 2023 年');
    const report = parseReport(text);
    expect(report.year).toBe(2023);
    expect(report.findings.find((f) => f.code === 'year.inconsistent')?.message).toContain('2024');
  });
  it('reports a year that cannot be found', () => {
    const text = sampleText('xiaopu').replace(/2024\s*年/g, '本年');
    const report = parseReport(text);
    expect(report.year).toBeNull();
    expect(report.findings.find((f) => f.code === 'year.missing')?.severity).toBe('error');
  });
  it('is quiet when title, body and statistics period agree', () => {
    expect(codes(sampleText('caochang'))).not.toContain('year.inconsistent');
  });
});

describe('publication date', () => {
  it('flags a report published after 31 January of the next year', () => {
    const report = parseReport(sampleText('xinshan').replace('2025 年 1 月 13 日', '2025 年 3 月 2 日'));
    expect(report.publishedOn).toBe('2025-03-02');
    expect(report.findings.find((f) => f.code === 'published.late')?.severity).toBe('warning');
  });
  it('accepts a report published on 31 January', () => {
    expect(codes(sampleText('xinshan').replace('2025 年 1 月 13 日', '2025 年 1 月 31 日'))).not.toContain('published.late');
  });
  it('reads a date in Chinese numerals', () => {
    const report = parseReport(sampleText('xinshan').replace('2025 年 1 月 13 日', '二〇二五年一月十三日'));
    expect(report.publishedOn).toBe('2025-01-13');
  });
  it('notes a report without a date', () => {
    expect(codes(sampleText('xiaopu'))).toContain('published.missing');
    expect(codes(sampleText('xinshan'))).not.toContain('published.missing');
  });
});

describe('prose against tables', () => {
  it('flags 未收到申请 when table 三 has new applications', () => {
    expect(codes(NONZERO)).toContain('prose.applicationsContradiction');
    expect(codes(sampleText('caochang'))).not.toContain('prose.applicationsContradiction');
  });
  it('flags 制定规范性文件0条 when table 二 says otherwise', () => {
    const f = parseReport(NONZERO).findings.find((x) => x.code === 'prose.normativeDocumentsContradiction');
    expect(f?.message).toContain('0');
    expect(codes(sampleText('caochang'))).not.toContain('prose.normativeDocumentsContradiction');
  });
  it('reads 未进行行政规范性文件的制定 as zero', () => {
    expect(codes(fixtureText('000.nonzero.txt'))).toContain('prose.normativeDocumentsContradiction');
  });
});

describe('规章 in a township', () => {
  it('flags a township that reports 规章', () => {
    expect(codes(NONZERO)).toContain('article20.townshipRules');
  });
  it('accepts zero 规章', () => {
    expect(codes(sampleText('caochang'))).not.toContain('article20.townshipRules');
  });
  it('does not flag a county department, which may', () => {
    const text = NONZERO.replace('米易县草场镇人民政府\n', '米易县司法局\n').replace(/米易县草场镇 2024/, '米易县司法局 2024');
    const report = parseReport(text);
    expect(report.org.kind).toBe('部门');
    expect(report.findings.map((f) => f.code)).not.toContain('article20.townshipRules');
  });
});

describe('organisation', () => {
  it('notes names that disagree between the title and the signature', () => {
    const text = sampleText('caochang').replace('米易县草场镇 2024 年', '米易县丙谷镇 2024 年');
    expect(codes(text)).toContain('org.inconsistent');
    expect(codes(sampleText('caochang'))).not.toContain('org.inconsistent');
  });
  it('reports a report that never says whose it is', () => {
    const text = sampleText('xiaopu').replace(/小铺乡/g, '我乡');
    const report = parseReport(text);
    expect(report.org.name).toBeNull();
    expect(report.findings.find((f) => f.code === 'org.missing')?.severity).toBe('error');
  });
});
