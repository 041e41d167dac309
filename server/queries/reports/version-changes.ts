import { eq } from 'drizzle-orm';
import { fieldLabel } from '../../../shared/report/fields';
import { type TemplateVersion, templateCells } from '../../../shared/report/template';
import type { Db } from '../../db/client';
import { categoryCountOf, figureOf, proactiveTotalOf } from '../../db/expressions';
import { proactiveCategories, reports, tableFigures } from '../../db/schema';

export interface FigureChange {
  field: string;
  label: string;
  from: number | null;
  to: number | null;
}

/** Every figure of a version as the dashboard uses it (corrections applied), by path; categories by label. */
async function figuresOf(
  db: Db,
  reportId: number,
): Promise<{ template: TemplateVersion; values: Map<string, number | null>; categories: Map<string, number | null> }> {
  const r = await db
    .select({ template: reports.template, total: proactiveTotalOf })
    .from(reports)
    .where(eq(reports.id, reportId))
    .get();
  const template = (r?.template ?? '2021') as TemplateVersion;
  const values = new Map<string, number | null>([['proactive.total', r?.total ?? null]]);
  const byKey = new Map(templateCells(template).map((c) => [`${c.table} ${c.row} ${c.column}`, c.path]));
  const t = tableFigures;
  for (const f of await db
    .select({ table: t.tableName, row: t.rowKey, column: t.columnKey, v: figureOf })
    .from(t)
    .where(eq(t.reportId, reportId))
    .all()) {
    const path = byKey.get(`${f.table} ${f.row} ${f.column}`);
    if (path) values.set(path, f.v);
  }
  const c = proactiveCategories;
  const categories = new Map(
    (
      await db.select({ label: c.label, v: categoryCountOf }).from(c).where(eq(c.reportId, reportId)).orderBy(c.position).all()
    ).map((x) => [x.label, x.v]),
  );
  return { template, values, categories };
}

/**
 * What the office would see change if version `to` replaced version `from`: the proactive total,
 * each category (by its label) and each table figure that differs, in the template's order and words.
 */
export async function versionChanges(db: Db, from: number, to: number): Promise<FigureChange[]> {
  const a = await figuresOf(db, from);
  const b = await figuresOf(db, to);
  const changes: FigureChange[] = [];
  const total = ['proactive.total'];
  for (const field of total) {
    const x = a.values.get(field) ?? null;
    const y = b.values.get(field) ?? null;
    if (x !== y) changes.push({ field, label: fieldLabel(field), from: x, to: y });
  }
  for (const label of new Set([...a.categories.keys(), ...b.categories.keys()])) {
    const x = a.categories.get(label) ?? null;
    const y = b.categories.get(label) ?? null;
    if (x !== y) changes.push({ field: `category:${label}`, label: `主动公开分类“${label}”`, from: x, to: y });
  }
  for (const cell of templateCells(b.template)) {
    const x = a.values.get(cell.path) ?? null;
    const y = b.values.get(cell.path) ?? null;
    if (x !== y) changes.push({ field: cell.path, label: fieldLabel(cell.path, b.template), from: x, to: y });
  }
  return changes;
}
