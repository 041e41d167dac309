import { sql } from 'drizzle-orm';
import { proactiveCategories, reports, tableFigures } from './schema';

/** A report's proactive total as the dashboard uses it: the corrected value where an editor set one. */
export const proactiveTotalOf = sql<number | null>`coalesce(${reports.proactiveTotalCorrected}, ${reports.proactiveTotal})`;

/** A table cell as the dashboard uses it: the corrected value where an editor set one. */
export const figureOf = sql<number | null>`coalesce(${tableFigures.correctedValue}, ${tableFigures.value})`;

/** A proactive category's count as the dashboard uses it: the corrected value where an editor set one. */
export const categoryCountOf = sql<number | null>`coalesce(${proactiveCategories.correctedCount}, ${proactiveCategories.count})`;
