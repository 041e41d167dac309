/** Rankings, trends, categories and data quality: what the dashboard's charts are drawn from. */
import { type Static, Type } from 'typebox';
import { County, Metric, NullableInteger, NullableNumber, NullableString, OrgRef, UnitGroupKey, Year } from './common';

export const RankingStatus = Type.Union([Type.Literal('ranked'), Type.Literal('noValue'), Type.Literal('missing')], {
  description: 'ranked 参与排名 · noValue 报告已收到但该指标无法读取 · missing 缺报',
});
export type RankingStatus = Static<typeof RankingStatus>;

/** The unit group a view covers; absent: the townships when there are any; all: every group, each ranked apart. */
export const UnitGroupParam = Type.Union([UnitGroupKey, Type.Literal('all')], {
  description:
    '单位类别：township 乡镇（街道）· department 县直部门 · government 县（区）政府 · other 其他 · all 全部（各类别分别排名）；不填时有乡镇则为乡镇',
});
export const UnitGroups = Type.Array(Type.Object({ group: UnitGroupKey, label: Type.String(), organizations: Type.Integer() }), {
  description: '范围内有哪些类别的单位、各几个',
});

export const RankingRow = Type.Object({
  /** The rank within the unit's own group (townships with townships, departments with departments). */
  rank: NullableInteger,
  group: UnitGroupKey,
  organization: OrgRef,
  status: RankingStatus,
  reportId: NullableInteger,
  value: NullableNumber,
  previous: NullableNumber,
  change: NullableNumber,
  changePct: NullableNumber,
  rankChange: NullableInteger,
  /** The report's check results (null when there is no report). */
  errors: NullableInteger,
  warnings: NullableInteger,
});
export type RankingRow = Static<typeof RankingRow>;

/** Figures over every organisation in a ranking's scope, whatever page is asked for. */
export const RankingSummary = Type.Object({
  organizations: Type.Integer({ description: '范围内的单位数' }),
  received: Type.Integer({ description: '已收到本年度报告的单位数' }),
  ranked: Type.Integer(),
  noValue: Type.Integer({ description: '报告已收到但该指标无法读取的单位数' }),
  sum: Type.Number({ description: '参与排名的数值合计' }),
  reportsWithErrors: Type.Integer({ description: '有错误级检查结果的报告数' }),
  comparable: Type.Union([
    Type.Object(
      {
        organizations: Type.Integer({ description: '本年与上年都有该指标数值的单位数' }),
        sum: Type.Number({ description: '这些单位本年的合计' }),
        previousSum: Type.Number({ description: '这些单位上年的合计' }),
        change: Type.Number({ description: '同口径增减' }),
      },
      { description: '同口径比较：只比两年都有数值的单位' },
    ),
    Type.Null({ description: '上年没有可比单位' }),
  ]),
});
export type RankingSummary = Static<typeof RankingSummary>;

/** Page size of a ranking when none is asked for; the dashboard asks for what it shows. */
export const RANKING_PAGE = 100;

/** The scope of a ranking export (year, county, metric). */
export const RankingQuery = Type.Object(
  { year: Year, county: Type.Optional(County), metric: Type.Optional(Metric), group: Type.Optional(UnitGroupParam) },
  { additionalProperties: false },
);
export type RankingQuery = Static<typeof RankingQuery>;

/** A year of one county (or all): the scope of the quality export. */
export const YearScope = Type.Object({ year: Year, county: Type.Optional(County) }, { additionalProperties: false });

/** An Excel workbook (.xlsx) as the body of an export. */
export const Spreadsheet = Type.Any({ description: 'Excel 工作簿（.xlsx）' });

export const RankingPageQuery = Type.Object(
  {
    year: Year,
    county: Type.Optional(County),
    metric: Type.Optional(Metric),
    group: Type.Optional(UnitGroupParam),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000, description: `每页行数，默认 ${RANKING_PAGE}` })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, description: '跳过的行数' })),
    q: Type.Optional(Type.String({ maxLength: 40, description: '按单位名称筛选（包含即可）' })),
  },
  { additionalProperties: false },
);
export type RankingPageQuery = Static<typeof RankingPageQuery>;

export const RankingPage = Type.Object({
  year: Type.Integer(),
  group: UnitGroupParam,
  groups: UnitGroups,
  metric: Type.String(),
  metricLabel: Type.String(),
  unit: Type.String(),
  total: Type.Integer({ description: '符合筛选条件的行数（分页前）' }),
  offset: Type.Integer(),
  limit: Type.Integer(),
  summary: RankingSummary,
  rows: Type.Array(RankingRow),
});
export type RankingPage = Static<typeof RankingPage>;

export const TrendsQuery = Type.Object(
  {
    organization: Type.Optional(Type.String({ pattern: '^\\d{1,9}(,\\d{1,9}){0,49}$', description: '单位 id，多个以逗号分隔' })),
    metric: Type.Optional(Metric),
    from: Type.Optional(Year),
    to: Type.Optional(Year),
    county: Type.Optional(County),
    group: Type.Optional(UnitGroupParam),
  },
  { additionalProperties: false },
);
export type TrendsQuery = Static<typeof TrendsQuery>;

export const TrendSeries = Type.Object({
  organization: OrgRef,
  points: Type.Array(Type.Object({ year: Type.Integer(), value: NullableNumber, reportId: NullableInteger })),
});
export type TrendSeries = Static<typeof TrendSeries>;

