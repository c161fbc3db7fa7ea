import type { AudioStore } from "../store/audio-store.ts";
import type { Db } from "../store/database.ts";
import { removeUnreferencedAudio } from "../store/erase.ts";

export interface RetentionPolicy {
  /** Recordings are deleted this many days after the call (CNIL: 6 months at most). */
  audioDays: number;
  /** Calls with their transcripts and findings, and the access log, are deleted after this many days. */
  dataDays: number;
  /** A stored recording no call references is deleted once this old (uploads refused half-way, erasures). */
  orphanAudioMs: number;
}

export const DEFAULT_RETENTION: Readonly<RetentionPolicy> = { audioDays: 180, dataDays: 365, orphanAudioMs: 24 * 3600 * 1000 };

export interface PurgeResult {
  audioCallsPurged: number;
  callsDeleted: number;
  audioFilesDeleted: number;
  accessLogDeleted: number;
  webhookDeliveriesDeleted: number;
}

const DAY_MS = 24 * 3600 * 1000;
const BATCH = 500;

/**
 * Deletes what is past its retention at `now` (a parameter: the clock is the caller's). A call's
 * age runs from the earlier of its call date and its receipt, so a call date given in the future
 * cannot extend it. Report counters are kept: they are per campaign and day, about no one, and
 * past years' reports stay readable. Safe to run from several processes: every step is idempotent.
 */
export async function purgeExpired(db: Db, audioStore: AudioStore, policy: RetentionPolicy, now: Date): Promise<PurgeResult> {
  const result: PurgeResult = { audioCallsPurged: 0, callsDeleted: 0, audioFilesDeleted: 0, accessLogDeleted: 0, webhookDeliveriesDeleted: 0 };
  const audioCutoff = new Date(now.getTime() - policy.audioDays * DAY_MS).toISOString();
  const dataCutoff = new Date(now.getTime() - policy.dataDays * DAY_MS).toISOString();
  const touched = new Set<string>();

  for (;;) {
    const rows = await db
      .selectFrom("calls")
      .select(["id", "audio_sha256"])
      .where("audio_sha256", "is not", null)
      .where((eb) => eb.or([eb("dated_at", "<", audioCutoff), eb("received_at", "<", audioCutoff)]))
      .limit(BATCH)
      .execute();
    if (rows.length === 0) break;
    await db
      .updateTable("calls")
      .set({ audio_sha256: null, audio_purged_at: now.toISOString() })
      .where("id", "in", rows.map((r) => r.id))
      .execute();
    for (const r of rows) touched.add(r.audio_sha256!);
    result.audioCallsPurged += rows.length;
  }

  for (;;) {
    const rows = await db
      .selectFrom("calls")
      .select("id")
      .where((eb) => eb.or([eb("dated_at", "<", dataCutoff), eb("received_at", "<", dataCutoff)]))
      .limit(BATCH)
      .execute();
    if (rows.length === 0) break;
    const audio = await db.transaction().execute(async (trx) => {
      // Counters stay (see above): only the rows go.
      const hashes = await trx.selectFrom("calls").select("audio_sha256").where("id", "in", rows.map((r) => r.id)).execute();
      await trx.deleteFrom("utterances").where("call_id", "in", rows.map((r) => r.id)).execute();
      await trx.deleteFrom("element_findings").where("call_id", "in", rows.map((r) => r.id)).execute();
      await trx.deleteFrom("objection_events").where("call_id", "in", rows.map((r) => r.id)).execute();
      await trx.deleteFrom("jobs").where("call_id", "in", rows.map((r) => r.id)).execute();
      await trx.deleteFrom("webhook_outbox").where("call_id", "in", rows.map((r) => r.id)).execute();
      await trx.deleteFrom("calls").where("id", "in", rows.map((r) => r.id)).execute();
      return hashes.flatMap((h) => (h.audio_sha256 ? [h.audio_sha256] : []));
    });
    for (const h of audio) touched.add(h);
    result.callsDeleted += rows.length;
  }

  result.audioFilesDeleted += await removeUnreferencedAudio(db, audioStore, [...touched]);
  const orphans: string[] = [];
  for await (const file of audioStore.list()) {
    if (now.getTime() - file.mtimeMs > policy.orphanAudioMs && !touched.has(file.sha256)) orphans.push(file.sha256);
  }
  result.audioFilesDeleted += await removeUnreferencedAudio(db, audioStore, orphans);

  const log = await db.deleteFrom("access_log").where("at", "<", dataCutoff).executeTakeFirst();
  result.accessLogDeleted = Number(log.numDeletedRows);
  const hooks = await db.deleteFrom("webhook_outbox").where("state", "!=", "pending").where("created_at", "<", dataCutoff).executeTakeFirst();
  result.webhookDeliveriesDeleted = Number(hooks.numDeletedRows);
  return result;
}

/** Runs the purge at start and then every `intervalMs` (daily by default) until stopped. */
export class RetentionSchedule {
  readonly #run: () => Promise<unknown>;
  readonly #intervalMs: number;
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<unknown> = Promise.resolve();

  constructor(run: () => Promise<unknown>, intervalMs: number) {
    this.#run = run;
    this.#intervalMs = intervalMs;
  }

  start(): void {
    const tick = () => {
      this.#running = this.#run();
    };
    tick();
    this.#timer = setInterval(tick, this.#intervalMs);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.#running;
  }
}
