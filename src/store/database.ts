import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { CompiledQuery, Kysely, SqliteDialect, SqliteDriver, sql, type DatabaseConnection, type Driver } from "kysely";
import { migrateToLatest } from "./migrations.ts";
import type { Database } from "./schema.ts";

export type Db = Kysely<Database>;

/**
 * Several processes share the file: a deferred `begin` that reads then writes can fail at once
 * with SQLITE_BUSY when another process writes; `begin immediate` takes the write lock up front,
 * so transactions queue on busy_timeout instead.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #database: SQLite.Database;
  constructor(database: SQLite.Database) {
    super({ database });
    this.#database = database;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver({ database: this.#database });
  }
}

/**
 * kysely runs SQLite migrations without a transaction or lock, so processes starting together
 * would each create the tables. One immediate transaction around the whole run serializes them:
 * the later ones wait, then find nothing left to do.
 */
async function migrateExclusively(db: Kysely<Database>): Promise<void> {
  await db.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn);
    try {
      await migrateToLatest(conn);
      await sql`commit`.execute(conn);
    } catch (err) {
      await sql`rollback`.execute(conn);
      throw err;
    }
  });
}

export const DATABASE_FILE = "calls.sqlite";

/**
 * Opens (creating if needed) the embedded database of a data directory and migrates it.
 * WAL lets readers run beside one writer across processes; synchronous=FULL makes a commit
 * durable (fsynced) before it returns, which the upload's 202 relies on.
 */
export async function openDatabase(dataDir: string): Promise<Db> {
  fs.mkdirSync(dataDir, { recursive: true });
  const sqlite = new SQLite(path.join(dataDir, DATABASE_FILE), { timeout: 15_000 });
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect(sqlite) });
  try {
    await migrateExclusively(db);
  } catch (err) {
    await db.destroy();
    throw err;
  }
  return db;
}
