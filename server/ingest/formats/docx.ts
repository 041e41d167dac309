import mammoth from 'mammoth';
import yauzl from 'yauzl';
import { FormatError } from './errors';
import { htmlToText } from './html';

/** A DOCX's parts may unpack to this much at most: a real report is a few megabytes. */
export const MAX_DOCX_UNPACKED = 200 * 1024 * 1024;
const MAX_RATIO = 200;

/**
 * Reads the ZIP central directory without unpacking anything, and refuses archives that would
 * unpack to too much (a zip bomb dressed as a DOCX) or that are not Word documents.
 */
function checkArchive(bytes: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(Buffer.from(bytes), { lazyEntries: true, validateEntrySizes: true }, (err, zip) => {
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
      let hasDocument = false;
      zip.on('entry', (entry: yauzl.Entry) => {
        total += entry.uncompressedSize;
        if (entry.fileName === 'word/document.xml') hasDocument = true;
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
        zip.readEntry();
      });
      zip.on('end', () =>
        hasDocument
          ? resolve()
          : reject(
              new FormatError('format.unsupported', '压缩包中没有 Word 正文（不是 DOCX 文件）', 'zip without word/document.xml'),
            ),
      );
      zip.on('error', (e: Error) =>
        reject(new FormatError('format.corrupt', 'DOCX 文件已损坏或不完整，无法读取', `corrupt zip: ${e.message}`)),
      );
      zip.readEntry();
    });
  });
}

/** Paragraphs and tables of a DOCX, tables as tab-separated rows. */
export async function docxToText(bytes: Uint8Array): Promise<string> {
  await checkArchive(bytes);
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer: Buffer.from(bytes) })).value;
  } catch (err) {
    throw new FormatError('format.corrupt', 'DOCX 文件已损坏或不完整，无法读取', `mammoth failed: ${(err as Error).message}`);
  }
  return htmlToText(`<body>${html}</body>`);
}
