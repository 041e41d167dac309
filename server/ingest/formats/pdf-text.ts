import { getDocument, OPS, PasswordResponses } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { FormatError } from './errors';
import { type Item, layoutLines, MAX_PDF_PAGES } from './pdf-lines';
import { type Rule, tableRows } from './pdf-table';

type Page = Awaited<ReturnType<Awaited<ReturnType<typeof getDocument>['promise']>['getPage']>>;

const PAINT = new Set([
  OPS.stroke,
  OPS.closeStroke,
  OPS.fill,
  OPS.eoFill,
  OPS.fillStroke,
  OPS.eoFillStroke,
  OPS.closeFillStroke,
  OPS.closeEOFillStroke,
]);

/**
 * The straight rules a page draws (table borders), in page coordinates: stroked segments, and
 * filled rectangles thin enough to be a rule. Curves and clipping paths are left out.
 */
async function pageRules(page: Page): Promise<Rule[]> {
  const ops = await page.getOperatorList();
  const rules: Rule[] = [];
  type Matrix = [number, number, number, number, number, number];
  const stack: Matrix[] = [];
  let m: Matrix = [1, 0, 0, 1, 0, 0];
  const apply = (x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i];
    const args = ops.argsArray[i] as unknown[];
    if (fn === OPS.save) stack.push(m);
    else if (fn === OPS.restore) m = stack.pop() ?? [1, 0, 0, 1, 0, 0];
    else if (fn === OPS.transform) {
      const [a, b, c, d, e, f] = args as Matrix;
      m = [
        m[0] * a + m[2] * b,
        m[1] * a + m[3] * b,
        m[0] * c + m[2] * d,
        m[1] * c + m[3] * d,
        m[0] * e + m[2] * f + m[4],
        m[1] * e + m[3] * f + m[5],
      ];
    } else if (fn === OPS.constructPath) {
      const [paint, data] = args as [number, ArrayLike<number>[]];
      if (!PAINT.has(paint)) continue;
      const path = data[0];
      if (!path) continue;
      const filled = paint !== OPS.stroke && paint !== OPS.closeStroke;
      const points: [number, number][] = [];
      const flush = () => {
        if (filled && points.length >= 4) {
          const xs = points.map((p) => p[0]);
          const ys = points.map((p) => p[1]);
          const [x1, x2, y1, y2] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
          // a filled rectangle thinner than 2.5 pt is a rule; a larger one, its four edges
          if (y2 - y1 <= 2.5) rules.push({ x1, x2, y1: (y1 + y2) / 2, y2: (y1 + y2) / 2 });
          else if (x2 - x1 <= 2.5) rules.push({ x1: (x1 + x2) / 2, x2: (x1 + x2) / 2, y1, y2 });
          else rules.push({ x1, x2, y1, y2: y1 }, { x1, x2, y1: y2, y2 }, { x1, x2: x1, y1, y2 }, { x1: x2, x2, y1, y2 });
        } else {
          for (let k = 1; k < points.length; k++) {
            const [ax, ay] = points[k - 1] as [number, number];
            const [bx, by] = points[k] as [number, number];
            if (Math.abs(ay - by) <= 0.5 || Math.abs(ax - bx) <= 0.5)
              rules.push({ x1: Math.min(ax, bx), x2: Math.max(ax, bx), y1: Math.min(ay, by), y2: Math.max(ay, by) });
          }
        }
        points.length = 0;
      };
      for (let k = 0; k < path.length; ) {
        const op = path[k] as number;
        if (op === 0) {
          flush();
          points.push(apply(path[k + 1] as number, path[k + 2] as number));
          k += 3;
        } else if (op === 1) {
          points.push(apply(path[k + 1] as number, path[k + 2] as number));
          k += 3;
        } else if (op === 2) {
          flush();
          k += 7;
        } else if (op === 3) {
          flush();
          k += 5;
        } else {
          if (points.length > 0) points.push(points[0] as [number, number]);
          flush();
          k += 1;
        }
      }
      flush();
    }
  }
  return rules;
}

/** Number-only items: a page with many is likely to hold a table, worth reading its rules for. */
const NUMERIC = /^\s*[-+]?\d[\d.,]*\s*$/;

/** Text of a PDF's text layer, rebuilt into lines and table rows from item positions, and its Title. */
export async function pdfToText(bytes: Uint8Array, onPages?: (pages: number) => void): Promise<{ text: string; title?: string }> {
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
      const tabular = items.filter((it) => NUMERIC.test(it.str)).length >= 6;
      const { rows, rest } = tabular ? tableRows(items, await pageRules(page)) : { rows: [], rest: items };
      const lines = [...layoutLines(rest), ...rows].sort((p, q) => q.y - p.y);
      pages.push(lines.map((l) => l.text).join('\n'));
      page.cleanup();
    }
    const info = (await doc.getMetadata().catch(() => null))?.info as { Title?: unknown } | undefined;
    const title = typeof info?.Title === 'string' && info.Title.trim() ? info.Title.trim() : undefined;
    return title ? { text: pages.join('\n'), title } : { text: pages.join('\n') };
  } catch (err) {
    if (err instanceof FormatError) throw err;
    throw new FormatError('format.corrupt', 'PDF 文件已损坏或不完整，无法读取', `corrupt PDF: ${(err as Error).message}`);
  } finally {
    await doc.destroy();
  }
}
