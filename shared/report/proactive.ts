import { canonicalCategory, isChannel, stripChannel } from './categories';
import { parseChineseNumber } from './cn-number';
import type { ParseContext } from './context';
import type { MappedText } from './mapped-text';
import type { ParsedReport } from './types';

/** A count of items (`75 条`, `四十余条`, `约500条`, `**条`) found in the prose. */
interface Count {
  value: number | null;
  approx: boolean;
  masked: boolean;
  start: number;
  end: number;
  /** The words before the count, back to the previous count or clause boundary. */
  label: string;
  /** The whole clause before the count, for recognising a total. */
  clause: string;
}

const COUNT =
  /(约|近|大约|将近|接近|超过|逾)?[ \t]*(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+|[〇零一二两三四五六七八九十百千万]{1,8}|[*＊xX×]{1,4})[ \t]*(余|多)?[ \t]*(条|篇)(左右)?(?![例件款龙线目])/g;
const CLAUSE_BREAK = /[，,；;。:：()（）\n]/;
const TOTAL_MARKER = /主动公开|共计|累计|总计|合计|总数|共(?:发布|公开|更新|推送|主动)|全年(?:发布|公开|更新)/;
const PUBLISH_VERB = /发布|公开|更新|推送|刊登/;
const NOT_A_PART = /增加|减少|增长|下降|同比|较上年|比上年|占比/;

function findCounts(text: string): Count[] {
  const counts: Count[] = [];
  let prevEnd = 0;
  COUNT.lastIndex = 0;
  for (let m = COUNT.exec(text); m !== null; m = COUNT.exec(text)) {
    const numText = m[2] as string;
    const start = m.index + (m[0].length - m[0].trimStart().length);
    const before = text.slice(Math.max(0, start - 2), start);
    if (/^[〇零一二两三四五六七八九十百千万]/.test(numText) && /[每第哪这那逐]$/.test(before)) continue;
    const masked = /^[*＊xX×]/.test(numText);
    const value = masked ? null : /^\d/.test(numText) ? Number(numText.replace(/,/g, '')) : parseChineseNumber(numText);
    if (!masked && value === null) continue;
    let labelStart = start;
    while (labelStart > prevEnd && !CLAUSE_BREAK.test(text[labelStart - 1] as string)) labelStart--;
    let clauseStart = labelStart;
    while (clauseStart > 0 && !/[。；;\n]/.test(text[clauseStart - 1] as string)) clauseStart--;
    counts.push({
      value,
      approx: Boolean(m[1] || m[3] || m[5]),
      masked,
      start,
      end: m.index + m[0].length,
      label: text.slice(labelStart, start).trim(),
      clause: text.slice(clauseStart, start),
    });
    prevEnd = m.index + m[0].length;
  }
  return counts;
}

function cleanLabel(label: string): string {
  return stripChannel(
    label
      .replace(/^[、\s]+|[、\s]+$/g, '')
      .replace(/^(?:\d{4}\s*年度?|全年|本年度?|今年)/, '')
      .replace(/^(?:其中|另外|此外|以及|包括|含|分别为|分别是|和|及|为|是|通过|在|于)+/, '')
      .replace(/^[、\s]+/, ''),
  ).replace(/栏目(?:发布|公开|更新)了?(?:信息)?$/, '栏目');
}

/** Reads the proactive-disclosure total and its breakdown from the prose of 一（一）. */
export function readProactive(ctx: ParseContext, view: MappedText): ParsedReport['proactive'] {
  const counts = findCounts(view.text);
  const isTotal = (c: Count) => TOTAL_MARKER.test(c.label) && !/^其中/.test(c.label);
  let total = counts.find(isTotal);
  const parts = counts.filter(
    (c) => c !== total && !NOT_A_PART.test(c.label) && !(total && isTotal(c) && c.value === total.value),
  );
  for (const c of counts) {
    if (total && c !== total && isTotal(c) && c.value !== total.value && !NOT_A_PART.test(c.label)) {
      ctx.add(
        'proactive.ambiguous',
        'warning',
        `主动公开总数出现两个不同的数（${total.value ?? '?'}、${c.value ?? '?'}），取前者`,
        'proactive.total',
      );
      break;
    }
  }
  const categories: ParsedReport['proactive']['categories'] = [];
  const channels: ParsedReport['proactive']['channels'] = [];
  const catCounts: Count[] = [];
  for (const c of parts) {
    if (c === total) continue;
    const label = cleanLabel(c.label);
    if (label.length === 0 || label.length > 24) continue;
    if (isChannel(label)) {
      channels.push({ label, count: c.approx || c.masked ? null : c.value });
      continue;
    }
    catCounts.push(c);
    categories.push({ label, category: canonicalCategory(label), count: c.approx || c.masked ? null : c.value });
  }
  // A single publication statement with no total stated (`工作动态栏目发布信息655条`) is the total.
  if (!total && counts.length === 1 && counts[0] && PUBLISH_VERB.test(counts[0].clause)) total = counts[0];

  const result: ParsedReport['proactive'] = { total: null, categories, channels };
  catCounts.forEach((c, i) => {
    ctx.locate(`proactive.categories[${i}]`, view, c.start, c.end);
    if (c.approx || c.masked) {
      ctx.add(
        'proactive.categoryUnreadable',
        'warning',
        `分类“${categories[i]?.label}”的条数不是确数，未采用`,
        `proactive.categories[${i}]`,
      );
    }
  });
  if (!total) {
    ctx.add(
      'proactive.missing',
      'error',
      categories.length > 0 ? '只列出了分项条数，未写明主动公开信息总数' : '未找到主动公开信息总条数',
      'proactive.total',
    );
    return result;
  }
  ctx.locate('proactive.total', view, total.start, total.end);
  if (total.masked) {
    ctx.add('proactive.masked', 'error', '主动公开信息总数被遮挡（如“**条”），无法读取', 'proactive.total');
    result.approx = null;
  } else if (total.approx) {
    ctx.add(
      'proactive.approximate',
      'error',
      `主动公开信息总数只给出约数（约 ${total.value} 条），不作为确数`,
      'proactive.total',
    );
    result.approx = total.value;
  } else {
    result.total = total.value;
  }
  return result;
}
