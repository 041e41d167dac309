import { Type } from '@fastify/type-provider-typebox';
import { Value } from 'typebox/value';

const EnvSchema = Type.Object({
  PORT: Type.Integer({ minimum: 1, maximum: 65535, default: 3000 }),
  HOST: Type.String({ minLength: 1, default: '127.0.0.1' }),
  DATABASE_URL: Type.String({ minLength: 1, default: 'data/disclosure.db' }),
  /** PostgreSQL (a postgres:// DATABASE_URL): connections each server process keeps open. */
  DATABASE_POOL_SIZE: Type.Integer({ minimum: 1, maximum: 200, default: 10 }),
  READ_REQUIRES_LOGIN: Type.Boolean({ default: false }),
  COOKIE_SECURE: Type.Boolean({ default: false }),
  SESSION_HOURS: Type.Integer({ minimum: 1, maximum: 24 * 30, default: 8 }),
  MAX_UPLOAD_MB: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  MAX_UPLOAD_FILES: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
  /** How often the database's integrity is checked (SQLite quick_check, off the main thread); /api/health reports it. */
  INTEGRITY_CHECK_S: Type.Integer({ minimum: 1, maximum: 86_400, default: 600 }),
  /** Expensive reads (search, 数据质量, the unit list) one client may make in 20 s (a signed-in user, else an address). */
  RATE_LIMIT_READS: Type.Integer({ minimum: 1, maximum: 1_000_000, default: 30 }),
  /** Originals and exports one client may download a minute. */
  RATE_LIMIT_DOWNLOADS: Type.Integer({ minimum: 1, maximum: 1_000_000, default: 20 }),
  /** Scanned pages read by OCR in one file at most; past them the report says the rest were not read. */
  OCR_MAX_PAGES: Type.Integer({ minimum: 1, maximum: 300, default: 30 }),
  /** One upload request in all (its files together, a zip's unpacked entries too): over it, 413. */
  MAX_REQUEST_MB: Type.Integer({ minimum: 1, maximum: 2000, default: 100 }),
  LOG_LEVEL: Type.Union(
    [
      Type.Literal('fatal'),
      Type.Literal('error'),
      Type.Literal('warn'),
      Type.Literal('info'),
      Type.Literal('debug'),
      Type.Literal('silent'),
    ],
    {
      default: 'info',
    },
  ),
  /** Load the sample reports into an empty database (npm start, the demo, sets it). */
  LOAD_SAMPLES: Type.Boolean({ default: false }),
  /** Create the database when its file does not exist (npm start sets it); otherwise a missing file is an error. */
  CREATE_DATABASE: Type.Boolean({ default: false }),
  /** A session ends after this many minutes without a request. */
  SESSION_IDLE_MINUTES: Type.Integer({ minimum: 1, maximum: 24 * 60, default: 30 }),
  /** Sessions one user may hold at once; signing in on one more ends the oldest. */
  MAX_SESSIONS_PER_USER: Type.Integer({ minimum: 1, maximum: 100, default: 3 }),
  /** A request (an upload included) must arrive whole within this many seconds. */
  REQUEST_TIMEOUT_S: Type.Integer({ minimum: 1, maximum: 3600, default: 300 }),
  /** Uploads one user may have in flight at once. */
  MAX_UPLOADS_PER_USER: Type.Integer({ minimum: 1, maximum: 100, default: 4 }),
  /** Where daily backups go; no scheduled backups when empty. */
  BACKUP_DIR: Type.String({ default: '' }),
  /** Daily backups kept in BACKUP_DIR. */
  BACKUP_KEEP: Type.Integer({ minimum: 1, maximum: 3650, default: 14 }),
  /**
   * Start the document engine (PDF reading, OCR) as soon as the server answers, so that the first
   * upload does not wait for it; off, it starts at the first PDF (tests that never read one).
   */
  ENGINE_PREWARM: Type.Boolean({ default: true }),
  /** The collector may visit addresses on the office's network or this machine (an intranet portal). */
  COLLECT_ALLOW_PRIVATE: Type.Boolean({ default: false }),
  /** The collector's pause between two requests to one host, in milliseconds (politeness: 1 s). */
  COLLECT_INTERVAL_MS: Type.Integer({ minimum: 0, maximum: 60_000, default: 1000 }),
});

export type Env = Type.Static<typeof EnvSchema>;

/** The environment, checked and typed once at boot; nothing else reads process.env. */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const raw = Object.fromEntries(
    Object.keys(EnvSchema.properties)
      .filter((k) => source[k] !== undefined && source[k] !== '')
      .map((k) => [k, source[k]]),
  );
  const value = Value.Default(EnvSchema, Value.Convert(EnvSchema, raw));
  if (!Value.Check(EnvSchema, value)) {
    const problems = [...Value.Errors(EnvSchema, value)].map((e) => `${e.instancePath.slice(1)} ${e.message}`);
    throw new Error(`invalid environment: ${problems.join('; ')}`);
  }
  return value as Env;
}
