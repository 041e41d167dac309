import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { reports, sourceDocuments } from '../../db/schema';

/** Every version of an organisation's report for a year, newest first. */
export async function listReportHistory(db: Db, organizationId: number, year: number) {
  return db
    .select({
      reportId: reports.id,
      isCurrent: reports.isCurrent,
      proactiveTotal: sql<number | null>`coalesce(${reports.proactiveTotalCorrected}, ${reports.proactiveTotal})`,
      importedAt: reports.importedAt,
      supersededAt: reports.supersededAt,
      supersededById: reports.supersededById,
      fileName: sourceDocuments.fileName,
      sha256: sourceDocuments.sha256,
      importedBy: sourceDocuments.importedBy,
    })
    .from(reports)
    .innerJoin(sourceDocuments, eq(reports.sourceDocumentId, sourceDocuments.id))
    .where(and(eq(reports.organizationId, organizationId), eq(reports.year, year)))
    .orderBy(desc(reports.id))
    .all();
}
