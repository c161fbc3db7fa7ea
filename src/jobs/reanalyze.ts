import { analyzeCall } from "../compliance/analyze.ts";
import type { RulePack } from "../compliance/rule-pack.ts";
import type { CallVerdict, RulePackRef } from "../compliance/types.ts";
import { readTranscript, writeAnalysis } from "../store/calls.ts";
import { getCampaign } from "../store/catalog.ts";
import type { Db } from "../store/database.ts";
import { callSettingsFor } from "./call-settings.ts";

export interface VerdictChange {
  callId: string;
  from: CallVerdict | null;
  to: CallVerdict;
  previousRulePack: RulePackRef | null;
}

export interface ReanalysisResult {
  campaignId: string;
  rulePack: RulePackRef;
  reanalyzed: number;
  /** Calls not yet done (queued, running or failed) are left to their jobs. */
  skipped: number;
  changed: VerdictChange[];
}

/** Calls re-analyzed per transaction: bounded so a large campaign does not hold the write lock long. */
const BATCH = 200;

/**
 * Re-runs the engine on the stored transcripts of a campaign's analyzed calls (after a rule-pack
 * or settings change) and stores the new findings; reports the calls whose verdict changed.
 */
export async function reanalyzeCampaign(db: Db, campaignId: string, pack: RulePack): Promise<ReanalysisResult> {
  const campaign = await getCampaign(db, campaignId);
  const statusCounts = await db
    .selectFrom("calls")
    .select(["status", (eb) => eb.fn.countAll<number>().as("n")])
    .where("campaign_id", "=", campaignId)
    .groupBy("status")
    .execute();
  const skipped = statusCounts.filter((r) => r.status !== "done").reduce((sum, r) => sum + Number(r.n), 0);
  const changed: VerdictChange[] = [];
  let reanalyzed = 0;
  let after = "";
  for (;;) {
    const rows = await db
      .selectFrom("calls")
      .selectAll()
      .where("campaign_id", "=", campaignId)
      .where("status", "=", "done")
      .where("id", ">", after)
      .orderBy("id")
      .limit(BATCH)
      .execute();
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.id;
    await db.transaction().execute(async (trx) => {
      for (const row of rows) {
        const transcript = await readTranscript(trx, row);
        if (!transcript) continue;
        const analysis = analyzeCall(transcript, callSettingsFor(campaign, row.called_at), pack);
        await writeAnalysis(trx, row.id, analysis);
        reanalyzed++;
        if (analysis.verdict !== row.verdict) {
          changed.push({
            callId: row.id,
            from: row.verdict as CallVerdict | null,
            to: analysis.verdict,
            previousRulePack: row.rule_pack_id ? { id: row.rule_pack_id, version: row.rule_pack_version ?? "" } : null,
          });
        }
      }
    });
  }
  return { campaignId, rulePack: { id: pack.id, version: pack.version }, reanalyzed, skipped, changed };
}
