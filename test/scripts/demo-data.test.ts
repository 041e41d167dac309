import { describe, expect, it } from 'vitest';
import { demoReport } from '../../scripts/fixtures/demo-report';
import { parseReport } from '../../shared/report/index';

// The demo must look like real reports: figures that add up and checks that pass, apart from what
// real reports do too. The sample totals by hand: 新山 75 = 34 + 8 + 11 + 22, 草场 24 = 20 + 4,
// 丙谷 50 = 37 + 13, 小铺 503 (no categories), 普威 94 = 67 + 12 + 11 + 4; each demo town's figures
// are one of these multiplied by its factor, so the categories still add up to the total.
const SAMPLE_TOTALS = [75, 24, 50, 503, 94];

describe('npm run demo: the demo reports', () => {
  const all = Array.from({ length: 15 }, (_, org) => [2021, 2022, 2023, 2024].map((year) => ({ org, year }))).flat();

  it('read back to their town, year and total, a multiple of the sample they are written from', () => {
    for (const { org, year } of all) {
      const r = demoReport(org, year);
      const p = parseReport(r.text, { file: r.fileName, sha256: '0', format: 'text' });
      expect([p.org.name, p.year, p.proactive.total]).toEqual([r.name, year, r.proactiveTotal]);
      expect(r.proactiveTotal % (SAMPLE_TOTALS[org % 5] as number)).toBe(0);
    }
  });

  it('have categories that add up and no errors; the only finding is the real sample without a date', () => {
    const findings = new Map<string, number>();
    for (const { org, year } of all) {
      const r = demoReport(org, year);
      const p = parseReport(r.text, { file: r.fileName, sha256: '0', format: 'text' });
      const sum = p.proactive.categories.reduce((s, c) => s + (c.count ?? 0), 0);
      if (p.proactive.categories.length > 0) expect(sum).toBe(p.proactive.total);
      for (const f of p.findings) findings.set(f.code, (findings.get(f.code) ?? 0) + 1);
    }
    // 小铺乡's layout (every fifth town) is signed without a date, as the sample is: 3 towns × 4 years
    expect(Object.fromEntries(findings)).toEqual({ 'published.missing': 12 });
  });
});
