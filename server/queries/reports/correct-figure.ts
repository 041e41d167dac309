import { and, eq } from 'drizzle-orm';
import { categoryIndex, cellOf } from '../../../shared/report/fields';
import { recheckFigures } from '../../../shared/report/recheck';
import type { CellRef, TemplateVersion } from '../../../shared/report/template';
import { appendAudit } from '../../auth/audit';
import type { Db } from '../../db/client';
import { categoryCountOf, figureOf, proactiveTotalOf } from '../../db/expressions';
import { corrections, findings, proactiveCategories, reports, tableFigures } from '../../db/schema';
import { writeTransaction } from '../../db/write';
import { getReport } from './get-report';
import { recordCheck } from './review-status';

/** What is corrected: a template cell, a proactive category (by position), or the proactive total. */
export type FigureTarget = { kind: 'cell'; cell: CellRef } | { kind: 'category'; position: number } | { kind: 'total' };

/**
 * The figure a field path names in a report of `template` with `categories` categories: a cell of the
 * template, the proactive total, or a category that exists; null for anything else.
 */
export function figureTarget(field: string, template: TemplateVersion, categories: number): FigureTarget | null {
  if (field === 'proactive.total') return { kind: 'total' };
  const position = categoryIndex(field);
  if (position !== null) return position < categories ? { kind: 'category', position } : null;
  const cell = cellOf(field, template);
  return cell ? { kind: 'cell', cell } : null;
}

/** The figure was changed by someone else since the editor read it: nothing is written. */
export class StaleFigureError extends Error {
  constructor(
    readonly current: number | null,
    readonly expected: number | null,
  ) {
    super(`the figure is ${current}, not ${expected} as read`);
  }
}

/** Sets a figure's corrected value; returns the value it had before (as corrected so far). */
export async function setCorrected(db: Db, reportId: number, target: FigureTarget, value: number): Promise<number | null> {
  if (target.kind === 'cell') {
    const f = tableFigures;
    const cell = and(eq(f.reportId, reportId), eq(f.rowKey, target.cell.row), eq(f.columnKey, target.cell.column));
    const old = (await db.select({ v: figureOf }).from(f).where(cell).get())?.v ?? null;
    await db.update(f).set({ correctedValue: value }).where(cell).run();
    return old;
  }
  if (target.kind === 'category') {
    const c = proactiveCategories;
    const at = and(eq(c.reportId, reportId), eq(c.position, target.position));
    const old = (await db.select({ v: categoryCountOf }).from(c).where(at).get())?.v ?? null;
    await db.update(c).set({ correctedCount: value }).where(at).run();
    return old;
  }
  const old = (await db.select({ v: proactiveTotalOf }).from(reports).where(eq(reports.id, reportId)).get())?.v ?? null;
  await db.update(reports).set({ proactiveTotalCorrected: value }).where(eq(reports.id, reportId)).run();
  return old;
}

/**
 * The report's checks run again on its figures as corrected: its findings and its error and
 * warning counts replaced, so the report page, 数据质量 and the rankings show what still holds.
 */
export async function recheckReport(db: Db, reportId: number): Promise<void> {
  const report = await getReport(db, reportId, 'editor');
  if (!report) return;
  const now = recheckFigures(report);
  await db.delete(findings).where(eq(findings.reportId, reportId)).run();
  if (now.length > 0) {
    await db
      .insert(findings)
      .values(now.map((f) => ({ reportId, code: f.code, severity: f.severity, field: f.field ?? null, message: f.message })))
      .run();
  }
  await db
    .update(reports)
    .set({
      errorCount: now.filter((f) => f.severity === 'error').length,
      warningCount: now.filter((f) => f.severity === 'warning').length,
    })
    .where(eq(reports.id, reportId))
    .run();
}

/**
 * Sets a figure's corrected value, records the correction (who, when, old, new, why), writes the
 * audit entry and re-runs the checks, in one transaction. The parsed value stays where it was: a
 * table cell's in `value`, a category's in `count`, the proactive total's in `proactive_total`.
 */
export async function correctFigure(
  db: Db,
  p: {
    reportId: number;
    field: string;
    /** The figure in the template's words (fieldLabel), for the audit log. */
    label: string;
    target: FigureTarget;
    value: number;
    reason: string;
    by: string;
    ip?: string | null;
    /** The value the editor saw: when the figure is something else now, StaleFigureError and nothing written. */
    expected?: number | null;
  },
): Promise<void> {
  await writeTransaction(db, async (tx) => {
    const old = await setCorrected(tx, p.reportId, p.target, p.value);
    // read and changed in one transaction: a correction made meanwhile by someone else is not overwritten
    if (p.expected !== undefined && old !== p.expected) throw new StaleFigureError(old, p.expected);
    await tx
      .insert(corrections)
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
    // a figure corrected from the original is a figure checked (待核对)
    await recordCheck(tx, {
      reportId: p.reportId,
      field: p.field,
      action: 'corrected',
      value: p.value,
      by: p.by,
      at: new Date().toISOString(),
    });
    await recheckReport(tx, p.reportId);
    await appendAudit(tx, {
      actor: p.by,
      ip: p.ip ?? null,
      action: 'figure.corrected',
      target: `report ${p.reportId}`,
      detail: { field: p.field, label: p.label, old, new: p.value, reason: p.reason },
    });
  });
}
