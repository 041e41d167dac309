/**
 * The corpus generator against the importer: every generated file, read as an upload would be,
 * must give back the values it was generated from (its .truth.json). Text and HTML here; DOCX and
 * PDF need LibreOffice, which CI does not install (docs/benchmarks.md has a run with them).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../scripts/fixtures/corpus';
import { checkCorpus, readTruths } from '../../scripts/fixtures/corpus-check';
import { collectFiles, importFiles } from '../../server/ingest/import-files';
import { tempDatabase } from '../helpers/db';

const out = mkdtempSync(join(tmpdir(), 'corpus-test-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('gen:corpus', () => {
  it('writes 10 towns × 2019–2025 in every text layout and as HTML, each imported back to its truth', async () => {
    const truths = generateCorpus({ orgs: 10, from: 2019, to: 2025, out, seed: 7, htmlShare: 0.3, officeShare: 0 });
    expect(truths).toHaveLength(70);
    expect(new Set(truths.map((t) => t.layout))).toEqual(new Set(['2019', '000', '001', '002', '003', '003-pipes', '004']));
    expect(new Set(truths.map((t) => t.format))).toEqual(new Set(['text', 'markdown', 'html']));
    expect(new Set(truths.map((t) => t.template))).toEqual(new Set(['2019', '2021']));
    // deterministic: the same arguments give the same files
    const again = mkdtempSync(join(tmpdir(), 'corpus-again-'));
    generateCorpus({ orgs: 10, from: 2019, to: 2025, out: again, seed: 7, htmlShare: 0.3, officeShare: 0 });
    for (const f of readdirSync(out)) expect(readFileSync(join(again, f)).equals(readFileSync(join(out, f))), f).toBe(true);
    rmSync(again, { recursive: true, force: true });

    const t = await tempDatabase();
    const files = collectFiles([out]).filter((f) => !f.endsWith('.json'));
    const summary = await importFiles(t.db, files, { importedBy: 'test' });
    expect(summary.counts).toMatchObject({ imported: 70, failed: 0 });
    const mismatches = await checkCorpus(t.db, readTruths(out));
    t.close();
    expect(mismatches).toEqual([]);
  });
});
