import type { MetricDef } from '../../../shared/metrics';
import type { Db } from '../../db/client';
import { prepared } from '../../db/statement-cache';

export interface MetricValue {
  organizationId: number;
  year: number;
  reportId: number;
  /** null: the report is in, but this figure could not be read or was not stated. */
  value: number | null;
  /** The report's check results: errors and warnings. */
  errors: number;
  warnings: number;
}

/** The SQL behind a metric's values (also shown with its query plan in docs/benchmarks.md). */
export function metricValuesSql(metric: MetricDef): string {
  const inRange = 'r.is_current = 1 and r.year between ? and ?';
  switch (metric.source.kind) {
    case 'proactive':
      return `select r.organization_id as organizationId, r.year, r.id as reportId, r.error_count as errors, r.warning_count as warnings, coalesce(r.proactive_total_corrected, r.proactive_total) as value from reports r where ${inRange}`;
    case 'category':
      // unknown (null) when the report lists no categories or an unreadable count; a category it leaves out is 0
      return `select r.organization_id as organizationId, r.year, r.id as reportId, r.error_count as errors, r.warning_count as warnings,
           case when count(c.id) = 0 then null
                when sum(case when c.category = ? and c.count is null then 1 else 0 end) > 0 then null
                else coalesce(sum(case when c.category = ? then c.count end), 0) end as value
         from reports r left join proactive_categories c on c.report_id = r.id
         where ${inRange} group by r.id`;
    case 'cell':
      return `select r.organization_id as organizationId, r.year, r.id as reportId, r.error_count as errors, r.warning_count as warnings, coalesce(f.corrected_value, f.value) as value
         from reports r left join table_figures f on f.report_id = r.id and f.row_key = ? and f.column_key = ?
         where ${inRange}`;
  }
}

/** The metric for every current report in the years [from, to]. */
export function getMetricValues(db: Db, metric: MetricDef, from: number, to: number): MetricValue[] {
  const s = metric.source;
  const stmt = prepared(db, metricValuesSql(metric));
  const params =
    s.kind === 'category' ? [s.category, s.category, from, to] : s.kind === 'cell' ? [s.row, s.column, from, to] : [from, to];
  return stmt.all(...params) as MetricValue[];
}
