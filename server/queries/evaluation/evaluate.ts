import { and, eq, inArray } from 'drizzle-orm';
import { rankRows, scoreUnits, type UnitToScore } from '../../../shared/evaluation/score';
import { containment, containments, type Prose, prose, reportProse, segments } from '../../../shared/evaluation/similarity';
import type { ParsedReport } from '../../../shared/report/types';
import type { Comparison, CopyPair, DateSource, Evaluation } from '../../../shared/schemas/index';
import { unitGroupOf } from '../../../shared/unit-groups';
import type { Db } from '../../db/client';
import { figureOf } from '../../db/expressions';
import { cached } from '../../db/result-cache';
import { collectPages, findings, organizations, reports, sourceDocuments, tableFigures } from '../../db/schema';
import { getOrganizations } from '../meta/get-organizations';
import { reviewQueue } from '../reports/review';
import { pageJoin, publication, publicationColumns, sourceJoin } from './publication';
import { rosterIds } from './roster';
import { getDeadline, getRubric } from './settings';

/** A current report as the evaluation reads it. */
interface Loaded {
  id: number;
  organizationId: number;
  organization: string;
  year: number;
  publishedOn: string | null;
  publishedFrom: DateSource | null;
  proactiveTotal: number | null;
  parsed: ParsedReport;
}

async function loadReports(db: Db, where: { county: string; years: number[] } | { ids: number[] }): Promise<Loaded[]> {
  const r = reports;
  const cond =
    'ids' in where
      ? inArray(r.id, where.ids)
      : and(eq(r.isCurrent, true), inArray(r.year, where.years), eq(organizations.county, where.county));
  return (
    await db
      .select({
        id: r.id,
        organizationId: r.organizationId,
        organization: organizations.name,
        year: r.year,
        ...publicationColumns,
        total: r.proactiveTotal,
        totalCorrected: r.proactiveTotalCorrected,
        parsed: r.parsed,
      })
      .from(r)
      .innerJoin(organizations, eq(organizations.id, r.organizationId))
      .innerJoin(sourceDocuments, sourceJoin)
      .leftJoin(collectPages, pageJoin)
      .where(cond)
      .all()
  ).map((x) => ({
    id: x.id,
    organizationId: x.organizationId,
    organization: x.organization,
    year: x.year,
    ...publication(x),
    proactiveTotal: x.totalCorrected ?? x.total,
    parsed: x.parsed as ParsedReport,
  }));
}

const proseCache = new WeakMap<ParsedReport, Prose>();
function proseOf(r: Loaded): Prose {
  const known = proseCache.get(r.parsed);
  if (known) return known;
  const p = prose(reportProse(r.parsed.sections));
  proseCache.set(r.parsed, p);
  return p;
}

/**
 * Each report of the year set against the same unit's report of the year before and against the
 * county's other reports of the year: the share of its prose (sections 一、五、六) found in the
 * other, for every pair that shares any (through an index of shingles: see `containments`).
 */
function comparePairs(ofYear: Loaded[], before: Loaded[]): CopyPair[] {
  const year = new Set(ofYear.map((r) => r.id));
  const byId = new Map([...ofYear, ...before].map((r) => [r.id, r]));
  // a report of the year against the county's other reports of the year and its unit's previous one
  const compare = (a: number, b: number) => {
    if (!year.has(a)) return false;
    if (year.has(b)) return true;
    return byId.get(b)?.organizationId === byId.get(a)?.organizationId;
  };
  return containments(
    [...byId.values()].map((r) => ({ key: r.id, prose: proseOf(r) })),
    compare,
  )
    .map(({ a, b, ratio }) => {
      const x = byId.get(a) as Loaded;
      const y = byId.get(b) as Loaded;
      return {
        reportId: x.id,
        organization: x.organization,
        year: x.year,
        otherReportId: y.id,
        otherOrganization: y.organization,
        otherYear: y.year,
        ratio,
      };
    })
    .sort((x, y) => y.ratio - x.ratio || x.reportId - y.reportId || x.otherReportId - y.otherReportId);
}

async function yearReports(db: Db, county: string, year: number) {
  const all = await loadReports(db, { county, years: [year, year - 1] });
  return { ofYear: all.filter((r) => r.year === year), before: all.filter((r) => r.year === year - 1) };
}

