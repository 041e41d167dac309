/**
 * Unpacking a zip archive safely (a DOCX is one; so is a .zip of reports uploaded on the import
 * page): every entry is inflated with a hard limit on the bytes it actually produces (a zip's
 * declared sizes can lie), so a zip bomb is refused the moment it shows, having held at most the
 * limit. Entry names are UTF-8 when the archive says so, else GB18030 (what Chinese Windows writes).
 */
import yauzl from 'yauzl';
import type { FormatError } from './errors';

export interface ZipLimits {
  maxEntries: number;
  /** Bytes one entry may inflate to. */
  maxEntry: number;
  /** Bytes all entries together may inflate to. */
  maxTotal: number;
  corrupt: (en: string) => FormatError;
  bomb: (en: string) => FormatError;
}

const GB18030 = new TextDecoder('gb18030');

/** An entry's name: flagged UTF-8 (bit 11), or the legacy code page of Chinese Windows. */
function entryName(entry: yauzl.Entry): string {
  const raw = entry.fileName as unknown as Buffer;
  if (typeof raw === 'string') return raw;
  return (entry.generalPurposeBitFlag & 0x800) !== 0 ? raw.toString('utf8') : GB18030.decode(raw);
}

/**
 * Every entry of the archive, inflated with a limit on its actual output: an entry that inflates
 * past its declared size, past maxEntry, or the whole past maxTotal is refused as a
 * zip bomb the moment it does, having held at most that much.
 */
export function unpackZip(bytes: Uint8Array, limits: ZipLimits): Promise<Map<string, Buffer>> {
  const { maxEntries, maxEntry, maxTotal, corrupt, bomb } = limits;
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(
      Buffer.from(bytes),
      { lazyEntries: true, validateEntrySizes: true, autoClose: false, decodeStrings: false },
      (err, zip) => {
        if (err || !zip) {
          reject(corrupt(`corrupt zip: ${err?.message}`));
          return;
        }
        const parts = new Map<string, Buffer>();
        let total = 0;
        let done = false;
        const fail = (e: FormatError) => {
          if (done) return;
          done = true;
          zip.close();
          reject(e);
        };
        zip.on('error', (e: Error) => fail(corrupt(`corrupt zip: ${e.message}`)));
        zip.on('end', () => {
          if (done) return;
          done = true;
          zip.close();
          resolve(parts);
        });
        zip.on('entry', (entry: yauzl.Entry) => {
          if (done) return;
          if (parts.size >= maxEntries) return fail(corrupt(`more than ${maxEntries} entries`));
          const name = entryName(entry);
          if (name.endsWith('/')) return zip.readEntry();
          if (entry.uncompressedSize > maxEntry || total + entry.uncompressedSize > maxTotal) {
            return fail(bomb(`${name} declares ${entry.uncompressedSize} bytes (${total} before it)`));
          }
          if (parts.has(name)) return fail(corrupt(`${name} appears twice`));
          zip.openReadStream(entry, (e, stream) => {
            if (e || !stream) return fail(corrupt(`${name} unreadable: ${e?.message}`));
            const chunks: Buffer[] = [];
            let size = 0;
            stream.on('data', (c: Buffer) => {
              size += c.length;
              total += c.length;
              // yauzl stops an entry that inflates past its declared size (validateEntrySizes); this
              // is the same limit on the actual bytes, in case a declared size is itself absurd
              if (size > maxEntry || total > maxTotal) {
                stream.destroy();
                fail(bomb(`${name} inflates past ${size} bytes (${total} in all)`));
                return;
              }
              chunks.push(c);
            });
            stream.on('error', (se: Error) => {
              const lied = /too many bytes|too few bytes/i.test(se.message);
              fail(
                lied ? bomb(`${name}: ${se.message} (declared ${entry.uncompressedSize})`) : corrupt(`${name}: ${se.message}`),
              );
            });
            stream.on('end', () => {
              if (done) return;
              parts.set(name, Buffer.concat(chunks));
              zip.readEntry();
            });
          });
        });
        zip.readEntry();
      },
    );
  });
}
