import { describe, expect, it } from 'vitest';
import { parseRealFiles } from '../../../scripts/check-real-files';
import { scoreFiles } from '../../../scripts/fixtures/real-files-score';

// Real files as published (test/fixtures/real-files, labelled by hand): a district's WPS PDF and a
// county-level portal's pages. Every labelled check must come out right, none silently wrong.

describe('the real files', async () => {
  const { labels, reports } = await parseRealFiles();
  const byFile = (name: string) => reports.find((r) => r.source.file.endsWith(name));

  it('give every labelled figure, date and unit, and no figure the file never said', () => {
    const bad = scoreFiles(labels, reports).filter((c) => c.outcome !== 'ok');
    expect(bad).toEqual([]);
  });

  it('read the WPS PDF in reading order: 2428 items, not the 7 meetings; 表三 and 表四 as printed; no section missing', () => {
    const r = byFile('hongze-2024.pdf');
    expect(r?.proactive.total).toBe(2428);
    expect(r?.applications.granted?.[0]).toBe(50);
    expect(r?.applications.notHeld).toEqual([31, 0, 0, 0, 0, 0, 31]);
    expect(r?.reviewLitigation.litigationAfterReview).toEqual([2, 0, 1, 0, 3]);
    expect(r?.findings.filter((f) => f.code.startsWith('sections.'))).toEqual([]);
  });

  it('leave a blank web-table cell null with its own finding, the rest of its row read', () => {
    const r = byFile('96868.html');
    expect(r?.applications.carriedToNext).toEqual([0, null, 0, 0, 0, 0, 0]);
    expect(r?.findings.filter((f) => f.code === 'figure.null').map((f) => f.field)).toEqual(['applications.carriedToNext[1]']);
  });

  it('take a page that only links its report for what it is, with its title and date and no figure', () => {
    const r = byFile('80590.html');
    expect(r?.findings.map((f) => f.message)).toEqual([
      '正文只有标题，报告在附件中：平潭综合实验区公安局2020年政府信息公开工作年度报告.doc',
    ]);
    expect([r?.year, r?.publishedOn, r?.publishedFrom]).toEqual([2020, '2021-01-28', 'page']);
  });
});
