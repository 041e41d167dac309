import { byName, rankWithinGroups } from '../rank';
import type { DateSource, Deduction, Evidence, Rubric, RubricItem, ScoreRow } from '../schemas/evaluation';
import { UNIT_GROUP_KEYS, type UnitGroup } from '../unit-groups';

/** Where a publication date was read, as the evidence and the exported score table name it. */
export const DATE_SOURCE: Record<DateSource, string> = { signature: '报告落款', page: '网页发布日期', collected: '采集日期' };

/** What the scoring needs of one unit on the roster. */
export interface UnitToScore {
  organization: { id: number; name: string };
  report: null | {
    id: number;
    publishedOn: string | null;
    publishedFrom: DateSource | null;
    proactiveTotal: number | null;
    findings: { code: string; message: string; field: string | null; line: number | null }[];
    /** Table 四's 结果纠正 cells (复议, 直接起诉, 复议后起诉) with the line each was read from. */
    reviewCorrected: { field: string; label: string; count: number | null; line: number | null }[];
    /** The most similar other reports (this report's prose found in theirs). */
    copies: { otherReportId: number; organization: string; year: number; ratio: number }[];
  };
}

export const percent = (ratio: number) => `${Math.round(ratio * 1000) / 10}%`;

function evidenceOf(item: RubricItem, u: UnitToScore, deadline: string): Evidence[] {
  const r = u.report;
  if (item.rule === 'missing') return r ? [] : [{ text: `未收到 ${u.organization.name} 的年度报告` }];
  if (!r) return [];
  switch (item.rule) {
    case 'late':
      if (r.publishedOn === null || r.publishedOn <= deadline) return [];
      return [
        {
          text: `发布日期 ${r.publishedOn}（${DATE_SOURCE[r.publishedFrom ?? 'signature']}）晚于截止日期 ${deadline}`,
          reportId: r.id,
          field: 'publishedOn',
        },
      ];
    case 'findings': {
      const codes = new Set(item.codes ?? []);
      return r.findings
        .filter((f) => codes.has(f.code))
        .map((f) => ({ text: f.message, reportId: r.id, ...(f.field ? { field: f.field } : {}), line: f.line }));
    }
    case 'copied': {
      const threshold = item.threshold ?? 0.8;
      return r.copies
        .filter((c) => c.ratio >= threshold)
        .map((c) => ({
          text: `正文（一、五、六部分）${percent(c.ratio)} 与 ${c.organization} ${c.year} 年度报告相同`,
          reportId: r.id,
          otherReportId: c.otherReportId,
          ratio: c.ratio,
        }));
    }
    case 'reviewCorrected':
      return r.reviewCorrected
        .filter((c) => c.count !== null && c.count > 0)
        .map((c) => ({ text: `表四${c.label}“结果纠正” ${c.count} 件`, reportId: r.id, field: c.field, line: c.line }));
  }
  return [];
}

function deductionOf(item: RubricItem, evidence: Evidence[], u: UnitToScore): Deduction | null {
  if (evidence.length === 0) return null;
  let cases = 1;
  if (item.perCase) {
    cases =
      item.rule === 'reviewCorrected'
        ? (u.report?.reviewCorrected ?? []).reduce((s, c) => s + (c.count !== null && c.count > 0 ? c.count : 0), 0)
        : evidence.length;
  }
  let points = item.points * cases;
  if (item.max !== undefined) points = Math.min(points, item.max);
  return { itemId: item.id, label: item.label, points, evidence };
}

/**
 * Scores each unit of the roster by the rubric: the base less every deduction (never below 0),
 * ranked by score with a shared rank for a tie (1, 2, 2, 4), units of equal score by name.
 */
export function scoreUnits(units: readonly UnitToScore[], rubric: Rubric, deadline: string): Omit<ScoreRow, 'rank' | 'group'>[] {
  return units.map((u) => {
    const deductions: Deduction[] = [];
    for (const item of rubric.items) {
      if (!item.enabled) continue;
      const d = deductionOf(item, evidenceOf(item, u, deadline), u);
      if (d) deductions.push(d);
    }
    const lost = deductions.reduce((s, d) => s + d.points, 0);
    const r = u.report;
    return {
      organization: u.organization,
      reportId: r?.id ?? null,
      publishedOn: r?.publishedOn ?? null,
      publishedFrom: r?.publishedFrom ?? null,
      late: r?.publishedOn != null && r.publishedOn > deadline,
      proactiveTotal: r?.proactiveTotal ?? null,
      deductions,
      score: Math.max(0, Math.round((rubric.base - lost) * 100) / 100),
    };
  });
}

export function rankRows<T extends { score: number; organization: { name: string }; group?: UnitGroup }>(
  rows: readonly T[],
): (T & { rank: number })[] {
  // ranks within each unit group (a row without one counts as a township), the groups in their order
  const ranks = rankWithinGroups(new Map(rows.map((r, i) => [i, r.score])), (i) => rows[i]?.group ?? 'township');
  const order = (r: T) => UNIT_GROUP_KEYS.indexOf(r.group ?? 'township');
  return rows
    .map((r, i) => ({ ...r, rank: ranks.get(i) as number }))
    .sort((a, b) => order(a) - order(b) || a.rank - b.rank || byName(a.organization.name, b.organization.name));
}
