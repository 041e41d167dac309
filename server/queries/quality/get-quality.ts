import { and, desc, eq } from 'drizzle-orm';
import type { MatrixCell, QualityFinding } from '../../../shared/schemas/index';
import type { Db } from '../../db/client';
import { collectPages, findings, reports, sourceDocuments } from '../../db/schema';
import { getOrganizations } from '../meta/get-organizations';

/**
 * Data quality for a county: the findings of a year's current reports, the reports published
 * after 31 January (by their signature's date, or the portal page's when the report has none), and
 * the missing-report matrix (organisation × every year on record).
 */
export function getQuality(db: Db, params: { year?: number; county?: string }) {
  const orgs = getOrganizations(db, params.county);
  const inScope = new Set(orgs.map((o) => o.id));
  const r = reports;
  // the publication date: the report's signature, else the date of the portal page it was collected from
  const current = db
    .select({
      id: r.id,
      organizationId: r.organizationId,
      year: r.year,
      signed: r.publishedOn,
      onPage: collectPages.publishedOn,
      errors: r.errorCount,
    })
    .from(r)
    .innerJoin(sourceDocuments, eq(sourceDocuments.id, r.sourceDocumentId))
    .leftJoin(collectPages, eq(collectPages.url, sourceDocuments.url))
    .where(eq(r.isCurrent, true))
    .all()
    .filter((x) => inScope.has(x.organizationId))
    .map(({ signed, onPage, ...x }) => ({
      ...x,
      publishedOn: signed ?? onPage,
      publishedFrom: signed !== null ? ('signature' as const) : onPage !== null ? ('page' as const) : undefined,
    }));
  const years = [...new Set(current.map((r) => r.year))].sort((a, b) => a - b);
  const isLate = (r: { year: number; publishedOn: string | null }) =>
    r.publishedOn !== null && r.publishedOn > `${r.year + 1}-01-31`;
  const matrix = orgs.map((o) => ({
    organization: { id: o.id, name: o.name, county: o.county },
    years: Object.fromEntries(
      years.map((y) => {
        const c = current.find((x) => x.organizationId === o.id && x.year === y);
        const cell: MatrixCell = c
          ? { status: c.errors > 0 ? 'errors' : isLate(c) ? 'late' : 'ok', reportId: c.id, publishedOn: c.publishedOn }
          : { status: 'missing' };
        return [String(y), cell];
      }),
    ),
  }));
  const ofYear = current.filter((r) => params.year === undefined || r.year === params.year);
  const names = new Map(orgs.map((o) => [o.id, o.name]));
  const f = findings;
  const found = db
    .select({
      reportId: f.reportId,
      organizationId: r.organizationId,
      year: r.year,
      code: f.code,
      severity: f.severity,
      field: f.field,
      message: f.message,
    })
    .from(f)
    .innerJoin(r, eq(r.id, f.reportId))
    .where(and(eq(r.isCurrent, true), params.year === undefined ? undefined : eq(r.year, params.year)))
    .orderBy(f.severity, desc(r.year), f.reportId, f.id)
    .all()
    .filter((x) => inScope.has(x.organizationId))
    .map(({ organizationId, ...x }) => ({ ...x, organization: { id: organizationId, name: names.get(organizationId) ?? '' } }));
  const late = ofYear.filter(isLate).map((x) => ({
    reportId: x.id,
    organization: { id: x.organizationId, name: names.get(x.organizationId) ?? '' },
    year: x.year,
    publishedOn: x.publishedOn,
    ...(x.publishedFrom ? { publishedFrom: x.publishedFrom } : {}),
  }));
  return { years, findings: found as QualityFinding[], late, matrix };
}
