import { sql } from "kysely";
import type { Db } from "./database.ts";
import { EVERYTHING, type TenantScope } from "./scope.ts";

export interface ReportScope {
  /** First Paris calendar day included (YYYY-MM-DD). */
  from?: string;
  /** Last Paris calendar day included (YYYY-MM-DD). */
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

/**
 * The counts behind the subcontractor report: analyzed calls per campaign and verdict, and per
 * campaign and element how many calls had it missing, late or violated. They are summed from
 * the per-day counters (report-counters.ts), so the cost follows days x campaigns, not calls.
 */
export async function reportCounts(db: Db, scope: ReportScope, tenant: TenantScope = EVERYTHING): Promise<ReportCounts> {
  let query = db
    .selectFrom("report_counts")
    .innerJoin("campaigns", "campaigns.id", "report_counts.campaign_id")
    .innerJoin("subcontractors", "subcontractors.id", "campaigns.subcontractor_id")
    .innerJoin("brands", "brands.id", "campaigns.brand_id");
  if (scope.from) query = query.where("report_counts.day", ">=", scope.from);
  if (scope.to) query = query.where("report_counts.day", "<=", scope.to);
  if (scope.subcontractorId) query = query.where("campaigns.subcontractor_id", "=", scope.subcontractorId);
  if (scope.campaignId) query = query.where("report_counts.campaign_id", "=", scope.campaignId);
  if (tenant.brandId !== undefined) query = query.where("campaigns.brand_id", "=", tenant.brandId);
  if (tenant.subcontractorId !== undefined) query = query.where("campaigns.subcontractor_id", "=", tenant.subcontractorId);
  const rows = await query
    .select([
      "subcontractors.id as subcontractorId",
      "subcontractors.name as subcontractorName",
      "campaigns.id as campaignId",
      "campaigns.name as campaignName",
      "brands.name as brandName",
      "report_counts.metric as metric",
      sql<number>`sum(report_counts.calls)`.as("calls"),
    ])
    .groupBy(["campaigns.id", "report_counts.metric", "subcontractors.id", "subcontractors.name", "campaigns.name", "brands.name"])
    .execute();

  const counts: ReportCounts = { verdicts: [], elements: [] };
  for (const { metric, calls, ...campaign } of rows) {
    const n = Number(calls);
    const [kind, a, b] = metric.split(":");
    if (kind === "verdict" && a) counts.verdicts.push({ ...campaign, verdict: a, calls: n });
    else if (kind === "element" && a && b) counts.elements.push({ campaignId: campaign.campaignId, elementId: a, status: b, calls: n });
  }
  return counts;
}
