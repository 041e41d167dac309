import { CANONICAL_CATEGORIES } from '../../../shared/report/categories';
import type { CategoryRow } from '../../../shared/schemas/index';
import type { Db } from '../../db/client';
import { prepared } from '../../db/statement-cache';
import { getOrganizations } from '../meta/get-organizations';

/** Canonical proactive-disclosure categories per organisation for a year (current reports). */
export function getCategories(
  db: Db,
  params: { year: number; county?: string },
): { categories: readonly string[]; rows: CategoryRow[] } {
  const orgs = new Map(getOrganizations(db, params.county).map((o) => [o.id, o]));
  const reports = prepared(
    db,
    'select id, organization_id as organizationId, coalesce(proactive_total_corrected, proactive_total) as proactiveTotal from reports where year = ? and is_current = 1',
  ).all(params.year) as { id: number; organizationId: number; proactiveTotal: number | null }[];
  const cats = prepared(
    db,
    `select c.report_id as reportId, c.category, case when sum(c.count is null) > 0 then null else sum(c.count) end as count
       from proactive_categories c join reports r on r.id = c.report_id
       where r.year = ? and r.is_current = 1 group by c.report_id, c.category`,
  ).all(params.year) as { reportId: number; category: string; count: number | null }[];
  const byReport = new Map<number, Record<string, number | null>>();
  for (const c of cats) {
    const record = byReport.get(c.reportId) ?? {};
    record[c.category] = c.count;
    byReport.set(c.reportId, record);
  }
  const rows = reports
    .filter((r) => orgs.has(r.organizationId))
    .map((r) => {
      const o = orgs.get(r.organizationId) as { id: number; name: string; county: string | null };
      return {
        organization: { id: o.id, name: o.name, county: o.county },
        reportId: r.id,
        proactiveTotal: r.proactiveTotal,
        categories: byReport.get(r.id) ?? {},
      };
    })
    .sort((a, b) => (b.proactiveTotal ?? -1) - (a.proactiveTotal ?? -1));
  return { categories: CANONICAL_CATEGORIES, rows };
}

/** Per category, the sum of the counts the reports state, and how many reports left it unreadable. */
export function categoryTotals(rows: readonly CategoryRow[]): Record<string, { sum: number; unreadable: number }> {
  const totals: Record<string, { sum: number; unreadable: number }> = {};
  for (const r of rows) {
    for (const [category, count] of Object.entries(r.categories)) {
      totals[category] ??= { sum: 0, unreadable: 0 };
      const t = totals[category] as { sum: number; unreadable: number };
      if (count === null) t.unreadable++;
      else t.sum += count;
    }
  }
  return totals;
}
