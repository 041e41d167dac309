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

/** Text for a tooltip, which ECharts renders as HTML: report text (unit names) is escaped. */
const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** An unknown figure as the office reads it: 未知 or a reason, never 0. */
const shown = (v: unknown, unit: string, unknown = '未知'): string =>
  typeof v === 'number' ? `${v}${unit ? ` ${unit}` : ''}` : unknown;

interface AxisParam {
  marker?: string;
  seriesName?: string;
  value?: unknown;
  data?: unknown;
  axisValueLabel?: string;
  dataIndex: number;
}
const noteOf = (d: unknown): string | undefined =>
  d !== null && typeof d === 'object' && 'note' in d ? String((d as { note: unknown }).note) : undefined;
const pointValue = (d: unknown): unknown =>
  d !== null && typeof d === 'object' && 'value' in d ? (d as { value: unknown }).value : d;

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
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      // a count the report gave but could not be read is 未知, never a 0-high bar
      formatter: (ps: AxisParam[]) =>
        [
          esc(ps[0]?.axisValueLabel ?? ''),
          ...ps.map(
            (q) => `${q.marker ?? ''}${esc(q.seriesName ?? '')}：${shown(pointValue(q.data), '条', '未知（数字无法读取）')}`,
          ),
        ].join('<br>'),
    },
    xAxis: { type: 'category', data: towns, axisLabel: { interval: 0, rotate: towns.length > 8 ? 30 : 0 } },
    yAxis: { type: 'value', name: '条' },
    series: categories.map((c, i) => ({
      ...STILL,
      name: c,
      type: 'bar',
      stack: 'all',
      itemStyle: { color: categoryColor(c) },
      // null: unknown (no bar); a category the report does not list comes as 0 from the caller
      data: values.map((row) => row[i] ?? null),
    })),
  };
}

/** One line per series across the years; a total, when given, on its own axis on the right. */
export function buildTrendOption(
  years: number[],
  series: { name: string; values: (number | null)[]; notes?: (string | null)[] }[],
  unit: string,
  opts: { yearNotes?: string[] } = {},
): ChartOption {
  // one scale for every line (a second axis would let lines of different scales cross); a year
  // with no value is a gap in its line, never a 0. A point's note says why it is unknown (无报告,
  // 数字无法读取) or what it adds up (5 份报告).
  const lines = series.map((s) => ({
    ...STILL,
    name: s.name,
    type: 'line',
    data: s.values.map((v, i) => (s.notes?.[i] ? { value: v, note: s.notes[i] } : v)),
    connectNulls: false,
    label: { show: series.length <= 2, position: 'top' },
  }));
  const line = (q: AxisParam) => {
    const v = pointValue(q.data);
    const note = noteOf(q.data);
    const text = typeof v === 'number' ? `${shown(v, unit)}${note ? `（${note}）` : ''}` : (note ?? '无报告');
    return `${q.marker ?? ''}${esc(q.seriesName ?? '')}：${esc(text)}`;
  };
  return {
    textStyle: FONT,
    legend: { top: 0, type: 'scroll' },
    grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      formatter: (ps: AxisParam[]) => [esc(ps[0]?.axisValueLabel ?? ''), ...ps.map(line)].join('<br>'),
    },
    xAxis: {
      type: 'category',
      data: years.map((y, i) => (opts.yearNotes?.[i] ? `${y}\n${opts.yearNotes[i]}` : String(y))),
    },
    yAxis: { type: 'value', name: unit },
    series: lines,
  };
}

/**
 * A metric's yearly sum over every unit in scope, with how many reports each point adds up (on the
 * axis and in the tooltip), beside the 同口径 line: the same units every year, so a year with more
 * reports does not read as growth.
 */
export function buildTotalTrendOption(
  total: { year: number; value: number | null; reports: number; unreadable: number; comparable: number | null }[],
  comparableUnits: number,
  unit: string,
): ChartOption {
  const note = (t: (typeof total)[number]) =>
    t.reports === 0
      ? '无报告'
      : t.value === null
        ? `${t.reports} 份报告的数字均无法读取`
        : `${t.reports} 份报告${t.unreadable > 0 ? `，其中 ${t.unreadable} 份无法读取、未计入` : ''}`;
  const series = [{ name: '全部单位合计', values: total.map((t) => t.value), notes: total.map(note) }];
  if (comparableUnits > 0)
    series.push({
      name: `同口径（${comparableUnits} 个单位）`,
      values: total.map((t) => t.comparable),
      notes: total.map((t) => (t.reports === 0 ? '无报告' : `各年都有可读取数字的 ${comparableUnits} 个单位`)),
    });
  return buildTrendOption(
    total.map((t) => t.year),
    series,
    unit,
    { yearNotes: total.map((t) => `${t.reports}份`) },
  );
}

/** A town's categories as a ring. */
export function buildDonutOption(items: { name: string; value: number | null; category: string }[]): ChartOption {
  // a share needs a count: an unknown one (100余条, unreadable) is no slice; the page names it beside the ring
  const known = items.filter((i) => i.value !== null);
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
        data: known.map((i) => ({ name: i.name, value: i.value, itemStyle: { color: categoryColor(i.category) } })),
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
