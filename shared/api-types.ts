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
}

/** One manual correction in a report's audit log. */
export interface Correction {
  id: number;
  field: string;
  oldValue: number | null;
  newValue: number | null;
  reason: string;
  correctedBy: string;
  correctedAt: string;
}
