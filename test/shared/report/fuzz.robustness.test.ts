import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseReport } from '../../../shared/report/index';
import { SAMPLE_FILES, type SampleName, sampleText } from '../../helpers/samples';

// The parser on mutated samples: it must never fail inside (a parser.internal finding) and must keep
// a sample's total under noise that changes nothing. How long a case takes is printed, never
// asserted: timings belong in `npm run bench:parse`.

function codes(text: string) {
  return parseReport(text).findings.map((f) => f.code);
}
// Fragments that stress the steps: headings, row labels, numbers, units, separators.
const FRAGMENTS = [
  '\n',
  '\t',
  ' ',
  '|',
  '0',
  '7',
  '12.5',
  '-1',
  '+2',
  '条',
  '余条',
  '约',
  '**',
  '四十',
  '其中',
  '：',
  '，',
  '、',
  '。',
  '（一）',
  '（二）',
  '一、总体情况\n',
  '二、主动公开政府信息情况\n',
  '三、收到和处理政府信息公开申请情况\n',
  '四、政府信息公开行政复议、行政诉讼情况\n',
  '五、存在的主要问题及改进情况\n',
  '六、其他需要报告的事项\n',
  '主动公开信息 ',
  '（七）总计',
  '1．属于国家秘密',
  '251000元',
  '—',
  '/',
  '⾏',
  '０',
  '\r\n',
  '\u3000',
  '\ufeff',
  '2025 年 1 月 13 日',
  '人民政府\n',
];

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), len: fc.nat({ max: 400 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), what: fc.constantFrom(...FRAGMENTS) }),
  fc.record({ kind: fc.constant('insertRandom' as const), at: fc.nat(), what: fc.string({ maxLength: 30, unit: 'binary' }) }),
  fc.record({
    kind: fc.constant('duplicate' as const),
    at: fc.nat(),
    len: fc.nat({ max: 600 }),
    times: fc.integer({ min: 1, max: 20 }),
  }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swapLines' as const), a: fc.nat(), b: fc.nat() }),
);

type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function apply(text: string, m: Mutation): string {
  const n = Math.max(1, text.length);
  switch (m.kind) {
    case 'delete': {
      const at = m.at % n;
      return text.slice(0, at) + text.slice(at + m.len);
    }
    case 'insert':
    case 'insertRandom': {
      const at = m.at % n;
      return text.slice(0, at) + m.what + text.slice(at);
    }
    case 'duplicate': {
      const at = m.at % n;
      const piece = text.slice(at, at + m.len);
      return text.slice(0, at) + piece.repeat(m.times) + text.slice(at);
    }
    case 'truncate':
      return text.slice(0, m.at % n);
    case 'swapLines': {
      const lines = text.split('\n');
      const a = m.a % lines.length;
      const b = m.b % lines.length;
      [lines[a], lines[b]] = [lines[b] as string, lines[a] as string];
      return lines.join('\n');
    }
  }
}

describe('fuzzing: mutations of the samples', () => {
  const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);

  it(`${RUNS} random mutations: no internal failure`, { timeout: 60_000 + RUNS * 5 }, () => {
    const names = Object.keys(SAMPLE_FILES) as SampleName[];
    const texts = names.map(sampleText);
    let slowest = 0;
    let cases = 0;
    fc.assert(
      fc.property(fc.nat({ max: texts.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 6 }), (which, ms) => {
        const text = ms.reduce(apply, texts[which] as string);
        const t0 = performance.now();
        const report = parseReport(text);
        const took = performance.now() - t0;
        slowest = Math.max(slowest, took);
        cases++;
        expect(report.findings.filter((f) => f.code === 'parser.internal')).toEqual([]);
      }),
      { numRuns: RUNS, seed: 20261123 },
    );
    console.log(`fuzz: ${cases} cases, slowest ${slowest.toFixed(2)} ms`);
    expect(cases).toBe(RUNS);
  });

  it('keeps the samples’ totals under harmless whitespace noise', () => {
    fc.assert(
      fc.property(fc.constantFrom(...(Object.keys(SAMPLE_FILES) as SampleName[])), fc.nat(), (name, seed) => {
        const text = sampleText(name).replace(/\n/g, (nl) => (seed % 3 === 0 ? `${nl}\n` : nl));
        expect(codes(text)).not.toContain('parser.internal');
        expect(parseReport(text).proactive.total).toBe(parseReport(sampleText(name)).proactive.total);
      }),
      { numRuns: 50, seed: 7 },
    );
  });
});
