/**
 * Scanned reports (PDF pages without a text layer, JPEG and PNG images) read by OCR on this
 * machine: tesseract.js with the Chinese model from npm (@tesseract.js-data/chi_sim), no service
 * and no download. Runs in the document engine process.
 *
 * A page is read the way the vector PDFs are: the tables' rules are found in the image (long,
 * thin dark runs), each cell is read on its own — a figure with a digits-only reader, a label with
 * the Chinese one — and laid out by the same code as a PDF's table (pdf-table.ts); the prose
 * around the tables is read with the tables blanked out.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createWorker, OEM, PSM, type Worker } from 'tesseract.js';
import type { PageLine } from './pdf-geometry';
import { type Rule, type TableCell, tableCells, tableRows } from './pdf-table';

/** A grayscale image, 0 = black, one byte a pixel, row by row. */
export interface Gray {
  width: number;
  height: number;
  data: Uint8Array;
}

/** Resolution the pages are read at; an image below it is scaled up. */
export const OCR_DPI = 300;
/** Ink: darker than this. Rules are found with a lighter bound: a thin rule scanned comes out gray. */
const DARK = 140;
const RULE_DARK = 190;
/** A rule is at most this thick (pixels at OCR_DPI, 1 mm); anything thicker is a dark area. */
const MAX_RULE = 12;

let readers: Promise<{ text: Worker; digits: Worker }> | null = null;

/** The two readers (Chinese text; figures), started on first use: loading the model costs about a second. */
function ocrReaders(): Promise<{ text: Worker; digits: Worker }> {
  readers ??= (async () => {
    const model = (lang: string) => ({
      langPath: join(
        dirname(createRequire(import.meta.url).resolve(`@tesseract.js-data/${lang}/package.json`)),
        '4.0.0_best_int',
      ),
      cacheMethod: 'none',
      gzip: true,
    });
    // Chinese for labels and prose; the English model reads Latin digits better than the Chinese one
    const [text, digits] = await Promise.all([
      createWorker('chi_sim', OEM.LSTM_ONLY, model('chi_sim')),
      createWorker('eng', OEM.LSTM_ONLY, model('eng')),
    ]);
    // the pages are rendered at OCR_DPI: saying so spares tesseract guessing it (and logging that it did)
    const dpi = String(OCR_DPI);
    await text.setParameters({ tessedit_pageseg_mode: PSM.SINGLE_BLOCK, preserve_interword_spaces: '0', user_defined_dpi: dpi });
    await digits.setParameters({
      tessedit_pageseg_mode: PSM.SINGLE_LINE,
      tessedit_char_whitelist: '0123456789.',
      user_defined_dpi: dpi,
    });
    return { text, digits };
  })();
  return readers;
}

export async function closeOcr(): Promise<void> {
  const r = await readers;
  readers = null;
  await Promise.all([r?.text.terminate(), r?.digits.terminate()]);
}

/** The image as PGM bytes (which tesseract's Leptonica reads), cropped to a box. */
function pgm(img: Gray, x: number, y: number, w: number, h: number, pad = 0): Buffer {
  const W = w + 2 * pad;
  const H = h + 2 * pad;
  const head = Buffer.from(`P5\n${W} ${H}\n255\n`, 'latin1');
  const body = Buffer.alloc(W * H, 255);
  for (let r = 0; r < h; r++) {
    const src = (y + r) * img.width + x;
    body.set(img.data.subarray(src, src + w), (r + pad) * W + pad);
  }
  return Buffer.concat([head, body]);
}

