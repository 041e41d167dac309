import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { reports, sourceDocuments } from '../../db/schema';

/** The original file of a report exactly as it was received. */
export async function getSource(
  db: Db,
  reportId: number,
): Promise<{ bytes: Buffer; fileName: string; mediaType: string } | null> {
  return (
    (await db
      .select({ bytes: sourceDocuments.bytes, fileName: sourceDocuments.fileName, mediaType: sourceDocuments.mediaType })
      .from(reports)
      .innerJoin(sourceDocuments, eq(sourceDocuments.id, reports.sourceDocumentId))
      .where(eq(reports.id, reportId))
      .get()) ?? null
  );
}
