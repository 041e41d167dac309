import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { sourceDocuments } from '../../db/schema';

/** Who `npm run demo` says imported its synthetic reports. */
export const DEMO_IMPORTER = 'demo';

/** Whether the database holds demo data (the dashboard then shows a 演示数据 banner on every page). */
export async function getStatus(db: Db): Promise<{ demo: boolean }> {
  const one = await db
    .select({ id: sourceDocuments.id })
    .from(sourceDocuments)
    .where(eq(sourceDocuments.importedBy, DEMO_IMPORTER))
    .limit(1)
    .get();
  return { demo: one !== undefined };
}
