import Database from 'better-sqlite3';
import { sha256Of } from '../../server/ingest/prepare-import';

/** What a crash may have left in a database file: checked by the kill -9 tests after every kill. */
export interface Audit {
  integrity: string;
  reports: number;
  current: number;
  /** Reports without all 200 figures, all their categories or all their findings. */
  partial: number;
  /** Source documents no report points at. */
  orphanDocuments: number;
  /** Organisation-years with more than one report, current or not. */
  duplicates: number;
  /** Organisation-years with more than one current report. */
  duplicateCurrent: number;
  /** Originals whose stored bytes no longer hash to their recorded SHA-256. */
  damagedOriginals: number;
  /** SHA-256 of every stored original. */
  hashes: Set<string>;
}

export function auditDatabase(path: string): Audit {
  const db = new Database(path, { readonly: true });
  try {
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    const documents = db.prepare('select sha256, bytes from source_documents').all() as { sha256: string; bytes: Buffer }[];
    return {
      integrity: (db.prepare('pragma integrity_check').get() as { integrity_check: string }).integrity_check,
      reports: count('select count(*) n from reports'),
      current: count('select count(*) n from reports where is_current'),
      partial: count(`select count(*) n from reports r where
          (select count(*) from table_figures f where f.report_id = r.id) != 200
          or (select count(*) from proactive_categories c where c.report_id = r.id) != json_array_length(r.parsed, '$.proactive.categories')
          or (select count(*) from findings f where f.report_id = r.id) != json_array_length(r.parsed, '$.findings')`),
      orphanDocuments: count(
        'select count(*) n from source_documents d where not exists (select 1 from reports r where r.source_document_id = d.id)',
      ),
      duplicates: count(
        'select count(*) n from (select organization_id, year from reports group by organization_id, year having count(*) > 1)',
      ),
      duplicateCurrent: count(
        'select count(*) n from (select organization_id, year from reports where is_current group by organization_id, year having count(*) > 1)',
      ),
      damagedOriginals: documents.filter((d) => sha256Of(d.bytes) !== d.sha256).length,
      hashes: new Set(documents.map((d) => d.sha256)),
    };
  } finally {
    db.close();
  }
}
