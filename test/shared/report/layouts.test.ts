import { describe, expect, it } from 'vitest';
import { parseReport } from '../../../shared/report/index';
import { fixtureText, sampleText } from '../../helpers/samples';

// One example per layout class of real reports (docs/real-report-layouts.md), written by hand for
// these tests: the towns are made up, the counties are real. Each asserts what a careful clerk
// reads in it.

/** A short opening: the given lines, then a bare section 二 so the text ends where tables start. */
function opening(...lines: string[]) {
  return parseReport([...lines, '二、主动公开政府信息情况', '第二十条第（一）项'].join('\n'));
}

describe('a real report is read even when it barely looks like one', () => {
  it('a web page flattened to one line, headings inline', () => {
    const r = parseReport(
      '根据《中华人民共和国政府信息公开条例》规定，现发布本报告。 一、总体情况 2023年，汉源县青石镇主动公开政府信息86条，其中工作动态60条，通知公告26条。 二、主动公开政府信息情况 第二十条第（一）项',
    );
    expect(r.findings.map((f) => f.code)).not.toContain('document.notReport');
    expect([r.org.name, r.org.county, r.year, r.proactive.total]).toEqual(['青石镇', '汉源县', 2023, 86]);
    expect(r.proactive.categories.map((c) => [c.label, c.count])).toEqual([
      ['工作动态', 60],
      ['通知公告', 26],
    ]);
  });

  it('an opening with one heading (一、工作基本情况)', () => {
    const r = parseReport('通江县水利局2022年政府信息公开工作年度报告\n一、工作基本情况\n2022年，我局主动公开信息12条。');
    expect(r.findings.map((f) => f.code)).not.toContain('document.notReport');
    expect([r.org.name, r.org.county, r.org.kind, r.proactive.total]).toEqual(['通江县水利局', '通江县', '部门', 12]);
  });
});

describe('the organisation, wherever the text names it', () => {
  it.each([
    [
      '现发布《XX》 in the first sentence',
      ['现发布《仪陇县马鞍镇2022年政府信息公开工作年度报告》。', '一、总体情况'],
      '马鞍镇',
      '仪陇县',
    ],
    [
      '特编制 … 年度报告',
      ['根据条例要求，特编制汉源县河西乡2024年政府信息公开工作年度报告。', '一、总体情况'],
      '河西乡',
      '汉源县',
    ],
    [
      '由XX区人民政府XX街道办事处办公室根据…编制',
      ['本报告由顺庆区人民政府北城街道办事处办公室根据条例编制。', '一、总体情况'],
      '北城街道',
      '顺庆区',
    ],
    [
      'XX县教育体育局现向社会公开',
      ['岳池县教育体育局现向社会公开2023年度政府信息公开工作年度报告。', '一、总体情况'],
      '岳池县教育体育局',
      '岳池县',
    ],
    [
      'a contact line',
      ['一、总体情况', '如对本报告有疑问，请与汉源县河西乡人民政府联系（电话：0835-4200000）。'],
      '河西乡',
      '汉源县',
    ],
    ['page metadata', ['发布机构：通江县沙溪镇人民政府    发布日期：2024-01-20', '一、总体情况'], '沙溪镇', '通江县'],
    [
      'a title split over two lines',
      ['仪陇县新政镇人民政府', '2023年政府信息公开工作年度报告', '一、总体情况'],
      '新政镇',
      '仪陇县',
    ],
    ['a 苏木', ['科尔沁左翼后旗查日苏木2023年政府信息公开工作年度报告', '一、总体情况'], '查日苏木', '科尔沁左翼后旗'],
    ['a 街 (Guangzhou)', ['越秀区北京街2023年政府信息公开工作年度报告', '一、总体情况'], '北京街', '越秀区'],
    ['a title 关于…的报告', ['关于汉源县河西乡2023年政府信息公开工作的年度报告', '一、总体情况'], '河西乡', '汉源县'],
    [
      'a title XX人民政府关于…',
      ['汉源县河西乡人民政府关于2023年度政府信息公开工作情况的报告', '一、总体情况'],
      '河西乡',
      '汉源县',
    ],
  ])('%s', (_, lines, name, county) => {
    const r = opening(...lines);
    expect([r.org.name, r.org.county]).toEqual([name, county]);
  });

  it('a platform named after a town is not the author', () => {
    const r = opening(
      '仪陇县马鞍镇2023年政府信息公开工作年度报告',
      '一、总体情况',
      '我镇通过新政镇人民政府信息公开平台主动公开信息50条。',
    );
    expect(r.org.name).toBe('马鞍镇');
    const bare = opening('一、总体情况', '2023年，我镇通过新政镇人民政府信息公开平台主动公开信息50条。');
    expect(bare.org.name).toBeNull();
  });

  it("a county government's office that compiles the county's report stands for the county", () => {
    const r = opening('本报告由通江县人民政府办公室编制。', '一、总体情况', '2023年，通江县认真贯彻条例。');
    expect([r.org.name, r.org.kind]).toEqual(['通江县', '县政府']);
    const office = opening('本报告由通江县人民政府办公室编制。', '一、总体情况', '本年度我办主动公开政府信息35条。');
    expect([office.org.name, office.org.kind]).toEqual(['通江县人民政府办公室', '部门']);
  });
});

