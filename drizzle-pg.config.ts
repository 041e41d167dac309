import { defineConfig } from 'drizzle-kit';

/** PostgreSQL's migrations, from the tables of server/db/schema.ts (see server/db/schema-pg.ts). */
export default defineConfig({
  dialect: 'postgresql',
  schema: './server/db/schema-pg.ts',
  out: './migrations/postgres',
});
