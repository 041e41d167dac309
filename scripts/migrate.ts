/** `npm run db:migrate`: creates the database if needed, applies migrations, loads the samples into an empty one. */
import { closeDatabase, openDatabase } from '../server/db/client';
import { loadSamplesIfEmpty } from '../server/ingest/samples';

const db = await openDatabase(process.env.DATABASE_URL);
const loaded = await loadSamplesIfEmpty(db);
console.log(loaded ? `database ready; sample reports loaded: ${loaded.counts.imported}` : 'database ready');
await closeDatabase(db);