describe('the county, as the text writes it', () => {
  it.each([
    ['a county-level city (XX市XX乡)', ['西昌市月华乡2023年政府信息公开工作年度报告'], '月华乡', '西昌市'],
    [
      'a district under a prefecture (XX市XX区XX街道)',
      ['南充市顺庆区北城街道2023年政府信息公开工作年度报告'],
      '北城街道',
      '顺庆区',
    ],
    ['an autonomous county written short', ['木里县博窝乡2023年政府信息公开工作年度报告'], '博窝乡', '木里县'],
    [
      'an autonomous county written short and in full: the full name',
      ['木里县博窝乡2023年政府信息公开工作年度报告', '一、总体情况', '2023年，木里藏族自治县博窝乡认真贯彻条例。'],
      '博窝乡',
      '木里藏族自治县',
    ],
    ['a banner (旗) in its short form', ['鄂温克旗巴彦托海镇2023年政府信息公开工作年度报告'], '巴彦托海镇', '鄂温克旗'],
    ['a county government is its own county', ['通江县人民政府2023年政府信息公开工作年度报告'], '通江县', '通江县'],
  ])('%s', (_, lines, name, county) => {
    const r = opening(...lines, '一、总体情况');
    expect([r.org.name, r.org.county]).toEqual([name, county]);
  });

  it('a prefecture in a list of levels is not the county (山西省、吕梁市、汾阳市)', () => {
    const r = opening('一、总体情况', '2025年，杏林镇严格落实山西省、吕梁市、汾阳市关于政务公开的要求。');
    expect([r.org.name, r.org.county]).toEqual(['杏林镇', '汾阳市']);
  });

  it('page furniture glued to a name (登录注册XX县) is not a county', () => {
    const r = opening('登录注册汉源县', '河西乡2024年政府信息公开工作年度报告', '一、总体情况');
    expect([r.org.name, r.org.county]).toEqual(['河西乡', null]);
  });
});

describe('the year the report is about', () => {
  it("the title's year, not an index number's or the page date's", () => {
    const r = opening(
      '索引号：11511800/2025-00001',
      '发文日期：2026-01-16',
      '汉源县河西乡2024年度政府信息公开工作年度报告',
      '一、总体情况',
    );
    expect(r.year).toBe(2024);
  });
  it("the statistics period's year over a year quoted from an older report", () => {
    const r = opening(
      '我镇编制了《青石镇2020年政府信息公开工作年度报告》。所列数据的统计期限自2021年1月1日起至12月31日止。',
      '一、总体情况',
    );
    expect(r.year).toBe(2021);
  });
});

