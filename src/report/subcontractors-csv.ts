import { stringify } from "csv-stringify/sync";
import type { ReportLine, SubcontractorsReport } from "./subcontractors.ts";

/** Label of the line that sums a subcontractor's campaigns. */
export const ALL_CAMPAIGNS = "(all campaigns)";

function rate(value: number | undefined): string {
  return value === undefined ? "" : value.toFixed(4);
}

/** The report as CSV: one row per subcontractor and campaign plus one total row per subcontractor. */
export function subcontractorsReportCsv(report: SubcontractorsReport): string {
  const elementIds = report.subcontractors[0]?.total.elements.map((e) => e.id) ?? [];
  const pct = Math.round(report.confidence * 100);
  const header = [
    "subcontractor_id",
    "subcontractor",
    "campaign_id",
    "campaign",
    "brand",
    "calls_analyzed",
    "compliant",
    "non_compliant",
    "needs_review",
    "not_applicable",
    "non_compliance_rate",
    `ci${pct}_low`,
    `ci${pct}_high`,
    ...elementIds.flatMap((id) => [`${id}_missing`, `${id}_late`, `${id}_violated`]),
  ];
  const row = (ids: string[], l: ReportLine) => [
    ...ids,
    l.callsAnalyzed,
    l.verdicts.compliant,
    l.verdicts.non_compliant,
    l.verdicts.needs_review,
    l.verdicts.not_applicable,
    rate(l.nonComplianceRate?.rate),
    rate(l.nonComplianceRate?.low),
    rate(l.nonComplianceRate?.high),
    ...l.elements.flatMap((e) => [e.missing, e.late, e.violated]),
  ];
  const rows = report.subcontractors.flatMap((sub) => [
    ...sub.campaigns.map((c) => row([sub.id, sub.name, c.id, c.name, c.brand], c)),
    row([sub.id, sub.name, "", ALL_CAMPAIGNS, ""], sub.total),
  ]);
  return stringify([header, ...rows]);
}
