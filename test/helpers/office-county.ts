/**
 * 石棉县, made by hand from 新山傈僳族乡's 2024 report, for the issue-29 browser tests (its own county
 * and years, so no other test's figures move): 2023 — 56 townships (青山镇 … , totals 101 … 156: the
 * n-th town 100 + n) and one department (石棉县农业农村局, 300); 2022 — the first three towns again
 * (totals 90, 91, 92); 2021 — 青山镇 alone, its total printed `** 条` (unreadable).
 */
import { sampleText } from './samples';

const FIRST = '青红白黄金银石安永新';
const SECOND = '山河岭坪溪桥湾坝林塘';
/** The n-th town's name (0-based): 青山镇, 青河镇, … 56 names, none a real county's. */
export const townName = (n: number) => `${FIRST[Math.floor(n / 10)]}${SECOND[n % 10]}镇`;
export const TOWNS_2023 = 56;

function report(unit: string, self: string, year: number, total: string): string {
  return `${unit}${year}年政府信息公开工作年度报告\n${sampleText('xinshan')
    .replace('米易县新山傈僳族乡人民政府', unit)
    .replace(/新山傈僳族乡/g, unit)
    .replace(/米易县/g, '石棉县')
    .replace(/我乡/g, `我${self}`)
    .replace(/全乡/g, `全${self}`)
    .replace(/2024/g, String(year))
    .replace(/2025/g, String(year + 1))
    .replace('主动公开信息 75 条', `主动公开信息 ${total} 条`)}`;
}

/** File name → text, every report of 石棉县 described above. */
export function officeCountyReports(): Record<string, string> {
  const out: Record<string, string> = {};
  for (let n = 0; n < TOWNS_2023; n++) out[`2023-${n}.txt`] = report(`石棉县${townName(n)}人民政府`, '镇', 2023, String(101 + n));
  out['2023-dept.txt'] = report('石棉县农业农村局', '局', 2023, '300');
  for (let n = 0; n < 3; n++) out[`2022-${n}.txt`] = report(`石棉县${townName(n)}人民政府`, '镇', 2022, String(90 + n));
  out['2021-0.txt'] = report(`石棉县${townName(0)}人民政府`, '镇', 2021, '**');
  return out;
}
