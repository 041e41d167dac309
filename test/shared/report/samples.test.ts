import { describe, expect, it } from 'vitest';
import { parseReport } from '../../../shared/report/index';
import { SAMPLE_FILES, type SampleName, sampleText } from '../../helpers/samples';

// Every expected value below was read by hand from the published reports in samples/.

const z7 = [0, 0, 0, 0, 0, 0, 0];
const z5 = [0, 0, 0, 0, 0];
const ALL_ZERO_TABLES = {
  article20: {
    rules: { issued: 0, abolished: 0, inForce: 0 },
    normativeDocuments: { issued: 0, abolished: 0, inForce: 0 },
    licensing: { decisions: 0 },
    penalty: { decisions: 0 },
    compulsory: { decisions: 0 },
    fees: { amountWanYuan: 0 },
  },
  applications: {
    newReceived: z7,
    carriedOver: z7,
    granted: z7,
    partiallyGranted: z7,
    stateSecret: z7,
    lawProhibited: z7,
    threeSecurityOneStability: z7,
    thirdPartyRights: z7,
    internalAffairs: z7,
    processInfo: z7,
    lawEnforcementFile: z7,
    adminQuery: z7,
    notHeld: z7,
    needsCreation: z7,
    unclearAfterCorrection: z7,
    petition: z7,
    duplicate: z7,
    publication: z7,
    massRepeated: z7,
    confirmOrReissue: z7,
    overdueCorrection: z7,
    overdueFee: z7,
    otherHandling: z7,
    total: z7,
    carriedToNext: z7,
  },
  reviewLitigation: { review: z5, litigationDirect: z5, litigationAfterReview: z5 },
};

interface Expected {
  org: { name: string; fullName: string | null; county: string | null; kind: string };
  year: number;
  publishedOn: string | null;
  total: number;
  categories: [string, string, number][];
  other: string;
  findings: string[];
}

const EXPECTED: Record<SampleName, Expected> = {
  xinshan: {
    org: { name: '新山傈僳族乡', fullName: '米易县新山傈僳族乡人民政府', county: '米易县', kind: '乡' },
    year: 2024,
    publishedOn: '2025-01-13',
    total: 75,
    categories: [
      ['工作动态信息', '工作动态', 34],
      ['通知公告', '通知公告', 8],
      ['图片展示信息', '图片展示', 11],
      ['组织机构等信息', '机构职能', 22],
    ],
    other: '本年度未收取信息处理费，且无其他需要报告的事项。',
    findings: [],
  },
  caochang: {
    org: { name: '草场镇', fullName: '米易县草场镇人民政府', county: '米易县', kind: '镇' },
    year: 2024,
    publishedOn: '2025-01-13',
    total: 24,
    categories: [
      ['工作动态', '工作动态', 20],
      ['通知公告', '通知公告', 4],
    ],
    other: '本年度未收取信息处理费，且无其他需要报告的事项。',
    findings: [],
  },
  binggu: {
    org: { name: '丙谷镇', fullName: '米易县丙谷镇人民政府', county: '米易县', kind: '镇' },
    year: 2024,
    publishedOn: '2025-01-15',
    total: 50,
    categories: [
      ['工作动态', '工作动态', 37],
      ['通知公告', '通知公告', 13],
    ],
    other: '本年度未收取信息处理费，且无其他需要报告的事项。',
    findings: [],
  },
  xiaopu: {
    org: { name: '小铺乡', fullName: null, county: null, kind: '乡' },
    year: 2024,
    publishedOn: null,
    total: 503,
    categories: [],
    other: '无',
    findings: ['published.missing'],
  },
  puwei: {
    org: { name: '普威镇', fullName: '米易县普威镇人民政府', county: '米易县', kind: '镇' },
    year: 2023,
    publishedOn: '2024-01-16',
    total: 94,
    categories: [
      ['工作动态', '工作动态', 67],
      ['通知公告', '通知公告', 12],
      ['图片展示', '图片展示', 11],
      ['其他信息', '其他', 4],
    ],
    other: '本年度我镇无收取信息处理费的情况。',
    findings: [],
  },
};

describe.each(Object.keys(EXPECTED) as SampleName[])('sample %s', (name) => {
  const want = EXPECTED[name];
  const text = sampleText(name);
  const report = parseReport(text, { file: SAMPLE_FILES[name], format: 'text' });

  it('names the organisation, county and kind as the report does', () => {
    expect(report.org).toEqual(want.org);
  });

  it('reads the year reported on and the publication date', () => {
    expect(report.year).toBe(want.year);
    expect(report.publishedOn).toBe(want.publishedOn);
    expect(report.template).toBe('2021');
  });

  it('reads the proactive total and every category in order', () => {
    expect(report.proactive.total).toBe(want.total);
    expect(report.proactive.categories.map((c) => [c.label, c.category, c.count])).toEqual(want.categories);
    expect(report.proactive.channels).toEqual([]);
  });

  it('reads all 200 table numbers', () => {
    expect({
      article20: report.article20,
      applications: report.applications,
      reviewLitigation: report.reviewLitigation,
    }).toEqual(ALL_ZERO_TABLES);
  });

  it('points the proactive total at the words it was read from', () => {
    const span = report.provenance['proactive.total'];
    expect(span).toBeDefined();
    expect(text.slice(span?.start, span?.end).replace(/\s/g, '')).toBe(`${want.total}条`);
    const line = text.split('\n')[(span?.line ?? 0) - 1] ?? '';
    expect(line).toContain(String(want.total));
  });

  it('gives every table cell a provenance on a line holding that number', () => {
    const lines = text.split('\n');
    for (const [path, span] of Object.entries(report.provenance)) {
      if (!/^(article20|applications|reviewLitigation)/.test(path)) continue;
      expect(text.slice(span.start, span.end), path).toBe('0');
      expect(lines[span.line - 1], path).toContain('0');
    }
    expect(Object.keys(report.provenance).filter((p) => /^(article20|applications|reviewLitigation)/.test(p))).toHaveLength(200);
  });

  it('keeps the text of sections 五 and 六 without the signature', () => {
    expect(report.sections.other).toBe(want.other);
    expect(report.sections.problems.length).toBeGreaterThan(20);
    expect(report.sections.improvements.length).toBeGreaterThan(20);
  });

  it('raises only the findings the report deserves', () => {
    expect(report.findings.map((f) => f.code)).toEqual(want.findings);
  });
});

describe('sample specifics', () => {
  it('names 新山傈僳族乡 from its signature although the title is only " 2024", and knows it as 新山乡', () => {
    const report = parseReport(sampleText('xinshan'));
    expect(sampleText('xinshan').split('\n')[0]).toBe(' 2024');
    expect(report.org.name).toBe('新山傈僳族乡');
    expect(report.orgAliases).toEqual(['新山乡']);
  });

  it('splits 草场镇 section 五 into its problems and its improvements', () => {
    const report = parseReport(sampleText('caochang'));
    expect(report.sections.problems.startsWith('(一) 存在的主要问题')).toBe(true);
    expect(report.sections.improvements.startsWith('（二）改进情况')).toBe(true);
  });

  it('does not take 丙谷镇 counts outside 一（一） (30余次, 10余个, 15个)', () => {
    const report = parseReport(sampleText('binggu'));
    expect(report.proactive.total).toBe(50);
    expect(report.findings).toEqual([]);
  });
});
