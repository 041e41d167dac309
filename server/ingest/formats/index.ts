import type { SourceFormat, SourceInfo } from '../../../shared/report/types';
import { engineRead, type PdfOptions, pdfToText } from './engine';
import { FormatError } from './errors';
import type { PageAttachment, PageMeta } from './page-meta';
import type { PdfLayout } from './pdf-pages';
import { type Sniffed, sniff } from './sniff';

export { FormatError } from './errors';
export { sniff } from './sniff';

export interface Extracted {
  text: string;
  format: SourceFormat;
  mediaType: string;
  /** The document's metadata title (a PDF's Title), when it has one. */
  title?: string;
  /** Parts of the text read by OCR from a scanned page or an image (offsets in `text`). */
  ocrRanges?: [number, number][];
  /** A PDF's: the page and box of every piece of the text. */
  layout?: PdfLayout;
  /** A scan's: pages with ink past the OCR limit, left unread. */
  ocrSkipped?: number;
  /** A web page's: what it says about itself (ArticleTitle, PubDate, ContentSource…). */
  page?: PageMeta;
  /** A web page's: the files it links (a report may be only there). */
  attachments?: PageAttachment[];
}

export const MAX_REPORT_BYTES = 50 * 1024 * 1024;
/** A year's report as text is 20–200 KB; a text file of this size is something else. */
export const MAX_TEXT_BYTES = 5 * 1024 * 1024;
/** A report's web page is well under 1 MB, images aside (they are not in the page). */
export const MAX_HTML_BYTES = 10 * 1024 * 1024;
/** Characters of text the parser is given at most (a long report is 200,000). */
export const MAX_TEXT_CHARS = 2_000_000;

function tooLargeFor(bytes: Uint8Array, max: number, what: string, en: string): FormatError | null {
  if (bytes.length > max) {
    return new FormatError(
      'format.tooLarge',
      `${what}有 ${(bytes.length / 1024 / 1024).toFixed(1)} MB，超过 ${max / 1024 / 1024} MB：一份年度报告的${what}远没有这么大，这不像一份年度报告`,
      `${en} of ${bytes.length} bytes, over ${max}`,
    );
  }
  return null;
}

/**
 * What can be said of a file from its size and first bytes alone, before it is stored or read: an
 * empty file, one over the report limit, a text or a web page far larger than any report. Null when
 * nothing is wrong yet.
 */
export function precheck(bytes: Uint8Array): FormatError | null {
  if (bytes.length === 0) return new FormatError('format.empty', '文件为空', 'empty file');
  if (bytes.length > MAX_REPORT_BYTES) {
    return new FormatError(
      'format.tooLarge',
      `文件超过 ${MAX_REPORT_BYTES / 1024 / 1024} MB 上限`,
      `file larger than ${MAX_REPORT_BYTES} bytes`,
    );
  }
  const kind = sniff(bytes);
  if (kind === 'text') return tooLargeFor(bytes, MAX_TEXT_BYTES, '文本文件', 'text file');
  if (kind === 'html') return tooLargeFor(bytes, MAX_HTML_BYTES, '网页文件', 'web page');
  return null;
}

/** The extracted text, refused when it is longer than any report. */
function capped(text: string): string {
  if (text.length > MAX_TEXT_CHARS) {
    throw new FormatError(
      'format.tooLarge',
      `文件中的文字有 ${text.length.toLocaleString('en-US')} 字，超过 ${MAX_TEXT_CHARS.toLocaleString('en-US')} 字：一份年度报告远没有这么长，这不像一份年度报告`,
      `extracted text of ${text.length} characters, over ${MAX_TEXT_CHARS}`,
    );
  }
  return text;
}

const MEDIA: Record<SourceFormat, string> = {
  text: 'text/plain; charset=utf-8',
  markdown: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  doc: 'application/msword',
  image: 'image/jpeg',
};

function unsupported(): never {
  throw new FormatError(
    'format.binary',
    '无法识别的文件格式，不是年度报告，请转换为 PDF、DOCX、网页或文本后再导入',
    'unrecognised binary',
  );
}

