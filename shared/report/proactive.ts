import { canonicalCategory, isChannel, stripChannel } from './categories';
import { parseChineseNumber } from './cn-number';
import type { ParseContext } from './context';
import type { MappedText } from './mapped-text';
import type { ParsedReport } from './types';

/**
 * The proactive-disclosure total and its breakdown, read from the prose before the tables.
 *
 * Every count (`75 条`, `23件`, `289期`, `四十余条`, `**条`) is a candidate for the total when the
 * words before it publish something (公开, 发布, 更新…) and are not about applications, hotlines or
 * visits. Candidates are ranked by what the clause says: 主动公开, a total word (共, 累计, 全年…),
 * a general object (各类信息), the website rather than another channel (微信公众号 alone is never
 * the year's total), and not a cumulative figure (历年累计). A count followed by bare sibling
 * counts (`政务动态信息1841条,信息公开目录信息2875条`) with no total word is one item of a list,
 * not a total. The breakdown is the list after the total (其中/包括/含…, or a list that adds up
 * to it); a list whose items are channels is a channel split, not categories.
 */

interface Count {
  value: number | null;
  approx: boolean;
  masked: boolean;
  unit: string | null;
  start: number;
  end: number;
  /** Text before the count back to the previous count or the sentence start. */
  own: string;
  /** Text before the count back to the sentence start. */
  lead: string;
  /** Text after the count to the next clause break. */
  after: string;
  /** Index of the sentence the count is in. */
  sentence: number;
}

// A count with its unit (`75 条`, `23件`), or an approximate one without (`300余，其中…`; `信息共50余积极回应…`,
// the page's punctuation lost).
const COUNT =
  /(约|近|大约|将近|接近|超过|逾)?[ \t]*(?<![\d.])(\d{1,3}(?:,\d{3})+|\d+|[〇零一二两三四五六七八九十百千万]{1,8}|[*＊xX×]{1,4})[ \t]*(?:(余|多)?[ \t]*(篇次|条|篇|件|份|期|项|次)(左右)?(?![例款龙线目])|(余)(?:(?=[，,。；;\n]|$)|(?<=(?:信息|文件)(?:共计|共|累计|总计|合计|达)?[ \t]*\d{1,6}余)(?![条篇件份期项次家人个户元万亿千百名所座台辆场批年天月日岁周])))/g;
/** How much of a count's sentence before it is kept (a sentence may run for pages in a damaged file). */
const LEAD_CHARS = 200;
/** The most items a breakdown has: a list longer than this is not one. */
const MAX_ITEMS = 60;
const TOTAL_UNITS = new Set(['条', '篇', '篇次', '件', '份', '期', '项']);
const SENTENCE_END = /[。！？!?\n]/;
const CLAUSE_BREAK = /[，,；;:：]/;
const PUBLISH = /公开|发布|公布|更新|推送|录入|刊发|上传/;
/** Nouns that contain a publishing verb but are not one: 信息公开目录, 依申请公开, 公开栏. */
const PUBLISH_NOUNS =
  /(?:政府|政务)?信息公开(?:工作)?|政务公开|依申请公开|公开栏目?|公开专栏|公开目录|公开平台|公开网站?|公开指南|公开专区|公开年报|公开情况|公开方面/g;
/** `政府信息公开共530条` states a quantity published; elsewhere 信息公开 is a noun. */
const hasPublishVerb = (s: string) =>
  /(?:信息|政务)公开(?:数量?|总数|共计|共|合计|累计|达|为)*$/.test(s) || PUBLISH.test(s.replace(PUBLISH_NOUNS, ''));
/** Table 二's facts stated in prose (制定规范性文件0件) are not the proactive total. */
const TABLE_TWO_FACT = /规范性文件|规章|行政许可|行政处罚|行政强制|行政事业性收费/;
const PARENTHETICAL = /[(（][^()（）]{0,12}[)）]/g;
/** 主动公开 as what was done; `其他应主动公开的政府信息` is the name of a category, not the total's verb. */
const PROACTIVE = /(?<!应)主动[^，,。；;]{0,14}?(?:公开|发布|公布)/;
const TOTAL_WORD = /共计|共|合计|总计|总数|累计|全年|总共|全部/;
const HISTORIC = /历年|以来累计|建站以来/;
const NOT_DISCLOSURE =
  /申请|复议|诉讼|信件|来信|热线|留言|投诉|来电|工单|咨询|信箱|访谈|举报|人次|浏览|阅读|点击|访问|转办|督办|不主动|非新闻/;
