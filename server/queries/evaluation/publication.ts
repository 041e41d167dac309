import { beijingDate } from '../../../shared/time';

/**
 * The date a report was published: its signature, else the date of the portal page it was
 * collected from, else the day the collector fetched it (a report uploaded by hand with no date
 * has none).
 */
export function publication(signed: string | null, onPage: string | null, fetchedAt: string | null) {
  if (signed !== null) return { publishedOn: signed, publishedFrom: 'signature' as const };
  if (onPage !== null) return { publishedOn: onPage, publishedFrom: 'page' as const };
  if (fetchedAt !== null) return { publishedOn: beijingDate(fetchedAt), publishedFrom: 'collected' as const };
  return { publishedOn: null, publishedFrom: null };
}
