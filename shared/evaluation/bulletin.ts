import type { Bulletin, Evaluation } from '../schemas/evaluation';
import { UNIT_GROUP_KEYS, UNIT_GROUPS } from '../unit-groups';

/** The 通报 as words and a table, from which the Word file and the on-screen preview are both made. */
export type BulletinModel = Bulletin;
type BulletinBlock = Bulletin['blocks'][number];

const CN_NUM = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const list = (names: readonly string[]) => names.join('、');
const dateCn = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

/**
 * The skeleton real 通报 follow: scope → totals, naming the earliest and the latest → problems by
 * type, naming the units → demands → 附表 of every unit's figures, score and rank. 文号 and date
 * are placeholders unless given.
 */
export function bulletinModel(e: Evaluation, opts: { docNumber?: string; issuedOn?: string } = {}): BulletinModel {
  const s = e.summary;
  const blocks: BulletinBlock[] = [];
  const p = (text: string) => blocks.push({ kind: 'paragraph', text });
  const h = (text: string) => blocks.push({ kind: 'heading', text });
  p(
    `根据《中华人民共和国政府信息公开条例》第四十九条、第五十条规定，各行政机关应当在每年1月31日前向社会公布本机关上一年度政府信息公开工作年度报告。` +
      `近期，我们对全县${s.required}家应报单位${e.year}年度政府信息公开工作年度报告的发布情况进行了检查，并按考核细则逐项评分。现将有关情况通报如下。`,
  );
  h('一、总体情况');
  // “by the deadline” counts the reports dated on or before it; a report published later is late,
  // one whose date could not be read is neither, and each is said separately
  let totals =
    `截至${dateCn(e.deadline)}（报告发布截止日期），全县应报单位${s.required}家，按时发布年度报告${s.onTime.length}家` +
    (s.late.length > 0 ? `；截止日期后逾期发布${s.late.length}家` : '') +
    (s.undated.length > 0 ? `；已发布但发布日期无法确定${s.undated.length}家（${list(s.undated)}）` : '') +
    `；至今未发布${s.missing.length}家。`;
  totals +=
    s.proactiveUnknown.length === 0
      ? `已发布报告共主动公开政府信息${s.proactiveSum}条。`
      : s.proactiveUnknown.length < s.reported
        ? `可读取数字的${s.reported - s.proactiveUnknown.length}家报告共主动公开政府信息${s.proactiveSum}条（${list(s.proactiveUnknown)}的主动公开总数无法读取，未计入）。`
        : '已发布报告的主动公开总数均无法读取，未作合计。';
  if (s.averageScore !== null) totals += `各单位平均得分${s.averageScore}分。`;
  p(totals);
  if (s.reported > 0) {
    const open = s.reviewed.total - s.reviewed.checked;
    p(
      `已发布的报告中，${s.reviewed.checked}家报告的数字已与原件逐项核对` +
        (open > 0 ? `；其余${open}家有尚未核对的数字（空白、检查不通过或扫描识别），以下数字以核对结果为准。` : '。'),
    );
  }
  // each kind of unit is ranked on its own: the best of each kind is named with its kind
  const kinds = UNIT_GROUP_KEYS.filter((g) => e.rows.some((r) => r.group === g));
  const named: string[] = [];
  for (const g of kinds) {
    const top = e.rows.filter((r) => r.group === g && r.rank === 1 && r.reportId !== null);
    if (top.length === 0) continue;
    const who = list(top.map((r) => r.organization.name));
    named.push(`${kinds.length > 1 ? `${UNIT_GROUPS[g]}中` : ''}${who}得分最高（${top[0]?.score}分）`);
  }
  const first = e.rows.find((r) => s.earliest.includes(r.organization.name));
  if (first?.publishedOn) named.push(`${list(s.earliest)}发布最早（${dateCn(first.publishedOn)}）`);
  const last = e.rows.find((r) => s.latest.includes(r.organization.name));
  if (last?.publishedOn) named.push(`${list(s.latest)}发布最晚（${dateCn(last.publishedOn)}）`);
  if (named.length > 0) p(`${named.join('；')}。`);
  blocks.push({ kind: 'chart', text: `${e.county}${e.year}年度政府信息公开工作年度报告考核得分排名` });

  h('二、存在的问题');
  const problems = e.rubric.items
    .filter((i) => i.enabled)
    .map((item) => ({ item, rows: e.rows.filter((r) => r.deductions.some((d) => d.itemId === item.id)) }))
    .filter((x) => x.rows.length > 0);
  if (problems.length === 0) p('本次检查未发现需要扣分的问题。');
  problems.forEach(({ item, rows }, i) => {
    p(`（${CN_NUM[i] ?? i + 1}）${item.label}。${list(rows.map((r) => r.organization.name))}，共${rows.length}家。`);
  });

  h('三、工作要求');
  p(
    '（一）存在问题的单位要对照本通报逐项整改，于收到通报之日起15个工作日内完成年度报告的补发或修订，并将整改情况报县政务公开办公室。',
  );
  p('（二）各单位要建立年度报告发布前的审核和复核机制，严格按照国务院办公厅规定的格式要素编制报告，确保数据准确、前后一致。');
  p(`（三）本次检查结果将纳入${e.year + 1}年度政务公开工作考核。`);

  // the annex ranks each kind apart; with more than one kind, a column says the kind
  const mixed = kinds.length > 1;
  const rows = e.rows.map((r) => [
    String(r.rank),
    ...(mixed ? [UNIT_GROUPS[r.group]] : []),
    r.organization.name,
    r.reportId === null ? '未发布' : (r.publishedOn ?? '未注明'),
    r.proactiveTotal === null ? (r.reportId === null ? '—' : '无法读取') : String(r.proactiveTotal),
    r.deductions.map((d) => `${d.label}（−${d.points}）`).join('；') || '无',
    String(r.score),
  ]);
  return {
    docNumber: opts.docNumber?.trim() || '〔    〕号',
    title: `关于${e.county}${e.year}年度政府信息公开工作年度报告发布情况的通报`,
    recipients: '各乡（镇）人民政府、街道办事处，县级各部门：',
    blocks,
    signature: `${e.county}人民政府办公室`,
    issuedOn: opts.issuedOn?.trim() || `${e.year + 1}年  月  日`,
    table: {
      title: `附表：${e.county}${e.year}年度政府信息公开工作年度报告考核得分表`,
      headers: ['排名', ...(mixed ? ['类别（分别排名）'] : []), '单位', '发布日期', '主动公开（条）', '扣分项', '得分'],
      rows,
    },
  };
}
