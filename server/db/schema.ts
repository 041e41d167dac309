import { sql } from 'drizzle-orm';
import { blob, index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** A township, sub-district, department or county government. */
export const organizations = sqliteTable(
  'organizations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    fullName: text('full_name'),
    kind: text('kind').notNull(),
    /** null: the reports never named a county and none was given at import ("unassigned"). */
    county: text('county'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('organizations_county_idx').on(t.county), index('organizations_name_idx').on(t.name)],
);
export type Organization = typeof organizations.$inferSelect;

/** Every name an organisation is written as: 新山乡, 新山傈僳族乡, 米易县新山傈僳族乡人民政府. */
export const organizationAliases = sqliteTable(
  'organization_aliases',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    organizationId: integer('organization_id')
      .notNull()
      .references(() => organizations.id),
    alias: text('alias').notNull(),
  },
  (t) => [
    uniqueIndex('organization_aliases_org_alias_idx').on(t.organizationId, t.alias),
    index('organization_aliases_alias_idx').on(t.alias),
  ],
);

/** The original file exactly as received, so nothing is lost. */
export const sourceDocuments = sqliteTable(
  'source_documents',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    sha256: text('sha256').notNull(),
    fileName: text('file_name').notNull(),
    mediaType: text('media_type').notNull(),
    format: text('format').notNull(),
    size: integer('size').notNull(),
    bytes: blob('bytes', { mode: 'buffer' }).notNull(),
    extractedText: text('extracted_text').notNull(),
    importedAt: text('imported_at').notNull(),
    importedBy: text('imported_by').notNull(),
    /** Where the collector found the file (null for an upload or a folder import). */
    url: text('url'),
    /** A PDF's: the page and box of every piece of the extracted text (PdfLayout as JSON), to show a figure on its page. */
    layout: text('layout'),
  },
  (t) => [uniqueIndex('source_documents_sha256_idx').on(t.sha256)],
);

/** One parsed report. At most one current report per organisation and year; older ones are history. */
export const reports = sqliteTable(
  'reports',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    organizationId: integer('organization_id')
      .notNull()
      .references(() => organizations.id),
    sourceDocumentId: integer('source_document_id')
      .notNull()
      .references(() => sourceDocuments.id),
    year: integer('year').notNull(),
    template: text('template'),
    publishedOn: text('published_on'),
    /** Where published_on was read: 'page' for a web page's own date (PubDate); null or 'signature' for the report's signature. */
    publishedFrom: text('published_from'),
    /** The proactive total as parsed; never overwritten. */
    proactiveTotal: integer('proactive_total'),
    /** The proactive total as corrected by an editor (null: not corrected), like a table cell's corrected value. */
    proactiveTotalCorrected: integer('proactive_total_corrected'),
    proactiveApprox: integer('proactive_approx'),
    isCurrent: integer('is_current', { mode: 'boolean' }).notNull(),
    supersededAt: text('superseded_at'),
    supersededById: integer('superseded_by_id'),
    /** The parsed report as the contract's JSON (sections text, provenance, aliases…). */
    parsed: text('parsed', { mode: 'json' }).notNull(),
    errorCount: integer('error_count').notNull(),
    warningCount: integer('warning_count').notNull(),
    importedAt: text('imported_at').notNull(),
    /** The reader version (READER_VERSION) that read it; null for reports read before versions were kept. */
    readerVersion: text('reader_version'),
  },
  (t) => [
    uniqueIndex('reports_current_org_year_idx').on(t.organizationId, t.year).where(sql`${t.isCurrent} = 1`),
    index('reports_year_current_idx').on(t.year, t.isCurrent),
    index('reports_org_idx').on(t.organizationId, t.year),
    index('reports_source_idx').on(t.sourceDocumentId),
  ],
);
export type Report = typeof reports.$inferSelect;

