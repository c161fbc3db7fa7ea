import { sql } from "kysely";
import type { Db } from "./database.ts";

export interface ReportScope {
  /** Inclusive lower bound on the call date (UTC ISO). */
  from?: string;
  /** Exclusive upper bound (UTC ISO). */
  to?: string;
  subcontractorId?: string;
  campaignId?: string;
}

export interface CampaignVerdictCount {
  subcontractorId: string;
  subcontractorName: string;
  campaignId: string;
  campaignName: string;
  brandName: string;
  verdict: string;
  calls: number;
}

export interface CampaignElementCount {
  campaignId: string;
  elementId: string;
  status: string;
  calls: number;
}

export interface ReportCounts {
  verdicts: CampaignVerdictCount[];
  elements: CampaignElementCount[];
}

/** Element statuses the report counts per element. */
export const REPORTED_ELEMENT_STATUSES = ["missing", "late", "violated"] as const;

/**
 * The counts behind the subcontractor report, aggregated in the database: analyzed calls per
 * campaign and verdict, and per campaign and element how many calls had it missing, late or
 * violated. Both read the covering indexes on calls(dated_at, campaign_id, status, verdict) and
 * element_findings(element_id, status, call_id).
 */
export async function reportCounts(db: Db, scope: ReportScope): Promise<ReportCounts> {
  let calls = db
    .selectFrom("calls")
    .innerJoin("campaigns", "campaigns.id", "calls.campaign_id")
    .innerJoin("subcontractors", "subcontractors.id", "campaigns.subcontractor_id")
    .innerJoin("brands", "brands.id", "campaigns.brand_id")
    .where("calls.status", "=", "done");
  if (scope.from) calls = calls.where("calls.dated_at", ">=", scope.from);
  if (scope.to) calls = calls.where("calls.dated_at", "<", scope.to);
  if (scope.subcontractorId) calls = calls.where("campaigns.subcontractor_id", "=", scope.subcontractorId);
  if (scope.campaignId) calls = calls.where("calls.campaign_id", "=", scope.campaignId);

  const verdictRows = await calls
    .select([
      "subcontractors.id as subcontractorId",
      "subcontractors.name as subcontractorName",
      "campaigns.id as campaignId",
      "campaigns.name as campaignName",
      "brands.name as brandName",
      "calls.verdict as verdict",
      sql<number>`count(*)`.as("calls"),
    ])
    .groupBy(["subcontractors.id", "subcontractors.name", "campaigns.id", "campaigns.name", "brands.name", "calls.verdict"])
    .execute();

  const elementRows = await calls
    .innerJoin("element_findings", "element_findings.call_id", "calls.id")
    .where("element_findings.status", "in", [...REPORTED_ELEMENT_STATUSES])
    .select([
      "campaigns.id as campaignId",
      "element_findings.element_id as elementId",
      "element_findings.status as status",
      sql<number>`count(*)`.as("calls"),
    ])
    .groupBy(["campaigns.id", "element_findings.element_id", "element_findings.status"])
    .execute();

  return {
    verdicts: verdictRows.map((r) => ({ ...r, verdict: r.verdict ?? "none", calls: Number(r.calls) })),
    elements: elementRows.map((r) => ({ ...r, calls: Number(r.calls) })),
  };
}