/** Long thin dark runs: the rules tables are drawn with (image coordinates turned y-up). */
export function findRules(img: Gray): Rule[] {
  const { width: W, height: H, data } = img;
  const dark = (x: number, y: number) => (data[y * W + x] as number) < RULE_DARK;
  const minH = Math.round(OCR_DPI * 0.35); // 9 mm: longer than any stroke of text
  const raw: { x1: number; x2: number; y: number }[] = [];
  for (let y = 0; y < H; y++) {
    let run = -1;
    for (let x = 0; x <= W; x++) {
      const d = x < W && dark(x, y);
      if (d && run === -1) run = x;
      if (!d && run !== -1) {
        if (x - run >= minH) raw.push({ x1: run, x2: x - 1, y });
        run = -1;
      }
    }
  }
  // rows of one rule (its thickness) into one; a dark area (a photo, a shaded block) is no rule
  raw.sort((a, b) => a.y - b.y || a.x1 - b.x1);
  const runs: { x1: number; x2: number; y: number; last: number }[] = [];
  for (const r of raw) {
    const same = runs.find((h) => r.y - h.last <= 1 && r.x1 <= h.x2 && r.x2 >= h.x1);
    if (same) {
      same.x1 = Math.min(same.x1, r.x1);
      same.x2 = Math.max(same.x2, r.x2);
      same.last = r.y;
    } else runs.push({ ...r, last: r.y });
  }
  const hs = runs.filter((h) => h.last - h.y <= MAX_RULE).map((h) => ({ x1: h.x1, x2: h.x2, y: Math.round((h.y + h.last) / 2) }));
  const rules: Rule[] = hs.map((h) => ({ x1: h.x1, x2: h.x2, y1: H - h.y, y2: H - h.y }));
  if (hs.length < 2) return rules;
  // vertical rules: dark runs between two horizontal rules, touching both
  const minV = Math.round(OCR_DPI * 0.08);
  const cols: { x: number; y1: number; y2: number }[] = [];
  for (let x = 0; x < W; x++) {
    let run = -1;
    for (let y = 0; y <= H; y++) {
      const d = y < H && dark(x, y);
      if (d && run === -1) run = y;
      if (!d && run !== -1) {
        if (y - run >= minV && hs.some((h) => Math.abs(h.y - run) <= 5 && x >= h.x1 - 3 && x <= h.x2 + 3))
          cols.push({ x, y1: run, y2: y - 1 });
        run = -1;
      }
    }
  }
  cols.sort((a, b) => a.x - b.x || a.y1 - b.y1);
  const vs: { x: number; y1: number; y2: number }[] = [];
  const vruns: { x: number; last: number; y1: number; y2: number }[] = [];
  for (const c of cols) {
    const same = vruns.find((v) => c.x - v.last <= 1 && c.y1 <= v.y2 && c.y2 >= v.y1);
    if (same) {
      same.y1 = Math.min(same.y1, c.y1);
      same.y2 = Math.max(same.y2, c.y2);
      same.last = c.x;
    } else vruns.push({ ...c, last: c.x });
  }
  for (const v of vruns) {
    if (v.last - v.x <= MAX_RULE) vs.push({ x: Math.round((v.x + v.last) / 2), y1: v.y1, y2: v.y2 });
  }
  for (const v of vs) rules.push({ x1: v.x, x2: v.x, y1: H - v.y2, y2: H - v.y1 });
  return rules;
}

/** The inner box of a cell in image coordinates, inside its rules. */
function inner(img: Gray, c: TableCell) {
  const x = Math.max(0, Math.round(c.left) + 5);
  const y = Math.max(0, Math.round(img.height - c.top) + 5);
  const w = Math.min(img.width - x, Math.round(c.right - c.left) - 10);
  const h = Math.min(img.height - y, Math.round(c.top - c.bottom) - 10);
  return { x, y, w, h };
}

const clean = (s: string) => s.replace(/\s+/g, '');

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The bounding box of a cell's ink, or null for an empty cell (a few specks are not ink). */
function inkBox(img: Gray, c: TableCell): Box | null {
  const { x, y, w, h } = inner(img, c);
  if (w < 8 || h < 8) return null;
  let x0 = w;
  let y0 = h;
  let x1 = -1;
  let y1 = -1;
  let ink = 0;
  for (let r = 0; r < h; r++) {
    const row = (y + r) * img.width + x;
    for (let k = 0; k < w; k++) {
      if ((img.data[row + k] as number) < DARK) {
        ink++;
        if (k < x0) x0 = k;
        if (k > x1) x1 = k;
        if (r < y0) y0 = r;
        if (r > y1) y1 = r;
      }
    }
  }
  if (ink < 12) return null;
  return { x: x + x0, y: y + y0, w: x1 - x0 + 1, h: y1 - y0 + 1 };
}

