import { and, eq } from 'drizzle-orm';
import { fieldLabel } from '../../../shared/report/fields';
import { figureValue, reviewItems } from '../../../shared/report/review';
import type { ParsedReport } from '../../../shared/report/types';
import type { ReportReview, ReviewQueue } from '../../../shared/schemas/index';
import { appendAudit } from '../../auth/audit';
import type { Db } from '../../db/client';
import { cached } from '../../db/result-cache';
import { organizations, reports } from '../../db/schema';
import { writeTransaction } from '../../db/write';
import { getReport } from './get-report';
import { recordCheck, reviewOf } from './review-status';

/** The figure is no longer to be checked in this report (or the report is not current): nothing written. */
export class NotToCheckError extends Error {}

/** 核对无误: the figure as it stands matches the original. Audited; one transaction. */
export async function confirmFigure(
  db: Db,
  p: { reportId: number; field: string; by: string; ip: string | null },
): Promise<ReportReview> {
  const report = await getReport(db, p.reportId, 'editor');
  if (!report?.isCurrent || !reviewItems(report).includes(p.field)) throw new NotToCheckError(p.field);
  const at = new Date().toISOString();
  const value = figureValue(report, p.field);
  await writeTransaction(db, async (tx) => {
    await recordCheck(tx, { reportId: p.reportId, field: p.field, action: 'confirmed', value, by: p.by, at });
    await appendAudit(
      tx,
      {
        actor: p.by,
        ip: p.ip,
        action: 'figure.checked',
        target: `report ${p.reportId}`,
        detail: { field: p.field, label: fieldLabel(p.field, report.template ?? '2021', report.proactive.categories), value },
      },
      at,
    );
  });
  return (await getReport(db, p.reportId, 'editor'))?.review ?? (await reviewOf(db, p.reportId, report));
}

/** A report in the queue waits the longer the less its figures can be trusted where they rank it. */
function impact(report: ParsedReport, review: ReportReview): number {
  const total = review.items.find((i) => i.field === 'proactive.total');
  const totalOpen = total && total.checked === null;
  const errors = report.findings.filter((f) => f.severity === 'error').length;
  return (
    (totalOpen && report.proactive.total === null ? 1_000_000 : 0) +
    (totalOpen ? 100_000 : 0) +
    errors * 100 +
    review.items.length
  );
}

/**
 * 待核对: the current reports of a county-year with figures to check, the ones whose checking can
 * move a unit's rank first (a total that could not be read, then errors), with the count of
 * reports checked (a report with nothing flagged counts as checked).
 */
export function reviewQueue(db: Db, scope: { county?: string; year: number }): Promise<ReviewQueue> {
  // read on every overview, ranking and 考核 page: computed once until the data changes
  return cached(db, `review|${scope.year}|${scope.county ?? '*'}`, () => reviewQueueUncached(db, scope), {
    bucket: 'review',
    max: 100,
  });
}

async function reviewQueueUncached(db: Db, scope: { county?: string; year: number }): Promise<ReviewQueue> {
  const where = [eq(reports.isCurrent, true), eq(reports.year, scope.year)];
  if (scope.county) where.push(eq(organizations.county, scope.county));
  const rows = await db
    .select({ id: reports.id })
    .from(reports)
    .innerJoin(organizations, eq(organizations.id, reports.organizationId))
    .where(and(...where))
    .all();
  const out: (ReviewQueue['reports'][number] & { rank: number })[] = [];
  let checked = 0;
  for (const { id } of rows) {
    const report = await getReport(db, id, 'editor');
    if (!report) continue;
    const review = report.review;
    if (review.status === 'none' || review.status === 'checked') checked++;
    if (review.status === 'none') continue;
    out.push({
      reportId: id,
      organization: { id: report.organization.id, name: report.organization.name, county: report.organization.county },
      year: scope.year,
      status: review.status,
      items: review.items.length,
      checked: review.items.filter((i) => i.checked !== null).length,
      reasons: [...new Set(report.findings.filter((f) => f.severity === 'error').map((f) => f.message))].slice(0, 3),
      checkedBy: review.checkedBy,
      checkedAt: review.checkedAt,
      rank: impact(report, review),
    });
  }
  out.sort(
    (a, b) =>
      Number(a.status === 'checked') - Number(b.status === 'checked') ||
      b.rank - a.rank ||
      a.organization.name.localeCompare(b.organization.name, 'zh'),
  );
  return { checked, total: rows.length, reports: out.map(({ rank: _, ...r }) => r) };
}
