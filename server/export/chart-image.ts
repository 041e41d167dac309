import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import type { ScoreRow } from '../../shared/schemas/index';
import { UNIT_GROUPS } from '../../shared/unit-groups';

/**
 * The score ranking as a PNG for the 通报: drawn by ECharts on the server (SVG, no DOM) and
 * rasterised by resvg with the machine's fonts (fonts-noto-cjk on Debian, for the unit names).
 */
export function rankingChartPng(rows: readonly ScoreRow[], title: string): Buffer {
  const shown = [...rows].reverse(); // ECharts draws a category axis bottom-up: rank 1 on top
  const mixed = new Set(rows.map((r) => r.group)).size > 1;
  const height = Math.max(240, 60 + shown.length * 28);
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 800, height });
  try {
    chart.setOption({
      animation: false,
      backgroundColor: '#ffffff',
      title: { text: title, left: 'center', textStyle: { fontSize: 15, fontFamily: 'Noto Sans CJK SC, sans-serif' } },
      textStyle: { fontFamily: 'Noto Sans CJK SC, sans-serif' },
      grid: { left: 150, right: 60, top: 44, bottom: 24 },
      xAxis: { type: 'value', min: 0, max: (v: { max: number }) => Math.max(v.max, 100) },
      // with more than one kind of unit, each is ranked within its kind and says so: 1. 某局（县直部门）
      yAxis: {
        type: 'category',
        data: shown.map((r) => `${r.rank}. ${r.organization.name}${mixed ? `（${UNIT_GROUPS[r.group]}）` : ''}`),
      },
      series: [
        {
          type: 'bar',
          data: shown.map((r) => ({
            value: r.score,
            itemStyle: { color: r.reportId === null ? '#c0c4cc' : r.deductions.length > 0 ? '#e6a23c' : '#409eff' },
          })),
          label: { show: true, position: 'right', formatter: '{c}' },
          barMaxWidth: 18,
        },
      ],
    });
    const svg = chart.renderToSVGString();
    return new Resvg(svg, {
      font: { loadSystemFonts: true, defaultFontFamily: 'Noto Sans CJK SC' },
      fitTo: { mode: 'zoom', value: 2 },
    })
      .render()
      .asPng();
  } finally {
    chart.dispose();
  }
}
