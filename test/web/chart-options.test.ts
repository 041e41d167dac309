import { describe, expect, it } from 'vitest';
import {
  buildCategoryOption,
  buildDonutOption,
  buildHeatmapOption,
  buildTotalTrendOption,
  buildTrendOption,
  categoryColor,
} from '../../web/src/charts/options';

type Series = { name: string; itemStyle?: { color: string }; cursor?: string; connectNulls?: boolean; data: unknown[] };
const series = (o: unknown) => (o as { series: Series[] }).series;

describe('chart options', () => {
  it('gives a category the same colour whatever else the year lists', () => {
    // 2024 lists 工作动态 and 通知公告; 2023 only 通知公告: 通知公告 keeps its colour
    const y2024 = series(buildCategoryOption(['甲'], ['工作动态', '通知公告'], [[3, 4]]));
    const y2023 = series(buildCategoryOption(['甲'], ['通知公告'], [[4]]));
    expect(y2024[1]?.itemStyle?.color).toBe(y2023[0]?.itemStyle?.color);
    expect(y2024[0]?.itemStyle?.color).not.toBe(y2024[1]?.itemStyle?.color);
    expect(categoryColor('通知公告')).toBe(y2023[0]?.itemStyle?.color);
  });

  it('draws a missing year as a gap, on one axis, with no pointer where a click opens nothing', () => {
    const o = buildTrendOption([2022, 2023, 2024], [{ name: '合计', values: [10, null, 12] }], '条') as {
      yAxis: unknown;
      series: Series[];
    };
    expect(Array.isArray(o.yAxis)).toBe(false);
    expect(o.series[0]).toMatchObject({ data: [10, null, 12], connectNulls: false, cursor: 'default' });
    expect(series(buildHeatmapOption(['甲'], [2024], [[0, 0, 5]]))[0]?.cursor).toBe('default');
  });

  // issue 29: unknown is 未知 / 无报告, never 0; each total says how many reports it adds up
  type Tip = { tooltip: { formatter: (ps: unknown[]) => string }; xAxis: { data: string[] }; series: Series[] };
  const axisParams = (o: Tip, i: number) =>
    o.series.map((s) => ({ marker: '', seriesName: s.name, data: s.data[i], axisValueLabel: o.xAxis.data[i], dataIndex: i }));

  it('the total over the years: report counts under each year, unknown years as gaps said why, the 同口径 line beside', () => {
    // unit A has a readable total every year with reports (the 同口径 unit); B's 2022 total could not be read
    const o = buildTotalTrendOption(
      [
        { year: 2021, value: null, reports: 0, unreadable: 0, comparable: null },
        { year: 2022, value: 20, reports: 2, unreadable: 1, comparable: 20 },
        { year: 2023, value: 94, reports: 1, unreadable: 0, comparable: 94 },
        { year: 2024, value: 753, reports: 6, unreadable: 0, comparable: 101 },
      ],
      1,
      '条',
    ) as unknown as Tip;
    expect(o.xAxis.data).toEqual(['2021\n0份', '2022\n2份', '2023\n1份', '2024\n6份']);
    expect(o.series.map((s) => s.name)).toEqual(['全部单位合计', '同口径（1 个单位）']);
    expect(o.tooltip.formatter(axisParams(o, 0))).toBe('2021\n0份<br>全部单位合计：无报告<br>同口径（1 个单位）：无报告');
    expect(o.tooltip.formatter(axisParams(o, 1))).toBe(
      '2022\n2份<br>全部单位合计：20 条（2 份报告，其中 1 份无法读取、未计入）<br>同口径（1 个单位）：20 条（各年都有可读取数字的 1 个单位）',
    );
    expect(o.tooltip.formatter(axisParams(o, 3))).toBe(
      '2024\n6份<br>全部单位合计：753 条（6 份报告）<br>同口径（1 个单位）：101 条（各年都有可读取数字的 1 个单位）',
    );
  });

  it('a year whose only report could not be read is said so, never 0; with no unit readable every year there is no 同口径 line', () => {
    const o = buildTotalTrendOption(
      [
        { year: 2020, value: null, reports: 1, unreadable: 1, comparable: null },
        { year: 2021, value: 60, reports: 1, unreadable: 0, comparable: null },
      ],
      0,
      '条',
    ) as unknown as Tip;
    expect(o.series.map((s) => s.name)).toEqual(['全部单位合计']);
    expect(o.series[0]?.data.map((d) => (d as { value: unknown }).value)).toEqual([null, 60]);
    expect(o.tooltip.formatter(axisParams(o, 0))).toBe('2020\n1份<br>全部单位合计：1 份报告的数字均无法读取');
  });

  it('a unit whose report could not be read is 报告中该数字无法读取 in the tooltip, not 0 and not 无报告; names are escaped', () => {
    const o = buildTrendOption(
      [2023, 2024],
      [{ name: '<b>甲镇</b>', values: [null, 12], notes: ['报告中该数字无法读取', null] }],
      '条',
    ) as unknown as Tip;
    expect(o.tooltip.formatter(axisParams(o, 0))).toBe('2023<br>&lt;b&gt;甲镇&lt;/b&gt;：报告中该数字无法读取');
    expect(o.tooltip.formatter(axisParams(o, 1))).toBe('2024<br>&lt;b&gt;甲镇&lt;/b&gt;：12 条');
  });

  it('a category whose count is unknown is no bar and 未知 in the tooltip; the donut leaves it out', () => {
    const o = buildCategoryOption(['甲镇'], ['工作动态', '通知公告'], [[null, 4]]) as unknown as Tip;
    expect(o.series.map((s) => s.data)).toEqual([[null], [4]]);
    expect(o.tooltip.formatter(axisParams(o, 0))).toBe('甲镇<br>工作动态：未知（数字无法读取）<br>通知公告：4 条');
    const donut = buildDonutOption([
      { name: '工作动态', value: null, category: '工作动态' },
      { name: '通知公告', value: 4, category: '通知公告' },
    ]) as unknown as { series: { data: { name: string; value: number }[] }[] };
    expect(donut.series[0]?.data.map((d) => [d.name, d.value])).toEqual([['通知公告', 4]]);
  });
});
