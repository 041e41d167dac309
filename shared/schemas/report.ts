/**
 * The parsed-report JSON contract (docs/report-json.md) as a schema: the parser's types are
 * inferred from it (shared/report/types.ts), and GET /api/reports/:id is serialised by it.
 */
import { type Static, Type } from 'typebox';
import { Id, NullableInteger, NullableNumber, NullableString, OrgRef, Year } from './common';
import { Organization } from './meta';

export const SourceFormat = Type.Union([
  Type.Literal('text'),
  Type.Literal('markdown'),
  Type.Literal('html'),
  Type.Literal('pdf'),
  Type.Literal('docx'),
  Type.Literal('doc'),
  Type.Literal('image'),
]);
export type SourceFormat = Static<typeof SourceFormat>;
export const OrgKind = Type.Union([
  Type.Literal('乡'),
  Type.Literal('镇'),
  Type.Literal('街道'),
  Type.Literal('部门'),
  Type.Literal('县政府'),
  Type.Literal('其他'),
]);
export type OrgKind = Static<typeof OrgKind>;
export const Severity = Type.Union([Type.Literal('error'), Type.Literal('warning')]);
export type Severity = Static<typeof Severity>;
export const TemplateVersion = Type.Union([Type.Literal('2021'), Type.Literal('2019')], { description: '报告模板版本' });
export type TemplateVersion = Static<typeof TemplateVersion>;

/** A figure read from a table cell: a number, or null when it could not be read. */
export const Figure = NullableNumber;
export type Figure = number | null;

/** Where a figure was read: offsets in the original text (UTF-16 code units, end exclusive). */
export const Span = Type.Object({
  start: Type.Integer(),
  end: Type.Integer(),
  /** 1-based line number of `start` in the original text. */
  line: Type.Integer(),
  /** Read by OCR from a scanned page or an image: 识别自扫描件，请核对. */
  ocr: Type.Optional(Type.Boolean()),
});
export type Span = Static<typeof Span>;

export const Finding = Type.Object({
  code: Type.String(),
  severity: Severity,
  field: Type.Optional(Type.String()),
  message: Type.String(),
});
export type Finding = Static<typeof Finding>;

export const ProactiveCategory = Type.Object({ label: Type.String(), category: Type.String(), count: Figure });
export type ProactiveCategory = Static<typeof ProactiveCategory>;

export const ParsedReport = Type.Object({
  source: Type.Object({
    file: Type.String(),
    sha256: Type.String(),
    format: SourceFormat,
    /** Parts of the text read by OCR (offsets, end exclusive); absent for a document with a text layer. */
    ocrRanges: Type.Optional(Type.Array(Type.Tuple([Type.Integer(), Type.Integer()]))),
  }),
  org: Type.Object({
    name: NullableString,
    fullName: NullableString,
    county: NullableString,
    kind: Type.Union([OrgKind, Type.Null()]),
  }),
  year: NullableInteger,
  publishedOn: NullableString,
  /** Where publishedOn was read: the date under the report's signature, or its web page's date (PubDate). */
  publishedFrom: Type.Optional(Type.Union([Type.Literal('signature'), Type.Literal('page'), Type.Null()])),
  template: Type.Union([TemplateVersion, Type.Null()]),
  proactive: Type.Object({
    total: Figure,
    approx: Type.Optional(NullableNumber),
    categories: Type.Array(ProactiveCategory),
    /** Counts by publication channel (网站, 微信公众号…) — not categories. */
    channels: Type.Array(Type.Object({ label: Type.String(), count: Figure })),
  }),
  article20: Type.Record(Type.String(), Type.Record(Type.String(), Figure)),
  applications: Type.Record(Type.String(), Type.Array(Figure)),
  reviewLitigation: Type.Object({
    review: Type.Array(Figure),
    litigationDirect: Type.Array(Figure),
    litigationAfterReview: Type.Array(Figure),
  }),
  sections: Type.Object({
    /** Section 一 (总体情况) as written; absent in reports stored before it was kept. */
    overview: Type.Optional(Type.String()),
    problems: Type.String(),
    improvements: Type.String(),
    other: Type.String(),
  }),
  provenance: Type.Record(Type.String(), Span),
  findings: Type.Array(Finding),
  /** Other names the report uses for its organisation (e.g. 新山乡 for 新山傈僳族乡). */
  orgAliases: Type.Array(Type.String()),
});
export type ParsedReport = Static<typeof ParsedReport>;

/** One manual correction in a report's audit log. */
export const Correction = Type.Object({
  id: Type.Integer(),
  field: Type.String(),
  oldValue: NullableNumber,
  newValue: NullableNumber,
  reason: Type.String(),
  /** Null for a visitor: staff names are shown to signed-in users only. */
  correctedBy: NullableString,
  correctedAt: Type.String(),
});
export type Correction = Static<typeof Correction>;

/** One version of a unit's report for a year (its history, newest first). */
export const ReportVersion = Type.Object({
  reportId: Type.Integer(),
  isCurrent: Type.Boolean(),
  proactiveTotal: NullableNumber,
  importedAt: Type.String(),
  supersededAt: NullableString,
  supersededById: NullableInteger,
  fileName: Type.String(),
  sha256: Type.String(),
  /** Shown to editors only. */
  importedBy: Type.Optional(Type.String()),
});
export type ReportVersion = Static<typeof ReportVersion>;

