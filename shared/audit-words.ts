/**
 * An audit line's details as the office reads them: `数字：主动公开政府信息总数；原值：7；新值：9；理由：…`,
 * never `field: proactive.total；old: 7`. Keys not listed are left out rather than shown as code.
 */
import { fieldLabel } from './report/fields';
import { roleLabel } from './roles';
import { UNIT_GROUPS, type UnitGroup } from './unit-groups';

const STATUS: Record<string, string> = {
  imported: '已导入',
  replaced: '已替换旧版本',
  unchanged: '与已有版本相同',
  failed: '失败',
  needsUnit: '待指定单位',
  pending: '待确认',
};

type Shown = (v: unknown, d: Record<string, unknown>) => string | null;
const plain: Shown = (v) => (v === null || v === undefined || v === '' ? null : String(v));
const yesNo: Shown = (v) => (v === true ? '是' : v === false ? '否' : null);
const role: Shown = (v) => (typeof v === 'string' ? roleLabel(v) : null);

/** Each known key: its words and how its value is shown (null: not shown). */
const KEYS: Record<string, [string, Shown]> = {
  label: ['数字', plain],
  field: ['数字', (v, d) => (typeof d.label === 'string' ? null : typeof v === 'string' ? fieldLabel(v) : null)],
  old: ['原值', (v) => (v === null ? '空白（无法读取）' : plain(v, {}))],
  new: ['新值', plain],
  value: ['核对的数值', (v) => (v === null ? '空白' : plain(v, {}))],
  reason: ['理由', plain],
  role: ['角色', role],
  previousRole: ['原角色', role],
  passwordChanged: ['重设密码', yesNo],
  status: ['结果', (v) => (typeof v === 'string' ? (STATUS[v] ?? v) : null)],
  organization: ['单位', plain],
  year: ['年度', plain],
  county: ['县', plain],
  file: ['文件', plain],
  to: ['改为', plain],
  previous: ['原来', plain],
  fromName: ['并入的单位', plain],
  reportsMoved: ['转入报告', (v) => (typeof v === 'number' ? `${v} 份` : null)],
  failures: ['连续密码错误', (v) => (typeof v === 'number' ? `${v} 次` : null)],
  imported: ['导入', (v) => (typeof v === 'number' ? `${v} 份` : null)],
  unchanged: ['未变化', (v) => (typeof v === 'number' ? `${v} 份` : null)],
  failed: ['失败', (v) => (typeof v === 'number' ? `${v} 份` : null)],
  added: ['添加', yesNo],
  deleted: ['删除', yesNo],
  cancelled: ['已取消', yesNo],
  figuresChanged: ['变化的数字', (v) => (typeof v === 'number' ? `${v} 个` : null)],
  carried: ['沿用的更正', (v) => (typeof v === 'number' ? `${v} 处` : null)],
  toReview: ['待核对的更正', (v) => (typeof v === 'number' ? `${v} 处` : null)],
  group: ['单位类别', (v) => (typeof v === 'string' ? (UNIT_GROUPS[v as UnitGroup] ?? (v === 'all' ? '全部类别' : v)) : null)],
  metric: ['指标', plain],
  by: ['来源', (v) => (v === 'report' ? '报告中写明' : plain(v, {}))],
};

/** The details of an audit line in the office's words, `；`-separated. */
export function auditDetailText(detail: Record<string, unknown> | null): string {
  if (!detail) return '';
  const parts: string[] = [];
  for (const [key, value] of Object.entries(detail)) {
    const known = KEYS[key];
    if (!known) continue;
    const shown = known[1](value, detail);
    if (shown !== null) parts.push(`${known[0]}：${shown}`);
  }
  return parts.join('；');
}