/** Pairs of reports whose prose is at least `threshold` alike (this report's share found in the other). */
export async function getCopies(db: Db, county: string, year: number, threshold: number): Promise<CopyPair[]> {
  return (await allPairs(db, county, year)).filter((p) => p.ratio >= threshold);
}

/**
 * Every compared pair of a county-year, computed once for the 正文雷同 tab and the score table
 * alike (`loaded`: the year's reports when the caller has them already).
 */
async function allPairs(
  db: Db,
  county: string,
  year: number,
  loaded?: Awaited<ReturnType<typeof yearReports>>,
): Promise<CopyPair[]> {
  return await cached(db, `copies:${county}:${year}`, async () => {
    const { ofYear, before } = loaded ?? (await yearReports(db, county, year));
    return comparePairs(ofYear, before);
  });
}

const REVIEW_ROWS = [
  { row: 'review', label: '行政复议' },
  { row: 'litigationDirect', label: '行政诉讼（未经复议直接起诉）' },
  { row: 'litigationAfterReview', label: '行政诉讼（复议后起诉）' },
];

/** The score table of a county's year: every unit on the roster scored by the year's rubric, ranked. */
export async function evaluate(db: Db, county: string, year: number): Promise<Evaluation> {
  return await cached(db, `evaluation:${county}:${year}`, () => computeEvaluation(db, county, year));
}