describe('the proactive total', () => {
  it.each([
    ['counted in 件', '2023年，我镇主动公开政府信息23件。', 23],
    ['counted in 期', '2023年，我乡主动公开信息289期。', 289],
    ['积极公开', '2023年，我镇积极公开各类信息40条。', 40],
    ['共发布, no 主动', '2023年，共发布信息18条。', 18],
    [
      "this year's new figure, not the cumulative one",
      '截至2023年底累计主动公开政府信息5000条。其中，本年度新增的主动公开政府信息120条。',
      120,
    ],
    ['历年累计 is not the year', '本年度政府信息公开共530条。历年累计主动公开信息4390条。', 530],
    ['the website, not a WeChat account', '2023年，通过政务微信发布信息580条，通过政务网公开各类信息63条。', 63],
  ])('%s', (_, prose, total) => {
    expect(opening('一、总体情况', '（一）主动公开情况', prose).proactive.total).toBe(total);
  });

  it('stated under heading 二 when section 一 has none', () => {
    const r = parseReport(
      [
        '一、总体情况',
        '2024年，我街道认真贯彻条例。',
        '二、主动公开政府信息情况',
        '2024年，我街道发布了94篇法定主动公开内容。',
        '第二十条第（一）项',
      ].join('\n'),
    );
    expect(r.proactive.total).toBe(94);
  });

  it('a channel count alone is not the total', () => {
    const r = opening('一、总体情况', '（一）主动公开情况', '2023年，通过“美丽青石”微信公众号发布信息300条。');
    expect(r.proactive.total).toBeNull();
    expect(r.findings.find((f) => f.code === 'proactive.missing')?.severity).toBe('error');
  });

  it('parallel counts with no total stated give none', () => {
    const r = opening(
      '一、总体情况',
      '（一）主动公开情况',
      '门户网站更新政务动态信息1841条，信息公开目录信息2875条，政策解读36条。',
    );
    expect(r.proactive.total).toBeNull();
  });

  it('N余 without a unit is approximate', () => {
    const r = opening('一、总体情况', '（一）主动公开情况', '2023年，我镇主动公开政府信息300余，其中工作动态200条。');
    expect([r.proactive.total, r.proactive.approx]).toEqual([null, 300]);
  });
});

/** The proactive figures of an opening whose 主动公开 part holds the given lines. */
const cats = (...prose: string[]) => {
  const r = opening('一、总体情况', '（一）主动公开情况', ...prose);
  return {
    total: r.proactive.total,
    approx: r.proactive.approx ?? null,
    categories: r.proactive.categories.map((c) => [c.label, c.count]),
    channels: r.proactive.channels.map((c) => [c.label, c.count]),
  };
};

describe('the categories', () => {
  it('a channel split is not a category split', () => {
    expect(cats('2023年主动公开信息200条，其中门户网站150条，微信公众号50条。')).toEqual({
      total: 200,
      approx: null,
      categories: [],
      channels: [
        ['门户网站', 150],
        ['微信公众号', 50],
      ],
    });
  });

  it('a named WeChat account is a channel', () => {
    expect(cats('2023年主动公开信息200条，其中在政府网站发布80条，在“美丽青石”公众号发布120条。').categories).toEqual([]);
  });

  it('group headings with their counts in brackets', () => {
    expect(
      cats(
        '2023年主动公开信息50条。其中，基础信息公开（12条）：机构职能、领导信息；工作动态公开（30条）：乡镇动态；通知公告（8条）。',
      ).categories,
    ).toEqual([
      ['基础信息公开', 12],
      ['工作动态公开', 30],
      ['通知公告', 8],
    ]);
  });

  it('a list whose separators were lost', () => {
    expect(cats('2023年主动公开信息45条其中工作动态30条通知公告10条政策文件5条。').categories).toEqual([
      ['工作动态', 30],
      ['通知公告', 10],
      ['政策文件', 5],
    ]);
  });

  it('items numbered 一是… or 1.…', () => {
    expect(cats('2023年主动公开信息70条，其中：一是工作动态类信息50条；二是通知公告类信息20条。').categories).toEqual([
      ['工作动态类信息', 50],
      ['通知公告类信息', 20],
    ]);
    expect(cats('2023年主动公开信息70条，其中：1.工作动态50条；2.通知公告20条。').categories).toEqual([
      ['工作动态', 50],
      ['通知公告', 20],
    ]);
  });

  it('a list after the total’s sentence that adds up to it', () => {
    expect(cats('2023年主动公开政府信息40条。行政执法信息5条、疫情防控30条、公示公告5条。').categories).toEqual([
      ['行政执法信息', 5],
      ['疫情防控', 30],
      ['公示公告', 5],
    ]);
  });
});

