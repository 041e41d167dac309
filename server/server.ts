/**
 * Starts the dashboard's server: check and migrate the database, load the samples when asked,
 * listen; then the document engine, session clean-up and scheduled backups.
 */
import { existsSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { loadEnv } from './config/env';
import { nodeVersionProblem } from './config/node-version';
import { closeDatabase, type Db, databasePath, isPostgresUrl, openDatabase, redactUrl } from './db/client';

/** A start-up failure: what is wrong and what to do, in Chinese for the office and English for logs; no stack trace. */
function refuse(zh: string, en: string): never {
  console.error(`无法启动：${zh}\ncannot start: ${en}`);
  process.exit(1);
}

const RESTORE = '如有备份，请停止服务后运行 npm run restore -- 备份文件 恢复（每日备份在 BACKUP_DIR 中）';

const nodeProblem = nodeVersionProblem(process.versions.node);
if (nodeProblem) refuse(nodeProblem.zh, nodeProblem.en);

const env = loadEnv();
const postgres = isPostgresUrl(env.DATABASE_URL);
const path = postgres ? redactUrl(env.DATABASE_URL) : databasePath(env.DATABASE_URL);
if (!postgres && path !== ':memory:' && !existsSync(path) && !env.CREATE_DATABASE) {
  refuse(
    `数据库文件不存在：${path}。若原来有数据，请检查 DATABASE_URL 是否指向正确的文件；${RESTORE}。若是新安装，请设置 CREATE_DATABASE=true 新建（npm start 演示会自动新建）。`,
    `database file ${path} does not exist; set CREATE_DATABASE=true to create a new one, or restore a backup`,
  );
}
// an empty file is no database (a failed copy, a disk that filled while it was written): SQLite would
// silently make a fresh, empty one of it
if (!postgres && path !== ':memory:' && existsSync(path) && statSync(path).size === 0 && !env.CREATE_DATABASE) {
  refuse(
    `数据库文件 ${path} 是空文件（0 字节），不是本系统的数据库，可能在复制或磁盘写满时损坏。${RESTORE}；若是新安装，请删除这个空文件后设置 CREATE_DATABASE=true 新建。`,
    `database file ${path} is empty (0 bytes): refusing to start on it`,
  );
}
let db: Db;
try {
  db = await openDatabase(env.DATABASE_URL, { busyTimeoutMs: 20, poolSize: env.DATABASE_POOL_SIZE });
  const check = db.$db.sqlite?.pragma('quick_check', { simple: true }) ?? 'ok';
  if (check !== 'ok') throw Object.assign(new Error(`quick_check: ${String(check).slice(0, 300)}`), { code: 'SQLITE_CORRUPT' });
} catch (err) {
  const e = err as Error & { code?: string };
  if (postgres) {
    refuse(
      `无法连接或初始化 PostgreSQL 数据库 ${path}（${e.code ?? ''} ${e.message}）。请检查 DATABASE_URL 中的地址、端口、用户名、密码和数据库名，以及数据库服务是否已启动。`,
      `cannot open the PostgreSQL database ${path}: ${e.code ?? ''} ${e.message}`,
    );
  }
  refuse(
    `数据库文件 ${path} 已损坏、不完整或不是本系统的数据库（${e.code ?? e.message}）。${RESTORE}。`,
    `database ${path} cannot be opened or fails its check: ${e.code ?? ''} ${e.message}`,
  );
}

// the rest of the server loads once the database is known to be good: a refusal above is quick
const [{ buildApp }, { countUsers, purgeSessions }, { scheduleBackups }, { warmPdfEngine }, { loadSamplesIfEmpty }] =
  await Promise.all([
    import('./app'),
    import('./auth/sessions'),
    import('./db/backup'),
    import('./ingest/formats/engine'),
    import('./ingest/samples'),
  ]);
const { startIntegrityChecks } = await import('./db/integrity');
const app = await buildApp({ db, env, logger: { level: env.LOG_LEVEL } });

if (env.LOAD_SAMPLES) {
  const loaded = await loadSamplesIfEmpty(db);
  if (loaded)
    app.log.warn({ counts: loaded.counts }, 'empty database: the sample reports were loaded as demo data (LOAD_SAMPLES)');
}
if ((await countUsers(db)) === 0) {
  app.log.warn(
    'no user accounts yet: reading works, but imports and corrections need an editor. Create the first administrator with: npm run user:add -- NAME --role admin',
  );
}

// expired and idle sessions are deleted at start and every hour
const purge = () =>
  purgeSessions(db, env.SESSION_IDLE_MINUTES).catch((err: unknown) => app.log.warn({ err }, 'session clean-up failed'));
await purge();
setInterval(purge, 3600_000).unref();
if (postgres && env.BACKUP_DIR) app.log.warn('BACKUP_DIR is ignored on PostgreSQL: back it up with its own tools (pg_dump)');
const stopBackups =
  env.BACKUP_DIR && !postgres ? scheduleBackups(db, { dir: env.BACKUP_DIR, keep: env.BACKUP_KEEP, log: app.log }) : () => {};
if (!env.BACKUP_DIR && !postgres)
  app.log.warn('BACKUP_DIR is not set: no scheduled backups (npm run backup -- FILE takes one by hand)');

// beside the database while the server runs: npm run restore refuses to replace a database in use
const pidFile = postgres || path === ':memory:' ? null : `${path}.server.pid`;
if (pidFile) writeFileSync(pidFile, String(process.pid), { mode: 0o600 });

const close = async () => {
  stopBackups();
  await app.close();
  await closeDatabase(db);
  if (pidFile && existsSync(pidFile)) unlinkSync(pidFile);
  process.exit(0);
};
process.on('SIGINT', close);
process.on('SIGTERM', close);

await app.listen({ port: env.PORT, host: env.HOST });
// the document engine and its spare start once the server answers (loading them takes a couple of
// seconds of CPU that would otherwise delay the first answer); a file is never charged for it
if (env.ENGINE_PREWARM) warmPdfEngine();
// the scheduled collection (采集), when an admin has set one: checked every five minutes
app.collector.startScheduler();
// the database's pages checked now and then, off the main thread (/api/health reports the result)
startIntegrityChecks(db, env.INTEGRITY_CHECK_S * 1000, app.log);
