import { sampleText } from './samples';

/**
 * 汉源县 2023 with three reports made from 草场镇's (by hand), for 待核对 (issue 28):
 *   青石镇 — as published: nothing to check;
 *   白马镇 — its total printed `** 条`: the figure that ranks it cannot be read;
 *   金山镇 — 表三 一、本年新收 says 2 (natural persons, total) while its outcomes say 0: the identity fails.
 */
export function reviewCountyReports(): Record<'青石镇' | '白马镇' | '金山镇', string> {
  const base = sampleText('caochang')
    .replace(/米易县/g, '汉源县')
    .replace(/2024/g, '2023')
    .replace(/2025/g, '2024');
  return {
    青石镇: base.replace(/草场镇/g, '青石镇'),
    白马镇: base.replace(/草场镇/g, '白马镇').replace('主动公开各类政府信息 24 条', '主动公开各类政府信息 ** 条'),
    金山镇: base.replace(/草场镇/g, '金山镇').replace(/(一、本年新收政府信息公开申请数量\t\t)0(\t0\t0\t0\t0\t0\t)0/, '$12$22'),
  };
}
