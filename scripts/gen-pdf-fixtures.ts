/**
 * Writes test/fixtures/pdf/: reports printed as WPS/Word print them (scripts/fixtures/pdf-report.ts),
 * each with `<name>.expected.json` taken from this script's input, never from the parser:
 *
 * - wps-centred: labels and numbers centred in their row band, so a label that wraps has its
 *   numbers between its lines (`5．要求行政机关确认或重新出` / `0 0 15 …` / `具已获取信息`);
 * - wps-narrow: number columns 24 pt wide with the numbers left-aligned, so the gap between two
 *   columns is narrower than a character;
 * - wps-metadata-title: a district government's report whose printed title and body never name
 *   it (我区); only the PDF's document Title does, as WPS fills it from the first line it saw;
 * - wps-shuffled, wps-shuffled-narrow: every character drawn on its own at 20× its size in a 0.05
 *   matrix, each page's text written in a shuffled order (page numbers land between table rows in
 *   the content stream), a font whose declared ascent and descent exceed the line pitch, group
 *   labels set one character a line; in wps-shuffled table 三's header is not repeated after the
 *   page break;
 * - unruled-blanks: tables drawn without rules, three cells of table 三 left blank (expected null);
 * all long enough that table 三 runs across a page break (its header repeated unless said).
 *
 * Needs a CJK TrueType font (apt: fonts-wqy-zenhei). Run: npm run gen:fixtures:pdf
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { known2021 } from './fixtures/known-tables';
import { type PdfLayout, type PdfReport, reportPdf } from './fixtures/pdf-report';
import { withBlanks } from './fixtures/word-html';

const OUT = join(import.meta.dirname, '..', 'test', 'fixtures', 'pdf');
const FONTS = ['/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc'];

/** Ordinary report prose, to give the report a real length (tables start on page 2 or 3). */
const FILLER = [
  '我镇高度重视政府信息公开工作，成立了由镇长任组长、分管副镇长任副组长、各站所负责人为成员的政务公开工作领导小组，明确党政办公室为政府信息公开工作的主管机构，配备专职工作人员负责日常工作。',
  '严格落实政府信息公开保密审查制度，坚持“先审查、后公开”和“一事一审”原则，对拟公开的政府信息逐条进行保密审查，全年未发生泄密事件。',
  '围绕乡村振兴、民生保障、安全生产等重点工作，及时公开财政预决算、惠农补贴发放、低保救助等群众关心关注的信息，切实保障人民群众的知情权、参与权、表达权和监督权。',
  '依托县人民政府门户网站乡镇信息公开专栏、镇村政务公开栏和政务新媒体，拓宽政府信息公开渠道，提升政府信息公开的及时性和准确性。',
  '加强政策解读工作，对涉及群众切身利益的政策文件，采取图文解读、现场宣讲等方式进行解读，帮助群众准确理解政策内容。',
];

interface Fixture {
  name: string;
  seed: number;
  /** `town` is the unit's name as the report gives it; for a county government, the county. */
  org: { town: string; county: string; kind?: '县政府' };
  /** Print a title without the unit and never name it in the body: only the metadata Title does. */
  anonymous?: boolean;
  year: number;
  total: number;
  categories: [string, number][];
  fillerTimes: number;
  layout: PdfLayout;
}

