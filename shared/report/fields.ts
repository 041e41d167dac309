/**
 * The template's words for each figure a report holds, for every place that names one to a person
 * (the correction form, the correction log, the audit log, the Excel headers): never a path such
 * as `applications.newReceived[0]`.
 */
import {
  APPLICANT_COLUMNS,
  type CellRef,
  REVIEW_COLUMNS,
  REVIEW_GROUPS,
  TEMPLATES,
  type TemplateVersion,
  templateCells,
} from './template';

const CATEGORY_PATH = /^proactive\.categories\[(\d+)\]$/;

/** The position of a proactive category in a `proactive.categories[i]` path, or null. */
export function categoryIndex(path: string): number | null {
  const m = CATEGORY_PATH.exec(path);
  return m ? Number(m[1]) : null;
}

/** A template cell's name: 表二 row·column, 表三 row·applicant, 表四 group·column. */
export function cellLabel(cell: CellRef, version: TemplateVersion): string {
  if (cell.table === 'article20') {
    const row = TEMPLATES[version].article20.find((r) => r.key === cell.row);
    return `${row?.label ?? cell.row}·${row?.fields.find((f) => f.key === cell.column)?.label ?? cell.column}`;
  }
  if (cell.table === 'applications') {
    const row = TEMPLATES[version].applications.find((r) => r.key === cell.row);
    const group = row?.group && row.group !== '三、本年度办理结果' ? `${row.group} ` : '';
    return `${group}${row?.label ?? cell.row}·${APPLICANT_COLUMNS[cell.index]?.label ?? cell.column}`;
  }
  return `${REVIEW_GROUPS.find((g) => g.key === cell.row)?.label ?? cell.row}·${REVIEW_COLUMNS[cell.index]?.label ?? cell.column}`;
}

const TABLE_NAMES: Record<CellRef['table'], string> = { article20: '表二', applications: '表三', reviewLitigation: '表四' };

/**
 * What a figure's path means in the template's words, e.g. `表三 一、本年新收政府信息公开申请数量·自然人`,
 * `主动公开政府信息总数`, `主动公开分类“工作动态”`; the path itself when it names nothing known.
 */
export function fieldLabel(
  path: string,
  version: TemplateVersion = '2021',
  categories: readonly { label: string }[] = [],
): string {
  if (path === 'proactive.total') return '主动公开政府信息总数';
  const i = categoryIndex(path);
  if (i !== null) return `主动公开分类“${categories[i]?.label ?? `第 ${i + 1} 类`}”`;
  for (const v of [version, version === '2021' ? '2019' : '2021'] as const) {
    const cell = cellOf(path, v);
    if (cell) return `${TABLE_NAMES[cell.table]} ${cellLabel(cell, v)}`;
  }
  return path;
}

/** The template cell a path names, in one version of the template. */
export function cellOf(path: string, version: TemplateVersion): CellRef | undefined {
  return templateCells(version).find((c) => c.path === path);
}