async function readDocument(bytes: Uint8Array, kind: Sniffed, pdf: PdfOptions): Promise<Omit<Extracted, 'mediaType'>> {
  switch (kind) {
    case 'text': {
      // read in the engine: a large text costs the server nothing while it is decoded
      const { text, format } = await engineRead('text', bytes, pdf);
      return { text, format: format ?? 'text' };
    }
    case 'html': {
      const { text, page, attachments } = await engineRead('html', bytes, pdf);
      const out: Omit<Extracted, 'mediaType'> = { text, format: 'html', attachments: attachments ?? [] };
      if (page) out.page = page;
      return out;
    }
    case 'pdf': {
      // a scanned page (no text layer) is read by OCR in the engine
      const { text, title, ocrRanges, layout, ocrSkipped } = await pdfToText(bytes, pdf);
      if (text.replace(/\s+/g, '').length === 0) {
        throw new FormatError(
          'format.scanned',
          '扫描件：PDF 中只有图片，文字识别也未能读出文字，请提供文字版或更清晰的扫描件',
          'scanned PDF: no text layer and nothing recognised',
        );
      }
      const read: Omit<Extracted, 'mediaType'> = { text, format: 'pdf', ocrRanges: ocrRanges ?? [] };
      if (title) read.title = title;
      if (layout) read.layout = layout;
      if (ocrSkipped) read.ocrSkipped = ocrSkipped;
      return read;
    }
    case 'image': {
      if (!(bytes[0] === 0x89 && bytes[1] === 0x50) && !(bytes[0] === 0xff && bytes[1] === 0xd8)) {
        throw new FormatError(
          'format.unsupported',
          '这种图片格式无法识别，请提供 JPEG、PNG 图片或 PDF',
          'image other than JPEG/PNG',
        );
      }
      const { text, ocrRanges } = await engineRead('image', bytes, pdf);
      if (text.replace(/\s+/g, '').length === 0) {
        throw new FormatError('format.scanned', '图片中未能识别出文字，请提供文字版或更清晰的图片', 'image: nothing recognised');
      }
      return { text, format: 'image', ocrRanges: ocrRanges ?? [] };
    }
    case 'zip':
      // in the engine process, under its CPU and memory limits (a hostile DOCX cannot stall the server)
      return { text: (await engineRead('docx', bytes, pdf)).text, format: 'docx' };
    case 'ole':
      // .doc and .wps: read in the engine process, like PDFs
      return { text: (await engineRead('doc', bytes, pdf)).text, format: 'doc' };
    default:
      return unsupported();
  }
}

/** What the parser is told about a document besides its text: its title, a page's metadata and links. */
export function sourceInfo(extracted: Extracted, file: { file?: string; sha256?: string } = {}): SourceInfo {
  const info: SourceInfo = { ...file, format: extracted.format, ocrRanges: extracted.ocrRanges ?? [] };
  if (extracted.title) info.title = extracted.title;
  if (extracted.page) info.page = extracted.page;
  if (extracted.attachments) info.attachments = extracted.attachments.map((a) => a.name);
  if (extracted.ocrSkipped) info.ocrSkipped = extracted.ocrSkipped;
  return info;
}

/** Bytes of an uploaded or imported file → the report's text, by what the content is (never the name). */
export async function extractDocument(bytes: Uint8Array, pdf: PdfOptions = {}): Promise<Extracted> {
  const refused = precheck(bytes);
  if (refused) throw refused;
  const { ocrRanges, ...read } = await readDocument(bytes, sniff(bytes), pdf);
  const mediaType = read.format === 'image' ? (bytes[0] === 0x89 ? 'image/png' : 'image/jpeg') : MEDIA[read.format];
  const out: Extracted = { ...read, text: capped(read.text), mediaType };
  if (ocrRanges && ocrRanges.length > 0) out.ocrRanges = ocrRanges;
  return out;
}
