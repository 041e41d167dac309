import { inArray } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { DATE_SOURCE } from '../../shared/evaluation/score';
import type { MetricDef } from '../../shared/metrics';
import { categoriesText } from '../../shared/report/categories';
import {
  APPLICANT_COLUMNS,
  type CellRef,
  REVIEW_COLUMNS,
  REVIEW_GROUPS,
  TEMPLATES,
  templateCells,
} from '../../shared/report/template';
import type { Evaluation } from '../../shared/schemas/index';
import { localMinute } from '../../shared/time';
import { UNIT_GROUP_KEYS, UNIT_GROUPS, type UnitGroup } from '../../shared/unit-groups';
import type { Db } from '../db/client';
import { figureOf } from '../db/expressions';
import { reports as reportsTable, tableFigures } from '../db/schema';
import { getCategories } from '../queries/categories/get-categories';
import type { RankingRow } from '../queries/rankings/get-ranking';

const STATUS: Record<RankingRow['status'], string> = { ranked: '', noValue: '数字无法读取或未填报', missing: '缺报' };

/** Rows above the column headers: the title and when it was exported (Beijing time). */
export const TITLE_ROWS = 2;

/**
 * Puts the title (county, year, what) and the time of export above the headers, for a sheet that
 * goes into a 通报 as it is; the headers (now row 3) are bold and stay in view when scrolling.
 */