describe('names that are not the writer (issue 27)', () => {
  it('由 names the writer only when the sentence says it wrote the report', () => {
    const r = opening(
      '一、总体情况',
      '我乡成立政务公开领导小组，组长由乡长担任，副组长由纪委书记某某同志担任。2022年，青石乡主动公开信息20条。',
    );
    expect(r.org.name).not.toBe('纪委');
    const written = opening(
      '本年度报告是由汉源县青石镇人民政府根据《条例》要求编制而成。',
      '一、总体情况',
      '全年主动公开信息20条。',
    );
    expect(written.org.name).toBe('青石镇');
  });

  it('a bureau’s own office on the page or the contact line stands for the bureau', () => {
    const r = opening(
      '发布机构: 汉源县卫生健康局办公室',
      '一、总体情况',
      '全年主动公开信息20条。如对本报告有疑问，请与汉源县卫生健康局办公室联系。',
    );
    expect(r.org.name).toBe('汉源县卫生健康局');
  });
});

describe('the writer’s name as the report gives it (issue 27)', () => {
  it('a town of one character named in the title', () => {
    const r = parseReport(['2022年度螅镇政府信息公开工作年度报告', '一、总体情况', '全年主动公开信息20条。'].join('\n'));
    expect(r.org.name).toBe('螅镇');
  });

  it('a bureau as the subject of 的政府信息公开工作, named twice', () => {
    const r = opening(
      '一、总体情况',
      '2021年，县卫生健康局的政府信息公开工作严格按照有关要求开展。全年主动公开信息20条。县卫生健康局各信息公开主体均能履行职责。',
    );
    expect(r.org.name).toBe('卫生健康局');
  });

  it('a town that says 我乡 names itself in the rules it made, and again elsewhere', () => {
    const r = opening(
      '一、总体情况',
      '我乡制定了《青石乡信息公开保密审查机制》等制度。我乡全年主动公开信息20条，并通过乡村公示栏、青石乡微信公众号等方式公开。',
    );
    expect(r.org.name).toBe('青石乡');
    const followed = opening('一、总体情况', '我乡按照《青石乡信息公开保密审查机制》开展工作，全年主动公开信息20条。');
    expect(followed.org.name).toBeNull();
  });

  it('a bureau written in full and short is one unit, under the name written with its county', () => {
    const full = opening(
      '根据《条例》要求，汉源县教育体育局现向社会公开《2023年政府信息公开工作年度报告》。',
      '一、总体情况',
      '2023年，县教体局主动公开信息20条。如有疑问，请联系汉源县教体局。',
    );
    expect(full.org.name).toBe('汉源县教育体育局');
    const short = parseReport(
      ['汉源县卫健局2022年政府信息公开工作报告', '一、总体情况', '县卫生健康局高度重视政务公开工作，全年主动公开信息20条。'].join(
        '\n',
      ),
    );
    expect(short.org.name).toBe('汉源县卫健局');
  });

  it('a report that calls itself 我集团 throughout is not the bureau a copied sentence names', () => {
    const r = opening(
      '根据《条例》要求，由汉源县行政审批局编制。',
      '一、总体情况',
      '2023年，我集团严格执行信息公开制度。我集团在门户网站发布信息77条。我集团未收到公开申请。',
    );
    expect(r.org.name).toBeNull();
    expect(r.findings.map((f) => f.code)).toContain('org.selfMismatch');
  });
});