const FIXTURES: Fixture[] = [
  {
    name: 'wps-centred',
    seed: 301,
    org: { town: '马鞍镇', county: '仪陇县' },
    year: 2023,
    total: 186,
    categories: [
      ['工作动态', 120],
      ['通知公告', 41],
      ['政策文件', 25],
    ],
    fillerTimes: 3,
    layout: { textSize: 14, cellSize: 10.5, labelWidth: 96, numberWidth: 31, numbersCentred: true, labelsCentred: true },
  },
  {
    name: 'wps-narrow',
    seed: 302,
    org: { town: '河西乡', county: '汉源县' },
    year: 2024,
    total: 57,
    categories: [
      ['工作动态', 40],
      ['通知公告', 17],
    ],
    fillerTimes: 4,
    layout: { textSize: 14, cellSize: 10.5, labelWidth: 150, numberWidth: 24, numbersCentred: false, labelsCentred: false },
  },
  {
    name: 'wps-long',
    seed: 304,
    org: { town: '新政镇', county: '仪陇县' },
    year: 2024,
    total: 312,
    categories: [
      ['工作动态', 201],
      ['通知公告', 66],
      ['政策文件', 45],
    ],
    fillerTimes: 12,
    layout: { textSize: 15, cellSize: 10.5, labelWidth: 100, numberWidth: 30, numbersCentred: true, labelsCentred: true },
  },
  {
    name: 'wps-shuffled',
    seed: 305,
    org: { town: '柏林镇', county: '营山县' },
    year: 2024,
    total: 1208,
    categories: [
      ['工作动态', 905],
      ['通知公告', 203],
      ['政策文件', 100],
    ],
    fillerTimes: 5,
    layout: {
      textSize: 16,
      cellSize: 10.5,
      labelWidth: 104,
      numberWidth: 30,
      numbersCentred: true,
      labelsCentred: true,
      wpsMatrix: true,
      shuffleSeed: 305,
      tallMetrics: true,
      verticalGroups: true,
      headerOnce: true,
    },
  },
  {
    name: 'wps-shuffled-narrow',
    seed: 306,
    org: { town: '清水乡', county: '汉源县' },
    year: 2023,
    total: 64,
    categories: [],
    fillerTimes: 9,
    layout: {
      textSize: 14,
      cellSize: 10.5,
      labelWidth: 150,
      numberWidth: 24,
      numbersCentred: false,
      labelsCentred: false,
      wpsMatrix: true,
      shuffleSeed: 306,
      tallMetrics: true,
      verticalGroups: true,
    },
  },
  {
    name: 'unruled-blanks',
    seed: 307,
    org: { town: '绥山镇', county: '马边彝族自治县' },
    year: 2024,
    total: 233,
    categories: [],
    fillerTimes: 3,
    layout: {
      textSize: 14,
      cellSize: 10.5,
      labelWidth: 150,
      numberWidth: 30,
      numbersCentred: true,
      labelsCentred: false,
      unruled: true,
      blanks: ['applications.granted[2]', 'applications.notHeld[0]', 'applications.total[5]'],
    },
  },
  {
    name: 'wps-metadata-title',
    seed: 303,
    org: { town: '顺庆区', county: '顺庆区', kind: '县政府' },
    anonymous: true,
    year: 2023,
    total: 4051,
    categories: [],
    fillerTimes: 2,
    layout: { textSize: 14, cellSize: 10.5, labelWidth: 110, numberWidth: 30, numbersCentred: true, labelsCentred: false },
  },
];

function report(f: Fixture): PdfReport {
  const tables = known2021(f.seed);
  const cats = f.categories.length > 0 ? `，其中${f.categories.map(([label, n]) => `${label}${n}条`).join('，')}` : '';
  const filler = Array.from({ length: f.fillerTimes }, () => FILLER).flat();
  const unit = f.org.kind === '县政府' ? `${f.org.county}人民政府` : `${f.org.county}${f.org.town}`;
  const subject = f.anonymous ? '我区' : f.org.town;
  return {
    title: f.anonymous
      ? `${f.year}年政府信息公开工作年度报告`
      : `${f.org.county}${f.org.town}${f.year}年政府信息公开工作年度报告`,
    infoTitle: `${unit}${f.year}年政府信息公开工作年度报告`,
    before: [
      `本报告根据《中华人民共和国政府信息公开条例》编制。所列数据的统计期限自${f.year}年1月1日起至${f.year}年12月31日止。`,
      '一、总体情况',
      '（一）主动公开情况',
      `${f.year}年，${subject}通过${f.anonymous ? '区' : f.org.county}人民政府门户网站主动公开政府信息${f.total}条${cats}。`,
      '（二）依申请公开情况',
      `${f.year}年，${subject}依法办理政府信息公开申请，均在法定期限内答复。`,
      '（三）政府信息管理',
      ...filler,
    ],
    after: [
      '五、存在的主要问题及改进情况',
      '存在的主要问题：信息公开的及时性有待提高，政策解读的形式还不够丰富。',
      '改进情况：下一步，我镇将进一步健全工作机制，加强业务培训，提升政府信息公开工作质量。',
      ...FILLER.slice(0, 2),
      '六、其他需要报告的事项',
      '本年度未收取信息处理费。',
    ],
    tables,
    signature: [f.anonymous ? '' : unit, `${f.year + 1}年1月20日`],
  };
}

const font = FONTS.find((p) => existsSync(p));
if (!font) {
  console.error(`no CJK TrueType font found (tried ${FONTS.join(', ')}); apt install fonts-wqy-zenhei`);
  process.exit(1);
}
mkdirSync(OUT, { recursive: true });
const fontBytes = readFileSync(font);
for (const f of FIXTURES) {
  const r = report(f);
  const bytes = await reportPdf(r, f.layout, fontBytes);
  writeFileSync(join(OUT, `${f.name}.pdf`), bytes);
  const expected = {
    org: { name: f.org.town, county: f.org.county, kind: f.org.kind ?? (f.org.town.endsWith('乡') ? '乡' : '镇') },
    year: f.year,
    publishedOn: `${f.year + 1}-01-20`,
    total: f.total,
    categories: f.categories,
    ...withBlanks(r.tables, f.layout.blanks ?? []),
  };
  writeFileSync(join(OUT, `${f.name}.expected.json`), `${JSON.stringify(expected, null, 2)}\n`);
  console.log(`${f.name}.pdf: ${(bytes.length / 1024).toFixed(0)} KB`);
}
