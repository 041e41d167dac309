/**
 * The annual evaluation (考核): the roster of units that must report (应报单位), the deadline, the
 * scoring scheme as data, the score table with the evidence of every deduction, and copied prose.
 */
import { type Static, Type } from 'typebox';
import { Id, NullableInteger, NullableNumber, NullableString, UnitGroupKey, Year } from './common';

const CountyName = Type.String({ minLength: 1, maxLength: 40, description: '县（区）名称' });

export const EvaluationQuery = Type.Object({ year: Year, county: CountyName }, { additionalProperties: false });
export type EvaluationQuery = Static<typeof EvaluationQuery>;

/** What a rubric item looks at. */
export const RubricRule = Type.Union(
  [
    Type.Literal('missing'),
    Type.Literal('late'),
    Type.Literal('copied'),
    Type.Literal('findings'),
    Type.Literal('reviewCorrected'),
  ],
  {
    description:
      'missing 缺报 · late 逾期发布（按截止日期） · copied 与往年或其他单位雷同（按相似度阈值） · findings 检查发现（按检查代码） · reviewCorrected 表四行政复议、行政诉讼“结果纠正”件数',
  },
);
export type RubricRule = Static<typeof RubricRule>;

export const RubricItem = Type.Object(
  {
    id: Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_-]{0,31}$', description: '项目代码（英文）' }),
    label: Type.String({ minLength: 1, maxLength: 60, description: '扣分项目，如“年报未及时公开”' }),
    rule: RubricRule,
    points: Type.Number({ minimum: 0, maximum: 1000, description: '扣分（每次或每件）' }),
    perCase: Type.Boolean({ description: 'true：每件（每处）扣分；false：有即扣一次' }),
    max: Type.Optional(Type.Number({ minimum: 0, maximum: 1000, description: '本项最多扣分' })),
    codes: Type.Optional(
      Type.Array(Type.String({ pattern: '^[A-Za-z0-9.]{1,60}$' }), { maxItems: 40, description: 'findings：计入的检查代码' }),
    ),
    threshold: Type.Optional(Type.Number({ minimum: 0.5, maximum: 1, description: 'copied：相似度阈值（0.8 为 80%）' })),
    enabled: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type RubricItem = Static<typeof RubricItem>;

export const Rubric = Type.Object(
  {
    base: Type.Number({ minimum: 1, maximum: 1000, description: '满分' }),
    items: Type.Array(RubricItem, { maxItems: 40 }),
  },
  { additionalProperties: false },
);
export type Rubric = Static<typeof Rubric>;

export const RubricAnswer = Type.Object({
  year: Year,
  rubric: Rubric,
  /** The default is in force (nobody changed this year's scheme). */
  isDefault: Type.Boolean(),
  updatedAt: NullableString,
  updatedBy: NullableString,
});
export type RubricAnswer = Static<typeof RubricAnswer>;

export const RubricChange = Type.Object(
  { year: Year, rubric: Type.Union([Rubric, Type.Null()]) },
  { additionalProperties: false },
);

/** Where the publication date was read. */
export const DateSource = Type.Union([Type.Literal('signature'), Type.Literal('page'), Type.Literal('collected')], {
  description: 'signature 报告落款 · page 网页发布日期 · collected 采集日期',
});
export type DateSource = Static<typeof DateSource>;

export const Evidence = Type.Object({
  text: Type.String(),
  reportId: Type.Optional(Type.Integer()),
  /** The figure or check the deduction rests on (a field path of the report). */
  field: Type.Optional(Type.String()),
  /** The line of the report's text it was read from. */
  line: Type.Optional(NullableInteger),
  /** Copied prose: the other report and the share of this report's prose found in it. */
  otherReportId: Type.Optional(Type.Integer()),
  ratio: Type.Optional(Type.Number()),
});
export type Evidence = Static<typeof Evidence>;

export const Deduction = Type.Object({
  itemId: Type.String(),
  label: Type.String(),
  points: Type.Number(),
  evidence: Type.Array(Evidence),
});
export type Deduction = Static<typeof Deduction>;

export const ScoreRow = Type.Object({
  organization: Type.Object({ id: Type.Integer(), name: Type.String() }),
  /** The unit's group: the rank is within it (townships with townships, departments with departments). */
  group: UnitGroupKey,
  reportId: NullableInteger,
  publishedOn: NullableString,
  publishedFrom: Type.Union([DateSource, Type.Null()]),
  late: Type.Boolean(),
  proactiveTotal: NullableNumber,
  deductions: Type.Array(Deduction),
  score: Type.Number(),
  rank: Type.Integer(),
});
export type ScoreRow = Static<typeof ScoreRow>;

export const Evaluation = Type.Object({
  county: Type.String(),
  year: Year,
  deadline: Type.String(),
  deadlineIsDefault: Type.Boolean(),
  /** Whether a roster was set for the year (otherwise: every unit of the county on record). */
  rosterSet: Type.Boolean(),
  rubric: Rubric,
  rows: Type.Array(ScoreRow),
  summary: Type.Object({
    required: Type.Integer(),
    reported: Type.Integer(),
    missing: Type.Array(Type.String()),
    late: Type.Array(Type.String()),
    /** Published on or before the deadline (the 通报 counts “by the deadline” with these, never with every report). */
    onTime: Type.Array(Type.String()),
    /** Published, but the date could not be read from the report or its page: neither on time nor late. */
    undated: Type.Array(Type.String()),
    /** Published, but the 主动公开 total could not be read: not in proactiveSum. */
    proactiveUnknown: Type.Array(Type.String()),
    copied: Type.Array(Type.String()),
    averageScore: NullableNumber,
    proactiveSum: Type.Number(),
    earliest: Type.Array(Type.String()),
    latest: Type.Array(Type.String()),
    /** Reports of the county that year from units not on the roster (shown, not scored). */
    unlisted: Type.Array(Type.String()),
    /** Of the reports scored, how many have every figure to check checked against the original (待核对). */
    reviewed: Type.Object({ checked: Type.Integer(), total: Type.Integer() }),
  }),
});
export type Evaluation = Static<typeof Evaluation>;

export const RosterQuery = EvaluationQuery;
export const RosterEntry = Type.Object({
  organization: Type.Object({ id: Type.Integer(), name: Type.String() }),
  addedAt: Type.String(),
  addedBy: Type.String(),
  /** The unit's current report of the year, if any. */
  reportId: NullableInteger,
});
export const Roster = Type.Object({
  county: Type.String(),
  year: Year,
  entries: Type.Array(RosterEntry),
  /** Years of this county with a roster set, for the copy-from choice. */
  years: Type.Array(Type.Integer()),
});
export type Roster = Static<typeof Roster>;

export const RosterAdd = Type.Object(
  {
    county: CountyName,
    year: Year,
    names: Type.Array(Type.String({ minLength: 2, maxLength: 40 }), { minItems: 1, maxItems: 500 }),
  },
  { additionalProperties: false },
);
export const RosterCopy = Type.Object({ county: CountyName, year: Year, from: Year }, { additionalProperties: false });
export const RosterRemove = Type.Object({ county: CountyName, year: Year, organizationId: Id }, { additionalProperties: false });
export const RosterChanged = Type.Object({
  /** Put on the roster now: `matched` and `created` together. */
  added: Type.Array(Type.String()),
  /** Of those, the names that are a unit already known (its reports, an earlier list). */
  matched: Type.Array(Type.String()),
  /** Of those, the units new to the dashboard (no report yet; a report that comes joins them). */
  created: Type.Array(Type.String()),
  already: Type.Array(Type.String()),
  /** Lines that are not a unit's name (Excel rows with other text). */
  refused: Type.Array(Type.Object({ name: Type.String(), reason: Type.String() })),
});
export type RosterChanged = Static<typeof RosterChanged>;

export const DeadlineAnswer = Type.Object({ year: Year, deadline: Type.String(), isDefault: Type.Boolean() });
export const DeadlineChange = Type.Object(
  {
    year: Year,
    deadline: Type.Union([Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }), Type.Null()], {
      description: 'yyyy-mm-dd；null 恢复默认（次年 1 月 31 日）',
    }),
  },
  { additionalProperties: false },
);