describe('which count is the total (issue 27)', () => {
  it('政府信息公开N条 states a quantity published', () => {
    const r = opening(
      '一、总体情况',
      '2022年，全镇政府信息公开566条，一是利用县人民政府门户网站公开政务信息38条；二是通过微信发布信息168条；三是通过公开栏公开信息360条。',
    );
    expect(r.proactive.total).toBe(566);
  });

  it('a mirror site’s ? around a count is no question mark (共?1340條?)', () => {
    const r = opening('一、總體情況', '全年通過政府信息公開網站主動發布信息共?1340條?,通過微信公眾號發布信息764篇。');
    expect(r.proactive.total).toBe(1340);
  });

  it('N余 run on into the next words, the punctuation lost (…信息共50余积极回应…), is approximate', () => {
    const r = opening('一、总体情况', '2023年，青石镇主动公开各类文件、工作动态等领域信息共50余积极回应群众关注的热点问题。');
    expect([r.proactive.total, r.proactive.approx]).toEqual([null, 50]);
  });

  it('the article the prose cites (《条例》第二十条) is not where the tables start', () => {
    const r = opening(
      '一、总体情况',
      '（二）主动公开。围绕《政府信息公开条例》第二十条法定公开范围，聚焦重点领域。全年累计主动公开政府信息86条，确保信息发布及时。',
    );
    expect(r.proactive.total).toBe(86);
  });

  it('channels named as the means of one count (通过微信、公开栏等形式，共…) make it the total, approximate or not', () => {
    const exact = opening(
      '一、总体情况',
      '全年，青石镇人民政府通过微信公众平台、公开栏等形式，共主动公开信息57条，及时回应关切。',
    );
    expect(exact.proactive.total).toBe(57);
    const approx = opening(
      '一、总体情况',
      '全年，青石镇人民政府通过微信公众平台、公开栏等形式，共主动公开信息150余条，其中政府信息49条。',
    );
    expect([approx.proactive.total, approx.proactive.approx]).toEqual([null, 150]);
  });

  it('the same figure said twice: the list after the second is the breakdown, with its percentages', () => {
    const r = opening(
      '一、总体情况',
      '累计公开信息80条，主动公开80条。其中，信息公开年报1条，占比1.25%；工作动态54条，占比67.5%；财政信息25条，占比31.25%。',
    );
    expect(r.proactive.total).toBe(80);
    expect(r.proactive.categories.map((c) => [c.label, c.count])).toEqual([
      ['信息公开年报', 1],
      ['工作动态', 54],
      ['财政信息', 25],
    ]);
  });

  it('a website named before the first item is where the list was published, not a channel split', () => {
    const r = opening(
      '一、总体情况',
      '2023年，我县主动公开信息总数1000条。其中，通过县政府门户网站公布政务要闻600条，视频新闻300条，公示公告100条。',
    );
    expect(r.proactive.total).toBe(1000);
    expect(r.proactive.categories.map((c) => [c.label, c.count])).toEqual([
      ['政务要闻', 600],
      ['视频新闻', 300],
      ['公示公告', 100],
    ]);
  });

  it('an item of a list is never the total, even one named 主动公开 (…以及其它法定主动公开内容20余条)', () => {
    const r = opening(
      '一、总体情况',
      '全年通过县政府信息网站公开发布各类信息120余条，其中公示公告39条，城乡规划16条，以及其它法定主动公开内容20余条。',
    );
    expect([r.proactive.total, r.proactive.approx]).toEqual([null, 120]);
  });

  it('an approximate count at the end of a line, its unit lost (…政府信息260余), is approximate', () => {
    const r = opening('一、总体情况', '全年在门户网站通过工作动态、年度报告等栏目主动公开政府信息260余');
    expect([r.proactive.total, r.proactive.approx]).toEqual([null, 260]);
  });

  it('a list inside a list: the first item’s own breakdown is the categories', () => {
    const r = opening(
      '一、总体情况',
      '2024年，青石乡主动公开信息共51条。其中公开政府信息29条，包括机构职能13条，规划计划6条，财政预决算10条，利用公示栏等其他方式公开政府信息22条。',
    );
    expect(r.proactive.total).toBe(51);
    expect(r.proactive.categories.map((c) => [c.label, c.count])).toEqual([
      ['机构职能', 13],
      ['规划计划', 6],
      ['财政预决算', 10],
    ]);
  });

  it('a count in brackets explains the total, it is not one', () => {
    const r = opening(
      '一、总体情况',
      '全年通过电子屏幕、公告栏等公开渠道主动发布政府信息共计49条（不同渠道发布的同一信息计为1条）。',
    );
    expect(r.proactive.total).toBe(49);
  });
});