const WEBSITE = /线上|网站|门户|政府网|政务网|公开平台|公开网|公开专栏|政务页面|公开目录|公开栏目|信息公开平台|政府信息公开网/;
const OTHER_CHANNEL =
  /微信|公众号|微博|新媒体|抖音|视频号|头条|客户端|公示栏|公告栏|宣传栏|公开栏|展板|报刊|报纸|电视|广播|线下|美篇|简报|媒体/;
const GENERAL_OBJECT =
  /(?:信息|文件|公文|内容)(?:数|数量)?(?:等)?(?:共计|共|合计|累计|总计|总数|为|达)?$|等(?:信息|方面|内容)?(?:共计|共|合计)?$|^(?:共计|共|合计|累计|总计)?$/;
const INTRO =
  /^[\s(（]*(?:其中[,，:：]?(?:包括|主要包括|含)?|具体包括|主要包括|类别主要包括|包括|含|主要涵盖|内容主要涵盖|公开内容主要涵盖|内容涵盖|涵盖|分别为|分别是|在主动公开的信息中|主动公开的(?:政府)?信息(?:类别)?(?:主要)?(?:包括|涵盖))[\s,，:：]*/;

function sentenceStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (SENTENCE_END.test(text[i] as string)) starts.push(i + 1);
  return starts;
}

function sentenceOf(starts: readonly number[], at: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] as number) <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function findCounts(text: string): Count[] {
  const starts = sentenceStarts(text);
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
    const end = m.index + m[0].length;
    const sentence = sentenceOf(starts, start);
    const from = Math.max(prevEnd, starts[sentence] as number);
    const afterEnd = text.slice(end, end + 24).search(/[，,；;。\n]/);
    counts.push({
      value,
      approx: Boolean(m[1] || m[3] || m[5] || m[6]),
      masked,
      unit: m[6] ? '条' : (m[4] as string),
      start,
      end,
      own: text.slice(from, start),
      lead: text.slice(Math.max(starts[sentence] as number, start - LEAD_CHARS), start),
      after: text.slice(end, afterEnd === -1 ? end + 24 : end + afterEnd),
      sentence,
    });
    prevEnd = end;
  }
  // an excerpt that stops right after a list's last number (`政务动态类信息636`)
  const tail = /(\d+)\s*$/.exec(text);
  if (tail && counts.length > 0 && tail.index >= prevEnd) {
    const start = tail.index;
    const sentence = sentenceOf(starts, start);
    counts.push({
      value: Number(tail[1]),
      approx: false,
      masked: false,
      unit: null,
      start,
      end: start + (tail[1] as string).length,
      own: text.slice(Math.max(prevEnd, starts[sentence] as number), start),
      lead: text.slice(Math.max(starts[sentence] as number, start - LEAD_CHARS), start),
      after: '',
      sentence,
    });
  }
  return counts;
}

function lastClause(s: string): string {
  const parts = s.split(CLAUSE_BREAK);
  return parts[parts.length - 1] ?? '';
}

/** The words naming what a count counts, cleaned of list words, verbs and where it was published. */
function cleanLabel(segment: string): string {
  const trimmed = (s: string) =>
    s
      .replace(INTRO, '')
      // where the list was published, said before its first item: 通过县政府门户网站公布政务要闻
      .replace(/^(?:通过|在|依托)[^，,、；;]{0,24}?(?:网站|网|平台|公众号|微博|栏)(?:上)?(?:公布|发布|公开|更新)了?/, '')
      .replace(/^[、\s)）。！？；;]+|[、\s(（]+$/g, '')
      .replace(/^(?:\d{4}\s*年度?|全年|本年度?|今年)/, '')
      .replace(/^(?:[一二三四五六七八九十]是|\d{1,2}\s*[.、．]|[(（]\s*\d{1,2}\s*[)）])/, '')
      .replace(/^(?:另外|此外|以及|和|及|并|还|通过|在(?!线)|于|主动公开|主动|公开|发布|更新|推送|围绕)+/, '')
      .replace(/^[、\s]+/, '')
      .replace(/占比?\s*[\d.]+%$/, '');
  const clauses = segment.split(CLAUSE_BREAK).map(trimmed);
  let label = clauses[clauses.length - 1] ?? '';
  for (let i = clauses.length - 2; label.length === 0 && i >= 0; i--) label = clauses[i] ?? '';
  return stripChannel(label).replace(/栏目(?:发布|公开|更新)了?(?:信息)?$/, '栏目');
}