export const proactiveCategories = sqliteTable(
  'proactive_categories',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    reportId: integer('report_id')
      .notNull()
      .references(() => reports.id),
    position: integer('position').notNull(),
    label: text('label').notNull(),
    category: text('category').notNull(),
    count: integer('count'),
    /** An editor's correction of the count; `count` keeps what was read, like every figure. */
    correctedCount: integer('corrected_count'),
  },
  (t) => [index('proactive_categories_report_idx').on(t.reportId), index('proactive_categories_category_idx').on(t.category)],
);

/** One row per template cell, so the 2019 and 2021 templates share one shape. */
export const tableFigures = sqliteTable(
  'table_figures',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    reportId: integer('report_id')
      .notNull()
      .references(() => reports.id),
    tableName: text('table_name').notNull(),
    rowKey: text('row_key').notNull(),
    columnKey: text('column_key').notNull(),
    /** What the parser read; never overwritten. */
    value: real('value'),
    /** A manual correction (see `corrections`); the figure in force is coalesce(corrected_value, value). */
    correctedValue: real('corrected_value'),
    sourceStart: integer('source_start'),
    sourceEnd: integer('source_end'),
    sourceLine: integer('source_line'),
  },
  // rankings join a year's reports to one cell each: this index serves both that and per-report reads
  // (row keys are unique across the three tables, so the table name need not be in it)
  (t) => [uniqueIndex('table_figures_cell_idx').on(t.reportId, t.rowKey, t.columnKey)],
);

export const findings = sqliteTable(
  'findings',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    reportId: integer('report_id')
      .notNull()
      .references(() => reports.id),
    code: text('code').notNull(),
    severity: text('severity').notNull(),
    field: text('field'),
    message: text('message').notNull(),
  },
  (t) => [index('findings_report_idx').on(t.reportId), index('findings_code_idx').on(t.code)],
);

/** Audit log of manual corrections: who, when, old, new, why. */
export const corrections = sqliteTable(
  'corrections',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    reportId: integer('report_id')
      .notNull()
      .references(() => reports.id),
    field: text('field').notNull(),
    oldValue: real('old_value'),
    newValue: real('new_value'),
    reason: text('reason').notNull(),
    correctedBy: text('corrected_by').notNull(),
    correctedAt: text('corrected_at').notNull(),
  },
  (t) => [index('corrections_report_idx').on(t.reportId)],
);

/** People who may sign in: admin (users and everything), editor (imports, corrections), viewer (read). */
export const users = sqliteTable(
  'users',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    /** scrypt$N$r$p$salt$hash, all parameters kept so they can be raised later. */
    passwordHash: text('password_hash').notNull(),
    role: text('role').notNull(),
    createdAt: text('created_at').notNull(),
    /** Set when too many wrong passwords locked the account; an admin unlocks it. */
    lockedAt: text('locked_at'),
    /** Set when an admin disabled the account (staff who left): no sign-in, no session, until enabled again. */
    disabledAt: text('disabled_at'),
  },
  (t) => [uniqueIndex('users_name_idx').on(t.name)],
);
export type User = typeof users.$inferSelect;

/** Signed-in sessions. Only a hash of the cookie's token is stored; the CSRF token is per session. */
export const sessions = sqliteTable(
  'sessions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tokenHash: text('token_hash').notNull(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    csrfToken: text('csrf_token').notNull(),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    /** The last request on the session (to the minute): idle sessions end (SESSION_IDLE_MINUTES). */
    lastSeenAt: text('last_seen_at'),
  },
  (t) => [uniqueIndex('sessions_token_idx').on(t.tokenHash), index('sessions_user_idx').on(t.userId)],
);

/**
 * Files uploaded on the import page, kept with their original bytes until they are read: the page
 * shows each one's state (排队, 读取中, 识别中 n/m 页, 完成), and a file still waiting when the server
 * stops is read when it starts again. The bytes are dropped once the file is done (an imported
 * report keeps its original in source_documents); a failed file keeps them only while it waits for
 * the uploader to choose its unit (the text names none).
 */
