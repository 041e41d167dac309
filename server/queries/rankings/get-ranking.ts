import type { MetricDef } from '../../../shared/metrics';
import { byName, rankWithinGroups } from '../../../shared/rank';
import type { Organization, RankingRow, RankingStatus, RankingSummary } from '../../../shared/schemas/index';
import { UNIT_GROUP_KEYS, type UnitGroup, unitGroupOf } from '../../../shared/unit-groups';
import type { Db } from '../../db/client';
import { organizationsInScope } from '../meta/get-organizations';
import { getMetricValues, type MetricValue } from '../metrics/get-metric-values';

export type { RankingRow, RankingStatus, RankingSummary } from '../../../shared/schemas/index';

const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * A year's ranking of the organisations in scope, each unit group ranked on its own (townships with
 * townships, departments with departments; `group` picks one, 'all' lists every group): ranked ones
 * first (ties share a rank), then those whose report has no value for the metric, then those with
 * no report that year (missing — never shown as 0). Changes are against the previous year's reports.
 */
export async function getRanking(
  db: Db,
  params: { year: number; county?: string; metric: MetricDef; group?: UnitGroup | 'all' },
): Promise<{
  rows: RankingRow[];
  group: UnitGroup | 'all';
  groups: { group: UnitGroup; label: string; organizations: number }[];
}> {
  const scope = await organizationsInScope(db, params.county, params.group);
  const orgs = scope.orgs;
  const inScope = new Map<number, Organization>(orgs.map((o) => [o.id, o]));
  const values = (await getMetricValues(db, params.metric, params.year - 1, params.year)).filter((v) =>
    inScope.has(v.organizationId),
  );
  const byYear = (y: number) =>
    new Map(values.filter((v) => v.year === y).map((v) => [v.organizationId, v] as [number, MetricValue]));
  const now = byYear(params.year);
  const before = byYear(params.year - 1);
  const groupOf = new Map(orgs.map((o) => [o.id, unitGroupOf(o.kind)]));
  // ranks within each group: a unit is never placed among units of another kind
  const ranked = (m: Map<number, MetricValue>) =>
    rankWithinGroups(
      new Map([...m.entries()].filter(([, v]) => v.value !== null).map(([id, v]) => [id, v.value as number])),
      (id) => groupOf.get(id),
    );
  const ranks = ranked(now);
  const previousRanks = ranked(before);

  const rows: RankingRow[] = orgs.map((o) => {
    const v = now.get(o.id);
    const previous = before.get(o.id)?.value ?? null;
    const value = v?.value ?? null;
    const rank = ranks.get(o.id) ?? null;
    const previousRank = previousRanks.get(o.id) ?? null;
    const change = value !== null && previous !== null ? round1(value - previous) : null;
    return {
      rank,
      group: groupOf.get(o.id) ?? 'other',
      organization: { id: o.id, name: o.name, county: o.county },
      status: !v ? 'missing' : value === null ? 'noValue' : 'ranked',
      reportId: v?.reportId ?? null,
      value,
      previous,
      change,
      changePct: change !== null && previous ? round1((change / previous) * 100) : null,
      rankChange: rank !== null && previousRank !== null ? previousRank - rank : null,
      errors: v?.errors ?? null,
      warnings: v?.warnings ?? null,
    };
  });
  const order: Record<RankingStatus, number> = { ranked: 0, noValue: 1, missing: 2 };
  const groupOrder = (g: UnitGroup) => UNIT_GROUP_KEYS.indexOf(g);
  rows.sort(
    (a, b) =>
      groupOrder(a.group) - groupOrder(b.group) ||
      order[a.status] - order[b.status] ||
      (a.rank ?? 0) - (b.rank ?? 0) ||
      byName(a.organization.name, b.organization.name),
  );
  return { rows, group: scope.group, groups: scope.groups };
}

/** The figures of a whole ranking (the cards above it), whatever page of it is shown. */
export function summarize(rows: readonly RankingRow[]): RankingSummary {
  let received = 0;
  let ranked = 0;
  let sum = 0;
  let reportsWithErrors = 0;
  // 同口径: the change is over the units with a value in both years, never two different sets of units
  let both = 0;
  let bothNow = 0;
  let bothBefore = 0;
  for (const r of rows) {
    if (r.value !== null && r.previous !== null) {
      both++;
      bothNow += r.value;
      bothBefore += r.previous;
    }
    if (r.status !== 'missing') received++;
    if (r.status === 'ranked') {
      ranked++;
      sum += r.value ?? 0;
    }
    if ((r.errors ?? 0) > 0) reportsWithErrors++;
  }
  return {
    organizations: rows.length,
    received,
    ranked,
    noValue: received - ranked,
    sum: Math.round(sum * 10) / 10,
    reportsWithErrors,
    comparable:
      both === 0
        ? null
        : {
            organizations: both,
            sum: round1(bothNow),
            previousSum: round1(bothBefore),
            change: round1(bothNow - bothBefore),
          },
  };
}
