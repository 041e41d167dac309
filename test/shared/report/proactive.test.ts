import { describe, expect, it } from 'vitest';
import { parseReport } from '../../../shared/report/index';
import { sampleText } from '../../helpers/samples';

/** 普威镇's report with its 一（一） paragraph replaced by the given prose. */
function reportWith(prose: string) {
  const text = sampleText('puwei').replace(/（一）主动公开情况。[^\n]*/, `（一）主动公开情况。${prose}`);
  if (!text.includes(prose)) throw new Error('prose not placed');
  return parseReport(text);
}

type Cat = [label: string, category: string, count: number | null];

interface Case {
  prose: string;
  total: number | null;
  categories?: Cat[];
  channels?: [string, number][];
  approx?: number | null;
  finding?: string;
}

const PHRASINGS: Record<string, Case> = {
  '主动发布各类政府信息 2428 条，公开政府常务会议 7 期，解读信息发布 7 条 (a real district report)': {
    prose: '2024 年，我区在政府网站平台主动发布各类政府信息 2428 条，公开政府常务会议 7 期，解读信息发布 7 条。',
    total: 2428,
  },
  '制作、获取政府信息总数 N 条，其中主动公开 M 条: M': {
    prose: '2024年，我镇制作、获取政府信息总数120条，其中主动公开86条，依申请公开34条。',
    total: 86,
  },
  '主动公开政府信息310条，…行政许可类信息3条。其他应主动公开的政府信息13条。 (the last category is no total)': {
    prose:
      '2024年，主动公开政府信息310条，重大建设项目类信息279条，规范性文件类信息15条，行政许可类信息3条。其他应主动公开的政府信息13条。',
    total: 310,
    categories: [
      ['重大建设项目类信息', '重点领域', 279],
      ['规范性文件类信息', '政策文件', 15],
      ['行政许可类信息', '其他', 3],
      ['其他应主动公开的政府信息', '其他', 13],
    ],
  },
  '主动公开信息 75 条，其中：工作动态信息 34 条…': {
    prose: '2024 年我乡主动公开信息 75 条，其中：工作动态信息 34 条，通知公告 8 条，图片展示信息 11 条，组织机构等信息 22 条。',
    total: 75,
    categories: [
      ['工作动态信息', '工作动态', 34],
      ['通知公告', '通知公告', 8],
      ['图片展示信息', '图片展示', 11],
      ['组织机构等信息', '机构职能', 22],
    ],
  },
  '主动公开各类政府信息 24 条，其中，工作动态 20 条': {
    prose:
      '截至 2024 年 12 月 31 日，草场镇在县政府信息公开网站平台主动公开各类政府信息 24 条，其中，工作动态 20 条，通知公告 4 条。',
    total: 24,
    categories: [
      ['工作动态', '工作动态', 20],
      ['通知公告', '通知公告', 4],
    ],
  },
  '主动公开信息 50条，\\n\\n其中工作动态 37条，涵盖了…；通知公告 13条，包括…': {
    prose:
      '2024年，丙谷镇通过米易县人民政府网主动公开信息 50条，\n\n其中工作动态 37条，涵盖了镇域内经济发展、民生保障等各个方面的工作进展情况；通知公告 13条，包括各类政\n\n策文件解读、项目招标公告等重要信息。',
    total: 50,
    categories: [
      ['工作动态', '工作动态', 37],
      ['通知公告', '通知公告', 13],
    ],
  },
  '主动公开政务信息 503 条 (no breakdown)': {
    prose: '通过政府门户网站、信息公开栏等渠道予以依法公开，2024 年小铺乡主动公开政务信息 503 条。',
    total: 503,
    categories: [],
  },
  'colon list with ASCII punctuation after 总数171条': {
    prose: '全年主动公开政府信息总数171条:基层政务公开领域信息124条,工作动态34条,通知公告13条。',
    total: 171,
    categories: [
      ['基层政务公开领域信息', '重点领域', 124],
      ['工作动态', '工作动态', 34],
      ['通知公告', '通知公告', 13],
    ],
  },
  共计127条: {
    prose: '2024年，我镇通过政府门户网站主动公开政府信息，共计127条。',
    total: 127,
    categories: [],
  },
  累计发布了111条信息: {
    prose: '2024年，我乡在县政府信息公开网站累计发布了111条信息。',
    total: 111,
    categories: [],
  },
  主动公开信息数为286条: {
    prose: '2024年，我镇主动公开信息数为286条。',
    total: 286,
    categories: [],
  },
  '（其中:乡镇动态11条,财政预算决算2条）': {
    prose: '2024年主动公开信息13条（其中:乡镇动态11条,财政预算决算2条）。',
    total: 13,
    categories: [
      ['乡镇动态', '工作动态', 11],
      ['财政预算决算', '财政资金', 2],
    ],
  },
  'semicolon list with percentages': {
    prose: '2024年主动公开政府信息90条,其中:工作动态60条,占比66.7%;通知公告29条,占比32.2%;政策文件1条,占比1.1%;',
    total: 90,
    categories: [
      ['工作动态', '工作动态', 60],
      ['通知公告', '通知公告', 29],
      ['政策文件', '政策文件', 1],
    ],
  },
  '工作动态栏目发布信息655条 as the only figure': {
    prose: '2024年，我镇在县政府信息公开网站工作动态栏目发布信息655条。',
    total: 655,
    categories: [['工作动态栏目', '工作动态', 655]],
  },
  '工作动态栏目发布信息655条 under a stated total': {
    prose: '全年主动公开政府信息700条，其中工作动态栏目发布信息655条，通知公告栏目发布信息45条。',
    total: 700,
    categories: [
      ['工作动态栏目', '工作动态', 655],
      ['通知公告栏目', '通知公告', 45],
    ],
  },
  'a total stated after its parts, by channel': {
    prose: '2024年通过网站14条,政务新媒体486条、全年总计更新主动公开信息500条。',
    total: 500,
    categories: [],
    channels: [
      ['网站', 14],
      ['政务新媒体', 486],
    ],
  },
  'category names containing 、': {
    prose: '2024年主动公开信息80条，其中政府领导、机构设置信息5条，工作动态60条，通知公告15条。',
    total: 80,
    categories: [
      ['政府领导、机构设置信息', '机构职能', 5],
      ['工作动态', '工作动态', 60],
      ['通知公告', '通知公告', 15],
    ],
  },
  'a breakdown by channel is not a category breakdown': {
    prose: '2024年主动公开信息120条，其中：网站40条，微信公众号60条，公告栏20条。',
    total: 120,
    categories: [],
    channels: [
      ['网站', 40],
      ['微信公众号', 60],
      ['公告栏', 20],
    ],
  },
  'a Chinese numeral': {
    prose: '2023年全年主动公开信息七十五条。',
    total: 75,
    categories: [],
  },
  'a number wrapped mid-number': {
    prose: '2023年主动公开信息 1\n23 条。',
    total: 123,
    categories: [],
  },
  'counts of other things beside the total (30余次, 10余个)': {
    prose: '2023年主动公开信息 50条。开展日常巡查 30余次、全面清查 2次，发现并整改问题 10余个。',
    total: 50,
    categories: [],
  },
};

