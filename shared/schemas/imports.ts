import { type Static, Type } from 'typebox';
import { NullableString, OrgRef } from './common';

export const ImportStatus = Type.Union(
  [
    Type.Literal('imported'),
    Type.Literal('unchanged'),
    Type.Literal('replaced'),
    Type.Literal('failed'),
    Type.Literal('review'),
    Type.Literal('discarded'),
  ],
  {
    description:
      'imported 已导入 · unchanged 同一文件已导入 · replaced 已替换旧版本 · failed 失败 · review 将替换现行版本、等待确认（导入页） · discarded 已放弃替换',
  },
);
export type ImportStatus = Static<typeof ImportStatus>;

/** What became of one uploaded file. */
export const ImportResult = Type.Object({
  file: Type.String(),
  status: ImportStatus,
  reportId: Type.Optional(Type.Integer()),
  organization: Type.Optional(OrgRef),
  year: Type.Optional(Type.Integer()),
  /** Why it failed: Chinese for the UI, English for logs. */
  reason: Type.Optional(Type.Object({ zh: Type.String(), en: Type.String() })),
  unitUnknown: Type.Optional(
    Type.Boolean({
      description: '报告中未能识别单位：文件已保留，上传人可选择已有单位或新建单位后导入（POST /api/imports/:id/unit）',
    }),
  ),
  errors: Type.Optional(Type.Integer()),
  warnings: Type.Optional(Type.Integer()),
  /** What a file that would replace the current version changes, figure by figure (status review). */
  changes: Type.Optional(
    Type.Array(
      Type.Object({
        field: Type.String(),
        label: Type.String({ description: '模板用语，如“主动公开政府信息总数”' }),
        from: Type.Union([Type.Number(), Type.Null()]),
        to: Type.Union([Type.Number(), Type.Null()]),
      }),
    ),
  ),
  /** The current version a file in review would replace. */
  replaces: Type.Optional(Type.Integer()),
  /** The checks' findings of the imported report, for the import page. */
  findings: Type.Optional(Type.Array(Type.Object({ severity: Type.String(), message: Type.String() }))),
  /** A new version of a report: the previous version's corrections carried over, and those left for review. */
  corrections: Type.Optional(
    Type.Object({
      carried: Type.Integer({ description: '原文数字未变、已沿用的更正数' }),
      toReview: Type.Integer({ description: '原文数字已变、未沿用、需要核对的更正数' }),
    }),
  ),
});
export type ImportResult = Static<typeof ImportResult>;

/** Where a file stands: waiting, being read (a PDF: its pages known), OCR page n of m, done or failed. */
export const JobStage = Type.Union(
  [
    Type.Literal('queued'),
    Type.Literal('reading'),
    Type.Literal('ocr'),
    Type.Literal('review'),
    Type.Literal('done'),
    Type.Literal('failed'),
  ],
  { description: 'queued 排队 · reading 读取中 · ocr 识别中（扫描件） · review 待确认替换 · done 完成 · failed 失败' },
);
export type JobStage = Static<typeof JobStage>;

/** One file of the import queue (GET /api/imports). */
export const ImportJob = Type.Object({
  id: Type.Integer(),
  file: Type.String(),
  size: Type.Integer(),
  stage: JobStage,
  pages: Type.Optional(Type.Integer({ description: 'PDF 的页数（读取中）' })),
  ocrPage: Type.Optional(Type.Integer({ description: '正在识别的扫描页（第几页）' })),
  ocrPages: Type.Optional(Type.Integer({ description: '需要识别的扫描页数' })),
  result: Type.Optional(ImportResult),
  createdAt: Type.String(),
  finishedAt: NullableString,
});
export type ImportJob = Static<typeof ImportJob>;

export const ImportJobs = Type.Object({ jobs: Type.Array(ImportJob) });
export const ImportJobsQuery = Type.Object(
  { ids: Type.Optional(Type.String({ pattern: '^\\d{1,10}(,\\d{1,10}){0,199}$', description: '任务 id，逗号分隔' })) },
  { additionalProperties: false },
);
export type ImportJobs = Static<typeof ImportJobs>;

/** POST /api/reports: each file's result (200, or 422 when none was imported). */
export const UploadResults = Type.Object({ results: Type.Array(ImportResult) });
export type UploadResults = Static<typeof UploadResults>;
export const UploadRefused = Type.Object({ error: Type.String(), message: Type.String(), results: Type.Array(ImportResult) });

