/** Starts the dashboard's server: migrate, load the samples into an empty database, listen. */
import { buildApp } from './app';
import { countUsers } from './auth/sessions';
import { loadEnv } from './config/env';
import { openDatabase } from './db/client';
import { warmPdfEngine } from './ingest/formats/engine';
import { loadSamplesIfEmpty } from './ingest/samples';

const env = loadEnv();
const db = openDatabase(env.DATABASE_URL, { busyTimeoutMs: 20 });
const app = await buildApp({ db, env, logger: { level: env.LOG_LEVEL } });

if (env.LOAD_SAMPLES) {
  const loaded = await loadSamplesIfEmpty(db);
  if (loaded) app.log.info({ counts: loaded.counts }, 'empty database: sample reports loaded');
}
if (countUsers(db) === 0) {
  app.log.warn(
    'no user accounts yet: reading works, but imports and corrections need an editor. Create the first administrator with: npm run user:add -- NAME --role admin',
  );
}

const close = async () => {
  await app.close();
  db.$client.close();
  process.exit(0);
};
process.on('SIGINT', close);
process.on('SIGTERM', close);

await app.listen({ port: env.PORT, host: env.HOST });
// the document engine and its spare start once the server answers (loading them takes a couple of
// seconds of CPU that would otherwise delay the first answer); a file is never charged for it
warmPdfEngine();
