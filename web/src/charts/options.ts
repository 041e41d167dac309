import type { ChartOption } from './echarts';

export interface RankingPoint {
  name: string;
  value: number;
  id: number;
}

const FONT = { fontFamily: '"Noto Sans CJK SC", "Microsoft YaHei", sans-serif' };

/** A horizontal bar per town, largest on top; with many towns, a zoom keeps it readable. */
export function buildRankingOption(points: RankingPoint[], unit: string): ChartOption {
  const rows = [...points].reverse();
  const many = rows.length > 30;
  return {
    textStyle: FONT,
    grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', name: unit },
    yAxis: { type: 'category', data: rows.map((p) => p.name) },
    dataZoom: many ? [{ type: 'slider', yAxisIndex: 0, start: 100 - (30 / rows.length) * 100, end: 100 }] : [],
    series: [
      {
        type: 'bar',
        data: rows.map((p) => ({ value: p.value, id: p.id })),
        label: { show: true, position: 'right' },
        itemStyle: { color: '#2f6fba' },
      },
    ],
  };
}

/** Canonical categories stacked per town. */
export function buildCategoryOption(towns: string[], categories: string[], values: (string | number | null)[][]): ChartOption {
  return {
    textStyle: FONT,
    legend: { top: 0, type: 'scroll' },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'category', data: towns, axisLabel: { interval: 0, rotate: towns.length > 8 ? 30 : 0 } },
    yAxis: { type: 'value', name: '条' },
    series: categories.map((c, i) => ({ name: c, type: 'bar', stack: 'all', data: values.map((row) => row[i] ?? 0) })),
  };
}

/** One line per series across the years; a total, when given, on its own axis on the right. */
export function buildTrendOption(
  years: number[],
  series: { name: string; values: (number | null)[] }[],
  unit: string,
): ChartOption {
  // one scale for every line (a second axis would let lines of different scales cross); a year
  // with no value is a gap in its line, never a 0
  const lines = series.map((s) => ({
    name: s.name,
    type: 'line',
    data: s.values,
    connectNulls: false,
    label: { show: series.length === 1, position: 'top' },
  }));
  return {
    textStyle: FONT,
    legend: { top: 0, type: 'scroll' },
    grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v: unknown) => (v === null || v === undefined || v === '-' ? '无报告' : String(v)),
    },
    xAxis: { type: 'category', data: years.map(String) },
    yAxis: { type: 'value', name: unit },
    series: lines,
  };
}

/** A town's categories as a ring. */
export function buildDonutOption(items: { name: string; value: number }[]): ChartOption {
  return {
    textStyle: FONT,
    tooltip: { trigger: 'item', formatter: '{b}：{c} 条（{d}%）' },
    legend: { bottom: 0, type: 'scroll' },
    series: [{ type: 'pie', radius: ['45%', '70%'], label: { formatter: '{b}\n{c}' }, data: items }],
  };
}

/** Towns × years, coloured by the metric. */
export function buildHeatmapOption(towns: string[], years: number[], cells: [number, number, number | null][]): ChartOption {
  const values = cells.map((c) => c[2]).filter((v): v is number => v !== null);
  return {
    textStyle: FONT,
    tooltip: { position: 'top' },
    grid: { left: 8, right: 8, top: 8, bottom: 48, containLabel: true },
    xAxis: { type: 'category', data: years.map(String) },
    yAxis: { type: 'category', data: towns },
    visualMap: {
      min: Math.min(0, ...values),
      max: Math.max(1, ...values),
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      calculable: true,
    },
    series: [{ type: 'heatmap', data: cells.map(([x, y, v]) => [x, y, v ?? '-']), label: { show: true } }],
  };
}
