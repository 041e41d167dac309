/**
 * The PostgreSQL tables, derived from server/db/schema.ts (the one definition of the tables) for
 * drizzle-kit, which writes migrations/postgres from this file. Queries never import it: on
 * PostgreSQL, drizzle builds its SQL from schema.ts's own table objects, whose values are stored
 * the same way in both databases. Only the types PostgreSQL and the databases speaking its protocol
 * (KingbaseES, openGauss) all have: serial keys (not identity columns), integer, double precision,
 * text, bytea — flags stay integers 0/1 and JSON stays text, as in SQLite, so raw SQL reads alike.
 */
import { getTableColumns, is, SQL, sql } from 'drizzle-orm';
import {
  customType,
  doublePrecision,
  foreignKey,
  index,
  integer,
  type PgColumnBuilderBase,
  type PgTable,
  pgTable,
  serial,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { getTableConfig, type SQLiteColumn, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import * as sqlite from './schema';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

function column(c: SQLiteColumn): PgColumnBuilderBase {
  const autoIncrement = (c as unknown as { autoIncrement?: boolean }).autoIncrement;
  let b: PgColumnBuilderBase & { notNull(): unknown; primaryKey(): unknown; default(v: unknown): unknown };
  switch (c.columnType) {
    case 'SQLiteInteger':
    case 'SQLiteBoolean':
    case 'SQLiteTimestamp':
      b = (c.primary && autoIncrement ? serial(c.name) : integer(c.name)) as never;
      break;
    case 'SQLiteReal':
      b = doublePrecision(c.name) as never;
      break;
    case 'SQLiteText':
    case 'SQLiteTextJson':
      b = text(c.name) as never;
      break;
    case 'SQLiteBlobBuffer':
    case 'SQLiteBlobJson':
    case 'SQLiteBigInt':
      b = bytea(c.name) as never;
      break;
    default:
      throw new Error(`no PostgreSQL type for ${c.columnType} (${c.name})`);
  }
  if (c.primary) b.primaryKey();
  else if (c.notNull) b.notNull();
  if (c.hasDefault && c.default !== undefined) b.default(typeof c.default === 'boolean' ? Number(c.default) : c.default);
  return b;
}

/** A partial index's condition, its columns written by name (SQLite's column objects are not PostgreSQL's). */
function condition(where: SQL): SQL {
  const chunks = where.queryChunks.map((chunk) => {
    if (is(chunk, SQL)) return condition(chunk);
    if (chunk && typeof chunk === 'object' && 'columnType' in chunk) return sql.identifier((chunk as SQLiteColumn).name);
    return chunk;
  });
  return sql.join(chunks as SQL[]);
}

function convert(table: SQLiteTable): PgTable {
  const config = getTableConfig(table);
  const columns = Object.fromEntries(Object.entries(getTableColumns(table)).map(([key, c]) => [key, column(c)]));
  const byName = new Map(Object.entries(getTableColumns(table)).map(([key, c]) => [c.name, key]));
  return pgTable(config.name, columns, (t) => {
    const col = (c: { name: string }) => (t as Record<string, never>)[byName.get(c.name) as string];
    const indexes = config.indexes.map((i) => {
      const cols = i.config.columns as { name: string }[];
      const [first, ...rest] = cols.map(col) as [never, ...never[]];
      const built = (i.config.unique ? uniqueIndex : index)(i.config.name).on(first, ...rest);
      return i.config.where ? built.where(condition(i.config.where)) : built;
    });
    const keys = config.foreignKeys.map((fk) => {
      const r = fk.reference();
      const target = pgOf(r.foreignTable as SQLiteTable);
      const targetColumns = getTableColumns(target);
      const targetCol = (c: { name: string }) => Object.values(targetColumns).find((x) => x.name === c.name) as never;
      const [c0, ...cs] = r.columns.map(col) as [never, ...never[]];
      const [f0, ...fs] = r.foreignColumns.map(targetCol) as [never, ...never[]];
      return foreignKey({ name: fk.getName(), columns: [c0, ...cs], foreignColumns: [f0, ...fs] });
    });
    return [...indexes, ...keys];
  });
}

const converted = new Map<SQLiteTable, PgTable>();
function pgOf(table: SQLiteTable): PgTable {
  let t = converted.get(table);
  if (!t) {
    t = convert(table);
    converted.set(table, t);
  }
  return t;
}

export const organizations = pgOf(sqlite.organizations);
export const organizationAliases = pgOf(sqlite.organizationAliases);
export const sourceDocuments = pgOf(sqlite.sourceDocuments);
export const reports = pgOf(sqlite.reports);
export const proactiveCategories = pgOf(sqlite.proactiveCategories);
export const tableFigures = pgOf(sqlite.tableFigures);
export const findings = pgOf(sqlite.findings);
export const corrections = pgOf(sqlite.corrections);
export const users = pgOf(sqlite.users);
export const sessions = pgOf(sqlite.sessions);
export const importJobs = pgOf(sqlite.importJobs);
export const loginFailures = pgOf(sqlite.loginFailures);
export const requestCounts = pgOf(sqlite.requestCounts);
export const auditLog = pgOf(sqlite.auditLog);
export const counties = pgOf(sqlite.counties);
export const collectSources = pgOf(sqlite.collectSources);
export const collectPages = pgOf(sqlite.collectPages);
export const collectSchedule = pgOf(sqlite.collectSchedule);
export const rosterEntries = pgOf(sqlite.rosterEntries);
export const reportDeadlines = pgOf(sqlite.reportDeadlines);
export const figureChecks = pgOf(sqlite.figureChecks);
export const evaluationRubrics = pgOf(sqlite.evaluationRubrics);
export const dataChanges = pgOf(sqlite.dataChanges);
