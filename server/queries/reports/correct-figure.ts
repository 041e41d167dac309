import type { CellRef } from '../../../shared/report/template';
import { appendAudit } from '../../auth/audit';
import type { Db } from '../../db/client';
import { dataChanged } from '../../db/result-cache';
import { prepared } from '../../db/statement-cache';
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
      const row = prepared(
        db,
        'select coalesce(corrected_value, value) as v from table_figures where report_id = ? and row_key = ? and column_key = ?',
      ).get(p.reportId, p.cell.row, p.cell.column) as { v: number | null } | undefined;
      old = row?.v ?? null;
      prepared(db, 'update table_figures set corrected_value = ? where report_id = ? and row_key = ? and column_key = ?').run(
        p.value,
        p.reportId,
        p.cell.row,
        p.cell.column,
      );
    } else {
      old = (
        prepared(db, 'select coalesce(proactive_total_corrected, proactive_total) as v from reports where id = ?').get(
          p.reportId,
        ) as {
          v: number | null;
        }
      ).v;
      prepared(db, 'update reports set proactive_total_corrected = ? where id = ?').run(p.value, p.reportId);
    }
    prepared(
      db,
      'insert into corrections (report_id, field, old_value, new_value, reason, corrected_by, corrected_at) values (?, ?, ?, ?, ?, ?, ?)',
    ).run(p.reportId, p.field, old, p.value, p.reason, p.by, new Date().toISOString());
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