export const importJobs = sqliteTable(
  'import_jobs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    fileName: text('file_name').notNull(),
    size: integer('size').notNull(),
    bytes: blob('bytes', { mode: 'buffer' }),
    county: text('county'),
    importedBy: text('imported_by').notNull(),
    /** The uploader's address, for the audit log. */
    ip: text('ip'),
    /** queued | running | review (would replace the current version: waits for the uploader) | done | failed */
    state: text('state').notNull(),
    /** The uploader confirmed that this file replaces the current version (it is read again and committed). */
    confirmed: integer('confirmed', { mode: 'boolean' }).notNull().default(false),
    /** A report whose unit the text does not name: the unit the uploader chose (an existing one)… */
    organizationId: integer('organization_id'),
    /** …or the name of a new unit the uploader typed. */
    organizationName: text('organization_name'),
    /** The ImportResult as JSON once done or failed. */
    result: text('result', { mode: 'json' }),
    createdAt: text('created_at').notNull(),
    finishedAt: text('finished_at'),
  },
  (t) => [index('import_jobs_state_idx').on(t.state), index('import_jobs_user_idx').on(t.importedBy, t.id)],
);

/** Failed sign-ins, kept across restarts: the throttle and the account lock count them. */
export const loginFailures = sqliteTable(
  'login_failures',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    ip: text('ip').notNull(),
    at: text('at').notNull(),
    /**
     * 0 while the attempt is being checked: an attempt is counted before its password is (so that
     * parallel attempts count each other), kept as a failure, or deleted when it signs in.
     */
    settled: integer('settled').notNull().default(1),
  },
  (t) => [index('login_failures_name_idx').on(t.name, t.at), index('login_failures_ip_idx').on(t.ip, t.at)],
);

/**
 * What anonymous clients and refused requests did, counted per address, kind and minute (one row a
 * window, however many requests): refused sign-ins, anonymous downloads of originals. The audit log
 * keeps what a person did; these keep the volume without a row a request.
 */
export const requestCounts = sqliteTable(
  'request_counts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** The minute, UTC: `2026-12-07T05:48`. */
    window: text('window').notNull(),
    ip: text('ip').notNull(),
    kind: text('kind').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [uniqueIndex('request_counts_window_ip_kind_idx').on(t.window, t.ip, t.kind)],
);

/**
 * Who did what, when, from where: sign-ins, accounts, imports, corrections, organisations,
 * counties, exports and original-file downloads. Append-only: triggers refuse updates and deletes.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    /** The signed-in user, or the name tried at a failed sign-in; null for the system. */
    actor: text('actor'),
    ip: text('ip'),
    action: text('action').notNull(),
    target: text('target'),
    /** Details as JSON. */
    detail: text('detail'),
  },
  (t) => [index('audit_log_at_idx').on(t.at), index('audit_log_action_idx').on(t.action, t.at)],
);

/** The counties an upload may be assigned to by hand, kept by an admin (and every county a report names). */
export const counties = sqliteTable(
  'counties',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    createdAt: text('created_at').notNull(),
    /** The admin who added it, or `report` when a report named it. */
    createdBy: text('created_by').notNull(),
  },
  (t) => [uniqueIndex('counties_name_idx').on(t.name)],
);

/** The portal columns the collector walks (采集来源), as an admin set them. */
export const collectSources = sqliteTable(
  'collect_sources',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    url: text('url').notNull(),
    addedAt: text('added_at').notNull(),
    addedBy: text('added_by').notNull(),
    /** The last crawl: when it ended and what it (await found (CrawlSummary as JSON)). */
    lastRunAt: text('last_run_at'),
    lastSummary: text('last_summary', { mode: 'json' }),
  },
  (t) => [uniqueIndex('collect_sources_url_idx').on(t.url)],
);

/**
 * Every page and file the collector has seen, with where it stands: a crawl that is stopped goes on
 * from the rows still pending, and a later run fetches only what it has not done (list pages are
 * read again each time, to find new articles).
 */