/** A bare count of another object right after this one (`…1841条,信息公开目录信息2875条`): a list, not a total. */
function isSibling(next: Count, between: string): boolean {
  const plain = between.replace(PARENTHETICAL, '').replace(/^[\s，,、；;)）]+/, '');
  return (
    next.unit !== null &&
    TOTAL_UNITS.has(next.unit) &&
    !hasPublishVerb(plain) &&
    !INTRO.test(plain) &&
    !/通过|依托|在|向|其中|另|此外/.test(plain) &&
    !OTHER_CHANNEL.test(plain) &&
    !NOT_DISCLOSURE.test(plain) &&
    !SENTENCE_END.test(between)
  );
}

/**
 * The counts right after `counts[i]` (to the end of the next sentence at most) add up to it exactly:
 * `主动公开政府信息310条，重大建设项目类信息279条，…3条。其他…13条。` is a total and its parts.
 */
function siblingsAddUp(counts: readonly Count[], i: number): boolean {
  const head = counts[i] as Count;
  // the first count of its sentence: one further on is an item of a list already begun
  if (head.value === null || head.approx || counts[i - 1]?.sentence === head.sentence) return false;
  let sum = 0;
  for (let k = i + 1; k < counts.length; k++) {
    const c = counts[k] as Count;
    if (c.sentence > head.sentence + 1 || c.value === null || c.approx) return false;
    sum += c.value;
    if (sum === head.value) return k > i + 1;
    if (sum > head.value) return false;
  }
  return false;
}

/**
 * The stretches of text in a 主动公开 part of section 一: from a sub-heading that names it
 * (`（一）主动公开情况`) to the next sub-heading. Found once for the whole text.
 */
function proactiveParts(text: string): [number, number][] {
  const headings = [...text.matchAll(/[(（]\s*[一二三四五六七]\s*[)）]([^\n。，,]{0,20})/g)];
  const parts: [number, number][] = [];
  headings.forEach((h, i) => {
    if (!/主动公开/.test(h[1] as string)) return;
    parts.push([h.index, headings[i + 1]?.index ?? text.length]);
  });
  return parts;
}

interface Candidate {
  count: Count;
  index: number;
  score: number;
  /** Chosen by what the text says of the counts (本年度新增 of a cumulative figure, 主动 beside 不主动), not by score. */
  byRule?: boolean;
}

