import { and, eq } from 'drizzle-orm';
import type { CellRef } from '../../../shared/report/template';
import { appendAudit } from '../../auth/audit';
import type { Db } from '../../db/client';
import { figureOf, proactiveTotalOf } from '../../db/expressions';
import { dataChanged } from '../../db/result-cache';
import { corrections, reports, tableFigures } from '../../db/schema';
import { writeTransaction } from '../../db/write';

/**
 * Sets a figure's corrected value and writes the audit row (who, when, old, new, why) in one
 * transaction. The parsed value stays where it was: a table cell's in `value`, the proactive total's in
 * `proactive_total` (the corrected ones in `corrected_value` and `proactive_total_corrected`).
 */
export async function correctFigure(
  db: Db,
  p: { reportId: number; field: string; cell: CellRef | null; value: number; reason: string; by: string; ip?: string | null },
): Promise<void> {
  await writeTransaction(db, () => {
    let old: number | null;
    if (p.cell) {
      const f = tableFigures;
      const cell = and(eq(f.reportId, p.reportId), eq(f.rowKey, p.cell.row), eq(f.columnKey, p.cell.column));
      old = db.select({ v: figureOf }).from(f).where(cell).get()?.v ?? null;
      db.update(f).set({ correctedValue: p.value }).where(cell).run();
    } else {
      old = db.select({ v: proactiveTotalOf }).from(reports).where(eq(reports.id, p.reportId)).get()?.v ?? null;
      db.update(reports).set({ proactiveTotalCorrected: p.value }).where(eq(reports.id, p.reportId)).run();
    }
    db.insert(corrections)
      .values({
        reportId: p.reportId,
        field: p.field,
        oldValue: old,
        newValue: p.value,
        reason: p.reason,
        correctedBy: p.by,
        correctedAt: new Date().toISOString(),
      })
      .run();
    appendAudit(db, {
      actor: p.by,
      ip: p.ip ?? null,
      action: 'figure.corrected',
      target: `report ${p.reportId}`,
      detail: { field: p.field, old, new: p.value, reason: p.reason },
    });
  });
  dataChanged(db);
}
