import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Db } from '../db/client';
import { MAX_REPORT_BYTES } from './formats/index';
import { type ImportResult, importDocument } from './import-report';
import { failureOf } from './prepare-import';

/** Files under the given paths, folders walked recursively, hidden files skipped, in a stable order. */
export function collectFiles(paths: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (p: string) => {
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const name of readdirSync(p).sort()) if (!name.startsWith('.')) walk(join(p, name));
    } else if (st.isFile()) {
      out.push(p);
    }
  };
  for (const p of paths) walk(p);
  return out;
}

export interface ImportSummary {
  results: ImportResult[];
  /** Files and folders are imported without asking (review and discarded are the import page's). */
  counts: Record<'imported' | 'unchanged' | 'replaced' | 'failed', number>;
}

export function summarize(results: ImportResult[]): ImportSummary {
  const counts = { imported: 0, unchanged: 0, replaced: 0, failed: 0 };
  for (const r of results) if (r.status in counts) counts[r.status as keyof typeof counts]++;
  return { results, counts };
}

/** Imports each file on its own, one after another: one that fails is reported and the rest go on. */
export async function importFiles(
  db: Db,
  files: readonly string[],
  options: { county?: string | null; importedBy: string },
  onFile?: (result: ImportResult, index: number) => void,
): Promise<ImportSummary> {
  const results: ImportResult[] = [];
  for (const [i, path] of files.entries()) {
    let result: ImportResult;
    const file = basename(path);
    try {
      if (statSync(path).size > MAX_REPORT_BYTES) {
        result = { file, status: 'failed', reason: { zh: '文件超过 50 MB 上限', en: 'file larger than 50 MB' } };
      } else {
        result = await importDocument(db, {
          bytes: readFileSync(path),
          fileName: file,
          county: options.county ?? null,
          importedBy: options.importedBy,
        });
      }
    } catch (err) {
      result = failureOf(file, err);
    }
    results.push(result);
    onFile?.(result, i);
  }
  return summarize(results);
}
