import type { ParseContext } from './context';
import { applicantsAddUp, groupsAddUp, type RowRule, splitGlued } from './glued';
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

/** The stream's label text alone (cells taken out), with each character's place in the stream. */
interface LabelText {
  text: string;
  at: Int32Array;
}

function labelText(ts: TokenStream): LabelText {
  const at: number[] = [];
  let text = '';
  for (let k = 0; k < ts.compact.length; k++) {
    if ((ts.tokenAt[k] as number) >= 0) continue;
    text += ts.compact[k];
    at.push(k);
  }
  return { text, at: Int32Array.from(at) };
}

/**
 * The first of a row's phrases found after `from`, matched in the label text alone, so that a
 * label wrapped around its own numbers (`要求行政机关确认或重新出 0 0 15 … 具已获取信息`, a cell
 * centred in a PDF row) is still found: its span then holds those numbers.
 */
function findLabel(lt: LabelText, phrases: readonly string[], from: number): LabelHit | null {
  let fromLabel = 0;
  while (fromLabel < lt.at.length && (lt.at[fromLabel] as number) < from) fromLabel++;
  for (const p of phrases) {
    const i = lt.text.indexOf(p, fromLabel);
    if (i !== -1) return { start: lt.at[i] as number, end: (lt.at[i + p.length - 1] as number) + 1 };
  }
  return null;
}