async function computeEvaluation(db: Db, county: string, year: number): Promise<Evaluation> {
  const { deadline, isDefault } = await getDeadline(db, year);
  const { rubric } = await getRubric(db, year);
  const listed = await rosterIds(db, county, year);
  const loaded = await yearReports(db, county, year);
  const { ofYear } = loaded;
  const units =
    listed === null
      ? (await getOrganizations(db, county)).map((o) => ({ id: o.id, name: o.name, kind: o.kind }))
      : await db
          .select({ id: organizations.id, name: organizations.name, kind: organizations.kind })
          .from(organizations)
          .where(inArray(organizations.id, [...listed]))
          .all();
  const ids = ofYear.map((r) => r.id);
  const foundRows =
    ids.length === 0
      ? []
      : await db
          .select({ reportId: findings.reportId, code: findings.code, message: findings.message, field: findings.field })
          .from(findings)
          .where(inArray(findings.reportId, ids))
          .orderBy(findings.id)
          .all();
  const t = tableFigures;
  const corrected =
    ids.length === 0
      ? []
      : await db
          .select({ reportId: t.reportId, row: t.rowKey, value: figureOf, line: t.sourceLine })
          .from(t)
          .where(
            and(
              inArray(t.reportId, ids),
              eq(t.tableName, 'reviewLitigation'),
              eq(t.columnKey, 'corrected'),
              inArray(
                t.rowKey,
                REVIEW_ROWS.map((x) => x.row),
              ),
            ),
          )
          .all();
  // each report's findings, table 四 cells and similar reports, looked up by report
  const groupBy = <T extends { reportId: number }>(xs: readonly T[]) => {
    const m = new Map<number, T[]>();
    for (const x of xs) {
      const list = m.get(x.reportId);
      if (list) list.push(x);
      else m.set(x.reportId, [x]);
    }
    return m;
  };
  const findingsOf = groupBy(foundRows);
  const cellsOf = groupBy(corrected);
  const pairsOf = groupBy(await allPairs(db, county, year, loaded));
  const reportOf = new Map(ofYear.map((r) => [r.organizationId, r]));
  const groupOf = new Map(units.map((u) => [u.id, unitGroupOf(u.kind)]));
  const toScore: UnitToScore[] = units.map(({ id, name }) => {
    const u = { id, name };
    const r = reportOf.get(u.id);
    if (!r) return { organization: u, report: null };
    const line = (field: string | null) => (field ? (r.parsed.provenance[field]?.line ?? null) : null);
    const cells = cellsOf.get(r.id) ?? [];
    return {
      organization: u,
      report: {
        id: r.id,
        publishedOn: r.publishedOn,
        publishedFrom: r.publishedFrom,
        proactiveTotal: r.proactiveTotal,
        findings: (findingsOf.get(r.id) ?? []).map((f) => ({
          code: f.code,
          message: f.message,
          field: f.field,
          line: line(f.field),
        })),
        reviewCorrected: REVIEW_ROWS.map((g) => {
          const cell = cells.find((c) => c.row === g.row);
          return {
            field: `reviewLitigation.${g.row}[1]`,
            label: g.label,
            count: cell?.value ?? null,
            line: cell?.line ?? null,
          };
        }),
        copies: (pairsOf.get(r.id) ?? []).map((p) => ({
          otherReportId: p.otherReportId,
          organization: p.otherOrganization,
          year: p.otherYear,
          ratio: p.ratio,
        })),
      },
    };
  });
  // each group of units ranked on its own: townships with townships, departments with departments
  const rows = rankRows(
    scoreUnits(toScore, rubric, deadline).map((r) => ({ ...r, group: groupOf.get(r.organization.id) ?? 'other' })),
  );
  const inRoster = new Set(units.map((u) => u.id));
  const reported = rows.filter((r) => r.reportId !== null);
  const dated = reported
    .filter((r) => r.publishedOn !== null)
    .sort((a, b) => (a.publishedOn as string).localeCompare(b.publishedOn as string));
  const firstDay = dated[0]?.publishedOn;
  const lastDay = dated.at(-1)?.publishedOn;
  const copiedItem = rubric.items.find((i) => i.rule === 'copied' && i.enabled);
  // reports with figures still to check against the original (a report with none flagged counts as checked)
  const queue = await reviewQueue(db, { county, year });
  const open = new Set(queue.reports.filter((r) => r.status !== 'checked').map((r) => r.reportId));
  return {
    county,
    year,
    deadline,
    deadlineIsDefault: isDefault,
    rosterSet: listed !== null,
    rubric,
    rows,
    summary: {
      required: rows.length,
      reported: reported.length,
      missing: rows.filter((r) => r.reportId === null).map((r) => r.organization.name),
      late: rows.filter((r) => r.late).map((r) => r.organization.name),
      onTime: dated.filter((r) => (r.publishedOn as string) <= deadline).map((r) => r.organization.name),
      undated: reported.filter((r) => r.publishedOn === null).map((r) => r.organization.name),
      proactiveUnknown: reported.filter((r) => r.proactiveTotal === null).map((r) => r.organization.name),
      copied: copiedItem
        ? rows.filter((r) => r.deductions.some((d) => d.itemId === copiedItem.id)).map((r) => r.organization.name)
        : [],
      averageScore: rows.length > 0 ? Math.round((rows.reduce((s, r) => s + r.score, 0) / rows.length) * 10) / 10 : null,
      // the known totals only; the units whose total could not be read are named beside the sum (proactiveUnknown)
      proactiveSum: reported.reduce((s, r) => s + (r.proactiveTotal ?? 0), 0),
      earliest: dated.filter((r) => r.publishedOn === firstDay).map((r) => r.organization.name),
      latest: dated.filter((r) => r.publishedOn === lastDay && lastDay !== firstDay).map((r) => r.organization.name),
      unlisted: ofYear.filter((r) => !inRoster.has(r.organizationId)).map((r) => r.organization),
      reviewed: {
        checked: reported.filter((r) => r.reportId !== null && !open.has(r.reportId)).length,
        total: reported.length,
      },
    },
  };
}

const TITLES: [keyof ParsedReport['sections'], string][] = [
  ['overview', '一、总体情况'],
  ['problems', '五、存在的主要问题'],
  ['improvements', '五、改进情况'],
  ['other', '六、其他需要报告的事项'],
];

/** Two reports' prose side by side, the passages found in the other marked. */
export async function compareReports(db: Db, a: number, b: number): Promise<Comparison | null> {
  const loaded = await loadReports(db, { ids: [a, b] });
  const ra = loaded.find((r) => r.id === a);
  const rb = loaded.find((r) => r.id === b);
  if (!ra || !rb) return null;
  const side = (x: Loaded, y: Loaded) => ({
    reportId: x.id,
    organization: x.organization,
    year: x.year,
    ratio: containment(proseOf(x), proseOf(y)) ?? 0,
    sections: TITLES.filter(([k]) => (x.parsed.sections[k] ?? '') !== '').map(([k, title]) => ({
      title,
      segments: segments(x.parsed.sections[k] ?? '', proseOf(y)),
    })),
  });
  return { a: side(ra, rb), b: side(rb, ra) };
}
