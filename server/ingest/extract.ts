import { decodeText, sniffTextFormat } from '../../shared/report/index';
import type { SourceFormat } from '../../shared/report/types';

export interface Extracted {
  text: string;
  format: SourceFormat;
  mediaType: string;
}

/** A file that cannot be read as a report, with the reason in Chinese (UI) and English (logs). */
export class ExtractError extends Error {
  constructor(
    readonly zh: string,
    en: string,
  ) {
    super(en);
  }
}

export const MAX_REPORT_BYTES = 50 * 1024 * 1024;

const startsWith = (b: Uint8Array, sig: number[]) => sig.every((v, i) => b[i] === v);

/** What the bytes are, from their content — never from the file name. */
export function sniff(bytes: Uint8Array): 'pdf' | 'zip' | 'ole' | 'image' | 'html' | 'text' | 'binary' {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) return 'pdf';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return 'zip';
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'ole';
  if (
    startsWith(bytes, [0x89, 0x50, 0x4e, 0x47]) ||
    startsWith(bytes, [0xff, 0xd8, 0xff]) ||
    startsWith(bytes, [0x47, 0x49, 0x46, 0x38]) ||
    startsWith(bytes, [0x42, 0x4d])
  ) {
    return 'image';
  }
  const head = new TextDecoder('utf-8').decode(bytes.subarray(0, 2048)).trimStart().toLowerCase();
  if (/^(?:<!doctype html|<html|<\?xml[^>]*>\s*<html|<head|<body|<meta|<div|<table|<p[\s>])/.test(head)) return 'html';
  let control = 0;
  const n = Math.min(bytes.length, 4096);
  for (let i = 0; i < n; i++) {
    const b = bytes[i] as number;
    if (b < 9 || (b > 13 && b < 32 && b !== 27)) control++;
  }
  return control > n * 0.02 ? 'binary' : 'text';
}

/** Bytes → text for the parser, by content. */
export function extractText(bytes: Uint8Array): Extracted {
  if (bytes.length === 0) throw new ExtractError('文件为空', 'empty file');
  if (bytes.length > MAX_REPORT_BYTES) {
    throw new ExtractError(`文件超过 ${MAX_REPORT_BYTES / 1024 / 1024} MB 上限`, `file larger than ${MAX_REPORT_BYTES} bytes`);
  }
  const kind = sniff(bytes);
  switch (kind) {
    case 'text': {
      const { text } = decodeText(bytes);
      const format = sniffTextFormat(text);
      return { text, format, mediaType: format === 'markdown' ? 'text/markdown; charset=utf-8' : 'text/plain; charset=utf-8' };
    }
    case 'pdf':
    case 'zip':
    case 'html':
      throw new ExtractError(
        `暂不支持读取此格式（${kind === 'zip' ? 'DOCX' : kind.toUpperCase()}），请先另存为纯文本（.txt）后导入`,
        `format ${kind} is not readable yet; convert to plain text`,
      );
    case 'ole':
      throw new ExtractError(
        '不支持旧版 Word（.doc）或 WPS 文件，请另存为 .docx 或 .txt 后再导入',
        'legacy .doc/.wps file: convert first',
      );
    case 'image':
      throw new ExtractError('这是图片文件，没有可读取的文字，请提供文字版报告', 'image file: no text to read');
    default:
      throw new ExtractError('无法识别的二进制文件，不是年度报告', 'unrecognised binary file');
  }
}
