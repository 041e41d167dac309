import type { ReportSummary } from '../../../shared/schemas/index';
import type { Db } from '../../db/client';
import { prepared } from '../../db/statement-cache';

export type { ReportSummary } from '../../../shared/schemas/index';

interface Row extends Omit<ReportSummary, 'organization' | 'isCurrent'> {
  organizationId: number;
  name: string;
  county: string | null;
  isCurrent: number;
}

/** Reports, current ones unless `history` is asked for, filtered by year and organisation. */
export function listReports(db: Db, params: { year?: number; organizationId?: number; history?: boolean }): ReportSummary[] {
  const where = ['(? is null or r.year = ?)', '(? is null or r.organization_id = ?)'];
  if (!params.history) where.push('r.is_current = 1');
  const rows = prepared(
    db,
    `select r.id, r.organization_id as organizationId, o.name, o.county, r.year, r.template, r.published_on as publishedOn,
         coalesce(r.proactive_total_corrected, r.proactive_total) as proactiveTotal, r.is_current as isCurrent, r.error_count as errors, r.warning_count as warnings,
         d.file_name as fileName, d.format, r.imported_at as importedAt
       from reports r join organizations o on o.id = r.organization_id join source_documents d on d.id = r.source_document_id
       where ${where.join(' and ')} order by r.year desc, o.name, r.id desc`,
  ).all(params.year ?? null, params.year ?? null, params.organizationId ?? null, params.organizationId ?? null) as Row[];
  return rows.map(({ organizationId, name, county, isCurrent, ...r }) => ({
    ...r,
    organization: { id: organizationId, name, county },
    isCurrent: isCurrent === 1,
  }));
}

/** The current reports of a year — what the dashboard shows. */
export function listCurrentReports(db: Db, year: number) {
  return listReports(db, { year }).map((r) => ({
    reportId: r.id,
    organizationId: r.organization.id,
    name: r.organization.name,
    county: r.organization.county,
    proactiveTotal: r.proactiveTotal,
    publishedOn: r.publishedOn,
  }));
}
