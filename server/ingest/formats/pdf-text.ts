import { getDocument, PasswordResponses } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { FormatError } from './errors';
import { type Item, itemsToLines, MAX_PDF_PAGES } from './pdf-lines';

/** Text of a PDF's text layer, rebuilt into lines and table rows from item positions. */
export async function pdfToText(bytes: Uint8Array, onPages?: (pages: number) => void): Promise<string> {
  const task = getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
  });
  task.onPassword = (_update: unknown, reason: number) => {
    task.destroy();
    throw new FormatError(
      'format.encrypted',
      reason === PasswordResponses.NEED_PASSWORD ? 'PDF 已加密（需要密码才能打开），无法读取' : 'PDF 密码错误，无法读取',
      'password-protected PDF',
    );
  };
  let doc: Awaited<typeof task.promise>;
  try {
    doc = await task.promise;
  } catch (err) {
    if (err instanceof FormatError) throw err;
    const name = (err as Error).name;
    if (name === 'PasswordException')
      throw new FormatError('format.encrypted', 'PDF 已加密（需要密码才能打开），无法读取', 'password-protected PDF');
    throw new FormatError('format.corrupt', 'PDF 文件已损坏或不完整，无法读取', `corrupt PDF: ${(err as Error).message}`);
  }
  onPages?.(doc.numPages);
  try {
    if (doc.numPages > MAX_PDF_PAGES) {
      throw new FormatError(
        'format.tooLarge',
        `PDF 共 ${doc.numPages} 页，超过 ${MAX_PDF_PAGES} 页上限`,
        `PDF has ${doc.numPages} pages`,
      );
    }
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      const items: Item[] = [];
      for (const it of content.items) {
        if (!('str' in it)) continue;
        const [a, b, , , x, y] = it.transform as number[];
        items.push({ str: it.str, x: x ?? 0, y: y ?? 0, width: it.width, size: Math.hypot(a ?? 0, b ?? 0) || it.height || 10 });
      }
      pages.push(itemsToLines(items).join('\n'));
      page.cleanup();
    }
    return pages.join('\n');
  } catch (err) {
    if (err instanceof FormatError) throw err;
    throw new FormatError('format.corrupt', 'PDF 文件已损坏或不完整，无法读取', `corrupt PDF: ${(err as Error).message}`);
  } finally {
    await doc.destroy();
  }
}
