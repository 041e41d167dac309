import type { MetricDef } from '../../../shared/metrics';
import type { TrendSeries, TrendTotal } from '../../../shared/schemas/index';
import type { UnitGroup } from '../../../shared/unit-groups';
import type { Db } from '../../db/client';
import { organizationsInScope } from '../meta/get-organizations';
import { getMetricValues } from '../metrics/get-metric-values';

/**
 * The metric across years for the chosen organisations (a year without a report has value null
 * and no report id), and the total over every organisation in scope per year with how many
 * reports it adds up (null for a year with no report at all).
 */
export async function getTrends(
  db: Db,
  params: { organizationIds: number[]; metric: MetricDef; from: number; to: number; county?: string; group?: UnitGroup | 'all' },
): Promise<{
  years: number[];
  series: TrendSeries[];
  total: TrendTotal[];
  comparableUnits: number;
  group: UnitGroup | 'all';
  groups: { group: UnitGroup; label: string; organizations: number }[];
}> {
  // the total sums one group of units (a county government's report is not added to its townships');
  // the chosen units' own lines are drawn whatever their group
  const scope = await organizationsInScope(db, params.county, params.group);
  const orgs = scope.all;
  const inGroup = new Set(scope.orgs.map((o) => o.id));
  const inScope = new Set(orgs.map((o) => o.id));
  const values = (await getMetricValues(db, params.metric, params.from, params.to)).filter((v) => inScope.has(v.organizationId));
  const years = Array.from({ length: params.to - params.from + 1 }, (_, i) => params.from + i);
  const series = params.organizationIds
    .map((id) => orgs.find((o) => o.id === id))
    .filter((o) => o !== undefined)
    .map((o) => ({
      organization: { id: o.id, name: o.name, county: o.county },
      points: years.map((year) => {
        const v = values.find((x) => x.organizationId === o.id && x.year === year);
        return { year, value: v?.value ?? null, reportId: v?.reportId ?? null };
      }),
    }));
  // 同口径: the units with a readable figure in every year that has one, so the line compares the
  // same units from year to year (the raw sum jumps when a year has 1 report and the next 5); a year
  // with no readable figure at all has nothing to compare and is a gap in both lines
  const grouped = values.filter((v) => inGroup.has(v.organizationId));
  const covered = years.filter((y) => grouped.some((v) => v.year === y && v.value !== null));
  const readable = (id: number, y: number) => grouped.some((v) => v.organizationId === id && v.year === y && v.value !== null);
  const panel = new Set(
    [...new Set(grouped.map((v) => v.organizationId))].filter(
      (id) => covered.length > 0 && covered.every((y) => readable(id, y)),
    ),
  );
  const total = years.map((year) => {
    const ofYear = grouped.filter((v) => v.year === year);
    const known = ofYear.filter((v) => v.value !== null);
    const same = known.filter((v) => panel.has(v.organizationId));
    return {
      year,
      // a year with no report, or none whose figure could be read, is unknown — never 0; the sum of
      // the readable ones is said with how many it adds up and how many it leaves out
      value: known.length === 0 ? null : known.reduce((s, v) => s + (v.value as number), 0),
      reports: ofYear.length,
      unreadable: ofYear.length - known.length,
      comparable: same.length === 0 ? null : same.reduce((s, v) => s + (v.value as number), 0),
    };
  });
  return { years, series, total, comparableUnits: panel.size, group: scope.group, groups: scope.groups };
}