const NO_NUMBER: Record<string, Case> = {
  '100余条': {
    prose: '2023年主动公开信息100余条，其中工作动态60条。',
    total: null,
    approx: 100,
    finding: 'proactive.approximate',
  },
  '755多条': { prose: '全年主动公开政府信息755多条。', total: null, approx: 755, finding: 'proactive.approximate' },
  约500条: { prose: '全年主动公开信息约500条。', total: null, approx: 500, finding: 'proactive.approximate' },
  四十余条: { prose: '全年主动公开信息四十余条。', total: null, approx: 40, finding: 'proactive.approximate' },
  '**条': { prose: '2023年主动公开信息**条，其中工作动态**条。', total: null, approx: null, finding: 'proactive.masked' },
  'no figure at all': { prose: '我镇认真做好主动公开工作。', total: null, finding: 'proactive.missing' },
};

describe('the proactive total, however it is phrased', () => {
  it.each(Object.entries(PHRASINGS))('%s', (_, c) => {
    const report = reportWith(c.prose);
    expect(report.proactive.total).toBe(c.total);
    if (c.categories) expect(report.proactive.categories.map((x) => [x.label, x.category, x.count])).toEqual(c.categories);
    expect(report.proactive.channels.map((x) => [x.label, x.count])).toEqual(c.channels ?? []);
    expect(report.findings.filter((f) => f.code.startsWith('proactive.') && f.severity === 'error')).toEqual([]);
  });
});

describe('a proactive figure that is not a number gives none', () => {
  it.each(Object.entries(NO_NUMBER))('%s', (_, c) => {
    const report = reportWith(c.prose);
    expect(report.proactive.total).toBeNull();
    if ('approx' in c) expect(report.proactive.approx).toBe(c.approx);
    const finding = report.findings.find((f) => f.code === c.finding);
    expect(finding?.severity).toBe('error');
    expect(finding?.field).toBe('proactive.total');
  });

  it('does not count an approximate category as a number', () => {
    const report = reportWith('2023年主动公开信息100条，其中工作动态60余条，通知公告40条。');
    expect(report.proactive.total).toBe(100);
    expect(report.proactive.categories.map((x) => x.count)).toEqual([null, 40]);
    expect(report.findings.map((f) => f.code)).toContain('proactive.categoryUnreadable');
  });
});

describe('two different totals', () => {
  it('keeps the first and warns', () => {
    const report = reportWith('2023年主动公开信息94条，其中工作动态67条。全年累计发布信息96条。');
    expect(report.proactive.total).toBe(94);
    expect(report.findings.find((f) => f.code === 'proactive.ambiguous')?.severity).toBe('warning');
  });
  it('takes neither when the passage offers two readings as strong as each other, and says so', () => {
    const report = reportWith('全年主动公开政府信息120条。另据统计，全年共主动公开政府信息150条。');
    expect(report.proactive.total).toBeNull();
    const finding = report.findings.find((f) => f.code === 'proactive.ambiguous');
    expect([finding?.severity, finding?.message]).toEqual([
      'error',
      '主动公开总数有两种读法（120 条与 150 条），无法确定，未采用，请对照原件填写',
    ]);
  });
  it('says nothing when the total is repeated', () => {
    const report = reportWith('2023年主动公开信息94条，其中工作动态94条。全年累计发布信息94条。');
    expect(report.findings.map((f) => f.code)).not.toContain('proactive.ambiguous');
  });
});
