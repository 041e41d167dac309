import { type Cheerio, type CheerioAPI, load } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { FormatError } from './errors';
import { type PageAttachment, type PageMeta, pageAttachments, pageMeta } from './page-meta';

const DROP = 'script, style, noscript, template, iframe, form, nav, footer, header, aside, select, button, svg, link, meta';
const CHROME =
  /(?:^|[\s_-])(?:nav|menu|footer|header|breadcrumbs?|crumbs?|sidebar|share|banner|topbar|toolbar|position|location|copyright)(?:$|[\s_-])/i;
const BLOCK = new Set([
  'p',
  'div',
  'section',
  'article',
  'main',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'ul',
  'ol',
  'blockquote',
  'pre',
  'center',
  'dd',
  'dt',
  'dl',
  'caption',
  'body',
  'html',
]);

/** At most this many table cells per page, merged and nested cells counted: a report has about 400. */
export const MAX_TABLE_CELLS = 200_000;

interface Budget {
  cells: number;
}

function spend(budget: Budget, cells: number): void {
  budget.cells -= cells;
  if (budget.cells < 0) {
    throw new FormatError(
      'format.tooComplex',
      '网页中的表格结构异常庞大（合并单元格或嵌套表格过多），无法读取，请提供 PDF 或 DOCX 版本',
      `html tables expand to more than ${MAX_TABLE_CELLS} cells`,
    );
  }
}

/** Text of an inline run: whitespace collapsed as a browser renders it. */
function inlineText($: CheerioAPI, node: AnyNode, out: string[], budget: Budget): void {
  if (node.type === 'text') {
    out.push((node as unknown as { data: string }).data.replace(/[ \t\r\n\f]+/g, ' '));
    return;
  }
  if (node.type !== 'tag') return;
  const el = node as Element;
  const name = el.name.toLowerCase();
  if (name === 'br') {
    out.push('\n');
    return;
  }
  if (name === 'table') {
    out.push('\n', tableText($, el, budget), '\n');
    return;
  }
  const block = BLOCK.has(name);
  if (block) out.push('\n');
  for (const child of el.children) inlineText($, child, out, budget);
  if (block) out.push('\n');
}

/** What a grid position holds: a cell's text where the cell starts, `null` where a merged cell spans. */
type GridCell = string | null;

const NUMBER = /^[-+]?[\d.,]+$/;

/**
 * One row of the grid as `| cell | cell |`: the positions a merged cell spans are not written (its
 * text stands once, where it starts), nor are empty cells before the row's label (the rest of a
 * group label's column); an empty cell after the label is a blank cell, written `|  |`, so that
 * every figure stays in its own column.
 */
function rowLine(row: readonly GridCell[]): string {
  const cells = row.filter((c): c is string => c !== null);
  const labelAt = cells.findIndex((c) => c !== '' && !NUMBER.test(c.replace(/\s+/g, '')));
  let first = 0;
  while (first < labelAt && cells[first] === '') first++;
  const kept = cells.slice(first);
  return kept.length === 0 ? '' : `| ${kept.join(' | ')} |`;
}

/**
 * A table as lines of `|` cells, in reading order, from its cell grid: colspan and rowspan
 * expanded so that each value is read from its own cell. Only the table's own rows count; a table
 * nested in a cell is that cell's text.
 */