/** GET /api/reports/:id: the contract object with its figures as corrected, and its history. */
/** Where a report stands in 待核对: its figures to check against the original, each with who checked it. */
export const ReviewStatus = Type.Union(
  [Type.Literal('none'), Type.Literal('unchecked'), Type.Literal('partial'), Type.Literal('checked')],
  { description: 'none 无需核对（没有疑点）· unchecked 未核对 · partial 部分核对 · checked 已核对' },
);
export const ReportReview = Type.Object({
  status: ReviewStatus,
  items: Type.Array(
    Type.Object({
      field: Type.String(),
      label: Type.String({ description: '模板用语' }),
      value: NullableNumber,
      checked: Type.Union([
        Type.Object({
          by: NullableString,
          at: Type.String(),
          action: Type.Union([Type.Literal('confirmed'), Type.Literal('corrected')], {
            description: 'confirmed 核对无误 · corrected 已更正',
          }),
        }),
        Type.Null(),
      ]),
    }),
  ),
  checkedBy: NullableString,
  checkedAt: NullableString,
});
export type ReportReview = Static<typeof ReportReview>;

export const ReviewQueueQuery = Type.Object(
  { year: Year, county: Type.Optional(Type.String({ maxLength: 40 })) },
  { additionalProperties: false },
);
export type ReviewQueueQuery = Static<typeof ReviewQueueQuery>;

export const ReviewQueue = Type.Object({
  checked: Type.Integer({ description: '已核对（含无需核对）的报告数' }),
  total: Type.Integer({ description: '现行报告数' }),
  reports: Type.Array(
    Type.Object({
      reportId: Type.Integer(),
      organization: Type.Object({ id: Type.Integer(), name: Type.String(), county: NullableString }),
      year: Type.Integer(),
      status: ReviewStatus,
      items: Type.Integer({ description: '待核对的数字个数' }),
      checked: Type.Integer({ description: '已核对的数字个数' }),
      reasons: Type.Array(Type.String(), { description: '报告的错误（至多 3 条）' }),
      checkedBy: NullableString,
      checkedAt: NullableString,
    }),
    { description: '有待核对数字的报告，影响排名的在前' },
  ),
});
export type ReviewQueue = Static<typeof ReviewQueue>;

export const ReviewSummary = Type.Object({ checked: Type.Integer(), total: Type.Integer() });
export type ReviewSummary = Static<typeof ReviewSummary>;

export const FigureCheck = Type.Object({ field: Type.String({ maxLength: 80 }) }, { additionalProperties: false });
export type FigureCheck = Static<typeof FigureCheck>;

export const ReportDetail = Type.Intersect([
  ParsedReport,
  Type.Object({
    id: Type.Integer(),
    organization: Organization,
    isCurrent: Type.Boolean(),
    importedAt: Type.String(),
    versions: Type.Array(ReportVersion),
    corrections: Type.Array(Correction),
    /** Figures as parsed, for those that a correction changed: path → parsed value. */
    parsedValues: Type.Record(Type.String(), NullableNumber),
    sourceText: Type.String(),
    review: ReportReview,
  }),
]);
export type ReportDetail = Static<typeof ReportDetail>;

/** A report in a list (GET /api/reports). */
export const ReportSummary = Type.Object({
  id: Type.Integer(),
  organization: OrgRef,
  year: Type.Integer(),
  template: NullableString,
  publishedOn: NullableString,
  proactiveTotal: NullableNumber,
  isCurrent: Type.Boolean(),
  errors: Type.Integer(),
  warnings: Type.Integer(),
  fileName: Type.String(),
  format: Type.String(),
  importedAt: Type.String(),
});
export type ReportSummary = Static<typeof ReportSummary>;

export const ReportListQuery = Type.Object(
  { year: Type.Optional(Year), organization: Type.Optional(Id), history: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
export type ReportListQuery = Static<typeof ReportListQuery>;
export const ReportList = Type.Object({ reports: Type.Array(ReportSummary) });
export type ReportList = Static<typeof ReportList>;

/** The original file of a report, its bytes as imported. */
export const SourceFile = Type.Any({ description: '原始文件' });

/** PATCH /api/reports/:id/figures. */
export const FigureCorrection = Type.Object(
  {
    field: Type.String({
      maxLength: 80,
      description: '如 applications.newReceived[0]、article20.rules.issued、proactive.total',
    }),
    value: Type.Number({ minimum: 0, maximum: 1e9, description: '正确数值（不能为负）' }),
    reason: Type.String({ minLength: 2, maxLength: 500 }),
    // a type list, not a union: the server coerces request types, and a union would read null as the number 0
    expected: Type.Optional(
      Type.Unsafe<number | null>({
        type: ['number', 'null'],
        description:
          '更正前看到的数值（现值，无法读取时为 null）：与数据库中的现值不同（他人已更正）时不写入，返回 409 并给出现值',
      }),
    ),
  },
  { additionalProperties: false },
);
export type FigureCorrection = Static<typeof FigureCorrection>;

/** Where a figure stands in a PDF original (GET /api/reports/:id/original?field=). */
export const FigureBox = Type.Object({
  field: Type.String(),
  page: Type.Integer({ description: '页（从 0 起）' }),
  pages: Type.Integer(),
  pageWidth: Type.Number({ description: '页宽（PDF 点）' }),
  pageHeight: Type.Number(),
  box: Type.Object(
    { x0: Type.Number(), y0: Type.Number(), x1: Type.Number(), y1: Type.Number() },
    { description: '数字所在的框（PDF 点，原点在左下角）' },
  ),
});
export type FigureBox = Static<typeof FigureBox>;
export const FigureBoxQuery = Type.Object({ field: Type.String({ maxLength: 80 }) }, { additionalProperties: false });
export const PageParams = Type.Object({ id: Id, page: Type.Integer({ minimum: 0, maximum: 299 }) });
