/**
 * JPEG and PNG images to grayscale for OCR (pure JavaScript decoders: pngjs, jpeg-js), scaled up to
 * about 300 dpi on an A4 page when they are smaller: OCR reads small print badly.
 */
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { FormatError } from './errors';
import type { Gray } from './ocr';

const A4_WIDTH_AT_300_DPI = 2480;
const MAX_PIXELS = 60_000_000;

function toGray(rgba: Uint8Array, width: number, height: number): Gray {
  const data = new Uint8Array(width * height);
  for (let i = 0, p = 0; i < data.length; i++, p += 4) {
    const a = (rgba[p + 3] as number) / 255;
    const lum = ((rgba[p] as number) * 77 + (rgba[p + 1] as number) * 150 + (rgba[p + 2] as number) * 29) >> 8;
    data[i] = Math.round(lum * a + 255 * (1 - a)); // transparent is paper
  }
  return { width, height, data };
}

/** Bilinear scaling by `f`. */
function scale(img: Gray, f: number): Gray {
  const width = Math.round(img.width * f);
  const height = Math.round(img.height * f);
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const sy = Math.min(img.height - 1, y / f);
    const y0 = Math.floor(sy);
    const y1 = Math.min(img.height - 1, y0 + 1);
    const fy = sy - y0;
    for (let x = 0; x < width; x++) {
      const sx = Math.min(img.width - 1, x / f);
      const x0 = Math.floor(sx);
      const x1 = Math.min(img.width - 1, x0 + 1);
      const fx = sx - x0;
      const at = (xx: number, yy: number) => img.data[yy * img.width + xx] as number;
      data[y * width + x] = Math.round(
        (at(x0, y0) * (1 - fx) + at(x1, y0) * fx) * (1 - fy) + (at(x0, y1) * (1 - fx) + at(x1, y1) * fx) * fy,
      );
    }
  }
  return { width, height, data };
}

export function decodeImage(bytes: Uint8Array): Gray {
  let img: Gray;
  try {
    if (bytes[0] === 0x89 && bytes[1] === 0x50) {
      const png = PNG.sync.read(Buffer.from(bytes));
      if (png.width * png.height > MAX_PIXELS) throw new Error('too many pixels');
      img = toGray(png.data, png.width, png.height);
    } else {
      const jpg = jpeg.decode(bytes, { useTArray: true, maxResolutionInMP: MAX_PIXELS / 1e6, maxMemoryUsageInMB: 1024 });
      img = toGray(jpg.data, jpg.width, jpg.height);
    }
  } catch (err) {
    throw new FormatError(
      'format.corrupt',
      '图片文件已损坏或过大，无法识别',
      `image cannot be decoded: ${(err as Error).message}`,
    );
  }
  const f = A4_WIDTH_AT_300_DPI / img.width;
  return f > 1.15 ? scale(img, Math.min(f, 4)) : img;
}
