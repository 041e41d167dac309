import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FINDING_LABELS, findingLabel } from '../../shared/finding-labels';

const ROOT = join(import.meta.dirname, '..', '..');
const PREFIXES =
  'sections|table|proactive|applications|article20|reviewLitigation|prose|template|published|figure|org|year|source|ocr|document|parser|correction';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

// Issue 29: staff saw `代码 published.missing`. Every finding code the parser, the import and the
// corrections write has words on the 数据质量 page, the report page and the 考核.
describe('every finding code has its words', () => {
  it('each code written in shared/report, server/ingest and server/queries is labelled', () => {
    const written = new Set<string>();
    const code = new RegExp(`'((?:${PREFIXES})\\.[a-zA-Z]+)'`, 'g');
    for (const dir of ['shared/report', 'server/ingest', 'server/queries']) {
      for (const file of sources(join(ROOT, dir))) {
        for (const m of readFileSync(file, 'utf8').matchAll(code)) written.add(m[1] as string);
      }
    }
    // paths of figures and audit actions, not finding codes
    for (const path of ['proactive.total', 'proactive.categories', 'org.name', 'applications.total']) written.delete(path);
    for (const action of ['figure.carried', 'figure.checked', 'figure.corrected']) written.delete(action);
    expect(written.size).toBeGreaterThan(40);
    expect([...written].filter((c) => !(c in FINDING_LABELS)).sort()).toEqual([]);
  });

  it('reads as the office says it', () => {
    expect(findingLabel('published.missing')).toBe('落款未写发布日期');
    expect(findingLabel('figure.null')).toBe('数字无法读取');
    expect(findingLabel('no.suchCode')).toBe('其他检查提示');
  });
});