describe('categories as real reports list them (issue 27)', () => {
  it('a total of 0 and its first item of 0 after 其中: the item is a category, not the total said again', () => {
    expect(
      cats(
        '按时上传到政府信息公开网，2019年度，截止目前我局在县政府信息公开0篇次，其中工作动态0篇次，通知公告0篇次，财务公开0篇次。',
      ).categories,
    ).toEqual([
      ['工作动态', 0],
      ['通知公告', 0],
      ['财务公开', 0],
    ]);
  });

  it('a count of times after the items ends the list (…开展调查征集2次，县长信箱收到信件183条)', () => {
    expect(
      cats('全年主动公开信息总数500条。其中，政务要闻300条，公示公告120条，开展调查征集2次，县长信箱收到信件,60条，答复60条。')
        .categories,
    ).toEqual([
      ['政务要闻', 300],
      ['公示公告', 120],
    ]);
  });

  it('one more item of the same kind after the parts reach the total is still an item (the report’s sum is off)', () => {
    expect(cats('2023年，我公司发布信息20条，其中工作报告1条，招标信息15条，公告公示4条，机构职能1条。').categories).toEqual([
      ['工作报告', 1],
      ['招标信息', 15],
      ['公告公示', 4],
      ['机构职能', 1],
    ]);
  });

  it('one item after 其中 is one category named with its count; a publishing act is not', () => {
    expect(cats('2023年我镇累计主动公开政府信息66条，其中政策解读3条，我镇未收到公开申请。').categories).toEqual([
      ['政策解读', 3],
    ]);
    expect(cats('2023年我镇累计主动公开政府信息66条，其中主动公开文件0件。').categories).toEqual([]);
    expect(cats('共主动公开政府信息2条。在主动公开的2条信息中，其他类信息2条。')).toMatchObject({
      total: 2,
      categories: [['其他类信息', 2]],
    });
  });

  it('a numbered heading that ends in the list’s opening, percentages between items, a cut-off last item left out', () => {
    expect(
      cats(
        '1.本机关主动公开政府信息数量：本年度，我镇在区政府门户网站主动公开政府信息32条；',
        '2.主动公开政府信息的主要类型情况：在我镇主动公开的信息中，机构职能类信息6条，占总体比例的18%；为民办实事类信息1条，占总体比例的3%；国土资源类信息2',
      ),
    ).toMatchObject({
      total: 32,
      categories: [
        ['机构职能类信息', 6],
        ['为民办实事类信息', 1],
      ],
    });
  });

  it('a list with no total before it: under a 主动公开 heading, or after 主动公开 / 发布', () => {
    expect(cats('1.公开内容', '', '工作信息30条、文件通知3条、财政信息4条。')).toEqual({
      total: null,
      approx: null,
      categories: [
        ['工作信息', 30],
        ['文件通知', 3],
        ['财政信息', 4],
      ],
      channels: [],
    });
    expect(cats('截止2023年12月31日我局通过官方网站发布政务类信息34条，概况类信息150条。').categories).toEqual([
      ['政务类信息', 34],
      ['概况类信息', 150],
    ]);
    const r = opening(
      '一、总体情况',
      '今年以来，本单位在区政府网上主动公开组织机构信息3条、财政预决算信息16条、其他公告公示信息54条，收到政府信息公开申请1条。',
    );
    expect(r.proactive.categories.map((c) => [c.label, c.count])).toEqual([
      ['组织机构信息', 3],
      ['财政预决算信息', 16],
      ['其他公告公示信息', 54],
    ]);
  });

  it('a label is the report’s words whole: 网络 is not a website, 主动公开的信息包括 opens the list', () => {
    expect(cats('2024年度，我局主动公开政府信息61条。其中，通知公告类信息56条，回复网络申请公开事项5条。').categories).toEqual([
      ['通知公告类信息', 56],
      ['回复网络申请公开事项', 5],
    ]);
    expect(cats('全年共主动公开政府信息30条。主动公开的信息包括概况信息1条、工作动态信息29条。').categories).toEqual([
      ['概况信息', 1],
      ['工作动态信息', 29],
    ]);
  });

  it('a list whose page lost units and separators is read only when it adds up to the total exactly', () => {
    expect(
      cats(
        '2023年我办主动公开政府信息500条，其中公示公告类信息100条，政策文件20转载重要信息180条，政府常务会议信息50其他类信息150调整废止文件11件。',
      ).categories,
    ).toEqual([
      ['公示公告类信息', 100],
      ['政策文件', 20],
      ['转载重要信息', 180],
      ['政府常务会议信息', 50],
      ['其他类信息', 150],
    ]);
    // one short of the total: not read
    expect(
      cats('2023年主动公开政府信息500条，其中公示公告类信息100条，政策文件20转载重要信息179条，其他类信息200条。').categories,
    ).toEqual([]);
    // an approximate item: not added
    expect(cats('2023年主动公开信息100条，其中工作动态60余条，通知公告40条。').categories).toEqual([
      ['工作动态', null],
      ['通知公告', 40],
    ]);
  });

  it('replies to messages listed like categories are not categories', () => {
    expect(cats('全年共受理网民留言60条，公开答复28条，电话答复15条，已办结60条。').categories).toEqual([]);
  });
});

