import { decodeText, sniffTextFormat } from '../../../shared/report/index';
import type { SourceFormat } from '../../../shared/report/types';
import { docxToText } from './docx';
import { engineRead, type PdfOptions, pdfToText } from './engine';
import { FormatError } from './errors';
import { htmlToText } from './html';
import { type Sniffed, sniff } from './sniff';

export { FormatError } from './errors';
export { sniff } from './sniff';

export interface Extracted {
  text: string;
  format: SourceFormat;
  mediaType: string;
  /** The document's metadata title (a PDF's Title), when it has one. */
  title?: string;
}

export const MAX_REPORT_BYTES = 50 * 1024 * 1024;

const MEDIA: Record<SourceFormat, string> = {
  text: 'text/plain; charset=utf-8',
  markdown: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  doc: 'application/msword',
};

function unsupported(kind: Sniffed): never {
  if (kind === 'image')
    throw new FormatError('format.unsupported', '这是图片文件，没有可读取的文字，请提供文字版报告', 'image file');
  throw new FormatError(
    'format.binary',
    '无法识别的文件格式，不是年度报告，请转换为 PDF、DOCX、网页或文本后再导入',
    'unrecognised binary',
  );
}

async function read(
  bytes: Uint8Array,
  kind: Sniffed,
  pdf: PdfOptions,
): Promise<{ text: string; format: SourceFormat; title?: string }> {
  switch (kind) {
    case 'text': {
      const { text } = decodeText(bytes);
      return { text, format: sniffTextFormat(text) };
    }
    case 'html':
      return { text: htmlToText(decodeText(bytes).text), format: 'html' };
    case 'pdf': {
      const { text, title } = await pdfToText(bytes, pdf);
      if (text.replace(/\s+/g, '').length === 0) {
        throw new FormatError(
          'format.scanned',
          '扫描件，无文字层：PDF 中只有图片，无法读取文字，请提供文字版或先进行文字识别',
          'scanned PDF: no text layer',
        );
      }
      return title ? { text, format: 'pdf', title } : { text, format: 'pdf' };
    }
    case 'zip':
      return { text: await docxToText(bytes), format: 'docx' };
    case 'ole':
      // .doc and .wps: read in the engine process, like PDFs
      return { text: (await engineRead('doc', bytes, pdf)).text, format: 'doc' };
    default:
      return unsupported(kind);
  }
}

/** Bytes of an uploaded or imported file → the report's text, by what the content is (never the name). */
export async function extractDocument(bytes: Uint8Array, pdf: PdfOptions = {}): Promise<Extracted> {
  if (bytes.length === 0) throw new FormatError('format.empty', '文件为空', 'empty file');
  if (bytes.length > MAX_REPORT_BYTES) {
    throw new FormatError(
      'format.tooLarge',
      `文件超过 ${MAX_REPORT_BYTES / 1024 / 1024} MB 上限`,
      `file larger than ${MAX_REPORT_BYTES} bytes`,
    );
  }
  const { text, format, title } = await read(bytes, sniff(bytes), pdf);
  return title ? { text, format, mediaType: MEDIA[format], title } : { text, format, mediaType: MEDIA[format] };
}
