import { audit } from '../auth/audit';
import type { Db } from '../db/client';
import type { ImportResult } from './prepare-import';

/** One audit entry per file an upload brought: what became of it, and the county given by hand, if any. */
export async function auditImport(
  db: Db,
  r: ImportResult,
  by: { actor: string; ip: string | null; county: string | null },
): Promise<void> {
  await audit(db, {
    actor: by.actor,
    ip: by.ip,
    action: 'import',
    target: r.file,
    detail: {
      status: r.status,
      reportId: r.reportId ?? null,
      organization: r.organization?.name ?? null,
      year: r.year ?? null,
      county: by.county,
      reason: r.reason?.zh ?? null,
    },
  });
}
