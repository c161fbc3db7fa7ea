import type { Transaction } from "kysely";
import { parisDate } from "../compliance/call-date.ts";
import type { Database } from "./schema.ts";

/** Element statuses the report counts per element. */
export const REPORTED_ELEMENT_STATUSES = ["missing", "late", "violated"] as const;

export interface CountedOutcome {
  verdict: string;
  elements: Array<{ id: string; status: string }>;
}

export const verdictMetric = (verdict: string) => `verdict:${verdict}`;
export const elementMetric = (id: string, status: string) => `element:${id}:${status}`;

function metricsOf(outcome: CountedOutcome): string[] {
  return [
    verdictMetric(outcome.verdict),
    ...outcome.elements.filter((e) => (REPORTED_ELEMENT_STATUSES as readonly string[]).includes(e.status)).map((e) => elementMetric(e.id, e.status)),
  ];
}

/**
 * Moves one call's contribution to the report counters from its previous outcome (if it had
 * one) to its new one (none when the call is erased), in the caller's transaction.
 */
export async function recountCall(
  trx: Transaction<Database>,
  call: { campaignId: string; datedAt: string },
  previous: CountedOutcome | null,
  next: CountedOutcome | null,
): Promise<void> {
  const day = parisDate(call.datedAt) ?? call.datedAt.slice(0, 10);
  const delta = new Map<string, number>();
  for (const metric of previous ? metricsOf(previous) : []) delta.set(metric, (delta.get(metric) ?? 0) - 1);
  for (const metric of next ? metricsOf(next) : []) delta.set(metric, (delta.get(metric) ?? 0) + 1);
  for (const [metric, change] of delta) {
    if (change === 0) continue;
    await trx
      .insertInto("report_counts")
      .values({ day, campaign_id: call.campaignId, metric, calls: change })
      .onConflict((oc) => oc.columns(["day", "campaign_id", "metric"]).doUpdateSet((eb) => ({ calls: eb("report_counts.calls", "+", change) })))
      .execute();
  }
}
