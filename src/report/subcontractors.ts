import type { CallVerdict, ElementId } from "../compliance/types.ts";
import type { ReportCounts } from "../store/report-queries.ts";
import { wilsonInterval, type ProportionEstimate } from "./wilson.ts";

export interface ElementTally {
  id: string;
  missing: number;
  late: number;
  violated: number;
}

export type VerdictCounts = Record<CallVerdict, number>;

/** One line of the report: a campaign, or a subcontractor's total over its campaigns. */
export interface ReportLine {
  callsAnalyzed: number;
  verdicts: VerdictCounts;
  /** non_compliant / (compliant + non_compliant), with its Wilson interval; null when no call was decided. */
  nonComplianceRate: ProportionEstimate | null;
  /** Per element, in how many calls it was missing, late or violated. */
  elements: ElementTally[];
}

export interface CampaignReport extends ReportLine {
  id: string;
  name: string;
  brand: string;
}

export interface SubcontractorReport {
  id: string;
  name: string;
  total: ReportLine;
  campaigns: CampaignReport[];
}

export interface SubcontractorsReport {
  from: string | null;
  to: string | null;
  confidence: number;
  subcontractors: SubcontractorReport[];
}

const VERDICTS: readonly CallVerdict[] = ["compliant", "non_compliant", "needs_review", "not_applicable"];

function emptyVerdicts(): VerdictCounts {
  return { compliant: 0, non_compliant: 0, needs_review: 0, not_applicable: 0 };
}

function line(verdicts: VerdictCounts, elements: Map<string, ElementTally>, elementOrder: readonly string[], confidence: number): ReportLine {
  return {
    callsAnalyzed: VERDICTS.reduce((sum, v) => sum + verdicts[v], 0),
    verdicts,
    nonComplianceRate: wilsonInterval(verdicts.non_compliant, verdicts.compliant + verdicts.non_compliant, confidence),
    elements: elementOrder.map((id) => elements.get(id) ?? { id, missing: 0, late: 0, violated: 0 }),
  };
}

function addTally(into: Map<string, ElementTally>, from: ElementTally): void {
  const tally = into.get(from.id) ?? { id: from.id, missing: 0, late: 0, violated: 0 };
  tally.missing += from.missing;
  tally.late += from.late;
  tally.violated += from.violated;
  into.set(from.id, tally);
}

/**
 * Builds the per-subcontractor, per-campaign report from the database counts. Calls with
 * needs_review or not_applicable verdicts are counted and shown beside the rate, never dropped.
 */
export function buildSubcontractorsReport(
  counts: ReportCounts,
  options: { from?: string; to?: string; confidence?: number; elementOrder: readonly ElementId[] },
): SubcontractorsReport {
  const confidence = options.confidence ?? 0.95;
  const campaigns = new Map<string, { sub: { id: string; name: string }; name: string; brand: string; verdicts: VerdictCounts; elements: Map<string, ElementTally> }>();
  for (const row of counts.verdicts) {
    let campaign = campaigns.get(row.campaignId);
    if (!campaign) {
      campaign = {
        sub: { id: row.subcontractorId, name: row.subcontractorName },
        name: row.campaignName,
        brand: row.brandName,
        verdicts: emptyVerdicts(),
        elements: new Map(),
      };
      campaigns.set(row.campaignId, campaign);
    }
    if ((VERDICTS as readonly string[]).includes(row.verdict)) campaign.verdicts[row.verdict as CallVerdict] += row.calls;
  }
  for (const row of counts.elements) {
    const campaign = campaigns.get(row.campaignId);
    if (!campaign || !(row.status === "missing" || row.status === "late" || row.status === "violated")) continue;
    const tally = campaign.elements.get(row.elementId) ?? { id: row.elementId, missing: 0, late: 0, violated: 0 };
    tally[row.status] += row.calls;
    campaign.elements.set(row.elementId, tally);
  }

  const order = options.elementOrder;
  const subs = new Map<string, SubcontractorReport & { totals: { verdicts: VerdictCounts; elements: Map<string, ElementTally> } }>();
  for (const [id, c] of campaigns) {
    let sub = subs.get(c.sub.id);
    if (!sub) {
      sub = { ...c.sub, total: line(emptyVerdicts(), new Map(), order, confidence), campaigns: [], totals: { verdicts: emptyVerdicts(), elements: new Map() } };
      subs.set(c.sub.id, sub);
    }
    sub.campaigns.push({ id, name: c.name, brand: c.brand, ...line(c.verdicts, c.elements, order, confidence) });
    for (const v of VERDICTS) sub.totals.verdicts[v] += c.verdicts[v];
    for (const tally of c.elements.values()) addTally(sub.totals.elements, tally);
  }
  const subcontractors = [...subs.values()]
    .map(({ totals, ...sub }) => ({
      ...sub,
      total: line(totals.verdicts, totals.elements, order, confidence),
      campaigns: sub.campaigns.sort((a, b) => a.name.localeCompare(b.name)),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return { from: options.from ?? null, to: options.to ?? null, confidence, subcontractors };
}