function candidates(text: string, counts: readonly Count[], parts: readonly [number, number][]): Candidate[] {
  const out: Candidate[] = [];
  counts.forEach((c, i) => {
    if (c.unit === null || !TOTAL_UNITS.has(c.unit)) return;
    // a count inside brackets explains another: 共计49条(不同渠道发布的同一信息计为1条)
    if (/[(（][^()（）]*$/.test(c.own) && /^[^()（）]*[)）]/.test(c.after + text.slice(c.end + c.after.length, c.end + 40)))
      return;
    const clause = lastClause(c.own);
    if (NOT_DISCLOSURE.test(clause) || NOT_DISCLOSURE.test(c.after)) return;
    if (!hasPublishVerb(c.own)) return;
    const object = clause.replace(/^.*(?:公开|发布|公布|更新|推送|录入|刊发|上传)了?/, '');
    const objectAfter = /^(?:各类|有关)?(?:的)?(?:政府|政务)?(?:信息|文件|公文)|^(?:法定)?(?:主动公开)?内容/.test(c.after);
    // 件/份/期/项 count documents only when the object says so, here or, for 主动公开N件, earlier in the sentence
    const documents =
      /信息|文件|公文/.test(object) || objectAfter || (PROACTIVE.test(clause) && /政府信息|公文|文件/.test(c.lead));
    if (c.unit !== '条' && c.unit !== '篇' && c.unit !== '篇次' && !documents) return;
    if (TABLE_TWO_FACT.test(object) || TABLE_TWO_FACT.test(c.after)) return;
    const web = WEBSITE.test(c.own);
    // 通过微信公众平台、公开栏等形式，共主动公开信息150余条: the channels are the means, the count all of them
    const allMeans =
      /(?:等|多种|各类|各种)(?:公开|宣传|发布)?(?:形式|方式|渠道|途径|载体)/.test(c.own) && TOTAL_WORD.test(clause);
    const other = !allMeans && OTHER_CHANNEL.test(c.own.replace(/公开栏目/g, ''));
    if (other && !web) return;
    // 历年累计 counts every year since the site opened, never the report's year
    if (HISTORIC.test(clause)) return;
    const totalWord = TOTAL_WORD.test(clause);
    const next = counts[i + 1];
    if (!totalWord && next && next.sentence === c.sentence && isSibling(next, next.own) && !siblingsAddUp(counts, i)) return;
    let score = 0;
    if (PROACTIVE.test(c.own)) score += 4;
    if (totalWord) score += 2;
    if ((object.length > 0 && GENERAL_OBJECT.test(object)) || (object.length === 0 && (totalWord || objectAfter))) score += 1;
    if (web) score += 1;
    if (parts.some(([from, to]) => c.start >= from && c.start < to)) score += 2;
    out.push({ count: c, index: i, score });
  });
  return out;
}

interface Breakdown {
  items: Count[];
  labels: string[];
  /** The text before each item, back to the previous one. */
  segments: string[];
  channels: boolean;
  /** The items add up to the head exactly. */
  adds: boolean;
}

const LOST_UNIT = /[\u4e00-\u9fff]\d+(?![\d年月日号期次%])[\u4e00-\u9fff]/;

/** A list's opening, then the first item's words: 其中，…; 包括…; 在…的信息中，…. */
const LIST_OPENING_END =
  /(?:其中|具体包括|主要包括|包括|分别为|分别是|涵盖|在[^，,。；;]{0,20}?信息中)[\s,，:：]+([^，,；;:：。]*)$/;

/**
 * One item after 其中 is one category named with its count (累计主动公开政府信息66条，其中政策解读1条):
 * a category, when its words name a kind of information, not a publishing act (其中主动公开文件0件).
 */
function singleItem(text: string, head: Candidate, items: readonly Count[], listStart: number, introduced: boolean): boolean {
  const item = items[0];
  if (!introduced || items.length !== 1 || !item || item.value === null || item.approx || head.count.value === null) return false;
  if (item.value > head.count.value || item.sentence > head.count.sentence + 1) return false;
  const words = text.slice(Math.min(listStart, item.start), item.start).replace(INTRO, '');
  return cleanLabel(words).length >= 2 && !hasPublishVerb(words) && !NOT_DISCLOSURE.test(words) && !/[，,；;]/.test(words);
}

/** The punctuation that separates a list's items (、 or ， or ；), '' when none. */
function separator(segment: string): string {
  return /[、，,；;]/.exec(segment)?.[0].replace(',', '，').replace(';', '；') ?? '';
}