/** Locates each row label in order; a row whose label is absent is null. */
function locateRows(ts: TokenStream, rows: readonly { match: readonly string[] }[]): (LabelHit | null)[] {
  const lt = labelText(ts);
  const hits: (LabelHit | null)[] = [];
  let from = 0;
  for (const row of rows) {
    const hit = findLabel(lt, row.match, from);
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
 * A row's cells: any inside its label (a wrapped label), then those after it, up to the next row
 * of the template or to label text after the cells, which is a row the template does not have
 * (`行政确认 3` that a province adds between 行政许可 and 行政处罚).
 */
function rowCells(ts: TokenStream, hit: LabelHit, end: number): CellToken[] {
  const cells = cellsBetween(ts, hit.start, hit.end);
  let seen = false;
  for (let k = hit.end; k < end; k++) {
    const t = ts.tokenAt[k] as number;
    if (t >= 0) {
      cells.push(ts.tokens[t] as CellToken);
      seen = true;
    } else if (seen && /[\u3400-\u9fff]/.test(ts.compact[k] as string)) {
      break;
    }
  }
  return cells;
}

/**
 * Blocks of cells between two places in the stream, each block a run of cells with no label text
 * inside it (blanks and row numbers aside).
 */
function cellBlocks(ts: TokenStream, from: number, to: number): CellToken[][] {
  const blocks: CellToken[][] = [];
  let current: CellToken[] | null = null;
  for (let k = from; k < to; k++) {
    const t = ts.tokenAt[k] as number;
    if (t >= 0) {
      current ??= [];
      current.push(ts.tokens[t] as CellToken);
    } else if (current && /[\u3400-\u9fff]/.test(ts.compact[k] as string)) {
      blocks.push(current);
      current = null;
    }
  }
  if (current) blocks.push(current);
  return blocks;
}

/**
 * Rows whose label could not be found (a typo, a label garbled by OCR) but whose neighbours were:
 * when the stream between the neighbours holds exactly one block of cells for the row before and
 * one for each missing row, in order, each missing row takes its block, marked as read by position.
 */
function hitsByPosition(ts: TokenStream, hits: (LabelHit | null)[]): Map<number, CellToken[]> {
  const found = new Map<number, CellToken[]>();
  for (let i = 1; i < hits.length; i++) {
    if (hits[i] || !hits[i - 1]) continue;
    let j = i;
    while (j < hits.length && !hits[j]) j++;
    const before = hits[i - 1] as LabelHit;
    const end = j < hits.length ? (hits[j] as LabelHit).start : ts.compact.length;
    const blocks = cellBlocks(ts, before.end, end);
    if (j < hits.length && blocks.length === j - i + 1) {
      for (let k = i; k < j; k++) found.set(k, blocks[k - i + 1] as CellToken[]);
    }
    i = j;
  }
  return found;
}

/** `规章000`: three zero cells written without a space read as one number; a zero never leads a number. */
function splitGluedZeros(cells: CellToken[], want: number): CellToken[] {
  if (cells.length >= want) return cells;
  const out: CellToken[] = [];
  for (const c of cells) {
    if (/^0{2,}$/.test(c.raw)) {
      for (let d = 0; d < c.raw.length; d++)
        out.push({ value: 0, start: c.start + d, end: c.start + d + 1, unit: null, raw: '0' });
    } else out.push(c);
  }
  return out.length === want ? out : cells;
}

/** The row a cell path belongs to: `applications.granted[2]` → `applications.granted`, `article20.rules.issued` → `article20.rules`. */
function rowPath(paths: readonly string[]): string | undefined {
  const p = paths[0];
  return p?.endsWith(']') ? p.replace(/\[\d+\]$/, '') : p?.replace(/\.[^.]+$/, '');
}

/**
 * Turns the cells found for one row into figures. The row is read only when the number of cells
 * is exactly the template's: a shorter or longer row is never guessed at.
 */
function readRow(
  ctx: ParseContext,
  found: CellToken[],
  paths: readonly string[],
  rowLabel: string,
  { rule, field = rowPath(paths) }: { rule?: RowRule; field?: string | undefined } = {},
): Figure[] {
  const n = ctx.norm;
  // `| 行政许可 | 3679 | ||`: empty filler cells after the row's own cells
  let cells = splitGluedZeros([...found], paths.length);
  const glued = rule ? splitGlued(cells, paths.length, rule) : null;
  if (glued && 'cells' in glued) {
    ctx.add(
      'table.digitsSplit',
      'warning',
      `“${rowLabel}”一行的数字粘连在一起（${cells.map((c) => c.raw).join(' ')}），按本行总计唯一可能的拆分读取，请对照原件核对`,
      field,
    );
    cells = glued.cells;
  } else if (glued) {
    ctx.add(
      'table.digitsGlued',
      'error',
      `“${rowLabel}”一行的数字粘连在一起（${cells.map((c) => c.raw).join(' ')}），按本行总计有不止一种拆分方式，无法确定，${paths.length} 个数字均已置空`,
      field,
    );
    return paths.map(() => null);
  }
  while (cells.length > paths.length && (cells[cells.length - 1] as CellToken).raw === '') cells.pop();
  // `| 一、本年新收… |  | 164 | …`: an empty cell where the row label spans two columns
  while (cells.length > paths.length && (cells[0] as CellToken).raw === '') cells.shift();
  const short = shortRowTotal(cells, paths);
  if (short) {
    // one finding for the row: its other figures are null for one reason
    ctx.add(
      'table.rowShort',
      'error',
      `“${rowLabel}”一行只有 ${cells.length} 个数（应有 ${paths.length} 个），空白单元格在网页中丢失；末一数等于其余之和，按总计读取，其余 ${paths.length - 1} 列无法对应，已置空`,
      field,
    );
    return paths.map((p, i) => {
      if (i !== paths.length - 1) return null;
      ctx.locate(p, n, short.start, short.end);
      return short.value;
    });
  }
  if (cells.length === 0 && paths.length === 1) {
    ctx.add('figure.null', 'error', `“${rowLabel}”一栏为空白单元格，数字无法读取`, paths[0]);
    return [null];
  }
  if (cells.length !== paths.length) {
    ctx.add(
      'table.rowIncomplete',
      'error',
      `“${rowLabel}”一行应有 ${paths.length} 个数，读到 ${cells.length} 个，无法对应到列，${paths.length} 个数字均已置空`,
      field,
    );
    return paths.map(() => null);
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

/**
 * A row of table 三 that lost its empty cells (`0 0 0 0 0` for seven columns): when the last number
 * equals the sum of the others it is the row's 总计 (the table's own rule), so it is read; which
 * columns the others belong to cannot be known.
 */
function shortRowTotal(cells: CellToken[], paths: readonly string[]): CellToken | null {
  if (paths.length !== 7 || !paths[0]?.startsWith('applications.') || cells.length < 2 || cells.length >= paths.length)
    return null;
  if (cells.some((c) => c.value === null)) return null;
  const last = cells[cells.length - 1] as CellToken;
  const rest = cells.slice(0, -1).reduce((s, c) => s + (c.value as number), 0);
  return Math.abs(rest - (last.value as number)) < 1e-9 ? last : null;
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
      values = readRow(ctx, rowCells(ts, hit, nextStart(hits, i, ts.compact.length)), paths, row.label);
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
  const byPosition = ts ? hitsByPosition(ts, hits) : new Map<number, CellToken[]>();
  rows.forEach((row, i) => {
    const paths = APPLICANT_COLUMNS.map((_, k) => `applications.${row.key}[${k}]`);
    const hit = hits[i];
    const placed = byPosition.get(i);
    if (ts && !hit && placed && placed.length >= paths.length) {
      ctx.add(
        'table.rowByPosition',
        'warning',
        `表三“${row.label}”一行的名称未能识别，按它在表中的位置读取，请核对`,
        `applications.${row.key}`,
      );
      out[row.key] = readRow(ctx, placed, paths, row.label, { rule: applicantsAddUp });
      return;
    }
    if (!ts || !hit) {
      ctx.add('table.rowMissing', 'error', `表三缺少“${row.label}”一行`, `applications.${row.key}`);
      out[row.key] = paths.map(() => null);
      return;
    }
    // 2021: a （六）其他处理 row of its own (the 2019 layout's, or a group's sum) is not its item 3．其他
    if (version === '2021' && row.key === 'otherHandling' && ts.compact.slice(hit.end, hit.end + 2) === '处理') {
      const cells = rowCells(ts, hit, nextStart(hits, i, ts.compact.length));
      ctx.add(
        'table.groupOnly',
        'error',
        `表三“（六）其他处理”只填了一行（${cells.map((c) => c.raw || '空').join(' ')}），没有分列三个子项；“${row.label}”一行无法读取`,
        `applications.${row.key}`,
      );
      out[row.key] = paths.map(() => null);
      return;
    }
    out[row.key] = readRow(ctx, rowCells(ts, hit, nextStart(hits, i, ts.compact.length)), paths, row.label, {
      rule: applicantsAddUp,
    });
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
    values = readRow(ctx, cellsBetween(ts, 0, ts.compact.length), paths, '行政复议、行政诉讼', {
      rule: groupsAddUp,
      field: 'reviewLitigation',
    });
  }
  return {
    review: values.slice(0, 5),
    litigationDirect: values.slice(5, 10),
    litigationAfterReview: values.slice(10, 15),
  };
}
