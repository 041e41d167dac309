import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { PROJECT_ROOT } from '../db/client';
import { reports } from '../db/schema';
import { collectFiles, type ImportSummary, importFiles } from './import-files';

export const SAMPLES_DIR = join(PROJECT_ROOT, 'samples');

/** Loads the shipped sample reports when the database holds no report, so a newcomer sees data at once. */
export async function loadSamplesIfEmpty(db: Db): Promise<ImportSummary | null> {
  const { n } = (await db.select({ n: sql<number>`count(*)` }).from(reports).get()) ?? { n: 0 };
  if (n > 0) return null;
  return importFiles(db, collectFiles([SAMPLES_DIR]), { importedBy: 'samples' });
}
