import { and, desc, eq } from 'drizzle-orm';
import type { ReportSummary } from '../../../shared/schemas/index';
import type { Db } from '../../db/client';
import { proactiveTotalOf } from '../../db/expressions';
import { organizations, reports, sourceDocuments } from '../../db/schema';

export type { ReportSummary } from '../../../shared/schemas/index';

/** Reports, current ones unless `history` is asked for, filtered by year and organisation. */
export async function listReports(
  db: Db,
  params: { year?: number; organizationId?: number; history?: boolean },
): Promise<ReportSummary[]> {
  const r = reports;
  const o = organizations;
  const rows = await db
    .select({
      id: r.id,
      organizationId: r.organizationId,
      name: o.name,
      county: o.county,
      year: r.year,
      template: r.template,
      publishedOn: r.publishedOn,
      proactiveTotal: proactiveTotalOf,
      isCurrent: r.isCurrent,
      errors: r.errorCount,
      warnings: r.warningCount,
      fileName: sourceDocuments.fileName,
      format: sourceDocuments.format,
      importedAt: r.importedAt,
    })
    .from(r)
    .innerJoin(o, eq(o.id, r.organizationId))
    .innerJoin(sourceDocuments, eq(sourceDocuments.id, r.sourceDocumentId))
    .where(
      and(
        params.year === undefined ? undefined : eq(r.year, params.year),
        params.organizationId === undefined ? undefined : eq(r.organizationId, params.organizationId),
        params.history ? undefined : eq(r.isCurrent, true),
      ),
    )
    .orderBy(desc(r.year), o.name, desc(r.id))
    .all();
  return rows.map(({ organizationId, name, county, ...rest }) => ({
    ...rest,
    organization: { id: organizationId, name, county },
  })) as ReportSummary[];
}

/** The current reports of a year — what the dashboard shows. */
export async function listCurrentReports(db: Db, year: number) {
  return (await listReports(db, { year })).map((r) => ({
    reportId: r.id,
    organizationId: r.organization.id,
    name: r.organization.name,
    county: r.organization.county,
    proactiveTotal: r.proactiveTotal,
    publishedOn: r.publishedOn,
  }));
}