/** POST /api/imports/:id/decision: replace the current version with the file, or discard it. */
export const ImportDecision = Type.Object({ replace: Type.Boolean() }, { additionalProperties: false });
export type ImportDecision = Static<typeof ImportDecision>;

/** The unit of a file whose text names none: an existing unit, or the name of a new one. */
export const ImportUnit = Type.Union(
  [
    Type.Object({ organizationId: Type.Integer({ minimum: 1, description: '已有单位的编号' }) }, { additionalProperties: false }),
    Type.Object(
      { name: Type.String({ minLength: 2, maxLength: 40, description: '新建单位的名称，如“某某镇”' }) },
      { additionalProperties: false },
    ),
  ],
  { description: '选择已有单位（organizationId）或新建单位（name），二者取一' },
);
export type ImportUnit = Static<typeof ImportUnit>;

/** What one crawl of a source found (the 采集 screen). */
export const CrawlSummary = Type.Object({
  listPages: Type.Integer({ description: '读取的列表页' }),
  found: Type.Integer({ description: '新发现的文章和附件' }),
  imported: Type.Integer({ description: '导入（含替换旧版本）的报告' }),
  unchanged: Type.Integer({ description: '已导入过的同一文件' }),
  changed: Type.Integer({ description: '以前采集过、此后有改动的页面和文件' }),
  failed: Type.Array(
    Type.Object({
      url: Type.String(),
      reason: Type.String(),
      /** What kind of failure: private (an intranet address, not visited unless allowed), robots, http, timeout… */
      code: Type.Optional(Type.String()),
    }),
  ),
  /** What the run could not do, said on the screen (只读取了第一页：后续列表由网页脚本生成…). */
  notes: Type.Optional(Type.Array(Type.String())),
});
export type CrawlSummary = Static<typeof CrawlSummary>;

export const CollectSourceRow = Type.Object({
  id: Type.Integer(),
  url: Type.String(),
  addedAt: Type.String(),
  addedBy: Type.String(),
  lastRunAt: NullableString,
  lastSummary: Type.Union([CrawlSummary, Type.Null()]),
  pages: Type.Object({ done: Type.Integer(), failed: Type.Integer(), pending: Type.Integer() }),
});
export type CollectSourceRow = Static<typeof CollectSourceRow>;

/** The scheduled collection: daily in a season (MM-DD to MM-DD, Beijing time), from an hour. */
export const CollectScheduleSettings = Type.Object(
  {
    enabled: Type.Boolean(),
    fromDay: Type.String({ pattern: '^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$', description: '开始日期 MM-DD，如 01-01' }),
    toDay: Type.String({ pattern: '^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$', description: '结束日期 MM-DD，如 03-31' }),
    hour: Type.Integer({ minimum: 0, maximum: 23, description: '每天几点（北京时间）开始' }),
  },
  { additionalProperties: false },
);
export type CollectScheduleSettings = Static<typeof CollectScheduleSettings>;
export const CollectSchedule = Type.Object({
  enabled: Type.Boolean(),
  fromDay: Type.String(),
  toDay: Type.String(),
  hour: Type.Integer(),
  lastRunOn: NullableString,
  updatedAt: NullableString,
  updatedBy: NullableString,
});

/** GET /api/collect: the sources and the crawl running now. */
export const CollectState = Type.Object({
  /** Whether the server may visit intranet (private) addresses: the setting COLLECT_ALLOW_PRIVATE. */
  allowPrivate: Type.Boolean(),
  schedule: CollectSchedule,
  sources: Type.Array(CollectSourceRow),
  running: Type.Union([Type.Object({ sourceId: Type.Integer(), summary: CrawlSummary }), Type.Null()]),
});
export type CollectState = Static<typeof CollectState>;

export const CollectPageRow = Type.Object({
  url: Type.String(),
  kind: Type.String(),
  title: NullableString,
  reason: NullableString,
  fetchedAt: NullableString,
});
export type CollectPageRow = Static<typeof CollectPageRow>;
export const CollectFailures = Type.Object({ pages: Type.Array(CollectPageRow) });

export const NewCollectSource = Type.Object(
  { url: Type.String({ minLength: 10, maxLength: 500, pattern: '^https?://', description: '栏目列表页网址，或一篇文章的网址' }) },
  { additionalProperties: false },
);