/** The list after a total: introduced by 其中/包括/含…, or one that adds up to the total. */
function listAfter(text: string, counts: readonly Count[], head: Candidate): Breakdown | null {
  // 在主动公开的2条信息中，其他类信息2条: the first count names the total again and opens the list
  const restated = counts[head.index + 1];
  const skip = restated && restated.value === head.count.value && /^(?:的)?(?:政府)?信息中/.test(restated.after) ? 1 : 0;
  const firstIndex = head.index + 1 + skip;
  const first = counts[firstIndex];
  if (!first) return null;
  const gap = text.slice(head.count.end, first.start);
  const pieces = gap.split(SENTENCE_END);
  // the list may open the next sentence (…87条。行政执法信息5条、…), never one further on
  if (pieces.slice(1, -1).some((p) => p.trim().length > 0)) return null;
  const crosses = pieces.length > 1;
  const tail = pieces[pieces.length - 1] as string;
  const lead = crosses ? tail : tail.replace(/^[^，,：:；;(（]*[，,：:；;(（]?/, '');
  const intro = INTRO.exec(lead);
  // a heading's words end with the list's opening (2.主要类型情况：在我镇主动公开的信息中，机构职能类…)
  const opening = intro === null && crosses ? LIST_OPENING_END.exec(tail) : null;
  const introduced = intro !== null || opening !== null || skip > 0 || /^\s*[:：]/.test(gap);
  const listStart = intro
    ? first.start - tail.length + tail.indexOf(intro[0]) + intro[0].length
    : opening
      ? first.start - (opening[1] as string).length
      : crosses
        ? first.start - tail.length
        : head.count.end;
  const items: Count[] = [];
  const labels: string[] = [];
  let sum = 0;
  let prevEnd = Math.min(listStart, first.start);
  // the list may run on into the next sentence (…行政许可类信息3条。其他应主动公开的政府信息13条。), kept only when it then adds up
  let inFirst = 0;
  for (let k = firstIndex; k < counts.length && items.length < MAX_ITEMS; k++) {
    const c = counts[k] as Count;
    if (c.sentence > first.sentence + 1) break;
    if (c.sentence === first.sentence + 1 && (introduced || head.count.value === null || sum >= head.count.value)) break;
    if (c.sentence === first.sentence) inFirst = items.length + 1;
    if (c.unit !== null && !TOTAL_UNITS.has(c.unit) && c.unit !== '次') break;
    const previous = items[items.length - 1];
    // a count of times after counts of items is another fact (…1323条,开展调查征集2次)
    if (previous && c.unit === '次' && previous.unit !== '次') break;
    const segment = text.slice(prevEnd, c.start);
    // once the parts add up to the total, a further count is something else (…21条;编发礼让信息118期),
    // unless it goes on as one more item of the same kind (…办理公开2条,机构职能1条: the report's sum is off)
    if (
      previous &&
      head.count.value !== null &&
      sum === head.count.value &&
      (c.value ?? 1) > 0 &&
      !(
        c.unit === previous.unit &&
        isSibling(c, segment) &&
        separator(segment) ===
          separator(text.slice((items[items.length - 2] as Count | undefined)?.end ?? listStart, previous.start))
      )
    )
      break;
    items.push(c);
    labels.push(cleanLabel(segment));
    if (c.value !== null) sum += c.value;
    prevEnd = c.end;
  }
  const adds = head.count.value !== null && sum === head.count.value && items.every((c) => c.value !== null && !c.approx);
  if (!adds && items.length > inFirst) {
    items.length = inFirst;
    labels.length = inFirst;
  }
  // a number where the excerpt stops (…环保能源类信息2) may be cut short: an item only when the list adds up with it
  if (!adds && items[items.length - 1]?.unit === null) {
    items.pop();
    labels.pop();
  }
  if (!introduced && !adds) return null;
  // a number inside a label (政策文件20转载重要信息) is an item whose unit the page lost: a list that does not add up
  // cannot say which words go with which number
  if (!adds && labels.some((l) => LOST_UNIT.test(l))) return null;
  if (items.length < 2 && !singleItem(text, head, items, listStart, introduced)) return null;
  const segments = items.map((c, i) => text.slice(i === 0 ? Math.min(listStart, c.start) : (items[i - 1] as Count).end, c.start));
  // a channel named before the first item only is where the whole list was published (其中，通过县政府门户网站
  // 公布政务要闻672条，视频新闻259条…): the items are still categories
  const CHANNEL_WORD = /网站|门户|微信|公众号|微博|新媒体|抖音|客户端|(?:公告|公示|宣传)栏(?!目)|线下/;
  const channels =
    segments.slice(1).some((s) => CHANNEL_WORD.test(s)) ||
    (CHANNEL_WORD.test(segments[0] ?? '') &&
      !/^[^，,、；;]*(?:通过|在|依托)[^，,、；;]*(?:公布|发布|公开)/.test(segments[0]?.replace(INTRO, '') ?? '')) ||
    labels.every(isChannel);
  return { items, labels, segments, channels, adds };
}

/**
 * A list after 其中 whose page lost most units and separators (其中公示公告类信息299条,…政策文件20转载国务院、党中央
 * 重要信息173条,…信息14县人大代表建议…252其他类信息2108调整…): bare numbers read as items only when the items
 * then add up to the total exactly, the count stopping there; else nothing.
 */
function unitlessList(text: string, head: Count): Breakdown | null {
  if (head.value === null || head.approx || head.value === 0) return null;
  const sentenceEnd = text.slice(head.end).search(SENTENCE_END);
  const stretch = text.slice(head.end, sentenceEnd === -1 ? text.length : head.end + sentenceEnd);
  const intro = /^[，,；;\s]*其中[，,:：\s]*/.exec(stretch);
  if (!intro) return null;
  const items: Count[] = [];
  const labels: string[] = [];
  const segments: string[] = [];
  let sum = 0;
  let bare = 0;
  let prev = intro[0].length;
  const NUMBER = /(?<![\d.〔［[第])(\d{1,7})(?![\d.%．年月日号])[ \t]*(条|篇)?/g;
  NUMBER.lastIndex = prev;
  for (let m = NUMBER.exec(stretch); m !== null && items.length < MAX_ITEMS; m = NUMBER.exec(stretch)) {
    const segment = stretch.slice(prev, m.index);
    const label = cleanLabel(segment);
    if (label.length < 2 || NOT_DISCLOSURE.test(segment) || isChannel(label)) return null;
    const value = Number(m[1]);
    const start = head.end + m.index;
    items.push({
      value,
      approx: false,
      masked: false,
      unit: m[2] ?? null,
      start,
      end: start + m[0].length,
      own: segment,
      lead: '',
      after: '',
      sentence: head.sentence,
    });
    labels.push(label);
    segments.push(segment);
    if (!m[2]) bare++;
    sum += value;
    prev = m.index + m[0].length;
    if (sum >= head.value) break;
  }
  if (sum !== head.value || items.length < 2 || bare === 0) return null;
  // an approximate figure among them (60余条, 约40) is no number to add
  if (/\d[ \t]*(?:余|多|左右)|(?:约|近|超过|逾)[ \t]*\d/.test(stretch.slice(0, prev))) return null;
  return { items, labels, segments, channels: false, adds: true };
}

function pushCategories(ctx: ParseContext, view: MappedText, result: ParsedReport['proactive'], list: Breakdown): void {
  list.items.forEach((c, i) => {
    const label = list.labels[i] as string;
    const unreadable = c.approx || c.masked;
    result.categories.push({ label, category: canonicalCategory(label), count: unreadable ? null : c.value });
    ctx.locate(`proactive.categories[${i}]`, view, c.start, c.end);
    if (unreadable) {
      ctx.add('proactive.categoryUnreadable', 'warning', `分类“${label}”的条数不是确数，未采用`, `proactive.categories[${i}]`);
    }
  });
}

const sumOf = (list: Breakdown) => list.items.reduce((n, c) => n + (c.value ?? 0), 0);

/** What a clause publishes: the words after its last publishing verb (在政府网上主动公开组织机构信息 → 组织机构信息). */
function publishedObject(clause: string): string {
  const masked = clause.replace(PUBLISH_NOUNS, (m) => '\u0000'.repeat(m.length));
  let end = -1;
  for (const m of masked.matchAll(new RegExp(PUBLISH.source, 'g'))) end = m.index + m[0].length;
  return end === -1 ? clause : clause.slice(end).replace(/^了/, '');
}

/**
 * Categories listed with no total before them (1.公开内容 工作信息30条、文件通知3条…; 我局通过官方网站发布政务类信息34条,
 * 概况类信息150条。): bare sibling counts of one unit in one sentence, the first one published (主动公开, or 发布
 * under a 主动公开 heading) or standing alone under such a heading. Only when the text has exactly one such list.
 */
function headlessList(text: string, counts: readonly Count[], parts: readonly [number, number][]): Breakdown | null {
  const found: Breakdown[] = [];
  for (let i = 0; i < counts.length; i++) {
    const first = counts[i] as Count;
    const items = [first];
    let sep: string | null = null;
    for (let k = i + 1; k < counts.length; k++) {
      const c = counts[k] as Count;
      const previous = items[items.length - 1] as Count;
      const segment = text.slice(previous.end, c.start);
      if (c.sentence !== first.sentence || c.unit !== first.unit || !isSibling(c, segment)) break;
      if (sep === null) sep = separator(segment);
      else if (separator(segment) !== sep) break;
      items.push(c);
    }
    i += items.length - 1;
    if (items.length < 2 || first.unit === null || !['条', '篇', '篇次'].includes(first.unit)) continue;
    if (items.some((c) => c.value === null || c.approx || c.masked)) continue;
    const clause = lastClause(first.own);
    if (NOT_DISCLOSURE.test(first.lead) || TOTAL_WORD.test(clause) || HISTORIC.test(clause) || TABLE_TWO_FACT.test(clause))
      continue;
    if (OTHER_CHANNEL.test(clause) && !WEBSITE.test(clause)) continue;
    const inPart = parts.some(([from, to]) => first.start >= from && first.start < to);
    const verb = hasPublishVerb(clause);
    if (!(PROACTIVE.test(clause) || (inPart && (verb || cleanLabel(clause) === clause.trim())))) continue;
    const labels = items.map((c, n) =>
      n === 0
        ? cleanLabel(verb ? publishedObject(clause) : clause)
        : cleanLabel(text.slice((items[n - 1] as Count).end, c.start)),
    );
    const segments = items.map((c, n) => (n === 0 ? clause : text.slice((items[n - 1] as Count).end, c.start)));
    if (labels.some((l) => l.length < 2) || labels.some(isChannel) || segments.some((g) => NOT_DISCLOSURE.test(g))) continue;
    found.push({ items, labels, segments, channels: false, adds: false });
  }
  return found.length === 1 ? (found[0] as Breakdown) : null;
}

/** Reads the proactive-disclosure total and its breakdown from the prose before the tables. */
export function readProactive(ctx: ParseContext, view: MappedText): ParsedReport['proactive'] {
  const text = view.text;
  const counts = findCounts(text);
  // the 主动公开 parts of section 一, found once for the candidates and a list with no total
  const parts = proactiveParts(text);
  const cands = candidates(text, counts, parts);
  // a count whose parts follow and add up to it is a total
  const lists = new Map(cands.map((c) => [c, listAfter(text, counts, c)]));
  for (const c of cands) if (lists.get(c)?.adds) c.score += 2;
  // an item of another count's list (其中公示公告39条，…以及其它法定主动公开内容20余条) is a part, not the total
  const itemOf = (c: Candidate) => cands.some((h) => h !== c && (lists.get(h)?.items.includes(c.count) ?? false));
  let best: Candidate | null = null;
  for (const c of cands) if (!itemOf(c) && (!best || c.score > best.score)) best = c;

  // A part named 主动公开 beside one named 不主动公开 is the proactive total (累计发布87条，其中主动公开42条，不主动公开45条).
  const splitBySort = new Set(counts.filter((o) => /不主动公开|依申请公开/.test(lastClause(o.own))).map((o) => o.sentence));
  for (const [i, c] of counts.entries()) {
    if (!splitBySort.has(c.sentence) || !c.unit || !TOTAL_UNITS.has(c.unit)) continue;
    const clause = lastClause(c.own);
    if (/主动公开/.test(clause) && !/不主动|依申请/.test(clause)) {
      best = { count: c, index: i, score: 99, byRule: true };
      break;
    }
  }
  // 截至年底累计主动公开331条，其中本年度新增23条: the year's figure is the new one.
  if (best && TOTAL_WORD.test(best.count.own) && /截至|截止/.test(best.count.own)) {
    const head = best;
    const fresh = counts.find(
      (c, i) => i > head.index && c.sentence <= head.count.sentence + 1 && /本年度?新增|今年新增/.test(c.own),
    );
    if (fresh) best = { count: fresh, index: counts.indexOf(fresh), score: best.score, byRule: true };
  }

  const result: ParsedReport['proactive'] = { total: null, categories: [], channels: [] };
  if (!best) {
    ctx.add('proactive.missing', 'error', '未找到主动公开信息总条数', 'proactive.total');
    const alone = headlessList(text, counts, parts);
    if (alone) pushCategories(ctx, view, result, alone);
    return result;
  }
  const total = best.count;
  // the same figure said twice (累计公开信息80条，主动公开80条。其中…): the list follows the second
  const twin = counts[best.index + 1];
  // (…0篇次，其中工作动态0篇次 is the list's first item, not the figure again)
  const twinGap = twin ? text.slice(total.end, twin.start).replace(/^[\s，,；;、]+/, '') : '';
  const listHead =
    twin &&
    twin.value !== null &&
    twin.value === total.value &&
    twin.sentence === total.sentence &&
    !twin.approx &&
    !INTRO.test(twinGap)
      ? { ...best, count: twin, index: best.index + 1 }
      : best;
  const outerList = listAfter(text, counts, listHead);
  let list = outerList;
  // a list whose first item opens a list of its own (共51条。其中公开政府信息29条，包括机构职能13条，…调查征集和反馈1条):
  // the inner list, when it adds up to that item, is the breakdown by category
  const [outer, second] = list?.items ?? [];
  if (list && outer && second && INTRO.test(text.slice(outer.end, second.start).replace(/^[，,；;、\s]+/, ''))) {
    const inner = listAfter(text, counts, { count: outer, index: counts.indexOf(outer), score: 0 });
    if (inner?.adds && !inner.channels) list = inner;
  }
  if (!list?.adds) list = unitlessList(text, listHead.count) ?? list;
  if (list && !list.channels) {
    pushCategories(ctx, view, result, list);
  } else if (list) {
    list.items.forEach((c, i) => {
      result.channels.push({ label: channelLabel(list.segments[i] as string), count: c.approx || c.masked ? null : c.value });
    });
  } else {
    // the only figure names its column: 工作动态栏目发布信息655条
    const column = /([\u4e00-\u9fff]{2,8}栏目)(?:发布|公开|更新)/.exec(lastClause(total.own));
    if (column && cands.length === 1) {
      const label = stripChannel(column[1] as string);
      result.categories.push({
        label,
        category: canonicalCategory(label),
        count: total.approx || total.masked ? null : total.value,
      });
      ctx.locate('proactive.categories[0]', view, total.start, total.end);
    } else {
      const alone = headlessList(text, counts, parts);
      if (alone && (total.value === null || sumOf(alone) <= total.value)) pushCategories(ctx, view, result, alone);
    }
  }
  // channel counts stated before the total in its sentence: 通过网站14条,政务新媒体486条、全年总计…500条
  for (const c of counts) {
    if (c.sentence !== total.sentence || c.start >= total.start || (list?.items.includes(c) ?? false)) continue;
    const label = cleanLabel(c.own);
    if (label && isChannel(label))
      result.channels.push({ label: channelLabel(c.own), count: c.approx || c.masked ? null : c.value });
  }

  for (const c of cands) {
    const listed = (list?.items.includes(c.count) ?? false) || (outerList?.items.includes(c.count) ?? false);
    if (c.count !== total && !listed && c.score >= 4 && c.count.value !== total.value && c.count.sentence !== total.sentence) {
      // two readings as strong as each other: neither is taken
      if (!best.byRule && c.score >= best.score && !(listAfter(text, counts, c)?.items.includes(total) ?? false)) {
        ctx.add(
          'proactive.ambiguous',
          'error',
          `主动公开总数有两种读法（${total.value ?? '?'} 条与 ${c.count.value ?? '?'} 条），无法确定，未采用，请对照原件填写`,
          'proactive.total',
        );
        ctx.locate('proactive.total', view, total.start, total.end);
        // an approximate figure is kept as such (never a total): it is what the passage says first
        if (total.approx && !total.masked) result.approx = total.value;
        return result;
      }
      ctx.add(
        'proactive.ambiguous',
        'warning',
        `主动公开总数出现两个不同的数（${total.value ?? '?'}、${c.count.value ?? '?'}），取得分最高的前者`,
        'proactive.total',
      );
      break;
    }
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

/** The channel a count was published through, as written: 区政府门户网站, 微信公众号、微博等多种政务新媒体. */
function channelLabel(segment: string): string {
  const m =
    /(?:在|通过|向|依托)?([^，,；;。:：]*?(?:门户网站|网站|平台|公众号|微博|新媒体|客户端|(?:公示|公告|宣传|公开)栏|线下方式|线下))/.exec(
      segment,
    );
  const phrase = m ? (m[1] as string).replace(/^(?:[、\s]|\d{4}\s*年度?|全年|其中|包括|在|通过|向|依托)+/, '') : '';
  return phrase || cleanLabel(segment);
}
