import mammoth from 'mammoth';
import { SaxesParser } from 'saxes';
import yauzl from 'yauzl';
import { FormatError } from './errors';
import { htmlToText } from './html';

/** A DOCX's parts may unpack to this much at most: a real report is a few megabytes. */
export const MAX_DOCX_UNPACKED = 200 * 1024 * 1024;
/**
 * The body part (word/document.xml) may be this large at most. A year's report is 0.2–0.5 MB of it;
 * reading takes about 0.3 ms per KB (more on a busy machine), so this keeps one file's read under a second.
 */
export const MAX_DOCX_BODY = 1024 * 1024;
const MAX_RATIO = 200;

const corrupt = (en: string) => new FormatError('format.corrupt', 'DOCX 文件已损坏或不完整，无法读取', en);

/**
 * Reads the ZIP central directory, refuses archives that would unpack to too much (a zip bomb
 * dressed as a DOCX) or that are not Word documents, and returns the unpacked word/document.xml.
 */
function checkArchive(bytes: Uint8Array): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(Buffer.from(bytes), { lazyEntries: true, validateEntrySizes: true, autoClose: false }, (err, zip) => {
      if (err || !zip) {
        reject(
          new FormatError(
            'format.corrupt',
            'DOCX 文件已损坏或不完整（压缩包无法打开），无法读取',
            `corrupt zip: ${err?.message}`,
          ),
        );
        return;
      }
      let total = 0;
      let documentEntry: yauzl.Entry | null = null;
      zip.on('entry', (entry: yauzl.Entry) => {
        total += entry.uncompressedSize;
        const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
        if (total > MAX_DOCX_UNPACKED || (entry.uncompressedSize > 10 * 1024 * 1024 && ratio > MAX_RATIO)) {
          zip.close();
          reject(
            new FormatError(
              'format.zipBomb',
              'DOCX 解压后体积异常巨大（疑似压缩炸弹），已拒绝读取',
              `zip would unpack to ${total} bytes`,
            ),
          );
          return;
        }
        if (entry.fileName === 'word/document.xml') {
          if (entry.uncompressedSize > MAX_DOCX_BODY) {
            zip.close();
            reject(
              new FormatError(
                'format.tooLarge',
                `DOCX 正文部分超过 ${MAX_DOCX_BODY / 1024 / 1024} MB（一般年报约 0.2–0.5 MB），可能含有大量重复内容；请核对文件，或另存为 PDF 后导入`,
                `word/document.xml unpacks to ${entry.uncompressedSize} bytes (limit ${MAX_DOCX_BODY})`,
              ),
            );
            return;
          }
          documentEntry = entry;
        }
        zip.readEntry();
      });
      zip.on('end', () => {
        const entry = documentEntry as yauzl.Entry | null;
        if (!entry) {
          reject(
            new FormatError('format.unsupported', '压缩包中没有 Word 正文（不是 DOCX 文件）', 'zip without word/document.xml'),
          );
          return;
        }
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(corrupt(`document.xml unreadable: ${e?.message}`));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('error', (se: Error) => reject(corrupt(`document.xml unreadable: ${se.message}`)));
          stream.on('end', () => {
            zip.close();
            resolve(Buffer.concat(chunks));
          });
        });
      });
      zip.on('error', (e: Error) => reject(corrupt(`corrupt zip: ${e.message}`)));
      zip.readEntry();
    });
  });
}

/**
 * Word, WPS and LibreOffice always write well-formed XML without a DTD. Anything else is a damaged
 * file, refused here in linear time: the DOM builder behind mammoth can take seconds on some
 * malformed documents (several root elements), and a DTD could declare expanding entities.
 */
function checkWellFormed(xml: Buffer): void {
  if (xml.includes('<!DOCTYPE')) throw corrupt('document.xml declares a DTD');
  const parser = new SaxesParser({ position: false });
  let problem: string | null = null;
  parser.on('error', (e) => {
    problem ??= e.message;
  });
  parser.on('doctype', () => {
    problem ??= 'document.xml declares a DTD';
  });
  try {
    parser.write(xml.toString('utf8')).close();
  } catch (e) {
    problem ??= (e as Error).message;
  }
  if (problem) throw corrupt(`document.xml is not well-formed XML: ${problem.slice(0, 200)}`);
}

/** Paragraphs and tables of a DOCX, tables as tab-separated rows. */
export async function docxToText(bytes: Uint8Array): Promise<string> {
  checkWellFormed(await checkArchive(bytes));
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer: Buffer.from(bytes) })).value;
  } catch (err) {
    throw new FormatError('format.corrupt', 'DOCX 文件已损坏或不完整，无法读取', `mammoth failed: ${(err as Error).message}`);
  }
  return htmlToText(`<body>${html}</body>`);
}
