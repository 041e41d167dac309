/**
 * Bytes of a text file to a string: UTF-8 (with or without BOM), UTF-16 with a BOM, or GB18030
 * (which covers GBK/GB2312, still common in Chinese offices). Uses only TextDecoder, so it runs in
 * the browser too.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: string } {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes), encoding: 'utf-8' };
  } catch {
    try {
      return { text: new TextDecoder('gb18030', { fatal: true }).decode(bytes), encoding: 'gb18030' };
    } catch {
      return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8 (invalid bytes replaced)' };
    }
  }
}

/** Markdown when the text has Markdown headings or pipe-table rows; plain text otherwise. */
export function sniffTextFormat(text: string): 'markdown' | 'text' {
  return /^#{1,6}[ \t]+\S/m.test(text) || /^[ \t]*\|.*\|[ \t]*$/m.test(text) ? 'markdown' : 'text';
}
