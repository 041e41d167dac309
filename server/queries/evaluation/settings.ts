import { eq } from 'drizzle-orm';
import { DEFAULT_RUBRIC } from '../../../shared/evaluation/rubric';
import type { Rubric, RubricAnswer } from '../../../shared/schemas/index';
import type { Db } from '../../db/client';
import { evaluationRubrics, reportDeadlines } from '../../db/schema';

/** The template's deadline: 1月31日 of the year after the report's. */
export const defaultDeadline = (year: number) => `${year + 1}-01-31`;

/** A year's reporting deadline (the last day on time, yyyy-mm-dd) and whether it is the default. */
export async function getDeadline(db: Db, year: number): Promise<{ year: number; deadline: string; isDefault: boolean }> {
  const row = await db.select().from(reportDeadlines).where(eq(reportDeadlines.year, year)).get();
  return row ? { year, deadline: row.deadline, isDefault: false } : { year, deadline: defaultDeadline(year), isDefault: true };
}

/** Every year's deadline that differs from the default. */
export async function deadlinesSet(db: Db): Promise<Map<number, string>> {
  return new Map((await db.select().from(reportDeadlines).all()).map((r) => [r.year, r.deadline]));
}

/** Sets (or with null, resets) a year's deadline; call inside a write transaction. */
export async function setDeadline(db: Db, year: number, deadline: string | null, by: string, now: string): Promise<void> {
  if (deadline === null) {
    await db.delete(reportDeadlines).where(eq(reportDeadlines.year, year)).run();
    return;
  }
  await db
    .insert(reportDeadlines)
    .values({ year, deadline, updatedAt: now, updatedBy: by })
    .onConflictDoUpdate({ target: reportDeadlines.year, set: { deadline, updatedAt: now, updatedBy: by } })
    .run();
}

/** A year's scoring scheme: the one an admin saved, else the default. */
export async function getRubric(db: Db, year: number): Promise<RubricAnswer> {
  const row = await db.select().from(evaluationRubrics).where(eq(evaluationRubrics.year, year)).get();
  return row
    ? { year, rubric: row.rubric as Rubric, isDefault: false, updatedAt: row.updatedAt, updatedBy: row.updatedBy }
    : { year, rubric: DEFAULT_RUBRIC, isDefault: true, updatedAt: null, updatedBy: null };
}

/** Saves (or with null, drops back to the default) a year's scheme; call inside a write transaction. */
export async function setRubric(db: Db, year: number, rubric: Rubric | null, by: string, now: string): Promise<void> {
  if (rubric === null) {
    await db.delete(evaluationRubrics).where(eq(evaluationRubrics.year, year)).run();
    return;
  }
  await db
    .insert(evaluationRubrics)
    .values({ year, rubric, updatedAt: now, updatedBy: by })
    .onConflictDoUpdate({ target: evaluationRubrics.year, set: { rubric, updatedAt: now, updatedBy: by } })
    .run();
}
