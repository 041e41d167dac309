/** Shapes the API answers with, shared by the server's queries and the dashboard. */

export type OrganizationRef = { id: number; name: string; county: string | null };

export type RankingStatus = 'ranked' | 'noValue' | 'missing';

export interface RankingRow {
  rank: number | null;
  organization: OrganizationRef;
  status: RankingStatus;
  reportId: number | null;
  value: number | null;
  previous: number | null;
  change: number | null;
  changePct: number | null;
  rankChange: number | null;
  /** The report's check results (null when there is no report). */
  errors: number | null;
  warnings: number | null;
}

/** Figures over every organisation in a ranking's scope, whatever page is asked for. */
export interface RankingSummary {
  /** Organisations in scope. */
  organizations: number;
  /** Of them, with a current report for the year. */
  received: number;
  ranked: number;
  noValue: number;
  /** Sum of the ranked values. */
  sum: number;
  /** Reports with at least one error-level finding. */
  reportsWithErrors: number;
}

/** One manual correction in a report's audit log. */
export interface Correction {
  id: number;
  field: string;
  oldValue: number | null;
  newValue: number | null;
  reason: string;
  /** Null for a visitor: staff names are shown to signed-in users only. */
  correctedBy: string | null;
  correctedAt: string;
}

/** One line of the audit log (GET /api/admin/audit). */
export interface AuditRow {
  id: number;
  at: string;
  actor: string | null;
  ip: string | null;
  action: string;
  target: string | null;
  detail: Record<string, unknown> | null;
}