export function tableText($: CheerioAPI, table: Element, budget: Budget = { cells: MAX_TABLE_CELLS }): string {
  const grid: GridCell[][] = [];
  const rows = $(table).children('tr').add($(table).children('thead, tbody, tfoot').children('tr')).toArray();
  rows.forEach((tr, r) => {
    grid[r] ??= [];
    let c = 0;
    for (const cell of $(tr).children('td, th').toArray()) {
      const row = grid[r] as GridCell[];
      while (row[c] !== undefined) c++;
      const colspan = Math.min(50, Math.max(1, Number($(cell).attr('colspan')) || 1));
      const rowspan = Math.min(200, Math.max(1, Number($(cell).attr('rowspan')) || 1));
      const parts: string[] = [];
      for (const child of cell.children) inlineText($, child, parts, budget);
      const text = parts
        .join('')
        .replace(/[\s\u00a0\u3000]*\n[\s\u00a0\u3000]*/g, ' ')
        .replace(/^[\s\u00a0\u3000]+|[\s\u00a0\u3000]+$/g, '')
        .replace(/\|/g, '｜');
      spend(budget, colspan * Math.min(rowspan, rows.length - r));
      for (let dr = 0; dr < rowspan && r + dr < rows.length; dr++) {
        grid[r + dr] ??= [];
        for (let dc = 0; dc < colspan; dc++) (grid[r + dr] as GridCell[])[c + dc] = dr === 0 && dc === 0 ? text : null;
      }
      c += colspan;
    }
  });
  return grid
    .map((row) => rowLine(Array.from(row, (v) => (v === undefined ? '' : v))))
    .filter((line) => line !== '')
    .join('\n');
}

function textLength($el: Cheerio<Element>): number {
  return $el.text().replace(/\s+/g, '').length;
}

/** The element that holds the report: the smallest one that still holds most of its sections. */
function reportBody($: CheerioAPI): Cheerio<Element> {
  const score = (t: string) =>
    ['总体情况', '主动公开政府信息', '收到和处理政府信息公开申请', '行政复议', '存在的主要问题', '其他需要报告'].filter((w) =>
      t.includes(w),
    ).length;
  const body = $('body').length > 0 ? $('body') : $.root().children().first();
  const best = score(body.text());
  if (best === 0) return body as Cheerio<Element>;
  let chosen = body as Cheerio<Element>;
  let chosenLength = textLength(chosen);
  $('div, article, section, main, td').each((_, el) => {
    const $el = $(el);
    const t = $el.text();
    if (score(t) < best) return;
    const length = textLength($el);
    if (length < chosenLength) {
      chosen = $el;
      chosenLength = length;
    }
  });
  return chosen;
}

export interface HtmlPage {
  text: string;
  meta: PageMeta;
  /** Files the page links (a report may be one of them, or only there). */
  attachments: PageAttachment[];
}

/**
 * The report in a government web page as plain text — navigation, scripts and page furniture
 * dropped, the title kept when it sits outside the article body, tables as `|` rows of their cell
 * grid — with what the page says about itself and the files it links.
 */
export function readHtmlPage(html: string): HtmlPage {
  const $ = load(html);
  const meta = pageMeta($);
  const attachments = pageAttachments($);
  $(DROP).remove();
  $('[class], [id]').each((_, el) => {
    const $el = $(el);
    const tag = `${$el.attr('class') ?? ''} ${$el.attr('id') ?? ''}`;
    if (CHROME.test(tag) && !/content|article|detail|main|zoom|text/i.test(tag)) $el.remove();
  });
  const body = reportBody($);
  const out: string[] = [];
  const bodyText = body.text().replace(/\s+/g, '');
  // the page's own heading first; the <title> tag (often "标题_网站名") only as a fallback
  const candidates = [
    ...$('h1, h2, .title, [class*=title]')
      .toArray()
      .map((el) => $(el).text()),
    ...$('title')
      .toArray()
      .map(
        (el) =>
          $(el)
            .text()
            .split(/[_|｜]|\s-\s/)[0] ?? '',
      ),
  ];
  const title = candidates
    .map((t) => t.replace(/\s+/g, ' ').trim())
    .find((t) => /年度报告/.test(t) && t.length < 80 && !bodyText.includes(t.replace(/\s+/g, '')));
  if (title) out.push(title, '\n');
  const budget = { cells: MAX_TABLE_CELLS };
  for (const node of body.toArray()) inlineText($, node, out, budget);
  const text = out
    .join('')
    .split('\n')
    .map((line) => line.replace(/^[ \u00a0]+|[ \u00a0]+$/g, ''))
    .filter((line, i, lines) => line !== '' || (lines[i - 1] ?? '') !== '')
    .join('\n')
    .trim();
  return { text, meta, attachments };
}

/** The report in a web page (or a DOCX's HTML) as plain text. */
export function htmlToText(html: string): string {
  return readHtmlPage(html).text;
}
