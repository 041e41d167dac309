/**
 * Reads PDFs with PDFium (Chrome's PDF engine, built to WebAssembly: @embedpdf/pdfium). Chosen
 * over pdf.js by `npm run bench:formats`: 5–10× faster on PDFs made like real reports (embedded CJK
 * TrueType subsets), every character with its own box, so text items are never joined across a
 * table's column rule. Runs in the PDF engine process (pdf-engine.ts), never in the server's.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { init, type WrappedPdfiumModule } from '@embedpdf/pdfium';
import { FormatError } from './errors';
import type { Gray } from './ocr';
import type { Item, PageLine } from './pdf-geometry';
import { layoutLines } from './pdf-lines';
import { type Rule, tableRows } from './pdf-table';

export type Pdfium = WrappedPdfiumModule;

/** PDFium's memory, as bytes (the Emscripten heap view the package's types leave out). */
const heap = (m: Pdfium) => (m.pdfium as unknown as { HEAPU8: Uint8Array }).HEAPU8;

export async function openPdfium(): Promise<Pdfium> {
  const wasmBinary = readFileSync(createRequire(import.meta.url).resolve('@embedpdf/pdfium/pdfium.wasm'));
  const m = await init({
    wasmBinary: wasmBinary.buffer.slice(wasmBinary.byteOffset, wasmBinary.byteOffset + wasmBinary.length) as ArrayBuffer,
  });
  m.PDFiumExt_Init();
  return m;
}

const FPDF_ERR_PASSWORD = 4;
const FPDF_PAGEOBJ_PATH = 2;
const FPDF_PAGEOBJ_FORM = 5;

/** A scratch area in PDFium's memory for out-parameters (doubles and floats). */
class Scratch {
  readonly ptr: number;
  constructor(private readonly m: Pdfium) {
    this.ptr = m.pdfium.wasmExports.malloc(128);
  }
  double(i: number): number {
    return this.m.pdfium.getValue(this.ptr + 8 * i, 'double');
  }
  float(i: number): number {
    return this.m.pdfium.getValue(this.ptr + 4 * i, 'float');
  }
  free(): void {
    this.m.pdfium.wasmExports.free(this.ptr);
  }
}

/**
 * The page's characters, one item each, in page coordinates: the origin on the baseline, the
 * advance as wide as the glyph's loose box, and the size as drawn — the font size times the scale
 * of the character's matrix (WPS sets text at Tf 319 in a 0.05 matrix: 16 pt). Blanks, line ends
 * and characters PDFium generated are left out; the order is the content stream's, which the
 * layout never relies on.
 */
function pageItems(m: Pdfium, textPage: number, s: Scratch): Item[] {
  const items: Item[] = [];
  const count = m.FPDFText_CountChars(textPage);
  for (let i = 0; i < count; i++) {
    const code = m.FPDFText_GetUnicode(textPage, i);
    if (code === 0 || code === 0xfffe || code === 0xffff || code === 13 || code === 10) continue;
    if (m.FPDFText_IsGenerated(textPage, i) === 1) continue;
    const ch = String.fromCodePoint(code);
    if (/\s/.test(ch)) continue;
    m.FPDFText_GetCharOrigin(textPage, i, s.ptr, s.ptr + 8);
    const x = s.double(0);
    const y = s.double(1);
    m.FPDFText_GetLooseCharBox(textPage, i, s.ptr + 16);
    // FS_RECTF: left, top, right, bottom
    const right = s.float(6);
    m.FPDFText_GetMatrix(textPage, i, s.ptr + 32);
    const scale = Math.sqrt(Math.abs(s.float(8) * s.float(11) - s.float(9) * s.float(10)));
    let size = (m.FPDFText_GetFontSize(textPage, i) || 0) * (scale || 1);
    // a size no page is set in (a broken matrix): the loose box's height instead
    if (!(size >= 1 && size <= 300)) size = Math.max(1, Math.min(300, s.float(5) - s.float(7)));
    items.push({ str: ch, x, y, width: Math.max(0, right - x), size });
  }
  return items;
}

