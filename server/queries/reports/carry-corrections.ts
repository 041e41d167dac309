import { and, desc, eq } from 'drizzle-orm';
import { categoryIndex, cellOf, fieldLabel } from '../../../shared/report/fields';
import type { TemplateVersion } from '../../../shared/report/template';
import { appendAudit } from '../../auth/audit';
import type { Db } from '../../db/client';
import { corrections, findings, proactiveCategories, reports, tableFigures } from '../../db/schema';
import { type FigureTarget, figureTarget, recheckReport, setCorrected } from './correct-figure';

/** A figure of one version as the parser read it (before any correction), or undefined if the version has no such figure. */
async function parsedValue(db: Db, reportId: number, target: FigureTarget): Promise<number | null | undefined> {
  if (target.kind === 'cell') {
    const f = tableFigures;
    return (
      await db
        .select({ v: f.value })
        .from(f)
        .where(and(eq(f.reportId, reportId), eq(f.rowKey, target.cell.row), eq(f.columnKey, target.cell.column)))
        .get()
    )?.v;
  }
  if (target.kind === 'category') {
    const c = proactiveCategories;
    return (
      await db
        .select({ v: c.count })
        .from(c)
        .where(and(eq(c.reportId, reportId), eq(c.position, target.position)))
        .get()
    )?.v;
  }
  return (await db.select({ v: reports.proactiveTotal }).from(reports).where(eq(reports.id, reportId)).get())?.v;
}

/** Where a corrected field of the previous version is in the new one: a category is found by its label. */
async function targetIn(
  db: Db,
  reportId: number,
  template: TemplateVersion,
  field: string,
  previousId: number,
): Promise<FigureTarget | null> {
  if (field === 'proactive.total') return { kind: 'total' };
  const position = categoryIndex(field);
  if (position !== null) {
    const c = proactiveCategories;
    const label = (
      await db
        .select({ label: c.label })
        .from(c)
        .where(and(eq(c.reportId, previousId), eq(c.position, position)))
        .get()
    )?.label;
    const now =
      label === undefined
        ? undefined
        : await db
            .select({ position: c.position })
            .from(c)
            .where(and(eq(c.reportId, reportId), eq(c.label, label)))
            .get();
    return now ? { kind: 'category', position: now.position } : null;
  }
  const cell = cellOf(field, template);
  return cell ? { kind: 'cell', cell } : null;
}

/**
 * A new version of a report keeps the corrections made on the version it replaces where the figure
 * in the new source is what it was in the old one (the office corrected a mistake the unit has not
 * fixed); where the new source says something else, the correction is not carried and the new
 * version gets a warning to review it. Called inside the import's transaction.
 */
export async function carryCorrections(
  db: Db,
  p: { previousId: number; reportId: number; template: TemplateVersion; importedBy: string; ip: string | null; now: string },
): Promise<{ carried: number; toReview: number }> {
  const c = corrections;
  const made = await db.select().from(c).where(eq(c.reportId, p.previousId)).orderBy(desc(c.id)).all();
  // the latest correction of each field is what stood
  const latest = new Map<string, (typeof made)[number]>();
  for (const m of made) if (!latest.has(m.field)) latest.set(m.field, m);
  let carried = 0;
  let toReview = 0;
  const categories = await db
    .select({ label: proactiveCategories.label })
    .from(proactiveCategories)
    .where(eq(proactiveCategories.reportId, p.previousId))
    .orderBy(proactiveCategories.position)
    .all();
  const previousTemplate = ((await db.select({ t: reports.template }).from(reports).where(eq(reports.id, p.previousId)).get())
    ?.t ?? '2021') as TemplateVersion;
  for (const m of latest.values()) {
    if (m.newValue === null) continue;
    const label = fieldLabel(m.field, previousTemplate, categories);
    const was = figureTarget(m.field, previousTemplate, categories.length);
    const before = was ? await parsedValue(db, p.previousId, was) : undefined;
    const target = await targetIn(db, p.reportId, p.template, m.field, p.previousId);
    const now = target ? await parsedValue(db, p.reportId, target) : undefined;
    if (target && now !== undefined && before !== undefined && now === before) {
      const old = await setCorrected(db, p.reportId, target, m.newValue);
      await db
        .insert(c)
        .values({
          reportId: p.reportId,
          field: target.kind === 'category' ? `proactive.categories[${target.position}]` : m.field,
          oldValue: old,
          newValue: m.newValue,
          reason: `沿用上一版本的更正：${m.reason}`,
          correctedBy: m.correctedBy,
          correctedAt: p.now,
        })
        .run();
      carried++;
    } else {
      await db
        .insert(findings)
        .values({
          reportId: p.reportId,
          code: 'correction.review',
          severity: 'warning',
          field: m.field,
          message: `上一版本曾将“${label}”由 ${m.oldValue ?? '空'} 更正为 ${m.newValue}（${m.reason}）；新版本原文此项为 ${now ?? '空'}，与上一版本原文（${before ?? '空'}）不同，更正未沿用，请核对`,
        })
        .run();
      toReview++;
    }
  }
  if (carried + toReview > 0) {
    await recheckReport(db, p.reportId);
    await appendAudit(
      db,
      {
        actor: p.importedBy,
        ip: p.ip,
        action: 'figure.carried',
        target: `report ${p.reportId}`,
        detail: { from: p.previousId, carried, toReview },
      },
      p.now,
    );
  }
  return { carried, toReview };
}
