/**
 * Canonical proactive-disclosure categories, so towns that word their columns differently can be
 * compared. Defined once; the first rule whose pattern matches the label wins.
 */
export const CANONICAL_CATEGORIES = [
  '工作动态',
  '通知公告',
  '图片展示',
  '政策文件',
  '政策解读',
  '机构职能',
  '财政资金',
  '规划计划',
  '人事信息',
  '重点领域',
  '其他',
] as const;

export type CanonicalCategory = (typeof CANONICAL_CATEGORIES)[number];

const RULES: readonly [RegExp, CanonicalCategory][] = [
  [/解读/, '政策解读'],
  [/动态|要闻|新闻|简讯|工作信息/, '工作动态'],
  [/通知|公告|公示/, '通知公告'],
  [/图片|视频|影像/, '图片展示'],
  [/政策|文件|法规|规章/, '政策文件'],
  [/机构|职能|领导|联系方式|组织/, '机构职能'],
  [/财政|预算|决算|资金|三公|补贴|惠民|收费/, '财政资金'],
  [/规划|计划|总结/, '规划计划'],
  [/人事|任免|招聘|招考|录用/, '人事信息'],
  [
    /领域|乡村振兴|脱贫|应急|安全生产|救助|教育|医疗|卫生|环境|生态|征收|就业|社保|养老|扶贫|农业|民生|建设项目|公共资源|国土|城乡建设|食品药品|产品质量/,
    '重点领域',
  ],
];

export function canonicalCategory(label: string): CanonicalCategory {
  for (const [re, cat] of RULES) if (re.test(label)) return cat;
  return '其他';
}

/** Publication channels: a breakdown by these is not a breakdown by category. */
export const CHANNEL_PATTERN =
  /网站|门户|网页|微信|公众号|微博|公告栏|公示栏|宣传栏|公开栏|新媒体|抖音|视频号|头条|客户端|APP|显示屏|LED|电子屏|广播|报刊|平台$/i;

const PHYSICAL_CHANNEL = /(?:公告|公示|宣传|公开)栏(?!目)|显示屏|电子屏/;

export function isChannel(label: string): boolean {
  if (PHYSICAL_CHANNEL.test(label)) return true;
  return CHANNEL_PATTERN.test(label) && canonicalCategory(stripChannel(label)) === '其他';
}

/** `在县政府网站工作动态栏目` → `工作动态栏目`: drops where the information was published (网络, 网格 are words, not a site). */
export function stripChannel(label: string): string {
  const m = /^(?:在|通过|于|经)?.*?(?:网站|门户网|网(?![络格点民])|平台|公众号|客户端)(?:上)?(?=[^，,]{2,}$)/.exec(label);
  return m ? label.slice(m[0].length) : label;
}

/**
 * A report's categories as one line, the way the rankings page and its Excel export show them:
 * 工作动态 20、通知公告 4 (an unreadable count as ？, never as 0).
 */
export function categoriesText(categories: Record<string, number | null>): string {
  return Object.entries(categories)
    .map(([c, n]) => `${c} ${n ?? '？'}`)
    .join('、');
}
