import { describe, expect, it } from 'vitest';
import { parseRealCorpus } from '../../../scripts/check-real';
import { FIELD_ORDER, scoreReal } from '../../../scripts/fixtures/real-score';

// What the parser reached on the 150 real openings (test/fixtures/real, labelled by hand):
// a field may improve, never fall below. `npm run check:real` prints every mismatch.
const FLOOR: Partial<Record<(typeof FIELD_ORDER)[number], number>> = {
  org: 146,
  county: 138,
  year: 150,
  template: 30,
  total: 115,
  'no-guess': 11,
  approx: 11,
  'no-total': 20,
  categories: 279,
  'no-categories': 59,
  newReceived_total: 7,
  newReceived_natural: 5,
  carriedOver_total: 6,
  granted_total: 3,
  rules: 27,
  normativeDocuments: 27,
  licensing_decisions: 22,
};

describe('the real-report corpus (150 openings from 31 provinces)', () => {
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

  it('scores at least 98 % of all labelled fields', () => {
    expect(score.total).toBe(1056);
    expect(score.ok / score.total).toBeGreaterThanOrEqual(0.98);
  });
});
