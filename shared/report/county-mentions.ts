import { nameEndingAt } from './gazetteer';

/** County-level names that are also everyday words (城区, 郊区 …): taken only after a prefecture. */
const AMBIGUOUS = new Set([
  '城区',
  '郊区',
  '矿区',
  '东区',
  '西区',
  '新城区',
  '老城区',
  '市中区',
  '合作市',
  '和平区',
  '新华区',
  '长安区',
]);
/** Words a county's name may follow in running text without being part of a longer word. */
const BEFORE =
  /(?:在|由|与|向|对|经|据|和|及|从|自|按|以|于|将|为|是|至|到|给|的|即|通过|依托|按照|根据|关于|联系|省|市|州|盟|地区)$/;

/**
 * The county-level unit the text names most plainly, or null when it names none: `盂县东梁乡`,
 * `依托积石山县人民政府网`, `山西省、吕梁市、汾阳市关于…`, `瑞安市级媒体`. A name followed by the
 * organisation's own name counts most, then one followed by 人民政府/政府, then any other.
 */
export function countyMentions(norm: string, orgName: string | null): string | null {
  const scores = new Map<string, { score: number; first: number }>();
  for (const m of norm.matchAll(/[县区市旗]/g)) {
    const end = m.index + 1;
    const form = nameEndingAt(norm, end, 'county');
    if (!form) continue;
    const start = end - form.length;
    const before = norm.slice(Math.max(0, start - 6), start);
    const afterPrefecture = Boolean(nameEndingAt(norm, start, 'prefecture') || nameEndingAt(norm, start, 'province'));
    const cleanStart = start === 0 || !/[\u3400-\u9fff]/.test(norm[start - 1] as string) || BEFORE.test(before);
    const after = norm.slice(end, end + 20);
    const government = /^(?:人民政府|政府)/.test(after);
    // 完善安阳县政府网…: a name of three or more characters before 政府 needs no clean start
    if (!cleanStart && !afterPrefecture && !(government && form.length >= 3)) continue;
    if (AMBIGUOUS.has(form) && !afterPrefecture) continue;
    if (/^[场民长直辖]/.test(after)) continue;
    let score = 1;
    if (orgName && after.startsWith(orgName)) score += 10;
    if (/^(?:人民政府|政府|委|县委|区委|市委)/.test(after)) score += 2;
    if (afterPrefecture) score += 2;
    const s = scores.get(form) ?? { score: 0, first: start };
    s.score += score;
    scores.set(form, s);
  }
  let best: string | null = null;
  let bestScore = { score: 0, first: Number.POSITIVE_INFINITY };
  for (const [form, s] of scores) {
    if (s.score > bestScore.score || (s.score === bestScore.score && s.first < bestScore.first)) {
      best = form;
      bestScore = s;
    }
  }
  return best;
}
