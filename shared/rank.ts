/** Chinese collation for names (pinyin order), created once: `localeCompare` with a locale rebuilds it each call. */
export const byName = new Intl.Collator('zh-Hans-CN').compare;

/** Competition ranking, largest first: ties share a rank (1, 2, 2, 4). */
export function rankValues<K>(values: Map<K, number>): Map<K, number> {
  const sorted = [...values.entries()].sort((a, b) => b[1] - a[1]);
  const ranks = new Map<K, number>();
  sorted.forEach(([id, v], i) => {
    const prev = sorted[i - 1];
    ranks.set(id, prev && prev[1] === v ? (ranks.get(prev[0]) as number) : i + 1);
  });
  return ranks;
}

/**
 * Competition ranking within groups (townships with townships, departments with departments): each
 * group ranked on its own by `rankValues`, so a value is never placed among another group's.
 */
export function rankWithinGroups<K, G>(values: Map<K, number>, groupOf: (key: K) => G): Map<K, number> {
  const groups = new Map<G, Map<K, number>>();
  for (const [k, v] of values) {
    const g = groupOf(k);
    const of = groups.get(g) ?? new Map<K, number>();
    of.set(k, v);
    groups.set(g, of);
  }
  const ranks = new Map<K, number>();
  for (const of of groups.values()) for (const [k, r] of rankValues(of)) ranks.set(k, r);
  return ranks;
}
