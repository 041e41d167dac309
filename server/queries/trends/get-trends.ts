import type { MetricDef } from '../../../shared/metrics';
import type { TrendSeries, TrendTotal } from '../../../shared/schemas/index';
import type { Db } from '../../db/client';
import { getOrganizations } from '../meta/get-organizations';
import { getMetricValues } from '../metrics/get-metric-values';

/**
 * The metric across years for the chosen organisations (a year without a report has value null
 * and no report id), and the total over every organisation in scope per year with how many
 * reports it adds up (null for a year with no report at all).
 */
export async function getTrends(
  db: Db,
  params: { organizationIds: number[]; metric: MetricDef; from: number; to: number; county?: string },
): Promise<{ years: number[]; series: TrendSeries[]; total: TrendTotal[] }> {
  const orgs = await getOrganizations(db, params.county);
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
  const total = years.map((year) => {
    const ofYear = values.filter((v) => v.year === year);
    return {
      year,
      // a year with no report at all is unknown, not 0
      value: ofYear.length === 0 ? null : ofYear.reduce((s, v) => s + (v.value ?? 0), 0),
      reports: ofYear.length,
      unreadable: ofYear.filter((v) => v.value === null).length,
    };
  });
  return { years, series, total };
}
