import type { ParseContext } from './context';
import { type CellToken, cellsBetween, type TokenStream, tokenize } from './table-tokens';
import { APPLICANT_COLUMNS, REVIEW_COLUMNS, REVIEW_GROUPS, TEMPLATES, type TemplateVersion } from './template';
import type { Figure, ParsedReport } from './types';

export interface Region {
  start: number;
  end: number;
}

interface LabelHit {
  start: number;
  end: number;
}

function findLabel(compact: string, phrases: readonly string[], from: number): LabelHit | null {
  let best: LabelHit | null = null;
  for (const p of phrases) {
    const at = compact.indexOf(p, from);
    if (at !== -1 && (best === null || at < best.start)) best = { start: at, end: at + p.length };
  }
  return best;
}

/** Locates each row label in order; a row whose label is absent is null. */
function locateRows(ts: TokenStream, rows: readonly { match: readonly string[] }[]): (LabelHit | null)[] {
  const hits: (LabelHit | null)[] = [];
  let from = 0;
  for (const row of rows) {
    const hit = findLabel(ts.compact, row.match, from);
    hits.push(hit);
    if (hit) from = hit.end;
  }
  return hits;
}

function nextStart(hits: readonly (LabelHit | null)[], i: number, fallback: number): number {
  for (let k = i + 1; k < hits.length; k++) {
    const h = hits[k];
    if (h) return h.start;
  }
  return fallback;
}

/**
 * Turns the cells found for one row into figures. The row is read only when the number of cells
 * is exactly the template's: a shorter or longer row is never guessed at.
 */
function readRow(ctx: ParseContext, cells: CellToken[], paths: readonly string[], rowLabel: string): Figure[] {
  const n = ctx.norm;
  if (cells.length !== paths.length) {
    ctx.add(
      'table.rowIncomplete',
      'error',
      `“${rowLabel}”一行应有 ${paths.length} 个数，读到 ${cells.length} 个，无法对应到列，已置空`,
      paths[0]?.replace(/\[\d+\]$|\.[^.]+$/, ''),
    );
    return paths.map((p) => {
      ctx.add('figure.null', 'error', `“${rowLabel}”的数字无法读取`, p);
      return null;
    });
  }
  return cells.map((cell, i) => {
    const path = paths[i] as string;
    ctx.locate(path, n, cell.start, cell.end);
    if (cell.value === null) {
      ctx.add('figure.null', 'error', `“${rowLabel}”有空白单元格（${cell.raw}），数字无法读取`, path);
      return null;
    }
    if (cell.unit === '元' && path.endsWith('amountWanYuan')) {
      const wan = cell.value / 10000;
      ctx.add('figure.unitConverted', 'warning', `“${rowLabel}”填写为 ${cell.raw}，已按万元折算为 ${wan}`, path);
      return wan;
    }
    return cell.value;
  });
}

export function detectTemplate(text: string, article20: Region | null, applications: Region | null): TemplateVersion | null {
  const a = article20 ? text.slice(article20.start, article20.end).replace(/\s+/g, '') : '';
  if (/本年新制作|新公开数量|上一年项目数量|政府集中采购|对外公开总数量/.test(a)) return '2019';
  if (/本年制发件数|本年废止|现行有效件数/.test(a)) return '2021';
  const b = applications ? text.slice(applications.start, applications.end).replace(/\s+/g, '') : '';
  if (/逾期不补正|收费通知/.test(b)) return '2021';
  if (/其他处理/.test(b) && /本年新收/.test(b)) return '2019';
  return a.length > 0 || b.length > 0 ? '2021' : null;
}

export function readArticle20(ctx: ParseContext, region: Region | null, version: TemplateVersion): ParsedReport['article20'] {
  const rows = TEMPLATES[version].article20;
  const out: ParsedReport['article20'] = {};
  const ts = region ? tokenize(ctx.norm.text, region.start, region.end) : null;
  const hits = ts ? locateRows(ts, rows) : rows.map(() => null);
  rows.forEach((row, i) => {
    const paths = row.fields.map((f) => `article20.${row.key}.${f.key}`);
    const hit = hits[i];
    let values: Figure[];
    if (!ts || !hit) {
      ctx.add('table.rowMissing', 'error', `表二缺少“${row.label}”一行`, `article20.${row.key}`);
      values = paths.map(() => null);
    } else {
      values = readRow(ctx, cellsBetween(ts, hit.end, nextStart(hits, i, ts.compact.length)), paths, row.label);
    }
    out[row.key] = Object.fromEntries(row.fields.map((f, k) => [f.key, values[k] ?? null]));
  });
  return out;
}

export function readApplications(
  ctx: ParseContext,
  region: Region | null,
  version: TemplateVersion,
): ParsedReport['applications'] {
  const rows = TEMPLATES[version].applications;
  const out: ParsedReport['applications'] = {};
  const ts = region ? tokenize(ctx.norm.text, region.start, region.end) : null;
  const hits = ts ? locateRows(ts, rows) : rows.map(() => null);
  rows.forEach((row, i) => {
    const paths = APPLICANT_COLUMNS.map((_, k) => `applications.${row.key}[${k}]`);
    const hit = hits[i];
    if (!ts || !hit) {
      ctx.add('table.rowMissing', 'error', `表三缺少“${row.label}”一行`, `applications.${row.key}`);
      out[row.key] = paths.map(() => null);
      return;
    }
    out[row.key] = readRow(ctx, cellsBetween(ts, hit.end, nextStart(hits, i, ts.compact.length)), paths, row.label);
  });
  return out;
}

export function readReviewLitigation(ctx: ParseContext, region: Region | null): ParsedReport['reviewLitigation'] {
  const groups = REVIEW_GROUPS.map((g) => REVIEW_COLUMNS.map((_, k) => `reviewLitigation.${g.key}[${k}]`));
  const paths = groups.flat();
  let values: Figure[];
  if (!region) {
    ctx.add('table.rowMissing', 'error', '缺少表四（行政复议、行政诉讼情况）', 'reviewLitigation');
    values = paths.map(() => null);
  } else {
    const ts = tokenize(ctx.norm.text, region.start, region.end);
    values = readRow(ctx, cellsBetween(ts, 0, ts.compact.length), paths, '行政复议、行政诉讼');
  }
  return {
    review: values.slice(0, 5),
    litigationDirect: values.slice(5, 10),
    litigationAfterReview: values.slice(10, 15),
  };
}
