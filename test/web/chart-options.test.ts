import { describe, expect, it } from 'vitest';
import { buildCategoryOption, buildHeatmapOption, buildTrendOption, categoryColor } from '../../web/src/charts/options';

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
});
