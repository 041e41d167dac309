export type Sniffed = 'pdf' | 'zip' | 'ole' | 'image' | 'html' | 'text' | 'binary';

const startsWith = (b: Uint8Array, sig: number[]) => sig.every((v, i) => b[i] === v);

/** What the bytes are, from their content — never from the file name. */
export function sniff(bytes: Uint8Array): Sniffed {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return 'zip';
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'ole';
  const image = [
    [0x89, 0x50, 0x4e, 0x47],
    [0xff, 0xd8, 0xff],
    [0x47, 0x49, 0x46, 0x38],
    [0x42, 0x4d],
    [0x49, 0x49, 0x2a, 0x00],
    [0x4d, 0x4d, 0x00, 0x2a],
  ];
  if (image.some((sig) => startsWith(bytes, sig))) return 'image';
  let control = 0;
  const n = Math.min(bytes.length, 4096);
  for (let i = 0; i < n; i++) {
    const b = bytes[i] as number;
    if (b < 9 || (b > 13 && b < 32 && b !== 27)) control++;
  }
  if (control > n * 0.02) return 'binary';
  const head = new TextDecoder('utf-8')
    .decode(bytes.subarray(0, 4096))
    .replace(/^\ufeff/, '')
    .trimStart()
    .toLowerCase();
  if (
    /^(?:<!doctype html|<html|<\?xml[^>]*>\s*(?:<!doctype html|<html)|<head|<body|<meta|<div|<table|<p[\s>]|<h[1-6][\s>])/.test(
      head,
    )
  ) {
    return 'html';
  }
  return 'text';
}
