/**
 * robots.txt as the major crawlers read it (RFC 9309): the group for our product token, else `*`;
 * the longest matching rule wins, Allow on a tie; `*` matches any run of characters and `$` ends a
 * pattern. Bounded whatever a site sends: only the first 500 KiB are read (as Google does), at most
 * 1,000 rules of at most 500 characters each are kept, and a pattern is matched without regular
 * expressions — its pieces between `*`s found in order with indexOf — so a hostile file costs at
 * most a few milliseconds a URL, never seconds. (robots-parser turns each rule into a regular
 * expression, which a 10 MB file of wildcards made take seconds per URL on the server's thread.)
 */

/** What is read of a robots.txt: 500 KiB, the limit RFC 9309 asks a crawler to parse at least. */
export const MAX_ROBOTS_BYTES = 500 * 1024;
export const MAX_RULES = 1000;
export const MAX_PATTERN = 500;

interface Rule {
  allow: boolean;
  pattern: string;
}

export interface Robots {
  isAllowed(url: URL): boolean;
}

/** Whether `path` (path and query) matches a robots pattern. */
export function matches(pattern: string, path: string): boolean {
  const anchored = pattern.endsWith('$');
  const pieces = (anchored ? pattern.slice(0, -1) : pattern).split('*');
  const first = pieces[0] as string;
  if (!path.startsWith(first)) return false;
  let at = first.length;
  for (let i = 1; i < pieces.length; i++) {
    const piece = pieces[i] as string;
    if (piece === '') continue;
    const found = i === pieces.length - 1 && anchored ? path.lastIndexOf(piece) : path.indexOf(piece, at);
    if (found < at) return false;
    at = found + piece.length;
  }
  if (!anchored) return true;
  // the pattern ends the path: its last piece at the very end (or a trailing * that takes the rest)
  const last = pieces[pieces.length - 1] as string;
  return last === '' ? pieces.length > 1 || at === path.length : at === path.length;
}

/** Decodes what %-encoding does not change the meaning of, so that /%E5%B9%B4 and /年 compare equal. */
function normalPath(s: string): string {
  try {
    return decodeURI(s);
  } catch {
    return s;
  }
}

/** Reads a robots.txt (at most MAX_ROBOTS_BYTES of it) for the crawler whose product token is `agent`. */
export function parseRobots(bytes: Uint8Array, agent: string): Robots {
  const text = new TextDecoder('utf-8').decode(bytes.subarray(0, MAX_ROBOTS_BYTES));
  const token = agent.toLowerCase();
  const groups: { agents: string[]; rules: Rule[] }[] = [];
  let current: { agents: string[]; rules: Rule[] } | null = null;
  let lastWasAgent = false;
  let kept = 0;
  for (const raw of text.split(/\r\n|\r|\n/)) {
    const line = raw.replace(/#.*$/, '').trim();
    const m = /^([A-Za-z-]+)\s*:\s*(.*)$/.exec(line);
    if (!m) continue;
    const key = (m[1] as string).toLowerCase();
    const value = (m[2] as string).trim();
    if (key === 'user-agent') {
      if (!current || !lastWasAgent) {
        current = { agents: [], rules: [] };
        groups.push(current);
      }
      current.agents.push(value.toLowerCase());
      lastWasAgent = true;
      continue;
    }
    lastWasAgent = false;
    if (!current || (key !== 'allow' && key !== 'disallow')) continue;
    // an empty Disallow allows everything: no rule
    if (value === '' || kept >= MAX_RULES || value.length > MAX_PATTERN) continue;
    current.rules.push({ allow: key === 'allow', pattern: normalPath(value) });
    kept++;
  }
  const ours = groups.filter((g) => g.agents.some((a) => a !== '*' && token.startsWith(a)));
  const chosen = ours.length > 0 ? ours : groups.filter((g) => g.agents.includes('*'));
  const rules = chosen.flatMap((g) => g.rules);
  return {
    isAllowed(url: URL): boolean {
      const path = normalPath(url.pathname + url.search);
      let best: Rule | null = null;
      for (const r of rules) {
        if (!matches(r.pattern, path)) continue;
        const length = r.pattern.length;
        if (!best || length > best.pattern.length || (length === best.pattern.length && r.allow && !best.allow)) best = r;
      }
      return best === null || best.allow;
    },
  };
}
