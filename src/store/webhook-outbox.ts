import { randomUUID } from "node:crypto";
import type { Transaction } from "kysely";
import type { Database } from "./schema.ts";

export const NON_COMPLIANT_EVENT = "call.non_compliant";

/** What a brand's receiver gets: enough to find the call, no transcript, no number. */
export interface NonCompliantPayload {
  event: typeof NON_COMPLIANT_EVENT;
  callId: string;
  campaignId: string;
  brandId: string;
  subcontractorId: string;
  calledAt: string | null;
  analyzedAt: string;
  verdict: "non_compliant";
  /** The elements that made the call non-compliant. */
  elements: Array<{ id: string; status: string }>;
}

/**
 * Queues the brand's webhook for a call that has just become non-compliant, in the transaction
 * that stores its analysis: the event exists exactly when the verdict does, and sending it is
 * left to a dispatcher, so a slow or dead receiver never holds up a job.
 */
export async function enqueueNonCompliant(
  trx: Transaction<Database>,
  callId: string,
  elements: Array<{ id: string; status: string }>,
  now: Date,
): Promise<void> {
  const row = await trx
    .selectFrom("calls")
    .innerJoin("campaigns", "campaigns.id", "calls.campaign_id")
    .innerJoin("webhooks", "webhooks.brand_id", "campaigns.brand_id")
    .select(["calls.campaign_id", "calls.called_at", "campaigns.brand_id", "campaigns.subcontractor_id"])
    .where("calls.id", "=", callId)
    .executeTakeFirst();
  if (!row) return;
  const payload: NonCompliantPayload = {
    event: NON_COMPLIANT_EVENT,
    callId,
    campaignId: row.campaign_id,
    brandId: row.brand_id,
    subcontractorId: row.subcontractor_id,
    calledAt: row.called_at,
    analyzedAt: now.toISOString(),
    verdict: "non_compliant",
    elements: elements.filter((e) => e.status === "missing" || e.status === "late" || e.status === "violated"),
  };
  await trx
    .insertInto("webhook_outbox")
    .values({
      id: randomUUID(),
      brand_id: row.brand_id,
      call_id: callId,
      event: NON_COMPLIANT_EVENT,
      payload: JSON.stringify(payload),
      state: "pending",
      next_attempt_at: now.getTime(),
      lease_expires_at: null,
      last_error: null,
      created_at: now.toISOString(),
      delivered_at: null,
    })
    .execute();
}
