import { getDocument, PasswordResponses } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { FormatError } from './errors';

interface Item {
  str: string;
  x: number;
  y: number;
  width: number;
  size: number;
}

export const MAX_PDF_PAGES = 300;

/**
 * Groups a page's text items into lines (items whose baselines agree within a third of the font
 * size) and joins each line left to right: touching items directly (no space is invented between
 * Chinese characters), a gap of a character or more as a tab (a table cell boundary).
 */
export function itemsToLines(items: Item[]): string[] {
  const sorted = items.filter((i) => i.str.length > 0).sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: Item[][] = [];
  for (const item of sorted) {
    const line = lines[lines.length - 1];
    const head = line?.[0];
    if (line && head && Math.abs(head.y - item.y) <= Math.max(2, Math.min(head.size, item.size) / 3)) line.push(item);
    else lines.push([item]);
  }
  return lines.map((line) => {
    line.sort((a, b) => a.x - b.x);
    let text = '';
    let end = Number.NEGATIVE_INFINITY;
    for (const item of line) {
      const gap = item.x - end;
      if (text !== '' && gap > item.size * 0.9) text += '\t';
      else if (text !== '' && gap > item.size * 0.25 && /[\x21-\x7e]$/.test(text) && /^[\x21-\x7e]/.test(item.str)) text += ' ';
      text += item.str;
      end = item.x + item.width;
    }
    return text;
  });
}

/** Text of a PDF's text layer, rebuilt into lines and table rows from item positions. */
export async function pdfToText(bytes: Uint8Array): Promise<string> {
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
