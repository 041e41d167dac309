/**
 * Reading the pages of a county portal's 政府信息公开年报 column (issue 17's collector): the list
 * pages (their articles and the next page, in the ways these sites paginate), and an article (its
 * title, publication date and source from the government-site meta tags or the page's own
 * 发布时间, and its attachments). Pages are decoded by the charset they declare; GBK and GB2312
 * are read as GB18030, which contains both.
 */
import { type CheerioAPI, load } from 'cheerio';
import { pageAttachments, pageMeta } from '../ingest/formats/page-meta';

export interface ListPage {
  /** Links to articles (same site), in page order, without duplicates. */
  articles: { url: string; title: string }[];
  /** The next list page, when the page says there is one. */
  next: string | null;
  /** Sub-columns of the column, one per year (2024年, 2023年度…): list pages to walk as well. */
  subColumns: string[];
  /**
   * The list goes on in pages the browser builds by script (no link to a next page in the HTML):
   * how many items the script says the column has, when it says so.
   */
  scriptPaging: { total: number | null } | null;
  /** The page is an article (it carries an ArticleTitle), not a list: a URL an admin added by hand. */
  isArticle: boolean;
}

export interface Article {
  title: string | null;
  /** yyyy-mm-dd: the page's PubDate meta tag, or its 发布时间 / 发布日期 line. */
  publishedOn: string | null;
  /** Where the date came from, to show beside it. */
  publishedFrom: 'meta' | 'page' | null;
  source: string | null;
  column: string | null;
  /** Links to files a report is published as (PDF, Word, WPS). */
  attachments: { url: string; name: string }[];
  /** The page's text, for when the report is the page itself. */
  html: string;
}

const ENCODINGS: Record<string, string> = {
  gbk: 'gb18030',
  gb2312: 'gb18030',
  gb18030: 'gb18030',
  'utf-8': 'utf-8',
  utf8: 'utf-8',
};

