import { and, eq, sql } from 'drizzle-orm';
import { CANONICAL_CATEGORIES } from '../../../shared/report/categories';
import type { CategoryRow } from '../../../shared/schemas/index';
import type { UnitGroup } from '../../../shared/unit-groups';
import type { Db } from '../../db/client';
import { categoryCountOf, proactiveTotalOf } from '../../db/expressions';
import { proactiveCategories, reports } from '../../db/schema';
import { organizationsInScope } from '../meta/get-organizations';

/** Canonical proactive-disclosure categories per organisation for a year (current reports). */
export async function getCategories(
  db: Db,
  params: { year: number; county?: string; group?: UnitGroup | 'all' },
): Promise<{
  categories: readonly string[];
  rows: CategoryRow[];
  group: UnitGroup | 'all';
  groups: { group: UnitGroup; label: string; organizations: number }[];
}> {
  const scope = await organizationsInScope(db, params.county, params.group);
  const orgs = new Map(scope.orgs.map((o) => [o.id, o]));
  const current = and(eq(reports.year, params.year), eq(reports.isCurrent, true));
  const rs = await db
    .select({ id: reports.id, organizationId: reports.organizationId, proactiveTotal: proactiveTotalOf })
    .from(reports)
    .where(current)
    .all();
  const c = proactiveCategories;
  // a category with any unreadable count has no sum (null), never a partial one
  const cats = await db
    .select({
      reportId: c.reportId,
      category: c.category,
      count: sql<
        number | null
      >`case when sum(case when ${categoryCountOf} is null then 1 else 0 end) > 0 then null else sum(${categoryCountOf}) end`,
    })
    .from(c)
    .innerJoin(reports, eq(reports.id, c.reportId))
    .where(current)
    .groupBy(c.reportId, c.category)
    .all();
  const byReport = new Map<number, Record<string, number | null>>();
  // each report's categories in the template's order (工作动态, 通知公告, …), never the database's
  const order = (c: string) => {
    const i = (CANONICAL_CATEGORIES as readonly string[]).indexOf(c);
    return i === -1 ? CANONICAL_CATEGORIES.length : i;
  };
  cats.sort((a, b) => order(a.category) - order(b.category));
  for (const c of cats) {
    const record = byReport.get(c.reportId) ?? {};
    record[c.category] = c.count;
    byReport.set(c.reportId, record);
  }
  const rows = rs
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
  return { categories: CANONICAL_CATEGORIES, rows, group: scope.group, groups: scope.groups };
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
