import { eq } from 'drizzle-orm';
import { beijingDate } from '../../../shared/time';
import { collectPages, reports, sourceDocuments } from '../../db/schema';

/**
 * What `publication` reads of a report: select these columns, with `source_documents` joined on
 * `sourceJoin` and `collect_pages` left-joined on `pageJoin` (a report not collected has no page).
 */
export const publicationColumns = {
  signed: reports.publishedOn,
  signedFrom: reports.publishedFrom,
  onPage: collectPages.publishedOn,
  fetchedAt: collectPages.fetchedAt,
};
export const sourceJoin = eq(sourceDocuments.id, reports.sourceDocumentId);
export const pageJoin = eq(collectPages.url, sourceDocuments.url);

/**
 * The date a report was published: its signature, else the date of its web page (the page's own
 * PubDate as read with the report, or the collector's), else the day the collector fetched it (a
 * report uploaded by hand with no date has none).
 */
export function publication({
  signed,
  signedFrom,
  onPage,
  fetchedAt,
}: {
  signed: string | null;
  signedFrom?: string | null;
  onPage: string | null;
  fetchedAt: string | null;
}) {
  if (signed !== null && signedFrom !== 'page') return { publishedOn: signed, publishedFrom: 'signature' as const };
  if (signed !== null) return { publishedOn: signed, publishedFrom: 'page' as const };
  if (onPage !== null) return { publishedOn: onPage, publishedFrom: 'page' as const };
  if (fetchedAt !== null) return { publishedOn: beijingDate(fetchedAt), publishedFrom: 'collected' as const };
  return { publishedOn: null, publishedFrom: null };
}