/** The straight rules a page draws (its tables' borders), in page coordinates. */
function pageRules(
  m: Pdfium,
  objects: { count: number; get: (i: number) => number },
  s: Scratch,
  rules: Rule[],
  depth = 0,
): Rule[] {
  for (let k = 0; k < objects.count && rules.length < 20_000; k++) {
    const o = objects.get(k);
    const type = m.FPDFPageObj_GetType(o);
    if (type === FPDF_PAGEOBJ_FORM && depth < 4) {
      pageRules(m, { count: m.FPDFFormObj_CountObjects(o), get: (i) => m.FPDFFormObj_GetObject(o, i) }, s, rules, depth + 1);
      continue;
    }
    if (type !== FPDF_PAGEOBJ_PATH) continue;
    m.FPDFPageObj_GetMatrix(o, s.ptr);
    const [a, b, c, d, e, f] = [0, 1, 2, 3, 4, 5].map((i) => s.float(i)) as [number, number, number, number, number, number];
    const points: [number, number][] = [];
    const segments = Math.min(m.FPDFPath_CountSegments(o), 2000);
    for (let i = 0; i < segments; i++) {
      const seg = m.FPDFPath_GetPathSegment(o, i);
      m.FPDFPathSegment_GetPoint(seg, s.ptr + 32, s.ptr + 36);
      const x = s.float(8);
      const y = s.float(9);
      points.push([a * x + c * y + e, b * x + d * y + f]);
      if (m.FPDFPathSegment_GetClose(seg) && points.length > 0) points.push(points[0] as [number, number]);
    }
    for (let i = 1; i < points.length; i++) {
      const [ax, ay] = points[i - 1] as [number, number];
      const [bx, by] = points[i] as [number, number];
      if (Math.abs(ay - by) <= 0.5 || Math.abs(ax - bx) <= 0.5) {
        rules.push({ x1: Math.min(ax, bx), x2: Math.max(ax, bx), y1: Math.min(ay, by), y2: Math.max(ay, by) });
      }
    }
    // a filled rectangle thinner than 2.5 pt is drawn as a rule (WPS draws borders so)
    if (points.length >= 4) {
      const xs = points.map((p) => p[0]);
      const ys = points.map((p) => p[1]);
      const [x1, x2, y1, y2] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
      if (y2 - y1 <= 2.5 && x2 - x1 > 4) rules.push({ x1, x2, y1: (y1 + y2) / 2, y2: (y1 + y2) / 2 });
      else if (x2 - x1 <= 2.5 && y2 - y1 > 4) rules.push({ x1: (x1 + x2) / 2, x2: (x1 + x2) / 2, y1, y2 });
    }
  }
  return rules;
}

function metaText(m: Pdfium, doc: number, key: string): string | undefined {
  const bytes = m.FPDF_GetMetaText(doc, key, 0, 0);
  if (bytes <= 2 || bytes > 4096) return undefined;
  const buf = m.pdfium.wasmExports.malloc(bytes);
  try {
    m.FPDF_GetMetaText(doc, key, buf, bytes);
    const text = m.pdfium.UTF16ToString(buf).trim();
    return text || undefined;
  } finally {
    m.pdfium.wasmExports.free(buf);
  }
}

/** An open PDF: page by page, its text by position, or its image for OCR. Close it when done. */
export class PdfDocument {
  readonly pages: number;
  readonly title: string | undefined;
  private readonly ptr: number;
  private readonly doc: number;
  private readonly s: Scratch;

