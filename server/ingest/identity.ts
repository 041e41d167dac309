import { aliasesOf } from '../../shared/report/index';
import type { ParsedReport } from '../../shared/report/types';
import type { OrgIdentity } from '../queries/organizations/resolve';

export type { OrgIdentity };

/** What a parsed report says about whose it is, with the county given at import as a fallback. */
export function identityOf(report: ParsedReport, importCounty: string | null): OrgIdentity | null {
  const name = report.org.name;
  if (!name) return null;
  const aliases = new Set([name, ...aliasesOf(name), ...report.orgAliases]);
  if (report.org.fullName) aliases.add(report.org.fullName);
  return {
    name,
    fullName: report.org.fullName,
    kind: report.org.kind ?? '其他',
    county: report.org.county ?? importCounty,
    aliases: [...aliases],
  };
}