/** The page's text, by the charset its Content-Type or its own meta tag declares (UTF-8 otherwise). */
export function decodePage(bytes: Uint8Array, contentType: string | null): string {
  const declared =
    /charset=["']?([\w-]+)/i.exec(contentType ?? '')?.[1] ??
    /<meta[^>]+charset=["']?([\w-]+)/i.exec(new TextDecoder('latin1').decode(bytes.subarray(0, 2048)))?.[1] ??
    'utf-8';
  const encoding = ENCODINGS[declared.toLowerCase()] ?? 'utf-8';
  return new TextDecoder(encoding).decode(bytes);
}

const ARTICLE = /\.(?:s?html?)(?:$|[?#])/i;

function sameSite(href: string, base: URL): URL | null {
  try {
    const u = new URL(href, base);
    return u.host === base.host && (u.protocol === 'http:' || u.protocol === 'https:') ? u : null;
  } catch {
    return null;
  }
}

/** The next list page, in the three ways these portals write it. */
function nextPage($: CheerioAPI, html: string, base: URL): string | null {
  // 1. a link that says so
  const link = $('a')
    .toArray()
    .find((a) => /^\s*(?:下一页|下页|后一页|>|›|»)\s*$/.test($(a).text()));
  const href = link ? $(link).attr('href') : undefined;
  if (href && !/^javascript:/i.test(href)) return sameSite(href, base)?.href ?? null;
  // 2. the TRS/WCM page script: createPageHTML(total, current, "index", "shtml") → index_1.shtml, index_2.shtml…
  const script = /createPageHTML\(\s*(\d+)\s*,\s*(\d+)\s*,\s*["']([\w-]+)["']\s*,\s*["'](\w+)["']/.exec(html);
  if (script) {
    const [total, current, name, ext] = [Number(script[1]), Number(script[2]), script[3], script[4]];
    return current + 1 < total ? new URL(`${name}_${current + 1}.${ext}`, base).href : null;
  }
  // 3. ?page=n links: the one after this page
  const page = Number(base.searchParams.get('page') ?? '1');
  const wanted = $('a')
    .toArray()
    .map((a) => sameSite($(a).attr('href') ?? '', base))
    .find((u) => u !== null && u.pathname === base.pathname && Number(u.searchParams.get('page')) === page + 1);
  return wanted?.href ?? null;
}

/** A list page of the column: its articles and the next page. */
export function readListPage(html: string, url: string): ListPage {
  const base = new URL(url);
  const $ = load(html);
  const seen = new Set<string>();
  const articles: ListPage['articles'] = [];
  // an article of a list is a titled link in a list item or a table row (not the menus' section links)
  for (const a of $('li a, tr a, dd a, .list a').toArray()) {
    const u = sameSite($(a).attr('href') ?? '', base);
    const title = ($(a).attr('title') ?? $(a).text()).replace(/\s+/g, ' ').trim();
    if (!u || !ARTICLE.test(u.pathname) || title.length < 4 || seen.has(u.href)) continue;
    if (/^index(?:_\d+)?\.s?html?$/.test(u.pathname.split('/').pop() ?? '')) continue;
    seen.add(u.href);
    articles.push({ url: u.href, title });
  }
  // a column split by year links its sub-columns: a year in the text, and a list page (index.*, or a folder) as the target
  const subColumns: string[] = [];
  for (const a of $('a').toArray()) {
    const u = sameSite($(a).attr('href') ?? '', base);
    const text = $(a).text().replace(/\s+/g, '');
    if (
      !u ||
      u.href === base.href ||
      !/^(?:20\d{2})年(?:度)?(?:年报|报告|政府信息公开年报|政府信息公开工作年度报告)?$/.test(text)
    )
      continue;
    const last = u.pathname.split('/').pop() ?? '';
    if ((last === '' || /^index(?:_\d+)?\.s?html?$/.test(last)) && !subColumns.includes(u.href)) subColumns.push(u.href);
  }
  const next = nextPage($, html, base);
  return {
    articles,
    next,
    subColumns,
    scriptPaging: next ? null : scriptPaging($, html, articles.length),
    isArticle: isArticle($),
  };
}

/** Paging words in a list page's scripts or bindings (TRS, Avalon, layui, ucap, JCMS…). */
const SCRIPT_PAGING =
  /\b(?:pagebar|pageCount|recordCount|totalRecord|totalPage|totalCount|pageSize|pageIndex|prepage|laypage|createPage|list_pagebar)\b/i;

/** Whether the list's further pages are built by script, and the total the script gives. */
function scriptPaging($: CheerioAPI, html: string, listed: number): { total: number | null } | null {
  const scripts = $('script')
    .toArray()
    .map((s) => $(s).text())
    .join('\n');
  const bound = $('[ms-controller], [data-page], [v-if], [ms-if]')
    .toArray()
    .map((el) => Object.values((el as unknown as { attribs: Record<string, string> }).attribs).join(' '))
    .join(' ');
  if (!SCRIPT_PAGING.test(scripts) && !SCRIPT_PAGING.test(bound)) return null;
  const total = /(?:recordCount|totalRecord|totalCount|total)\s*[:=]\s*['"]?(\d{1,6})/i.exec(scripts ?? html);
  const n = total ? Number(total[1]) : null;
  // a script that says the column holds no more than this page shows is no further page
  if (n !== null && n <= listed) return null;
  return { total: n };
}

/** An article page carries its ArticleTitle (网站页面元数据); a list page does not. */
function isArticle($: CheerioAPI): boolean {
  return Boolean($('meta[name="ArticleTitle" i]').attr('content')?.trim());
}

/** An article page: its metadata (page-meta.ts) and the files it links, on this site. */
export function readArticle(html: string, url: string): Article {
  const base = new URL(url);
  const $ = load(html);
  const meta = pageMeta($);
  const attachments: Article['attachments'] = [];
  for (const a of pageAttachments($)) {
    const u = sameSite(a.href, base);
    if (u && !attachments.some((x) => x.url === u.href)) attachments.push({ url: u.href, name: a.name });
  }
  return {
    title: meta.title,
    publishedOn: meta.publishedOn,
    publishedFrom: meta.publishedFrom,
    source: meta.source,
    column: meta.column,
    attachments,
    html,
  };
}
