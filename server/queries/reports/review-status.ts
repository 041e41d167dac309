import { desc, eq } from 'drizzle-orm';
import { fieldLabel } from '../../../shared/report/fields';
import { figureValue, reviewItems } from '../../../shared/report/review';
import type { ParsedReport } from '../../../shared/report/types';
import type { ReportReview } from '../../../shared/schemas/index';
import type { Db } from '../../db/client';
import { figureChecks } from '../../db/schema';

/** A report's figures to check and where each stands: 无需核对 (nothing flagged), 未核对, 部分核对, 已核对 with who and when. */
export async function reviewOf(db: Db, reportId: number, report: ParsedReport): Promise<ReportReview> {
  const checks = await db
    .select()
    .from(figureChecks)
    .where(eq(figureChecks.reportId, reportId))
    .orderBy(desc(figureChecks.id))
    .all();
  const latest = new Map<string, (typeof checks)[number]>();
  for (const c of checks) if (!latest.has(c.field)) latest.set(c.field, c);
  // a figure checked stays an item once its finding is settled (a total entered from the original)
  const flagged = reviewItems(report);
  const paths = [...flagged, ...[...latest.keys()].filter((f) => !flagged.includes(f)).reverse()];
  const items = paths.map((field) => {
    const c = latest.get(field);
    return {
      field,
      label: fieldLabel(field, report.template ?? '2021', report.proactive.categories),
      value: figureValue(report, field),
      checked: c ? { by: c.checkedBy, at: c.checkedAt, action: c.action as 'confirmed' | 'corrected' } : null,
    };
  });
  const done = items.filter((i) => i.checked !== null);
  const last = done.map((i) => i.checked).sort((a, b) => ((a?.at ?? '') < (b?.at ?? '') ? 1 : -1))[0] ?? null;
  const status =
    items.length === 0 ? 'none' : done.length === items.length ? 'checked' : done.length === 0 ? 'unchecked' : 'partial';
  return {
    status,
    items,
    checkedBy: status === 'checked' ? (last?.by ?? null) : null,
    checkedAt: status === 'checked' ? (last?.at ?? null) : null,
  };
}

/** Records a figure as checked, inside the caller's transaction. */
export async function recordCheck(
  db: Db,
  p: { reportId: number; field: string; action: 'confirmed' | 'corrected'; value: number | null; by: string; at: string },
): Promise<void> {
  await db
    .insert(figureChecks)
    .values({ reportId: p.reportId, field: p.field, action: p.action, value: p.value, checkedBy: p.by, checkedAt: p.at })
    .run();
}
