/**
 * A .zip of reports uploaded on the import page (a township's folder, zipped) becomes one import
 * job per file in it. A DOCX is a zip too, and stays one file. Entries are unpacked under the same
 * limits as a DOCX's parts (formats/zip.ts): each within the upload's size limit, at most
 * MAX_ARCHIVE_FILES of them, and the whole request — its files and every archive's unpacked
 * entries together — within the request's limit, counted as they inflate: a zip bomb is refused the
 * moment it passes it, having held at most that much. Entry names are cleaned like uploaded ones.
 */
import { cleanEntryPath } from './file-names';
import { FormatError } from './formats/errors';
import { sniff } from './formats/sniff';
import { unpackZip } from './formats/zip';

/** Files one archive may hold: a county's units for a year, several times over. */
export const MAX_ARCHIVE_FILES = 500;

/** Entries that are not anyone's report: folders, macOS and Windows bookkeeping, hidden files. */
const IGNORED = (name: string) =>
  name.endsWith('/') ||
  name.startsWith('__MACOSX/') ||
  /(?:^|\/)\.[^/]*$/.test(name) ||
  /(?:^|\/)(?:Thumbs\.db|desktop\.ini)$/i.test(name);

/**
 * An Office document (DOCX, WPS's DOCX, ODF) is a zip whose first entry is [Content_Types].xml (or
 * ODF's mimetype): read from the first local header, without unpacking anything.
 */
function isOfficeDocument(bytes: Uint8Array): boolean {
  if (bytes.length < 30) return false;
  const nameLength = (bytes[26] as number) | ((bytes[27] as number) << 8);
  const first = Buffer.from(bytes.buffer, bytes.byteOffset + 30, Math.min(nameLength, bytes.length - 30)).toString('latin1');
  return first === '[Content_Types].xml' || first === 'mimetype';
}

/**
 * The files of an upload with every archive replaced by the files in it, named `archive.zip/entry`.
 * Throws FormatError (Chinese and English) for an archive that is damaged, empty, too large or a bomb.
 */
export async function expandArchives(
  files: readonly { name: string; bytes: Buffer }[],
  maxEntryBytes: number,
  maxRequestBytes: number,
): Promise<{ name: string; bytes: Buffer }[]> {
  const out: { name: string; bytes: Buffer }[] = [];
  // what the request holds besides its archives' entries: its own files
  let held = files.reduce((s, f) => s + f.bytes.length, 0);
  for (const f of files) {
    if (sniff(f.bytes) !== 'zip' || isOfficeDocument(f.bytes)) {
      out.push(f);
      continue;
    }
    held -= f.bytes.length;
    const label = `压缩包“${f.name}”`;
    const parts = await unpackZip(f.bytes, {
      maxEntries: MAX_ARCHIVE_FILES,
      maxEntry: maxEntryBytes,
      maxTotal: Math.max(0, maxRequestBytes - held),
      corrupt: (en) =>
        new FormatError('format.corrupt', `${label}已损坏或不完整，或其中文件过多（最多 ${MAX_ARCHIVE_FILES} 个），无法读取`, en),
      bomb: (en) =>
        new FormatError(
          'format.zipBomb',
          `${label}中有文件解压后超过 ${maxEntryBytes / 1024 / 1024} MB 上限，或本次上传解压后合计超过 ${Math.round(maxRequestBytes / 1024 / 1024)} MB 上限（疑似压缩炸弹），已拒绝，没有保存其中任何文件`,
          en,
        ),
    });
    // an Office document that does not list its content types first: still one document
    if (parts.has('[Content_Types].xml')) {
      out.push(f);
      continue;
    }
    const inside = [...parts.entries()].filter(([name]) => !IGNORED(name));
    if (inside.length === 0) throw new FormatError('format.empty', `${label}中没有文件`, `archive ${f.name} holds no files`);
    for (const [name, bytes] of inside.sort(([a], [b]) => a.localeCompare(b, 'zh-Hans-CN'))) {
      out.push({ name: `${f.name}/${cleanEntryPath(name)}`, bytes });
      held += bytes.length;
    }
  }
  return out;
}
