import { describe, expect, it } from 'vitest';
import { bulletinModel } from '../../../shared/evaluation/bulletin';
import { DEFAULT_RUBRIC } from '../../../shared/evaluation/rubric';
import type { Evaluation, ScoreRow } from '../../../shared/schemas/evaluation';

// Issue 29: `截至2025年1月31日…已发布年度报告5家…逾期发布1家` counted a report published on 2025-02-10 as
// published by the deadline. Five units of 荥经县 2024, by hand: 花滩镇 2025-01-20 and 六合乡 2025-01-31
// (on the deadline: on time), 严道街道 2025-02-10 (late), 青龙乡 published with no date that could be read
// and its 主动公开 total unreadable, 新添镇 no report.
const row = (id: number, name: string, over: Partial<ScoreRow>): ScoreRow => ({
  organization: { id, name },
  group: 'township',
  reportId: id,
  publishedOn: null,
  publishedFrom: null,
  late: false,
  proactiveTotal: null,
  deductions: [],
  score: 100,
  rank: 1,
  ...over,
});
const rows = [
  row(1, '花滩镇', { publishedOn: '2025-01-20', proactiveTotal: 120 }),
  row(2, '六合乡', { publishedOn: '2025-01-31', proactiveTotal: 35 }),
  row(3, '严道街道', { publishedOn: '2025-02-10', late: true, proactiveTotal: 200 }),
  row(4, '青龙乡', {}),
  row(5, '新添镇', { reportId: null }),
];
const evaluation: Evaluation = {
  county: '荥经县',
  year: 2024,
  deadline: '2025-01-31',
  deadlineIsDefault: true,
  rosterSet: true,
  rubric: DEFAULT_RUBRIC,
  rows,
  summary: {
    required: 5,
    reported: 4,
    missing: ['新添镇'],
    late: ['严道街道'],
    onTime: ['花滩镇', '六合乡'],
    undated: ['青龙乡'],
    proactiveUnknown: ['青龙乡'],
    copied: [],
    averageScore: null,
    proactiveSum: 355,
    earliest: ['花滩镇'],
    latest: ['严道街道'],
    unlisted: [],
    reviewed: { checked: 4, total: 4 },
  },
};

describe('the 通报 counts by the deadline', () => {
  it('says how many published by the deadline, after it, with no date, and never; the sum leaves out the unreadable total, by name', () => {
    const text = bulletinModel(evaluation)
      .blocks.map((b) => b.text)
      .join('\n');
    expect(text).toContain(
      '截至2025年1月31日（报告发布截止日期），全县应报单位5家，按时发布年度报告2家；截止日期后逾期发布1家；' +
        '已发布但发布日期无法确定1家（青龙乡）；至今未发布1家。' +
        '可读取数字的3家报告共主动公开政府信息355条（青龙乡的主动公开总数无法读取，未计入）。',
    );
    expect(text).not.toContain('已发布年度报告4家');
  });

  it('with every report on time and readable, the sentence is short', () => {
    const allGood: Evaluation = {
      ...evaluation,
      rows: rows.slice(0, 2),
      summary: {
        ...evaluation.summary,
        required: 2,
        reported: 2,
        missing: [],
        late: [],
        undated: [],
        proactiveUnknown: [],
        proactiveSum: 155,
      },
    };
    const text = bulletinModel(allGood)
      .blocks.map((b) => b.text)
      .join('\n');
    expect(text).toContain(
      '截至2025年1月31日（报告发布截止日期），全县应报单位2家，按时发布年度报告2家；至今未发布0家。已发布报告共主动公开政府信息155条。',
    );
  });
});
