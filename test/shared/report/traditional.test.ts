import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Converter } from 'opencc-js/cn2t';
import { describe, expect, it } from 'vitest';
import { parseReport } from '../../../shared/report/index';
import { isTraditional } from '../../../shared/report/traditional';
import { ROOT } from '../../helpers/samples';

// Issue 27: a report in traditional script (a portal's 繁体版 page, a mirror site) is read as the
// report it is. The page is made here from the 草场镇 seed by OpenCC (simplified → traditional),
// with a mirror site's pinyin after some characters; the figures are the seed's, read by hand.
const seed = readFileSync(join(ROOT, 'samples', '001_b1c904b99551c3b9.txt'), 'utf8');
const traditional = Converter({ from: 'cn', to: 't' })(seed).replaceAll('動態', '動態(tài)').replaceAll('規定', '規(guī)定');

describe('a report in traditional script', () => {
  it('is taken for traditional script, and a simplified report is not', () => {
    expect(traditional).toContain('縣');
    expect(traditional).toContain('(guī)');
    expect(isTraditional(traditional)).toBe(true);
    expect(isTraditional(seed)).toBe(false);
  });

  const report = parseReport(traditional, { file: 'caochang-t.txt', format: 'text' });

  it('gives the unit in simplified characters, with its county and year', () => {
    expect([report.org.name, report.org.county, report.year]).toEqual(['草场镇', '米易县', 2024]);
  });

  it('reads the proactive total and the tables as the simplified report has them', () => {
    expect(report.proactive.total).toBe(24);
    const simplified = parseReport(seed, { file: 'caochang.txt', format: 'text' });
    expect(report.applications).toEqual(simplified.applications);
    expect(report.article20).toEqual(simplified.article20);
  });

  it('points each figure at its place in the traditional original', () => {
    const span = report.provenance['proactive.total'];
    expect(traditional.slice(span?.start, span?.end).replace(/\s/g, '')).toBe('24條');
  });
});
