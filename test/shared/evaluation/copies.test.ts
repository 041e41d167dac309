import { describe, expect, it } from 'vitest';
import { copiedProse, freshProse, reportWithProse } from '../../../scripts/fixtures/copied-prose';
import { containment, containments, prose, reportProse, segments } from '../../../shared/evaluation/similarity';
import { parseReport } from '../../../shared/report/index';
import { sampleText } from '../../helpers/samples';

// Reports written by the generator (scripts/fixtures/copied-prose.ts): 2023's prose, 2024's made of
// 90 % of 2023's sentences (the generator counts the letters it copied), and a new one.
const earlier = freshProse(11, 45);
const copy = copiedProse(earlier, 0.9, 12);
const fresh = freshProse(99, 45);
const puwei = sampleText('puwei');
const parsed = (p: typeof earlier, year: number) => parseReport(reportWithProse(puwei, p, year), { file: `${year}.txt` });

describe('copied prose', () => {
  const a = parsed(earlier, 2023);
  const b = parsed(copy, 2024);
  const c = parsed(fresh, 2024);

  it('reads the generated reports as reports of their year with the prose in sections 一、五、六', () => {
    expect([a.year, b.year, c.year]).toEqual([2023, 2024, 2024]);
    expect(b.proactive.total).toBe(94);
    expect(b.sections.overview).toContain(copy.sentences[0]);
    expect(b.sections.other).toContain(copy.sentences.at(-1));
  });

  it('measures a report whose prose is 90% last year’s at the share the generator copied', () => {
    const expected = copy.copiedLetters / copy.letters;
    expect(expected).toBeGreaterThan(0.88);
    expect(expected).toBeLessThan(0.92);
    const ratio = containment(prose(reportProse(b.sections)), prose(reportProse(a.sections)));
    // within 3 points: the proactive sentence (kept in both) and new sentences’ stock phrases also found in old ones
    expect(Math.abs((ratio ?? 0) - expected)).toBeLessThan(0.03);
    expect(ratio).toBeGreaterThanOrEqual(0.8);
  });

  it('does not flag a genuinely new report (same vocabulary, new sentences)', () => {
    const ratio = containment(prose(reportProse(c.sections)), prose(reportProse(a.sections)));
    expect(ratio).not.toBeNull();
    // the generator's pools are small (its sentences share stock phrases far more than real ones do)
    expect(ratio).toBeLessThan(0.5);
  });

  it('finds little in common between the real reports of different towns', () => {
    const real = (['xinshan', 'caochang', 'binggu', 'xiaopu', 'puwei'] as const).map((n) =>
      prose(reportProse(parseReport(sampleText(n), { file: n }).sections)),
    );
    for (const [i, x] of real.entries()) {
      for (const [j, y] of real.entries()) if (i !== j) expect(containment(x, y)).toBeLessThan(0.15);
    }
  });

  it('finds every pair’s share through the index exactly as comparing the two does', () => {
    const texts = [
      ...(['xinshan', 'caochang', 'binggu', 'xiaopu', 'puwei'] as const).map((n) =>
        reportProse(parseReport(sampleText(n), { file: n }).sections),
      ),
      reportProse(a.sections),
      reportProse(b.sections),
      reportProse(c.sections),
      '本年度无其他需要报告的事项。',
    ];
    const items = texts.map((t, key) => ({ key, prose: prose(t) }));
    const skipOdd = (x: number, y: number) => (x + y) % 2 === 0 || x === 6;
    const got = new Map(containments(items, skipOdd).map((p) => [`${p.a}-${p.b}`, p.ratio]));
    let compared = 0;
    for (const x of items) {
      for (const y of items) {
        if (x.key === y.key || !skipOdd(x.key, y.key)) continue;
        const expected = containment(x.prose, y.prose);
        const found = got.get(`${x.key}-${y.key}`);
        if (expected === null || expected === 0) expect(found).toBeUndefined();
        else {
          compared++;
          expect(found).toBeCloseTo(expected, 12);
        }
      }
    }
    expect(compared).toBeGreaterThan(10);
    expect(got.size).toBe(compared);
  });

  it('leaves prose too short to judge unmeasured', () => {
    expect(containment(prose('本年度无其他需要报告的事项。'), prose('本年度无其他需要报告的事项。'))).toBeNull();
  });

  it('marks the shared passages: every copied sentence shared, every new one not', () => {
    const other = prose(reportProse(a.sections));
    const segs = segments(copy.sentences.join(''), other);
    const shared = segs
      .filter((s) => s.shared)
      .map((s) => s.text)
      .join('');
    const replaced = copy.sentences.filter((s) => !earlier.sentences.includes(s));
    expect(replaced.length).toBeGreaterThan(0);
    for (const s of copy.sentences.filter((x) => earlier.sentences.includes(x))) expect(shared).toContain(s.slice(0, -1));
    // a new sentence is not shared as a whole (parts of it may be: the pools are shared)
    for (const s of replaced) expect(shared).not.toContain(s);
    expect(segs.map((s) => s.text).join('')).toBe(copy.sentences.join(''));
  });
});
