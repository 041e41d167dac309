/**
 * File names as a person sees them: what a browser or a zip says a file is called, cleaned of what
 * would hide or reorder it.
 */
import { basename } from 'node:path';

/** Format characters (bidi controls such as U+202E, zero-width characters) hide or reorder what a name shows. */
export const INVISIBLE = /[\p{Cf}\u061c\u200e\u200f\u2028\u2029]/gu;

/**
 * A file name as the browser sent it, stripped of any path, control characters and invisible or
 * direction-changing characters (`报告\u202Efdp.exe` would show as `报告exe.pdf`).
 */
export function cleanFileName(name: string | undefined): string {
  const printable = [...(name ?? '').replace(INVISIBLE, '')]
    .filter((ch) => ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) !== 0x7f)
    .join('');
  const base = basename(printable.replace(/\\/g, '/')).trim();
  return base.slice(0, 200) || 'upload';
}

/** A zip entry's path (`2024/草场镇.pdf`), each of its parts cleaned as a file name is. */
export function cleanEntryPath(path: string): string {
  return path
    .split(/[\\/]/)
    .filter((p) => p !== '' && p !== '.' && p !== '..')
    .map((p) => cleanFileName(p))
    .join('/');
}