  constructor(
    private readonly m: Pdfium,
    bytes: Uint8Array,
  ) {
    this.ptr = m.pdfium.wasmExports.malloc(bytes.length);
    heap(m).set(bytes, this.ptr);
    this.doc = m.FPDF_LoadMemDocument(this.ptr, bytes.length, '');
    if (!this.doc) {
      m.pdfium.wasmExports.free(this.ptr);
      if (m.FPDF_GetLastError() === FPDF_ERR_PASSWORD) {
        throw new FormatError('format.encrypted', 'PDF 已加密（需要密码才能打开），无法读取', 'password-protected PDF');
      }
      throw new FormatError(
        'format.corrupt',
        'PDF 文件已损坏或不完整，无法读取',
        `corrupt PDF (PDFium error ${m.FPDF_GetLastError()})`,
      );
    }
    this.s = new Scratch(m);
    this.pages = m.FPDF_GetPageCount(this.doc);
    this.title = metaText(m, this.doc, 'Title');
  }

  private page<T>(index: number, use: (page: number) => T): T {
    const page = this.m.FPDF_LoadPage(this.doc, index);
    if (!page) throw new FormatError('format.corrupt', 'PDF 文件已损坏或不完整，无法读取', `page ${index + 1} cannot be loaded`);
    try {
      return use(page);
    } finally {
      this.m.FPDF_ClosePage(page);
    }
  }

  /** A page's size in points. */
  pageSize(index: number): { width: number; height: number } {
    return this.page(index, (page) => ({ width: this.m.FPDF_GetPageWidthF(page), height: this.m.FPDF_GetPageHeightF(page) }));
  }

  /** A page's lines, tables by position, top to bottom; none when the page has no text layer (a scan). */
  pageLines(index: number): PageLine[] {
    const m = this.m;
    return this.page(index, (page) => {
      const textPage = m.FPDFText_LoadPage(page);
      try {
        const items = textPage ? pageItems(m, textPage, this.s) : [];
        const tabular = items.filter((it) => /\d/.test(it.str)).length >= 6;
        const rules = tabular
          ? pageRules(m, { count: m.FPDFPage_CountObjects(page), get: (i) => m.FPDFPage_GetObject(page, i) }, this.s, [])
          : [];
        const { rows, rest } = tableRows(items, rules);
        return [...layoutLines(rest), ...rows].sort((a, b) => b.y - a.y);
      } finally {
        if (textPage) m.FPDFText_ClosePage(textPage);
      }
    });
  }

  /** A page as a grayscale image at `dpi`, for OCR. */
  pageImage(index: number, dpi: number): Gray {
    const m = this.m;
    return this.page(index, (page) => {
      const width = Math.round((m.FPDF_GetPageWidthF(page) / 72) * dpi);
      const height = Math.round((m.FPDF_GetPageHeightF(page) / 72) * dpi);
      if (width < 1 || height < 1 || width * height > 60_000_000) {
        throw new FormatError(
          'format.tooLarge',
          'PDF 页面尺寸过大，无法识别',
          `page ${index + 1} is ${width}×${height} px at ${dpi} dpi`,
        );
      }
      const bitmap = m.FPDFBitmap_Create(width, height, 0);
      try {
        m.FPDFBitmap_FillRect(bitmap, 0, 0, width, height, 0xffffffff);
        m.FPDF_RenderPageBitmap(bitmap, page, 0, 0, width, height, 0, 0);
        const stride = m.FPDFBitmap_GetStride(bitmap);
        const buf = m.FPDFBitmap_GetBuffer(bitmap);
        const h = heap(m);
        const data = new Uint8Array(width * height);
        for (let y = 0; y < height; y++) {
          let p = buf + y * stride;
          for (let x = 0; x < width; x++, p += 4) {
            // BGRx → luminance
            data[y * width + x] = ((h[p + 2] as number) * 77 + (h[p + 1] as number) * 150 + (h[p] as number) * 29) >> 8;
          }
        }
        return { width, height, data };
      } finally {
        m.FPDFBitmap_Destroy(bitmap);
      }
    });
  }

  close(): void {
    this.m.FPDF_CloseDocument(this.doc);
    this.s.free();
    this.m.pdfium.wasmExports.free(this.ptr);
  }
}