export const CopyPair = Type.Object({
  reportId: Type.Integer(),
  organization: Type.String(),
  year: Year,
  otherReportId: Type.Integer(),
  otherOrganization: Type.String(),
  otherYear: Year,
  /** Share of this report's prose (sections 一、五、六) found in the other, 0–1. */
  ratio: Type.Number(),
});
export type CopyPair = Static<typeof CopyPair>;
export const Copies = Type.Object({ threshold: Type.Number(), pairs: Type.Array(CopyPair) });

export const CompareQuery = Type.Object({ a: Id, b: Id }, { additionalProperties: false });
const ComparedSide = Type.Object({
  reportId: Type.Integer(),
  organization: Type.String(),
  year: Type.Integer(),
  /** Share of this side's prose found in the other, 0–1. */
  ratio: Type.Number(),
  sections: Type.Array(
    Type.Object({
      title: Type.String(),
      segments: Type.Array(Type.Object({ text: Type.String(), shared: Type.Boolean() })),
    }),
  ),
});
export const Comparison = Type.Object({ a: ComparedSide, b: ComparedSide });
export type Comparison = Static<typeof Comparison>;

export const BulletinQuery = Type.Object(
  {
    year: Year,
    county: CountyName,
    /** The 文号 and date, left as placeholders when not given. */
    docNumber: Type.Optional(Type.String({ maxLength: 60 })),
    issuedOn: Type.Optional(Type.String({ maxLength: 30 })),
  },
  { additionalProperties: false },
);
export type BulletinQuery = Static<typeof BulletinQuery>;

/** The 通报 as words and a table (the on-screen preview; the Word file is made from the same). */
export const Bulletin = Type.Object({
  docNumber: Type.String(),
  title: Type.String(),
  recipients: Type.String(),
  blocks: Type.Array(
    Type.Object({
      kind: Type.Union([Type.Literal('heading'), Type.Literal('paragraph'), Type.Literal('chart')]),
      text: Type.String(),
    }),
  ),
  signature: Type.String(),
  issuedOn: Type.String(),
  table: Type.Object({ title: Type.String(), headers: Type.Array(Type.String()), rows: Type.Array(Type.Array(Type.String())) }),
});
export type Bulletin = Static<typeof Bulletin>;

/** A year's setting (deadline, rubric). */
export const YearQuery = Type.Object({ year: Year }, { additionalProperties: false });
export const RosterCopied = Type.Object({ added: Type.Integer() });
export const PngImage = Type.Any({ description: 'PNG 图片' });
export const WordDocument = Type.Any({ description: 'Word 文档（.docx）' });
