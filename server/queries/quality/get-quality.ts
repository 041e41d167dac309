import type { MatrixCell, QualityFinding } from '../../../shared/schemas/index';
import type { Db } from '../../db/client';
import { prepared } from '../../db/statement-cache';
import { getOrganizations } from '../meta/get-organizations';

/**
 * Data quality for a county: the findings of a year's current reports, the reports published
 * after 31 January, and the missing-report matrix (organisation × every year on record).
 */
export function getQuality(db: Db, params: { year?: number; county?: string }) {
  const orgs = getOrganizations(db, params.county);
  const inScope = new Set(orgs.map((o) => o.id));
  const current = (
    prepared(
      db,
      `select r.id, r.organization_id as organizationId, r.year, r.published_on as publishedOn, r.error_count as errors
         from reports r where r.is_current = 1`,
    ).all() as { id: number; organizationId: number; year: number; publishedOn: string | null; errors: number }[]
  ).filter((r) => inScope.has(r.organizationId));
  const years = [...new Set(current.map((r) => r.year))].sort((a, b) => a - b);
  const isLate = (r: { year: number; publishedOn: string | null }) =>
    r.publishedOn !== null && r.publishedOn > `${r.year + 1}-01-31`;
  const matrix = orgs.map((o) => ({
    organization: { id: o.id, name: o.name, county: o.county },
    years: Object.fromEntries(
      years.map((y) => {
        const r = current.find((x) => x.organizationId === o.id && x.year === y);
        const cell: MatrixCell = r
          ? { status: r.errors > 0 ? 'errors' : isLate(r) ? 'late' : 'ok', reportId: r.id, publishedOn: r.publishedOn }
          : { status: 'missing' };
        return [String(y), cell];
      }),
    ),
  }));
  const ofYear = current.filter((r) => params.year === undefined || r.year === params.year);
  const names = new Map(orgs.map((o) => [o.id, o.name]));
  const findings = (
    prepared(
      db,
      `select f.report_id as reportId, r.organization_id as organizationId, r.year, f.code, f.severity, f.field, f.message
         from findings f join reports r on r.id = f.report_id where r.is_current = 1 and (? is null or r.year = ?)
         order by f.severity, r.year desc, f.report_id, f.id`,
    ).all(params.year ?? null, params.year ?? null) as (Omit<QualityFinding, 'organization'> & { organizationId: number })[]
  )
    .filter((f) => inScope.has(f.organizationId))
    .map(({ organizationId, ...f }) => ({ ...f, organization: { id: organizationId, name: names.get(organizationId) ?? '' } }));
  const late = ofYear.filter(isLate).map((r) => ({
    reportId: r.id,
    organization: { id: r.organizationId, name: names.get(r.organizationId) ?? '' },
    year: r.year,
    publishedOn: r.publishedOn,
  }));
  return { years, findings, late, matrix };
}