export const collectPages = sqliteTable(
  'collect_pages',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    sourceId: integer('source_id')
      .notNull()
      .references(() => collectSources.id),
    url: text('url').notNull(),
    /** article | file */
    kind: text('kind').notNull(),
    /** pending | done | failed */
    state: text('state').notNull(),
    title: text('title'),
    /** The article's publication date and where it was read (meta | page). */
    publishedOn: text('published_on'),
    publishedFrom: text('published_from'),
    /** What became of it: imported | replaced | unchanged | … (an import's status). */
    status: text('status'),
    reportId: integer('report_id'),
    reason: text('reason'),
    foundAt: text('found_at').notNull(),
    fetchedAt: text('fetched_at'),
    /** What the site said of the version fetched (ETag, Last-Modified) and its hash: a later run asks only whether it changed. */
    etag: text('etag'),
    lastModified: text('last_modified'),
    sha256: text('sha256'),
  },
  (t) => [uniqueIndex('collect_pages_url_idx').on(t.url), index('collect_pages_state_idx').on(t.sourceId, t.state)],
);

/** When the collector runs by itself (one row, id 1): daily in the reporting season, set by an admin. */
export const collectSchedule = sqliteTable('collect_schedule', {
  id: integer('id').primaryKey(),
  enabled: integer('enabled', { mode: 'boolean' }).notNull().default(false),
  /** The season, as MM-DD in Beijing time, both days included (default 1月1日 to 3月31日). */
  fromDay: text('from_day').notNull().default('01-01'),
  toDay: text('to_day').notNull().default('03-31'),
  /** The hour of the day (Beijing time) from which the day's run starts. */
  hour: integer('hour').notNull().default(2),
  /** The Beijing date of the last scheduled run (yyyy-mm-dd). */
  lastRunOn: text('last_run_on'),
  updatedAt: text('updated_at'),
  updatedBy: text('updated_by'),
});

/** The units that must publish a report for a year (应报单位), per county: 缺报 is counted against it. */
export const rosterEntries = sqliteTable(
  'roster_entries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    county: text('county').notNull(),
    year: integer('year').notNull(),
    organizationId: integer('organization_id')
      .notNull()
      .references(() => organizations.id),
    addedAt: text('added_at').notNull(),
    addedBy: text('added_by').notNull(),
  },
  (t) => [uniqueIndex('roster_entries_unit_idx').on(t.county, t.year, t.organizationId)],
);

/** A year's reporting deadline when it is not the template's 1月31日 of the next year. */
export const reportDeadlines = sqliteTable('report_deadlines', {
  year: integer('year').primaryKey(),
  /** yyyy-mm-dd, Beijing date, the last day on time. */
  deadline: text('deadline').notNull(),
  updatedAt: text('updated_at').notNull(),
  updatedBy: text('updated_by').notNull(),
});

/** A year's scoring scheme (考核细则) when an admin changed the default: the Rubric as JSON. */
export const evaluationRubrics = sqliteTable('evaluation_rubrics', {
  year: integer('year').primaryKey(),
  rubric: text('rubric', { mode: 'json' }).notNull(),
  updatedAt: text('updated_at').notNull(),
  updatedBy: text('updated_by').notNull(),
});

/** A figure checked against the original (待核对): confirmed as read, or corrected (see corrections). */
export const figureChecks = sqliteTable(
  'figure_checks',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    reportId: integer('report_id')
      .notNull()
      .references(() => reports.id),
    field: text('field').notNull(),
    /** confirmed (核对无误) | corrected */
    action: text('action').notNull(),
    /** The figure as it stood when checked. */
    value: real('value'),
    checkedBy: text('checked_by').notNull(),
    checkedAt: text('checked_at').notNull(),
  },
  (t) => [index('figure_checks_report_idx').on(t.reportId, t.field)],
);

/**
 * The change counter (one row, id 1): every write transaction that changes what the dashboard
 * reads bumps it (db/write.ts), and each server process's result cache compares it at every lookup
 * (db/result-cache.ts) — how a process learns of another's import, on SQLite as on PostgreSQL. On
 * PostgreSQL its row lock also serialises write transactions across processes.
 */
export const dataChanges = sqliteTable('data_changes', {
  id: integer('id').primaryKey(),
  n: integer('n').notNull(),
});
