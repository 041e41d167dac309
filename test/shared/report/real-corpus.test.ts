import { describe, expect, it } from 'vitest';
import { parseRealCorpus } from '../../../scripts/check-real';
import { FIELD_ORDER, scoreReal } from '../../../scripts/fixtures/real-score';

// What the parser reached on the 285 real openings (test/fixtures/real, labelled by hand):
// a field may improve, never fall below. `npm run check:real` prints every mismatch.
const FLOOR: Partial<Record<(typeof FIELD_ORDER)[number], number>> = {
  org: 263,
  county: 229,
  year: 282,
  template: 74,
  total: 205,
  'no-guess': 27,
  approx: 27,
  'no-total': 26,
  categories: 605,
  'no-categories': 116,
  newReceived_total: 11,
  newReceived_natural: 9,
  carriedOver_total: 10,
  granted_total: 6,
  rules: 39,
  normativeDocuments: 39,
  licensing_decisions: 31,
};

describe('the real-report corpus (285 openings from 31 provinces)', () => {
  const { labels, reports } = parseRealCorpus();
  const score = scoreReal(labels, reports);

  it.each(FIELD_ORDER.filter((f) => FLOOR[f] !== undefined))('%s stays at or above its floor', (field) => {
    const got = score.fields[field];
    const misses = score.mismatches.filter((m) => m.field === field);
    expect({ field, ok: got?.ok, misses }).toEqual({ field, ok: expect.any(Number), misses: expect.any(Array) });
    expect(got?.ok, JSON.stringify(misses.slice(0, 5))).toBeGreaterThanOrEqual(FLOOR[field] as number);
  });

  it('never gives a total where the text states none or only an approximate one', () => {
    const guessed = score.mismatches.filter((m) => m.field === 'no-guess' || m.field === 'no-total');
    expect(guessed).toEqual([]);
  });

  it('scores at least what it reached on all labelled fields (1,999 of 2,013)', () => {
    expect(score.total).toBe(2013);
    expect(score.ok).toBeGreaterThanOrEqual(1999);
  });
});
