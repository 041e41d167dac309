import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copiedProse, freshProse, reportWithProse } from '../../../scripts/fixtures/copied-prose';
import { importDocument } from '../../../server/ingest/import-report';
import { type TestApp, testApp } from '../../helpers/app';
import { sampleText } from '../../helpers/samples';

// Reports written by the generator (scripts/fixtures/copied-prose.ts) on 普威镇's layout:
//   普威镇 2023: 45 generated sentences; 普威镇 2024: 90 % of them (the generator counts the letters
//   copied: 90.8 %) with new sentences in between → flagged, at about that share.
//   白马镇 2023: the same 2023 prose; 白马镇 2024: 45 new sentences → not flagged.
let t: TestApp;
const earlier = freshProse(11, 45);
const copy = copiedProse(earlier, 0.9, 12);
const fresh = freshProse(99, 45);
const puwei = sampleText('puwei');
const as = (town: string, text: string) => text.replaceAll('普威镇', town);

beforeAll(async () => {
  t = await testApp({}, { samples: false });
  const files = [
    ['puwei-2023', reportWithProse(puwei, earlier, 2023)],
    ['puwei-2024', reportWithProse(puwei, copy, 2024)],
    ['baima-2023', as('白马镇', reportWithProse(puwei, earlier, 2023))],
    ['baima-2024', as('白马镇', reportWithProse(puwei, fresh, 2024))],
  ];
  for (const [name, text] of files) {
    const r = await importDocument(t.db, { bytes: Buffer.from(text as string), fileName: `${name}.txt`, importedBy: 'test' });
    expect(r.status, name).toBe('imported');
  }
});
afterAll(() => t.close());

describe('copy detection on generated reports', () => {
  it('flags the report whose prose is 90% last year’s, with its percentage, and not the new one', async () => {
    const headers = await t.login('viewer');
    const c = (
      await t.app.inject({
        method: 'GET',
        url: `/api/evaluation/copies?county=${encodeURIComponent('米易县')}&year=2024`,
        headers,
      })
    ).json();
    expect(c.pairs).toHaveLength(1);
    const [p] = c.pairs;
    expect([p.organization, p.year, p.otherOrganization, p.otherYear]).toEqual(['普威镇', 2024, '普威镇', 2023]);
    const expected = copy.copiedLetters / copy.letters;
    expect(Math.abs(p.ratio - expected)).toBeLessThan(0.03);

    const e = (
      await t.app.inject({ method: 'GET', url: `/api/evaluation?county=${encodeURIComponent('米易县')}&year=2024`, headers })
    ).json();
    const row = (n: string) => e.rows.find((r: { organization: { name: string } }) => r.organization.name === n);
    const evidence = row('普威镇').deductions.find((d: { itemId: string }) => d.itemId === 'copied').evidence[0];
    expect(evidence.text).toBe(`正文（一、五、六部分）${Math.round(p.ratio * 1000) / 10}% 与 普威镇 2023 年度报告相同`);
    expect(row('白马镇').deductions).toEqual([]);
    expect(row('白马镇').score).toBe(100);
  });
});