export const TrendTotal = Type.Object({
  year: Type.Integer(),
  value: Type.Union([Type.Number(), Type.Null()], { description: '该年没有任何报告时为 null（图上画作缺口，不画作 0）' }),
  reports: Type.Integer({ description: '该年合计所含报告数' }),
  unreadable: Type.Integer({ description: '其中主动公开数字无法读取、未计入合计的报告数' }),
  comparable: Type.Union([Type.Number(), Type.Null()], {
    description: '同口径合计：只计各年都有可读取数字的单位（单位数见 comparableUnits），年度之间可比',
  }),
});
export type TrendTotal = Static<typeof TrendTotal>;

export const Trends = Type.Object({
  group: UnitGroupParam,
  groups: UnitGroups,
  metric: Type.String(),
  metricLabel: Type.String(),
  years: Type.Array(Type.Integer()),
  series: Type.Array(TrendSeries),
  total: Type.Array(TrendTotal),
  /** How many units the 同口径 line sums: those with a readable figure in every year that has one. */
  comparableUnits: Type.Integer(),
});
export type Trends = Static<typeof Trends>;

export const CategoriesQuery = Type.Object(
  {
    year: Year,
    county: Type.Optional(County),
    group: Type.Optional(UnitGroupParam),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000, description: '只返回前若干个单位' })),
    reports: Type.Optional(
      Type.String({
        pattern: '^\\d{1,9}(,\\d{1,9}){0,499}$',
        description: '只返回这些报告（id，以逗号分隔，至多 500 个）',
      }),
    ),
  },
  { additionalProperties: false },
);
export type CategoriesQuery = Static<typeof CategoriesQuery>;

export const CategoryRow = Type.Object({
  organization: OrgRef,
  reportId: Type.Integer(),
  proactiveTotal: NullableNumber,
  /** Canonical category → count; a category the report does not list is absent. */
  categories: Type.Record(Type.String(), NullableNumber),
});
export type CategoryRow = Static<typeof CategoryRow>;

export const Categories = Type.Object({
  year: Type.Integer(),
  group: UnitGroupParam,
  groups: UnitGroups,
  categories: Type.Array(Type.String()),
  total: Type.Integer({ description: '范围内有报告的单位数' }),
  totals: Type.Record(Type.String(), Type.Object({ sum: Type.Number(), unreadable: Type.Integer() })),
  rows: Type.Array(CategoryRow),
});
export type Categories = Static<typeof Categories>;

export const QualityQuery = Type.Object(
  { year: Type.Optional(Year), county: Type.Optional(County) },
  { additionalProperties: false },
);
export type QualityQuery = Static<typeof QualityQuery>;

const UnitRef = Type.Object({ id: Type.Integer(), name: Type.String() });

export const QualityFinding = Type.Object({
  reportId: Type.Integer(),
  organization: UnitRef,
  year: Type.Integer(),
  code: Type.String(),
  severity: Type.String(),
  field: NullableString,
  message: Type.String(),
});
export type QualityFinding = Static<typeof QualityFinding>;

export const LateReport = Type.Object({
  reportId: Type.Integer(),
  organization: UnitRef,
  year: Type.Integer(),
  publishedOn: NullableString,
  /** Where the date was read: the report's signature, or (none there) the portal page it was collected from. */
  publishedFrom: Type.Optional(Type.Union([Type.Literal('signature'), Type.Literal('page'), Type.Literal('collected')])),
});
export type LateReport = Static<typeof LateReport>;

/** One unit × year of the submission grid: missing, or the report with how it stands. */
export const MatrixCell = Type.Object({
  status: Type.Union(
    [
      Type.Literal('missing'),
      Type.Literal('ok'),
      Type.Literal('late'),
      Type.Literal('errors'),
      Type.Literal('notRequired'),
      Type.Literal('noRoster'),
    ],
    {
      description:
        'missing 缺报（在该年度应报名单中；本县从未设名单时为本县已知单位）· notRequired 不在该年度应报名单中 · noRoster 未收到报告，但该年度未设名单（本县其他年度设了），不计缺报',
    },
  ),
  reportId: Type.Optional(Type.Integer()),
  publishedOn: Type.Optional(NullableString),
});
export type MatrixCell = Static<typeof MatrixCell>;

export const Quality = Type.Object({
  years: Type.Array(Type.Integer()),
  /** The years the county has a roster (应报单位) for; the others count every unit of the county. */
  rosterYears: Type.Array(Type.Integer()),
  findings: Type.Array(QualityFinding),
  late: Type.Array(LateReport),
  matrix: Type.Array(Type.Object({ organization: OrgRef, years: Type.Record(Type.String(), MatrixCell) })),
});
export type Quality = Static<typeof Quality>;

/** GET /api/search: the phrase, and the year and county to look in. */
export const SearchQuery = Type.Object(
  {
    q: Type.String({ minLength: 1, maxLength: 50, description: '要查找的词或短语，如 政务新媒体' }),
    year: Type.Optional(Year),
    county: Type.Optional(County),
  },
  { additionalProperties: false },
);
export type SearchQuery = Static<typeof SearchQuery>;

/** One report that contains the phrase: how often, and the first lines it is on. */
export const SearchResult = Type.Object({
  reportId: Type.Integer(),
  organization: OrgRef,
  year: Type.Integer(),
  count: Type.Integer({ description: '出现次数' }),
  snippets: Type.Array(Type.Object({ line: Type.Integer({ description: '原文行号' }), text: Type.String() })),
});
export type SearchResult = Static<typeof SearchResult>;
export const SearchResults = Type.Object({
  total: Type.Integer({ description: '含有该词的现行报告数' }),
  results: Type.Array(SearchResult, { description: '最多 200 份' }),
});
export type SearchResults = Static<typeof SearchResults>;
