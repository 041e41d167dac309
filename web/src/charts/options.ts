import { CANONICAL_CATEGORIES } from '../../../shared/report/categories';
import type { ChartOption } from './echarts';

export interface RankingPoint {
  name: string;
  value: number;
  id: number;
}

const FONT = { fontFamily: '"Noto Sans CJK SC", "Microsoft YaHei", sans-serif' };

/** One colour per canonical category, the same on every chart and in every year (never by position). */
const CATEGORY_PALETTE = [
  '#4e6fd9',
  '#a0c948',
  '#52597a',
  '#f39a4c',
  '#5ab1ef',
  '#d87a80',
  '#8d6fd1',
  '#3fb1a3',
  '#e5cf0d',
  '#97b552',
  '#95706d',
];
export const categoryColor = (category: string): string =>
  CATEGORY_PALETTE[(CANONICAL_CATEGORIES as readonly string[]).indexOf(category)] ?? '#b0b7c3';

/** Series that open nothing when clicked show no pointer (only the ranking's bars open a town). */
const STILL = { cursor: 'default' } as const;

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
    series: categories.map((c, i) => ({
      ...STILL,
      name: c,
      type: 'bar',
      stack: 'all',
      itemStyle: { color: categoryColor(c) },
      data: values.map((row) => row[i] ?? 0),
    })),
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
    ...STILL,
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
export function buildDonutOption(items: { name: string; value: number; category: string }[]): ChartOption {
  return {
    textStyle: FONT,
    tooltip: { trigger: 'item', formatter: '{b}：{c} 条（{d}%）' },
    // the legend to the right of the ring, one line each, so labels and legend never overlap
    legend: { orient: 'vertical', right: 0, top: 'middle', type: 'scroll' },
    series: [
      {
        ...STILL,
        type: 'pie',
        center: ['35%', '50%'],
        radius: ['40%', '65%'],
        label: { formatter: '{c}' },
        data: items.map((i) => ({ name: i.name, value: i.value, itemStyle: { color: categoryColor(i.category) } })),
      },
    ],
  };
}

/** Towns × years, coloured by the metric. */
export function buildHeatmapOption(towns: string[], years: number[], cells: [number, number, number | null][]): ChartOption {
  const values = cells.map((c) => c[2]).filter((v): v is number => v !== null);
  return {
    textStyle: FONT,
    tooltip: { position: 'top' },
    // the colour scale stands to the right of the cells, clear of the year labels
    grid: { left: 8, right: 96, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: years.map(String) },
    yAxis: { type: 'category', data: towns },
    visualMap: {
      min: Math.min(0, ...values),
      max: Math.max(1, ...values),
      orient: 'vertical',
      right: 8,
      top: 'middle',
      itemHeight: 100,
      calculable: true,
    },
    series: [{ ...STILL, type: 'heatmap', data: cells.map(([x, y, v]) => [x, y, v ?? '-']), label: { show: true } }],
  };
}
