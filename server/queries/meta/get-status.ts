import type { Db } from '../../db/client';
import { prepared } from '../../db/statement-cache';

/** Who `npm run demo` says imported its synthetic reports. */
export const DEMO_IMPORTER = 'demo';

/** Whether the database holds demo data (the dashboard then shows a 演示数据 banner on every page). */
export function getStatus(db: Db): { demo: boolean } {
  return { demo: prepared(db, 'select 1 from source_documents where imported_by = ? limit 1').get(DEMO_IMPORTER) !== undefined };
}
