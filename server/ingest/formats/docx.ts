/**
 * DOCX to text. Runs in the document engine process (engine-process.ts), under its CPU-time and
 * memory limits, never on the server's main thread.
 *
 * The archive is unpacked here, by yauzl, with a hard limit on the bytes each entry actually
 * inflates to (a zip's declared sizes can lie); every XML part is checked as well-formed XML
 * without a DTD; the main document is the part `_rels/.rels` names, and that part is the one held
 * to the body-size limit. mammoth then reads a copy of the archive rebuilt from the checked parts,
 * stored uncompressed, so it unpacks exactly what was checked.
 */
import mammoth from 'mammoth';
import { SaxesParser } from 'saxes';
import yazl from 'yazl';
import { FormatError } from './errors';
import { htmlToText } from './html';
import { unpackZip } from './zip';

/** All of a DOCX's parts together may unpack to this much at most: a real report is a few megabytes. */
export const MAX_DOCX_UNPACKED = 200 * 1024 * 1024;
/** One part (an image, say) may unpack to this much at most. */
export const MAX_DOCX_PART = 50 * 1024 * 1024;
/**
 * The main document part may be this large at most. A year's report is 0.2–0.5 MB of it; reading
 * takes about 0.3 ms per KB, so this keeps one file's read under a second.
 */
export const MAX_DOCX_BODY = 1024 * 1024;
/** Any other XML part (styles, numbering, relationships…): a few hundred KB in real files. */
export const MAX_DOCX_XML_PART = 4 * 1024 * 1024;
const MAX_ENTRIES = 2000;

const corrupt = (en: string) => new FormatError('format.corrupt', 'DOCX 文件已损坏或不完整，无法读取', en);
const bomb = (en: string) => new FormatError('format.zipBomb', 'DOCX 解压后体积异常巨大（疑似压缩炸弹），已拒绝读取', en);
const isXml = (name: string) => /\.(?:xml|rels)$/i.test(name);

/** Every part of the DOCX, each inflated under the limits (see zip.ts). */
const unpack = (bytes: Uint8Array) =>
  unpackZip(bytes, { maxEntries: MAX_ENTRIES, maxEntry: MAX_DOCX_PART, maxTotal: MAX_DOCX_UNPACKED, corrupt, bomb });

/**
 * Word, WPS and LibreOffice always write well-formed XML without a DTD. Anything else is a damaged
 * file, refused here in linear time: the DOM builder behind mammoth can take seconds on some
 * malformed documents (several root elements), and a DTD could declare expanding entities.
 */
function checkWellFormed(name: string, xml: Buffer): void {
  if (xml.includes('<!DOCTYPE') || xml.includes('<!ENTITY')) throw corrupt(`${name} declares a DTD`);
  const parser = new SaxesParser({ position: false });
  let problem: string | null = null;
  parser.on('error', (e) => {
    problem ??= e.message;
  });
  parser.on('doctype', () => {
    problem ??= 'a DTD';
  });
  try {
    parser.write(xml.toString('utf8')).close();
  } catch (e) {
    problem ??= (e as Error).message;
  }
  if (problem) throw corrupt(`${name} is not well-formed XML: ${String(problem).slice(0, 200)}`);
}

/** The part `_rels/.rels` names as the main document (the part mammoth reads), without a leading `/`. */
function mainDocument(parts: Map<string, Buffer>): string {
  const rels = parts.get('_rels/.rels');
  if (!rels) throw new FormatError('format.unsupported', '压缩包中没有 Word 正文（不是 DOCX 文件）', 'zip without _rels/.rels');
  for (const m of rels.toString('utf8').matchAll(/<Relationship\b[^>]*>/g)) {
    const tag = m[0];
    if (!/Type="[^"]*\/officeDocument"/.test(tag)) continue;
    const target = /Target="([^"]*)"/.exec(tag)?.[1];
    if (target) return decodeURIComponent(target.replace(/^\//, ''));
  }
  throw new FormatError('format.unsupported', '压缩包中没有 Word 正文（不是 DOCX 文件）', '_rels/.rels names no main document');
}

/** The checked parts as a new archive, stored (no compression), for mammoth to read. */
function repack(parts: Map<string, Buffer>): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const zip = new yazl.ZipFile();
    for (const [name, data] of parts) zip.addBuffer(data, name, { compress: false });
    zip.end();
    const out: Buffer[] = [];
    zip.outputStream.on('data', (d: Buffer) => out.push(d));
    zip.outputStream.on('end', () => resolve(Buffer.concat(out)));
    zip.outputStream.on('error', reject);
  });
}

/** Paragraphs and tables of a DOCX, tables as tab-separated rows. */
export async function docxToText(bytes: Uint8Array): Promise<string> {
  const parts = await unpack(bytes);
  const main = mainDocument(parts);
  // an Office file that is not Word: said by what it is, not as a damaged Word file
  if (main.startsWith('xl/')) {
    throw new FormatError(
      'format.unsupported',
      '这是 Excel 工作簿（.xlsx），不是年度报告。应报单位名单请在“考核 → 应报单位”中点“从 Excel 导入”；年度报告请上传 PDF、Word、WPS 或网页文件',
      'an Excel workbook, not a report',
    );
  }
  if (main.startsWith('ppt/')) {
    throw new FormatError(
      'format.unsupported',
      '这是 PowerPoint 演示文稿（.pptx），不是年度报告；请上传 PDF、Word、WPS 或网页文件',
      'a PowerPoint file, not a report',
    );
  }
  const body = parts.get(main);
  if (!body)
    throw new FormatError('format.unsupported', '压缩包中没有 Word 正文（不是 DOCX 文件）', `main document ${main} missing`);
  if (body.length > MAX_DOCX_BODY) {
    throw new FormatError(
      'format.tooLarge',
      `DOCX 正文部分超过 ${MAX_DOCX_BODY / 1024 / 1024} MB（一般年报约 0.2–0.5 MB），可能含有大量重复内容；请核对文件，或另存为 PDF 后导入`,
      `${main} unpacks to ${body.length} bytes (limit ${MAX_DOCX_BODY})`,
    );
  }
  for (const [name, data] of parts) {
    if (!isXml(name) && name !== main) continue;
    if (name !== main && data.length > MAX_DOCX_XML_PART) {
      throw new FormatError(
        'format.tooLarge',
        'DOCX 中的样式或关系部分异常巨大，已拒绝读取',
        `${name} unpacks to ${data.length} bytes`,
      );
    }
    checkWellFormed(name, data);
  }
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer: await repack(parts) })).value;
  } catch (err) {
    throw new FormatError('format.corrupt', 'DOCX 文件已损坏或不完整，无法读取', `mammoth failed: ${(err as Error).message}`);
  }
  return htmlToText(`<body>${html}</body>`);
}