/** Ink one line high and a few glyphs wide: what a figure looks like. Labels are longer or wrap. */
function looksLikeFigure(b: Box): boolean {
  return b.h <= OCR_DPI * 0.2 && b.w <= OCR_DPI * 0.8;
}

/** The cell's ink as PGM, scaled by a whole factor (pixel copies), with a white margin. */
function crop(img: Gray, b: Box, scale: number, pad: number): Buffer {
  const W = b.w * scale + 2 * pad;
  const H = b.h * scale + 2 * pad;
  const data = new Uint8Array(W * H).fill(255);
  for (let r = 0; r < b.h * scale; r++) {
    const src = (b.y + Math.floor(r / scale)) * img.width + b.x;
    const dst = (r + pad) * W + pad;
    for (let k = 0; k < b.w * scale; k++) data[dst + k] = img.data[src + Math.floor(k / scale)] as number;
  }
  return pgm({ width: W, height: H, data }, 0, 0, W, H);
}

/**
 * A cell's words. A figure is read by the digits reader and taken when the reader is sure of it;
 * tesseract misses some lone glyphs (a `4` alone in its cell) at one size and reads them at
 * another, so a figure-sized cell is tried at twice the size before the Chinese reader has it.
 */
async function readCell(img: Gray, b: Box): Promise<string> {
  const figure = looksLikeFigure(b) ? await readFigure(img, b) : null;
  return figure ?? clean((await (await ocrReaders()).text.recognize(crop(img, b, 1, 24))).data.text);
}

/** A figure's ink read by the digits reader, at its size and at twice it; null when it is unsure. */
async function readFigure(img: Gray, b: Box): Promise<string | null> {
  if (b.w < 2 || b.h < 4) return null;
  const { digits } = await ocrReaders();
  for (const scale of [1, 2]) {
    const d = await digits.recognize(crop(img, b, scale, 24));
    const figure = clean(d.data.text);
    if (/^\d+(?:\.\d+)?$/.test(figure) && d.data.confidence >= 70) return figure;
  }
  return null;
}

/** One page image's text: its tables cell by cell, its prose line by line, top to bottom. */
export async function ocrPage(img: Gray): Promise<string> {
  const rules = findRules(img);
  const cells = tableCells(rules);
  const items = [];
  for (const c of cells) {
    const box = inkBox(img, c);
    const str = box ? await readCell(img, box) : '';
    if (!str) continue;
    // an item at the cell's upper middle, so that the table layout puts it in this cell
    const size = 20;
    const width = (c.right - c.left) / 2;
    items.push({ str, x: c.left + width / 2, y: c.top - Math.min(size, (c.top - c.bottom) / 2) - size * 0.3, width, size });
  }
  const { rows } = tableRows(items, rules);
  // the prose: the page with its tables blanked out
  const rest: Gray = { width: img.width, height: img.height, data: Uint8Array.from(img.data) };
  for (const c of cells) {
    const y0 = Math.max(0, Math.floor(img.height - c.top) - 4);
    const y1 = Math.min(img.height, Math.ceil(img.height - c.bottom) + 4);
    for (let r = y0; r < y1; r++)
      rest.data.fill(
        255,
        r * img.width + Math.max(0, Math.floor(c.left) - 4),
        r * img.width + Math.min(img.width, Math.ceil(c.right) + 4),
      );
  }
  const { text } = await ocrReaders();
  await text.setParameters({ tessedit_pageseg_mode: PSM.AUTO });
  const prose = await text.recognize(pgm(rest, 0, 0, rest.width, rest.height), {}, { blocks: true });
  await text.setParameters({ tessedit_pageseg_mode: PSM.SINGLE_BLOCK });
  const lines: PageLine[] = [];
  for (const block of prose.data.blocks ?? []) {
    for (const para of block.paragraphs) {
      for (const line of para.lines) {
        const t = clean(line.text);
        if (t) lines.push({ y: img.height - line.bbox.y0, text: t, spans: [] });
      }
    }
  }
  return [...lines, ...rows]
    .sort((a, b) => b.y - a.y)
    .map((l) => l.text)
    .join('\n');
}
