/**
 * What a government web page says about itself: the 网站页面元数据 meta tags every portal built to
 * the national specification carries (ArticleTitle, PubDate, ContentSource, ColumnName, Url), else
 * the page's own 发布时间 line; and the files it links a report as (PDF, Word, WPS, OFD, Excel).
 * Read the same way for an uploaded page and one the collector fetched.
 */
import type { CheerioAPI } from 'cheerio';

export interface PageMeta {
  title: string | null;
  /** yyyy-mm-dd: the PubDate meta tag, or the page's 发布时间 / 发布日期 line. */
  publishedOn: string | null;
  publishedFrom: 'meta' | 'page' | null;
  /** ContentSource: the office that put the page up (not always the reporting unit). */
  source: string | null;
  column: string | null;
  /** The page's own address (the Url meta tag), when it gives one. */
  url: string | null;
}

export interface PageAttachment {
  /** The link as written (relative to the page). */
  href: string;
  name: string;
}

const DATE = /(20\d{2})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})/;
const iso = (m: RegExpExecArray) => `${m[1]}-${(m[2] as string).padStart(2, '0')}-${(m[3] as string).padStart(2, '0')}`;
export const ATTACHMENT = /\.(?:pdf|docx?|wps|ofd|xlsx?|et)(?:$|[?#])/i;

export function pageMeta($: CheerioAPI): PageMeta {
  const meta = (name: string) => $(`meta[name="${name}" i]`).attr('content')?.trim() || null;
  const metaDate = meta('PubDate');
  const metaMatch = metaDate ? DATE.exec(metaDate) : null;
  const text = $('body').text().replace(/\s+/g, ' ');
  const pageMatch = /(?:发布时间|发布日期|发文日期|日期)\s*[:：]\s*(20\d{2}\s*[-年/.]\s*\d{1,2}\s*[-月/.]\s*\d{1,2})/.exec(text);
  const pageDate = pageMatch ? DATE.exec(pageMatch[1] as string) : null;
  return {
    title: meta('ArticleTitle') ?? ($('title').first().text().trim() || null),
    publishedOn: metaMatch ? iso(metaMatch) : pageDate ? iso(pageDate) : null,
    publishedFrom: metaMatch ? 'meta' : pageDate ? 'page' : null,
    source: meta('ContentSource'),
    column: meta('ColumnName') ?? meta('ColumnType'),
    url: meta('Url'),
  };
}

/** Links to files, in page order, once each (scripts are not read: only what the page shows). */
export function pageAttachments($: CheerioAPI): PageAttachment[] {
  const out: PageAttachment[] = [];
  for (const a of $('a[href]').toArray()) {
    const href = ($(a).attr('href') ?? '').trim();
    if (!ATTACHMENT.test(href) || /^(?:javascript|mailto):/i.test(href) || out.some((o) => o.href === href)) continue;
    let name = $(a).text().replace(/\s+/g, ' ').trim();
    if (!name) {
      const last = href.split(/[?#]/)[0]?.split('/').pop() ?? href;
      try {
        name = decodeURIComponent(last);
      } catch {
        name = last;
      }
    }
    out.push({ href, name });
  }
  return out;
}
