import { Migrator, type Kysely, type Migration, type MigrationProvider } from "kysely";
import { AppError } from "../errors.ts";

/**
 * The schema's history, oldest first. Written with kysely's schema builder in portable types so
 * the same migrations run on SQLite and PostgreSQL. Never edit a released migration: add one.
 */
const MIGRATIONS: Record<string, Migration> = {
  "0001_initial": {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable("brands")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("name", "text", (c) => c.notNull().unique())
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("subcontractors")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("name", "text", (c) => c.notNull().unique())
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("campaigns")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("brand_id", "text", (c) => c.notNull().references("brands.id"))
        .addColumn("subcontractor_id", "text", (c) => c.notNull().references("subcontractors.id"))
        .addColumn("language", "text", (c) => c.notNull())
        .addColumn("settings", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("campaigns_subcontractor").on("campaigns").column("subcontractor_id").execute();

      await db.schema
        .createTable("calls")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("campaign_id", "text", (c) => c.notNull().references("campaigns.id"))
        .addColumn("agent_id", "text")
        .addColumn("number_hash", "text")
        .addColumn("called_at", "text")
        .addColumn("dated_at", "text", (c) => c.notNull())
        .addColumn("received_at", "text", (c) => c.notNull())
        .addColumn("source", "text", (c) => c.notNull())
        .addColumn("channel_layout", "text")
        .addColumn("agent_channel", "integer")
        .addColumn("audio_sha256", "text")
        .addColumn("audio_name", "text")
        .addColumn("audio_bytes", "bigint")
        .addColumn("duration_sec", "real")
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("progress", "real", (c) => c.notNull().defaultTo(0))
        .addColumn("verdict", "text")
        .addColumn("error_code", "text")
        .addColumn("error_message", "text")
        .addColumn("language", "text")
        .addColumn("transcript_origin", "text")
        .addColumn("transcript_model", "text")
        .addColumn("pitch_onset", "text")
        .addColumn("rule_pack_id", "text")
        .addColumn("rule_pack_version", "text")
        .addColumn("analyzed_at", "text")
        .execute();
      // The report and list queries filter by date (and campaign) and read the verdict: covering indexes.
      await db.schema
        .createIndex("calls_dated")
        .on("calls")
        .columns(["dated_at", "campaign_id", "status", "verdict"])
        .execute();
      await db.schema.createIndex("calls_campaign_dated").on("calls").columns(["campaign_id", "dated_at", "id"]).execute();
      await db.schema.createIndex("calls_agent").on("calls").columns(["agent_id", "dated_at"]).execute();
      await db.schema.createIndex("calls_status").on("calls").column("status").execute();

      await db.schema
        .createTable("utterances")
        .addColumn("call_id", "text", (c) => c.notNull().references("calls.id"))
        .addColumn("idx", "integer", (c) => c.notNull())
        .addColumn("speaker", "text", (c) => c.notNull())
        .addColumn("start_sec", "real", (c) => c.notNull())
        .addColumn("end_sec", "real", (c) => c.notNull())
        .addColumn("text", "text", (c) => c.notNull())
        .addColumn("asr_confidence", "real")
        .addColumn("speaker_confidence", "real")
        .addPrimaryKeyConstraint("utterances_pk", ["call_id", "idx"])
        .execute();

      await db.schema
        .createTable("element_findings")
        .addColumn("call_id", "text", (c) => c.notNull().references("calls.id"))
        .addColumn("element_id", "text", (c) => c.notNull())
        .addColumn("idx", "integer", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("confidence", "real", (c) => c.notNull())
        .addColumn("due_by", "real")
        .addColumn("reason", "text")
        .addColumn("evidence", "text")
        .addPrimaryKeyConstraint("element_findings_pk", ["call_id", "element_id"])
        .execute();
      await db.schema
        .createIndex("element_findings_status")
        .on("element_findings")
        .columns(["element_id", "status", "call_id"])
        .execute();

      await db.schema
        .createTable("objection_events")
        .addColumn("call_id", "text", (c) => c.notNull().references("calls.id"))
        .addColumn("idx", "integer", (c) => c.notNull())
        .addColumn("honored", "integer", (c) => c.notNull())
        .addColumn("event", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("objection_events_pk", ["call_id", "idx"])
        .execute();

      await db.schema
        .createTable("jobs")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("call_id", "text", (c) => c.notNull().unique().references("calls.id"))
        .addColumn("state", "text", (c) => c.notNull())
        .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("run_after", "bigint", (c) => c.notNull())
        .addColumn("lease_owner", "text")
        .addColumn("lease_token", "text")
        .addColumn("lease_expires_at", "bigint")
        .addColumn("last_error", "text")
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("jobs_claimable").on("jobs").columns(["state", "run_after"]).execute();
    },
  },
  "0002_report_counts": {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable("report_counts")
        .addColumn("day", "text", (c) => c.notNull())
        .addColumn("campaign_id", "text", (c) => c.notNull().references("campaigns.id"))
        .addColumn("metric", "text", (c) => c.notNull())
        .addColumn("calls", "integer", (c) => c.notNull())
        .addPrimaryKeyConstraint("report_counts_pk", ["day", "campaign_id", "metric"])
        .execute();
    },
  },
  "0003_access_privacy": {
    async up(db: Kysely<any>) {
      // API keys: only a keyed hash of the key is kept; the key itself is shown once.
      await db.schema
        .createTable("api_keys")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("role", "text", (c) => c.notNull())
        .addColumn("brand_id", "text", (c) => c.references("brands.id"))
        .addColumn("subcontractor_id", "text", (c) => c.references("subcontractors.id"))
        .addColumn("key_hash", "text", (c) => c.notNull().unique())
        .addColumn("key_prefix", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("created_by", "text")
        .addColumn("revoked_at", "text")
        .execute();
      await db.schema
        .createTable("access_log")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("at", "text", (c) => c.notNull())
        .addColumn("key_id", "text", (c) => c.notNull())
        .addColumn("call_id", "text", (c) => c.notNull())
        .addColumn("action", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("access_log_at").on("access_log").columns(["at", "id"]).execute();
      await db.schema.createIndex("access_log_call").on("access_log").columns(["call_id", "at"]).execute();
      await db.schema.createIndex("access_log_key").on("access_log").columns(["key_id", "at"]).execute();
      // Data-subject requests find a number's calls by its keyed hash.
      await db.schema.createIndex("calls_number_hash").on("calls").column("number_hash").execute();
      await db.schema.createIndex("calls_audio").on("calls").column("audio_sha256").execute();
      await db.schema.createIndex("calls_received").on("calls").column("received_at").execute();
      await db.schema.alterTable("calls").addColumn("audio_purged_at", "text").execute();
      await db.schema
        .createTable("webhooks")
        .addColumn("brand_id", "text", (c) => c.primaryKey().references("brands.id"))
        .addColumn("url", "text", (c) => c.notNull())
        .addColumn("secret", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      // Deliveries wait here, written in the transaction that stores the verdict; a dispatcher sends them.
      await db.schema
        .createTable("webhook_outbox")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("brand_id", "text", (c) => c.notNull())
        .addColumn("call_id", "text", (c) => c.notNull())
        .addColumn("event", "text", (c) => c.notNull())
        .addColumn("payload", "text", (c) => c.notNull())
        .addColumn("state", "text", (c) => c.notNull())
        .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("next_attempt_at", "bigint", (c) => c.notNull())
        .addColumn("lease_expires_at", "bigint")
        .addColumn("last_error", "text")
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("delivered_at", "text")
        .execute();
      await db.schema.createIndex("webhook_outbox_due").on("webhook_outbox").columns(["state", "next_attempt_at"]).execute();
    },
  },
  "0004_campaign_keep_live_audio": {
    async up(db: Kysely<any>) {
      // Live sessions keep no audio unless their campaign says so (privacy by default).
      await db.schema.alterTable("campaigns").addColumn("keep_live_audio", "integer", (c) => c.notNull().defaultTo(0)).execute();
    },
  },
};

const provider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};

/** Brings the schema up to date; safe to run from several processes at once (the migrator locks). */
export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  const { error } = await new Migrator({ db, provider }).migrateToLatest();
  if (error) throw new AppError("INTERNAL", "database migration failed", { cause: error });
}
