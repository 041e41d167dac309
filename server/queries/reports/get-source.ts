import type { Db } from '../../db/client';
import { prepared } from '../../db/statement-cache';

/** The original file of a report exactly as it was received. */
export function getSource(db: Db, reportId: number): { bytes: Buffer; fileName: string; mediaType: string } | null {
  return (
    (prepared(
      db,
      `select d.bytes, d.file_name as fileName, d.media_type as mediaType
         from reports r join source_documents d on d.id = r.source_document_id where r.id = ?`,
    ).get(reportId) as { bytes: Buffer; fileName: string; mediaType: string } | undefined) ?? null
  );
}
