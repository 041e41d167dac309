/**
 * Parse-time benchmark: median and p99 per sample-sized report, against a floor measured in the
 * same run — reading the file and running one regex over it. Run: npm run bench:parse
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeText, parseReport } from '../shared/report/index';

const SAMPLES = join(import.meta.dirname, '..', 'samples');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2000);

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}

function measure(fn: () => unknown): { median: number; p99: number } {
  for (let i = 0; i < 200; i++) fn(); // warm-up: let the JIT settle
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { median: quantile(times, 0.5), p99: quantile(times, 0.99) };
}

const FLOOR_REGEX = /主动公开[^。]*?(\d+)\s*条/;
const rows: string[] = [];
const ratios: number[] = [];
const medians: number[] = [];
for (const file of readdirSync(SAMPLES).filter((f) => f.endsWith('.txt'))) {
  const path = join(SAMPLES, file);
  const floor = measure(() => FLOOR_REGEX.exec(decodeText(readFileSync(path)).text));
  const parse = measure(() => parseReport(decodeText(readFileSync(path)).text));
  const ratio = parse.median / floor.median;
  ratios.push(ratio);
  medians.push(parse.median);
  rows.push(
    `| ${file} | ${readFileSync(path).length} | ${parse.median.toFixed(3)} | ${parse.p99.toFixed(3)} | ${floor.median.toFixed(3)} | ${ratio.toFixed(1)}× |`,
  );
}
medians.sort((a, b) => a - b);
console.log(`parse benchmark (${ROUNDS} rounds each, Node ${process.version})\n`);
console.log('| file | bytes | parse median ms | parse p99 ms | floor (read+regex) median ms | parse / floor |');
console.log('|---|---|---|---|---|---|');
for (const r of rows) console.log(r);
console.log(`\nmedian of medians: ${quantile(medians, 0.5).toFixed(3)} ms (goal < 0.5 ms)`);
console.log(`worst ratio to floor: ${Math.max(...ratios).toFixed(1)}× (goal ≤ 20×)`);

// Damaged inputs (a page's tables mutated into runs of tabs, a sentence of thousands of counts):
// the time at 8× the size against the time at 1×, measured in this run — about 8 when parsing is
// linear, about 64 when it is quadratic (as a heading regex and the breakdown reader once were).
const DAMAGED: Record<string, (n: number) => string> = {
  'runs of tabs in a table': (n) =>
    `一、总体情况\n二、主动公开政府信息情况\n第二十条\n${Array.from({ length: n }, (_, i) => `规章${'\t'.repeat(200)}${i}\t0\t0`).join('\n')}`,
  'one sentence of counts': (n) =>
    `一、总体情况\n（一）主动公开情况\n${Array.from({ length: n }, (_, i) => `工作动态${i}条，通知公告${i % 7}条，`).join('')}\n二、主动公开政府信息情况`,
  'long blank runs in prose': (n) =>
    `一、总体情况\n（一）主动公开情况\n${Array.from({ length: n }, () => `主动公开信息${' '.repeat(300)}75条。`).join('\n')}`,
};
console.log('\n| damaged input | ms at 1× | ms at 8× | ratio (linear ≈ 8) |');
console.log('|---|---|---|---|');
for (const [name, make] of Object.entries(DAMAGED)) {
  const small = make(200);
  const large = make(1600);
  const time = (text: string) => {
    parseReport(text);
    const t0 = performance.now();
    for (let i = 0; i < 5; i++) parseReport(text);
    return (performance.now() - t0) / 5;
  };
  const a = time(small);
  const b = time(large);
  console.log(`| ${name} | ${a.toFixed(1)} | ${b.toFixed(1)} | ${(b / a).toFixed(1)} |`);
}
