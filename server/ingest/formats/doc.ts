/**
 * Word 97–2003 (.doc) and WPS (.wps) documents: both are OLE compound files holding a
 * WordDocument stream, which word-extractor reads to text (table cells as tabs, rows as lines).
 * An OLE file without one (a spreadsheet, a presentation, a damaged file) is refused with its
 * reason. Runs in the document engine process (engine-process.ts).
 */
import WordExtractor from 'word-extractor';
import { FormatError } from './errors';

const extractor = new WordExtractor();

export async function readDoc(bytes: Uint8Array): Promise<{ text: string }> {
  let body: string;
  try {
    const doc = await extractor.extract(Buffer.from(bytes));
    body = doc.getBody();
  } catch (err) {
    throw new FormatError(
      'format.unsupported',
      'Office/WPS 文件中没有可读取的文字文档（可能是表格、演示文稿或已损坏），请另存为 .docx 或 PDF 后再导入',
      `OLE file without a readable Word document: ${(err as Error).message}`,
    );
  }
  // word-extractor marks table cells with tabs and rows with line ends, as the parser reads them
  return { text: body.replace(/\r\n?/g, '\n') };
}