function styleSheet(sheet: ExcelJS.Worksheet, title: string, now = new Date()): void {
  sheet.spliceRows(1, 0, [title], [`导出时间：${localMinute(now)}（北京时间）`]);
  const width = Math.max(1, sheet.columnCount);
  sheet.mergeCells(1, 1, 1, width);
  sheet.mergeCells(2, 1, 2, width);
  sheet.getRow(1).font = { bold: true, size: 14 };
  sheet.getRow(2).font = { color: { argb: 'FF6B7785' } };
  const header = sheet.getRow(TITLE_ROWS + 1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  sheet.views = [{ state: 'frozen', ySplit: TITLE_ROWS + 1 }];
}

const scopeOf = (county: string | undefined) =>
  county === undefined ? '全部县（区）' : county === '' ? '未分配县的单位' : county;

/** The ranking as shown, with Chinese headers and numbers as numbers. */
export async function rankingWorkbook(
  db: Db,
  rows: RankingRow[],
  p: { year: number; county?: string; metric: MetricDef },
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  // the categories column as the page shows it: 工作动态 20、通知公告 4
  const cats = new Map(
    (await getCategories(db, { year: p.year, county: p.county, group: 'all' })).rows.map((r) => [
      r.reportId,
      categoriesText(r.categories),
    ]),
  );
  // one sheet per unit group, each ranked apart (townships are not ranked against departments)
  const present = UNIT_GROUP_KEYS.filter((g) => rows.some((r) => r.group === g));
  const groups: UnitGroup[] = present.length > 0 ? present : ['township'];
  for (const g of groups) {
    const ofGroup = rows.filter((r) => r.group === g);
    const sheet = wb.addWorksheet(groups.length === 1 ? `${p.year}年排名` : `${p.year}年${UNIT_GROUPS[g]}排名`);
    sheet.columns = [
      { header: '名次', key: 'rank', width: 8 },
      { header: '单位', key: 'name', width: 20 },
      { header: '所属县（区）', key: 'county', width: 14 },
      { header: `${p.metric.label}（${p.metric.unit}）`, key: 'value', width: 16 },
      { header: '上年', key: 'previous', width: 10 },
      { header: '增减', key: 'change', width: 10 },
      { header: '增减（%）', key: 'changePct', width: 10 },
      { header: '名次变化（正数为上升）', key: 'rankChange', width: 12 },
      { header: '分类', key: 'categories', width: 36 },
      { header: '错误', key: 'errors', width: 8 },
      { header: '提示', key: 'warnings', width: 8 },
      { header: '说明', key: 'status', width: 20 },
    ];
    sheet.getColumn('changePct').numFmt = '0.0%';
    for (const r of ofGroup) {
      sheet.addRow({
        rank: r.rank,
        name: r.organization.name,
        county: r.organization.county ?? '未分配',
        value: r.value,
        previous: r.previous,
        change: r.change,
        // a percentage as Excel's percentage (0.25 shown as 25.0%), not the number 25
        changePct: r.changePct === null ? null : Math.round(r.changePct * 10) / 1000,
        rankChange: r.rankChange,
        categories: r.reportId === null ? null : (cats.get(r.reportId) ?? null),
        errors: r.errors,
        warnings: r.warnings,
        status: STATUS[r.status],
      });
    }
    styleSheet(sheet, `${scopeOf(p.county)} ${p.year} 年${UNIT_GROUPS[g]}${p.metric.label}排名（${ofGroup.length} 个单位）`);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function cellHeader(cell: CellRef, version: '2021' | '2019'): string {
  if (cell.table === 'article20') {
    const row = TEMPLATES[version].article20.find((r) => r.key === cell.row);
    return `${row?.label}·${row?.fields.find((f) => f.key === cell.column)?.label}`;
  }
  if (cell.table === 'applications') {
    const row = TEMPLATES[version].applications.find((r) => r.key === cell.row);
    return `${row?.label}·${APPLICANT_COLUMNS[cell.index]?.label}`;
  }
  return `${REVIEW_GROUPS.find((g) => g.key === cell.row)?.label}·${REVIEW_COLUMNS[cell.index]?.label}`;
}

const SHEETS = [
  { table: 'article20', name: '表二 主动公开（第二十条）' },
  { table: 'applications', name: '表三 依申请公开' },
  { table: 'reviewLitigation', name: '表四 复议诉讼' },
] as const;

/** One sheet per template table, one row per current report of the year, cells as numbers. */
export async function reportsWorkbook(db: Db, p: { year: number; county?: string }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const cats = await getCategories(db, p);
  const proactive = wb.addWorksheet('主动公开信息');
  proactive.columns = [
    { header: '单位', key: 'name', width: 20 },
    { header: '所属县（区）', key: 'county', width: 14 },
    { header: '主动公开信息总数', key: 'total', width: 14 },
    ...cats.categories.map((c) => ({ header: c, key: c, width: 10 })),
  ];
  for (const r of cats.rows) {
    proactive.addRow({
      name: r.organization.name,
      county: r.organization.county ?? '未分配',
      total: r.proactiveTotal,
      ...r.categories,
    });
  }
  styleSheet(proactive, `${scopeOf(p.county)} ${p.year} 年主动公开信息`);

  const ids = cats.rows.map((r) => r.reportId);
  const templates = new Map(
    (
      await db
        .select({ id: reportsTable.id, template: reportsTable.template })
        .from(reportsTable)
        .where(inArray(reportsTable.id, ids))
        .all()
    ).map((x) => [x.id, (x.template ?? '2021') as '2021' | '2019']),
  );
  const reports = cats.rows.map((r) => ({ ...r, template: templates.get(r.reportId) ?? '2021' }));
  // every cell of every report of the year, read once (the sheets below look them up)
  const t = tableFigures;
  const values = new Map(
    (
      await db
        .select({ reportId: t.reportId, tableName: t.tableName, rowKey: t.rowKey, columnKey: t.columnKey, v: figureOf })
        .from(t)
        .where(inArray(t.reportId, ids))
        .all()
    ).map((x) => [`${x.reportId} ${x.tableName} ${x.rowKey} ${x.columnKey}`, x.v]),
  );
  for (const s of SHEETS) {
    const versions = [...new Set(reports.map((r) => r.template))].sort().reverse() as ('2021' | '2019')[];
    const cells = new Map<string, { cell: CellRef; version: '2021' | '2019' }>();
    for (const v of versions.length > 0 ? versions : (['2021'] as const)) {
      for (const c of templateCells(v)) if (c.table === s.table && !cells.has(c.path)) cells.set(c.path, { cell: c, version: v });
    }
    const sheet = wb.addWorksheet(s.name);
    sheet.columns = [
      { header: '单位', key: '__name', width: 18 },
      { header: '模板', key: '__template', width: 8 },
      ...[...cells.values()].map(({ cell, version }) => ({ header: cellHeader(cell, version), key: cell.path, width: 14 })),
    ];
    for (const r of reports) {
      const row: Record<string, string | number | null> = { __name: r.organization.name, __template: `${r.template}版` };
      for (const { cell } of cells.values()) {
        row[cell.path] = values.get(`${r.reportId} ${cell.table} ${cell.row} ${cell.column}`) ?? null;
      }
      sheet.addRow(row);
    }
    styleSheet(sheet, `${scopeOf(p.county)} ${p.year} 年${s.name}`);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * The score table (考核得分表) of a county's year: one row per unit with its score and rank, then
 * one row per deduction with its evidence, on a second sheet, for checking every point taken.
 */
export async function evaluationWorkbook(e: Evaluation): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet(`${e.year}年考核得分`);
  sheet.columns = [
    { header: '排名', key: 'rank', width: 8 },
    { header: '单位', key: 'name', width: 20 },
    { header: '发布日期', key: 'published', width: 12 },
    { header: '日期来源', key: 'from', width: 12 },
    { header: '主动公开（条）', key: 'proactive', width: 14 },
    { header: '扣分项', key: 'deductions', width: 50 },
    { header: '扣分合计', key: 'lost', width: 10 },
    { header: '得分', key: 'score', width: 8 },
  ];
  for (const r of e.rows) {
    sheet.addRow({
      rank: r.rank,
      name: r.organization.name,
      published: r.reportId === null ? '未发布' : (r.publishedOn ?? '未注明'),
      from: r.publishedFrom ? DATE_SOURCE[r.publishedFrom] : '',
      proactive: r.proactiveTotal,
      deductions: r.deductions.map((d) => `${d.label}（−${d.points}）`).join('；'),
      lost: r.deductions.reduce((s, d) => s + d.points, 0),
      score: r.score,
    });
  }
  styleSheet(
    sheet,
    `${e.county}${e.year}年度政府信息公开工作年度报告考核得分表（截止日期 ${e.deadline}，满分 ${e.rubric.base}）`,
  );
  const detail = wb.addWorksheet('扣分依据');
  detail.columns = [
    { header: '单位', key: 'name', width: 20 },
    { header: '扣分项目', key: 'item', width: 28 },
    { header: '扣分', key: 'points', width: 8 },
    { header: '依据', key: 'evidence', width: 70 },
    { header: '原文行号', key: 'line', width: 10 },
  ];
  for (const r of e.rows) {
    for (const d of r.deductions) {
      for (const [i, ev] of d.evidence.entries()) {
        detail.addRow({
          name: r.organization.name,
          item: d.label,
          points: i === 0 ? d.points : null,
          evidence: ev.text,
          line: ev.line ?? null,
        });
      }
    }
  }
  styleSheet(detail, `${e.county}${e.year}年度考核扣分依据`);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
