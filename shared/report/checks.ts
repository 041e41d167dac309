import type { ParseContext } from './context';
import { APPLICANT_COLUMNS, OUTCOME_KEYS, REVIEW_COLUMNS, REVIEW_GROUPS } from './template';
import type { Figure, ParsedReport } from './types';

const EPS = 1e-6;

function sum(values: readonly Figure[]): number | null {
  let s = 0;
  for (const v of values) {
    if (v === null || v === undefined) return null;
    s += v;
  }
  return s;
}

function differs(a: number | null, b: Figure | undefined): boolean {
  return a !== null && b !== null && b !== undefined && Math.abs(a - b) > EPS;
}

/** 一 + 二 = 三（七）总计 + 四; 总计 column = six applicant columns; （七）总计 = the outcome rows. */
export function checkApplications(ctx: ParseContext, app: ParsedReport['applications']): void {
  const row = (k: string) => app[k] ?? [];
  APPLICANT_COLUMNS.forEach((col, c) => {
    const inflow = sum([row('newReceived')[c] ?? null, row('carriedOver')[c] ?? null]);
    const outflow = sum([row('total')[c] ?? null, row('carriedToNext')[c] ?? null]);
    if (differs(inflow, outflow)) {
      ctx.add(
        'applications.identity',
        'error',
        `表三“${col.label}”列勾稽关系不成立：新收加上年结转为 ${inflow}，办理结果总计加结转下年为 ${outflow}`,
        'applications.total',
      );
    }
    const outcomes = sum(OUTCOME_KEYS.filter((k) => k in app).map((k) => row(k)[c] ?? null));
    if (differs(outcomes, row('total')[c])) {
      ctx.add(
        'applications.outcomeSum',
        'error',
        `表三“${col.label}”列各项办理结果之和为 ${outcomes}，与（七）总计 ${row('total')[c]} 不符`,
        `applications.total[${c}]`,
      );
    }
  });
  for (const [key, values] of Object.entries(app)) {
    const parts = sum(values.slice(0, 6));
    if (differs(parts, values[6])) {
      ctx.add(
        'applications.columnSum',
        'error',
        `表三“${key}”一行六类申请人之和为 ${parts}，与总计列 ${values[6]} 不符`,
        `applications.${key}[6]`,
      );
    }
  }
}

export function checkReviewLitigation(ctx: ParseContext, rl: ParsedReport['reviewLitigation']): void {
  for (const g of REVIEW_GROUPS) {
    const values = rl[g.key as keyof typeof rl];
    const parts = sum(values.slice(0, 4));
    if (differs(parts, values[4])) {
      ctx.add(
        'reviewLitigation.total',
        'error',
        `表四“${g.label}”的${REVIEW_COLUMNS.slice(0, 4)
          .map((c) => c.label)
          .join('、')}之和为 ${parts}，与总计 ${values[4]} 不符`,
        `reviewLitigation.${g.key}[4]`,
      );
    }
  }
}

export function checkProactive(ctx: ParseContext, p: ParsedReport['proactive']): void {
  if (p.total === null || p.categories.length === 0) return;
  const parts = sum(p.categories.map((c) => c.count));
  if (differs(parts, p.total)) {
    ctx.add(
      'proactive.categorySum',
      'warning',
      `主动公开分类条数之和为 ${parts}，与总数 ${p.total} 不符（可能只列出了部分类别）`,
      'proactive.categories',
    );
  }
}

export function checkTemplateYear(ctx: ParseContext, template: string | null, year: number | null): void {
  if (template === null || year === null) return;
  if (template === '2019' && year >= 2021) {
    ctx.add('template.mismatch', 'warning', `${year} 年度报告应使用 2021 版模板，实际为 2019 版表格`, 'template');
  } else if (template === '2021' && year <= 2020) {
    ctx.add('template.mismatch', 'warning', `${year} 年度报告应使用 2019 版模板，实际为 2021 版表格`, 'template');
  }
}

export function checkPublished(
  ctx: ParseContext,
  year: number | null,
  publishedOn: string | null,
  from: 'signature' | 'page' | null = publishedOn ? 'signature' : null,
): void {
  if (from !== 'signature') {
    const page = from === 'page' ? `，按网页的发布日期 ${publishedOn} 计` : '';
    ctx.add('published.missing', 'warning', `落款处未写明发布日期${page}`, 'publishedOn');
  }
  if (publishedOn === null) return;
  if (year !== null && publishedOn > `${year + 1}-01-31`) {
    ctx.add('published.late', 'warning', `发布日期 ${publishedOn} 晚于 ${year + 1} 年 1 月 31 日`, 'publishedOn');
  }
}

export function checkTownshipRules(ctx: ParseContext, kind: string | null, a20: ParsedReport['article20']): void {
  if (kind !== '乡' && kind !== '镇' && kind !== '街道') return;
  const rules = a20.rules ?? {};
  if (Object.values(rules).some((v) => v !== null && v !== 0)) {
    ctx.add('article20.townshipRules', 'error', '乡镇（街道）无权制定规章，表二“规章”一行却填有非零数字', 'article20.rules');
  }
}

const NO_APPLICATIONS =
  /(?:未|没有)(?:收到|接收|接到|受理)(?:[和或及与]?(?:处理|办理))?[^。；;]{0,12}?申请|无依申请公开|未发生依申请公开/;
const NORMATIVE_COUNT = [
  /(?:制定|制发|出台)(?:了)?(?:行政)?规范性文件\s*(\d+)\s*[件条个份]/,
  /(?:行政)?规范性文件\s*(?:制定|制发)\s*(\d+)\s*[件条个份]/,
  /(?:制定|制发)(?:[、，,和及](?:更新|废止|作废|清理))+(?:行政)?规范性文件\s*(\d+)\s*[件条个份]/,
];
const NO_NORMATIVE = /未(?:进行|制定|出台|制发)[^。]{0,6}规范性文件(?:的)?(?:制定|制发)?/;

/** Prose that contradicts a table: 未收到申请 but 新收 > 0; 制定规范性文件0件 but the table says 4. */
export function checkProse(ctx: ParseContext, prose: string, report: ParsedReport): void {
  const received = report.applications.newReceived?.[6];
  if (received !== null && received !== undefined && received > 0 && NO_APPLICATIONS.test(prose)) {
    ctx.add(
      'prose.applicationsContradiction',
      'error',
      `正文称未收到政府信息公开申请，表三却填写本年新收申请 ${received} 件`,
      'applications.newReceived[6]',
    );
  }
  const nd = report.article20.normativeDocuments ?? {};
  const issued = nd.issued ?? nd.newlyMade ?? null;
  if (issued === null) return;
  let stated: number | null = null;
  for (const re of NORMATIVE_COUNT) {
    const m = re.exec(prose);
    if (m) {
      stated = Number(m[1]);
      break;
    }
  }
  if (stated === null && NO_NORMATIVE.test(prose)) stated = 0;
  if (stated !== null && stated !== issued) {
    ctx.add(
      'prose.normativeDocumentsContradiction',
      'error',
      `正文称制定规范性文件 ${stated} 件，表二却为 ${issued} 件`,
      'article20.normativeDocuments',
    );
  }
}
