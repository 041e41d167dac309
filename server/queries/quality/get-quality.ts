import { and, desc, eq } from 'drizzle-orm';
import type { MatrixCell, QualityFinding } from '../../../shared/schemas/index';
import type { Db } from '../../db/client';
import { cached } from '../../db/result-cache';
import { collectPages, findings, reports, sourceDocuments } from '../../db/schema';
import { pageJoin, publication, publicationColumns, sourceJoin } from '../evaluation/publication';
import { rostersOfCounty } from '../evaluation/roster';
import { deadlinesSet, defaultDeadline } from '../evaluation/settings';
import { getOrganizations } from '../meta/get-organizations';

/**
 * Data quality for a county: the findings of a year's current reports, the reports published
 * after the year's deadline (by their signature's date, or the portal page's when the report has
 * none), and the submission matrix: for a county with a roster (应报单位), its units × every year
 * from the first to the last on record, 缺报 where a unit on that year's roster has no report and
 * 不在名单 where it was not required, 未设名单 (not 缺报) in a year without a roster; a county with no
 * roster at all counts every unit it has.
 */
/** The 数据质量 answer, kept until the data changes. */
export function getQuality(db: Db, params: { year?: number; county?: string }) {
  return cached(db, `quality|${params.year ?? ''}|${params.county ?? '*'}`, () => qualityUncached(db, params), {
    bucket: 'quality',
    max: 100,
  });
}

async function qualityUncached(db: Db, params: { year?: number; county?: string }) {
  const orgs = await getOrganizations(db, params.county);
  const inScope = new Set(orgs.map((o) => o.id));
  const r = reports;
  // the publication date: the report's signature, else the date of the portal page it was collected from
  const current = (
    await db
      .select({
        id: r.id,
        organizationId: r.organizationId,
        year: r.year,
        ...publicationColumns,
        errors: r.errorCount,
      })
      .from(r)
      .innerJoin(sourceDocuments, sourceJoin)
      .leftJoin(collectPages, pageJoin)
      .where(eq(r.isCurrent, true))
      .all()
  )
    .filter((x) => inScope.has(x.organizationId))
    .map(({ signed, signedFrom, onPage, fetchedAt, ...x }) => ({
      ...x,
      ...publication({ signed, signedFrom, onPage, fetchedAt }),
    }));
  const rosters = params.county ? await rostersOfCounty(db, params.county) : new Map<number, Set<number>>();
  const known = [...new Set([...current.map((r) => r.year), ...rosters.keys()])];
  // every year from the first to the last, a year with no report among them
  const years =
    known.length === 0
      ? []
      : Array.from({ length: Math.max(...known) - Math.min(...known) + 1 }, (_, i) => Math.min(...known) + i);
  const deadlines = await deadlinesSet(db);
  const isLate = (r: { year: number; publishedOn: string | null }) =>
    r.publishedOn !== null && r.publishedOn > (deadlines.get(r.year) ?? defaultDeadline(r.year));
  const matrix = orgs.map((o) => ({
    organization: { id: o.id, name: o.name, county: o.county },
    years: Object.fromEntries(
      years.map((y) => {
        const c = current.find((x) => x.organizationId === o.id && x.year === y);
        const roster = rosters.get(y);
        const cell: MatrixCell = c
          ? { status: c.errors > 0 ? 'errors' : isLate(c) ? 'late' : 'ok', reportId: c.id, publishedOn: c.publishedOn }
          : // a county that keeps rosters: no report in a year without one is not 缺报 (who had to report is
            // unknown); a county with no roster at all counts every unit it has
            {
              status: roster ? (roster.has(o.id) ? 'missing' : 'notRequired') : rosters.size > 0 ? 'noRoster' : 'missing',
            };
        return [String(y), cell];
      }),
    ),
  }));
  const ofYear = current.filter((r) => params.year === undefined || r.year === params.year);
  const names = new Map(orgs.map((o) => [o.id, o.name]));
  const f = findings;
  const found = (
    await db
      .select({
        reportId: f.reportId,
        organizationId: r.organizationId,
        year: r.year,
        code: f.code,
        severity: f.severity,
        field: f.field,
        message: f.message,
      })
      .from(f)
      .innerJoin(r, eq(r.id, f.reportId))
      .where(and(eq(r.isCurrent, true), params.year === undefined ? undefined : eq(r.year, params.year)))
      .orderBy(f.severity, desc(r.year), f.reportId, f.id)
      .all()
  )
    .filter((x) => inScope.has(x.organizationId))
    .map(({ organizationId, ...x }) => ({ ...x, organization: { id: organizationId, name: names.get(organizationId) ?? '' } }));
  const late = ofYear.filter(isLate).map((x) => ({
    reportId: x.id,
    organization: { id: x.organizationId, name: names.get(x.organizationId) ?? '' },
    year: x.year,
    publishedOn: x.publishedOn,
    ...(x.publishedFrom ? { publishedFrom: x.publishedFrom } : {}),
  }));
  return { years, rosterYears: [...rosters.keys()].sort((a, b) => a - b), findings: found as QualityFinding[], late, matrix };
}
