import { describe, expect, it } from 'vitest';
import { DEFAULT_RUBRIC } from '../../../shared/evaluation/rubric';
import { rankRows, scoreUnits, type UnitToScore } from '../../../shared/evaluation/score';

const unit = (name: string, corrected: (number | null)[], publishedOn = '2025-01-10'): UnitToScore => ({
  organization: { id: name.length, name },
  report: {
    id: 1,
    publishedOn,
    publishedFrom: 'page',
    proactiveTotal: 10,
    findings: [],
    reviewCorrected: corrected.map((count, i) => ({ field: `reviewLitigation.x[${i}]`, label: `组${i}`, count, line: 40 + i })),
    copies: [],
  },
});

describe('scoring', () => {
  it('deducts 复议/诉讼被纠错 per case: 2 + 1 cases × 3 = 9; an unreadable count deducts nothing', () => {
    const [row] = scoreUnits([unit('甲镇', [2, 1, null])], DEFAULT_RUBRIC, '2025-01-31');
    expect(row?.deductions).toEqual([
      {
        itemId: 'reviewCorrected',
        label: '行政复议、行政诉讼被纠错',
        points: 9,
        evidence: [
          { text: '表四组0“结果纠正” 2 件', reportId: 1, field: 'reviewLitigation.x[0]', line: 40 },
          { text: '表四组1“结果纠正” 1 件', reportId: 1, field: 'reviewLitigation.x[1]', line: 41 },
        ],
      },
    ]);
    expect(row?.score).toBe(91);
  });

  it('caps an item at its maximum and never scores below zero', () => {
    const rubric = {
      base: 10,
      items: DEFAULT_RUBRIC.items.map((i) =>
        i.id === 'reviewCorrected' ? { ...i, max: 6 } : i.id === 'late' ? { ...i, points: 8 } : i,
      ),
    };
    const [row] = scoreUnits([unit('甲镇', [5, 0, 0], '2025-02-01')], rubric, '2025-01-31');
    // late 8 + corrected min(15, 6) = 14 > 10
    expect(row?.deductions.map((d) => d.points)).toEqual([8, 6]);
    expect(row?.score).toBe(0);
    // the page date is named as the date's source
    expect(row?.deductions[0]?.evidence[0]?.text).toBe('发布日期 2025-02-01（网页发布日期）晚于截止日期 2025-01-31');
  });

  it('ranks a tie with one rank and skips the next (1, 2, 2, 4)', () => {
    const rows = rankRows([
      { organization: { name: '乙镇' }, score: 90 },
      { organization: { name: '甲镇' }, score: 100 },
      { organization: { name: '丙镇' }, score: 90 },
      { organization: { name: '丁镇' }, score: 80 },
    ]);
    expect(rows.map((r) => [r.rank, r.organization.name])).toEqual([
      [1, '甲镇'],
      [2, '丙镇'],
      [2, '乙镇'],
      [4, '丁镇'],
    ]);
  });
});
