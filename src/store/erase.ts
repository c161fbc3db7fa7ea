import type { Transaction } from "kysely";
import type { AudioStore } from "./audio-store.ts";
import type { Db } from "./database.ts";
import { recountCall } from "./report-counters.ts";
import type { Database } from "./schema.ts";

/**
 * Deletes calls with everything hanging off them (transcript, findings, objections, job, pending
 * webhooks) in the caller's transaction. The report counters lose what these calls added, so a
 * report afterwards counts exactly the calls that remain. Returns the recordings they referenced.
 */
export async function deleteCalls(trx: Transaction<Database>, callIds: readonly string[]): Promise<string[]> {
  const audio = new Set<string>();
  for (let i = 0; i < callIds.length; i += 200) {
    const ids = callIds.slice(i, i + 200);
    const rows = await trx
      .selectFrom("calls")
      .select(["id", "campaign_id", "dated_at", "verdict", "analyzed_at", "audio_sha256"])
      .where("id", "in", ids)
      .execute();
    for (const row of rows) {
      if (row.audio_sha256) audio.add(row.audio_sha256);
      // Counted by writeAnalysis (jobs and live sessions alike) once analyzed.
      if (!row.verdict || !row.analyzed_at) continue;
      const elements = await trx.selectFrom("element_findings").select(["element_id as id", "status"]).where("call_id", "=", row.id).execute();
      await recountCall(trx, { campaignId: row.campaign_id, datedAt: row.dated_at }, { verdict: row.verdict, elements }, null);
    }
    await trx.deleteFrom("utterances").where("call_id", "in", ids).execute();
    await trx.deleteFrom("element_findings").where("call_id", "in", ids).execute();
    await trx.deleteFrom("objection_events").where("call_id", "in", ids).execute();
    await trx.deleteFrom("jobs").where("call_id", "in", ids).execute();
    await trx.deleteFrom("webhook_outbox").where("call_id", "in", ids).where("state", "=", "pending").execute();
    await trx.deleteFrom("calls").where("id", "in", ids).execute();
  }
  return [...audio];
}

/** Removes the recordings among `hashes` that no call references any more; returns how many. */
export async function removeUnreferencedAudio(db: Db, audioStore: AudioStore, hashes: readonly string[]): Promise<number> {
  let removed = 0;
  for (const sha256 of hashes) {
    const used = await db.selectFrom("calls").select("id").where("audio_sha256", "=", sha256).limit(1).executeTakeFirst();
    if (!used && (await audioStore.remove(sha256))) removed++;
  }
  return removed;
}
