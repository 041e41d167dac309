import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeText, parseReport } from '../../../shared/report/index';
import { normalize } from '../../../shared/report/normalize';
import { ROOT } from '../../helpers/samples';

// Issue 27: no organisation is made up from prose. Every name the parser gives must stand where a
// report names its writer — a title line (…年度报告, quoted or not), the signature (the last lines),
// a page's 发布机构/来源 line, a 请与…联系 or 由…编制 sentence, a sentence it opens — or be written
// at least twice; and never start with a verb or a year's tail (推动乡, 年度街道).
const REAL = join(ROOT, 'test', 'fixtures', 'real', 'raw');
const SEEDS = join(ROOT, 'samples');

function whereNamed(text: string, name: string): string | null {
  const norm = normalize(text).text;
  if (/^(?:年度|度|推动|推进|完善|更新|加强|做好|落实|开展)/.test(name)) return null;
  const lines = norm.split('\n');
  if (norm.split(name).length - 1 >= 2) return 'twice';
  const at = lines.findIndex((l) => l.includes(name));
  if (at === -1) return null;
  const line = lines[at] as string;
  if (/报告|年报/.test(line)) return 'title';
  if (at >= lines.length - 12) return 'signature';
  if (/发布机构|发布单位|发文机关|来源|请与|请联系|编制|起草单位/.test(line)) return 'page or contact';
  const before = line.slice(0, line.indexOf(name));
  if (/(?:^|[。；;:：])\s*$/.test(before) || /(?:19|20)\d{2}年(?:度|以来)?[,，]$/.test(before)) return 'opens a sentence';
  return null;
}

const files = [
  ...readdirSync(REAL).map((f) => join(REAL, f)),
  ...readdirSync(SEEDS)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => join(SEEDS, f)),
];

describe('no invented organisation names', () => {
  it(`every name given for the ${files.length} real openings and seeds is where a report names its writer`, () => {
    const invented: string[] = [];
    let named = 0;
    for (const file of files) {
      const text = decodeText(readFileSync(file)).text;
      const name = parseReport(text, { file, format: 'text' }).org.name;
      if (name === null) continue;
      named++;
      if (!whereNamed(text, name)) invented.push(`${file.split('/').pop()}: ${name}`);
    }
    expect(invented).toEqual([]);
    // most reports name their writer: the test is not passed by naming none
    expect(named).toBeGreaterThan(250);
  });
});