describe('tables as they come off web pages and PDFs', () => {
  const puwei = sampleText('puwei');

  it('glued digits: 规章000 is three zeros', () => {
    const r = parseReport(puwei.replace('规章\t0\t0\t0', '规章000'));
    expect(r.article20.rules).toEqual({ issued: 0, abolished: 0, inForce: 0 });
  });

  it('a row a province adds between two template rows is not read into either', () => {
    const r = parseReport(puwei.replace(/行政许可\t0\t\t\n/, '行政许可\t5\t\t\n行政确认\t3\t\t\n'));
    expect(r.article20.licensing).toEqual({ decisions: 5 });
    expect(r.article20.penalty).toEqual({ decisions: 0 });
  });

  it('a row label wrapped around its own numbers (a cell centred in a PDF row)', () => {
    const text = puwei.replace(
      /\t\t5\.要求行政机关确认或重新出具已获取信息\t[\t\d]+\n/,
      '\t\t5.要求行政机关确认或重新出\n0\t0\t15\t8\t0\t0\t23\n具已获取信息\n',
    );
    expect(text).not.toBe(puwei);
    const r = parseReport(text);
    expect(r.applications.confirmOrReissue).toEqual([0, 0, 15, 8, 0, 0, 23]);
    expect(r.applications.massRepeated).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });

  it('a blank | cell is an empty cell, not a missing column', () => {
    const md = fixtureText('003.pipes.md').replace(/\| 规章 \| 2 \| 1 \| 12 \|/, '| 规章 | 2 | 1 |  |');
    expect(parseReport(md).article20.rules).toEqual({ issued: 2, abolished: 1, inForce: null });
  });

  it('a row that lost its empty cells gives only the total it states', () => {
    const r = parseReport(puwei.replace(/一、本年新收政府信息公开申请数量(\t0){7}/, '一、本年新收政府信息公开申请数量\t2\t1\t3'));
    expect(r.applications.newReceived).toEqual([null, null, null, null, null, null, 3]);
    expect(r.findings.map((f) => f.code)).toContain('table.rowShort');
  });
});
