import { describe, expect, it } from 'vitest';
import { parseChineseNumber } from '../../../shared/report/cn-number';
import { flow, normalize } from '../../../shared/report/normalize';
import { aliasesOf, parseOrgName, sameOrg } from '../../../shared/report/org-name';
import { splitSections } from '../../../shared/report/sections';
import { tokenize } from '../../../shared/report/table-tokens';
import { templateCells } from '../../../shared/report/template';

describe('normalize', () => {
  it.each([
    ['full-width digits and punctuation', '主动公开信息７５条，其中：', '主动公开信息75条,其中:'],
    ['Kangxi radicals from Chromium-printed PDFs', '⾏政许可 ⼀', '行政许可一'],
    ['spaces between CJK characters', '三 、\n本 年\n度 办', '三、\n本年\n度办'],
    ['spaces beside digits are kept', '信息 75 条', '信息 75 条'],
    ['CRLF and BOM', '\ufeff一、总体情况\r\n二', '一、总体情况\n二'],
    ['page-number lines', '正文\n- 3 -\n续文\n第 2 页 共 5 页\n', '正文\n\n续文\n\n'],
  ])('%s', (_, input, want) => {
    expect(normalize(input).text).toBe(want);
  });

  it('maps every character back to its original offset', () => {
    const original = '\ufeff三 、本年 ７５ 条';
    const n = normalize(original);
    const at = n.text.indexOf('75');
    expect(original.slice(n.map[at], (n.map[at + 1] as number) + 1)).toBe('７５');
  });

  it('flows a paragraph wrapped mid-number, keeping breaks before headings', () => {
    const n = normalize('工作动态信息 3\n4\n条，通知公告。\n（二）依申请公开');
    expect(flow(n).text).toBe('工作动态信息 34条,通知公告。\n(二)依申请公开');
  });
});

describe('parseChineseNumber', () => {
  it.each([
    ['四十', 40],
    ['十二', 12],
    ['一百零五', 105],
    ['两千', 2000],
    ['一万零三百', 10300],
    ['二〇二四', 2024],
    ['七十五', 75],
    ['三十一', 31],
  ])('%s = %d', (s, n) => {
    expect(parseChineseNumber(s)).toBe(n);
  });
  it.each(['', '第十二', '一二百', '十百'])('%s is not a numeral', (s) => {
    expect(parseChineseNumber(s)).toBeNull();
  });
});

describe('organisation names', () => {
  it.each([
    ['米易县新山傈僳族乡人民政府', '新山傈僳族乡', '米易县', '乡'],
    ['攀枝花市米易县普威镇', '普威镇', '米易县', '镇'],
    ['小铺乡', '小铺乡', null, '乡'],
    ['米易县攀莲镇人民政府', '攀莲镇', '米易县', '镇'],
    ['东区炳草岗街道办事处', '炳草岗街道', '东区', '街道'],
    // a department is known with its county (县司法局); `unit` holds it without
    ['米易县司法局', '米易县司法局', '米易县', '部门'],
    ['米易县人民政府', '米易县', '米易县', '县政府'],
  ])('%s', (written, name, county, kind) => {
    expect(parseOrgName(written)).toMatchObject({ name, county, kind });
  });
  it('rejects words that are not a name', () => {
    expect(parseOrgName('各乡镇')).toBeNull();
    expect(parseOrgName('米易县丙谷镇党政办公室')).toMatchObject({ kind: '部门' });
  });
  it('knows an ethnic township by its short name, and keeps different towns apart', () => {
    expect(aliasesOf('新山傈僳族乡')).toEqual(['新山乡']);
    expect(sameOrg('新山乡', '新山傈僳族乡')).toBe(true);
    expect(sameOrg('草场镇', '丙谷镇')).toBe(false);
  });
});

describe('sections', () => {
  it('does not take table 三 rows (一、本年新收… 四、结转下年度…) for section headings', () => {
    const split = splitSections(
      '一、总体情况\n三、收到和处理政府信息公开申请情况\n一、本年新收 0\n四、结转下年度继续办理 0\n四、政府信息公开行政复议、行政诉讼情况\n',
    );
    expect(split.found.map((s) => s.def.numeral)).toEqual(['一', '三', '四']);
    expect(split.byKey.reviewLitigation?.headingStart).toBeGreaterThan(30);
  });
});

describe('table tokens', () => {
  it('reads row-number prefixes as labels, numbers with units as cells, dashes as blanks', () => {
    const text = '1．属于国家秘密 3 0\n2. 重复申请\t—\t/\t25.5万元\t4件\n第20条 -1 +2';
    const ts = tokenize(normalize(text).text, 0, normalize(text).text.length);
    expect(ts.tokens.map((t) => t.value)).toEqual([3, 0, null, null, 25.5, 4, -1, 2]);
    expect(ts.compact.startsWith('1.属于国家秘密')).toBe(true);
  });
});

describe('template', () => {
  it('has 200 cells in 2021 and 198 in 2019', () => {
    expect(templateCells('2021')).toHaveLength(10 + 25 * 7 + 15);
    expect(templateCells('2019')).toHaveLength(22 + 23 * 7 + 15);
  });
});

describe('template row keys', () => {
  it('are unique across the three tables (the figure index relies on it)', () => {
    for (const v of ['2021', '2019'] as const) {
      const rows = new Map<string, string>();
      for (const c of templateCells(v)) {
        expect(rows.get(c.row) ?? c.table, `${v} ${c.row}`).toBe(c.table);
        rows.set(c.row, c.table);
      }
    }
  });
});
