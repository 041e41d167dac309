import { and, between, count, eq, sql } from 'drizzle-orm';
import type { MetricDef } from '../../../shared/metrics';
import type { Db } from '../../db/client';
import { categoryCountOf, figureOf, proactiveTotalOf } from '../../db/expressions';
import { proactiveCategories, reports, tableFigures } from '../../db/schema';
import { perConnection, statement } from '../../db/statement-cache';

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

const p = sql.placeholder;
const r = reports;
const c = proactiveCategories;
const f = tableFigures;
const base = { organizationId: r.organizationId, year: r.year, reportId: r.id, errors: r.errorCount, warnings: r.warningCount };
const inRange = and(eq(r.isCurrent, true), between(r.year, p('from'), p('to')));

/** The statement of each kind of metric, its parameters as placeholders (shown with its plan by `npm run bench:api`). */
function queries(db: Db) {
  return {
    proactive: db
      .select({ ...base, value: proactiveTotalOf })
      .from(r)
      .where(inRange),
    // unknown (null) when the report lists no categories or an unreadable count; a category it leaves out is 0
    category: db
      .select({
        ...base,
        value: sql<number | null>`case when ${count(c.id)} = 0 then null
          when sum(case when ${c.category} = ${p('category')} and ${categoryCountOf} is null then 1 else 0 end) > 0 then null
          else coalesce(sum(case when ${c.category} = ${p('category')} then ${categoryCountOf} end), 0) end`,
      })
      .from(r)
      .leftJoin(c, eq(c.reportId, r.id))
      .where(inRange)
      .groupBy(r.id),
    cell: db
      .select({ ...base, value: figureOf })
      .from(r)
      .leftJoin(f, and(eq(f.reportId, r.id), eq(f.rowKey, p('row')), eq(f.columnKey, p('column'))))
      .where(inRange),
  };
}

// rankings and trends read a metric on every request: the three statements prepared once per connection
const statements = perConnection((db: Db) => {
  const q = queries(db);
  return { proactive: statement(db, q.proactive), category: statement(db, q.category), cell: statement(db, q.cell) };
});

/** The SQL and parameters behind a metric's values, for EXPLAIN QUERY PLAN in the benchmark. */
export function metricValuesSql(db: Db, metric: MetricDef, from: number, to: number): { sql: string; params: unknown[] } {
  const s = metric.source;
  const q = queries(db)[s.kind].toSQL();
  const values: Record<string, unknown> = { from, to, ...(s.kind === 'category' ? { category: s.category } : {}) };
  if (s.kind === 'cell') Object.assign(values, { row: s.row, column: s.column });
  // drizzle lists placeholders in the order they appear in the SQL
  const params = q.params.map((x) => (x && typeof x === 'object' && 'name' in x ? values[(x as { name: string }).name] : x));
  return { sql: q.sql, params };
}

/** The metric for every current report in the years [from, to]. */
export async function getMetricValues(db: Db, metric: MetricDef, from: number, to: number): Promise<MetricValue[]> {
  const s = metric.source;
  const st = statements(db);
  if (s.kind === 'category') return (await st.category.all({ from, to, category: s.category })) as MetricValue[];
  if (s.kind === 'cell') return (await st.cell.all({ from, to, row: s.row, column: s.column })) as MetricValue[];
  return (await st.proactive.all({ from, to })) as MetricValue[];
}
