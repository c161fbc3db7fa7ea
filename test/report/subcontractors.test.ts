import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { ELEMENT_IDS } from "../../src/compliance/rule-pack.ts";
import { buildSubcontractorsReport } from "../../src/report/subcontractors.ts";
import { ALL_CAMPAIGNS, subcontractorsReportCsv } from "../../src/report/subcontractors-csv.ts";
import { wilsonInterval } from "../../src/report/wilson.ts";
import type { ReportCounts } from "../../src/store/report-queries.ts";

describe("Wilson interval", () => {
  it("matches published values", () => {
    // Newcombe (1998), table I: 81/263 -> 0.2553..0.3662; 15/148 -> 0.0624..0.1605.
    const a = wilsonInterval(81, 263)!;
    expect(a.low).toBeCloseTo(0.2553, 4);
    expect(a.high).toBeCloseTo(0.3662, 4);
    const b = wilsonInterval(15, 148)!;
    expect(b.low).toBeCloseTo(0.0624, 4);
    expect(b.high).toBeCloseTo(0.1605, 4);
  });

  it("stays within [0, 1] at the extremes and is undefined without trials", () => {
    expect(wilsonInterval(0, 10)!.rate).toBe(0);
    expect(wilsonInterval(0, 10)!.low).toBeCloseTo(0, 12);
    expect(wilsonInterval(0, 10)!.high).toBeCloseTo(0.2775, 4);
    expect(wilsonInterval(10, 10)!.high).toBe(1);
    expect(wilsonInterval(0, 0)).toBeNull();
  });
});

const counts: ReportCounts = {
  verdicts: [
    { subcontractorId: "s1", subcontractorName: "Axiome", campaignId: "c1", campaignName: "Fibre", brandName: "Fibralis", verdict: "compliant", calls: 6 },
    { subcontractorId: "s1", subcontractorName: "Axiome", campaignId: "c1", campaignName: "Fibre", brandName: "Fibralis", verdict: "non_compliant", calls: 2 },
    { subcontractorId: "s1", subcontractorName: "Axiome", campaignId: "c1", campaignName: "Fibre", brandName: "Fibralis", verdict: "needs_review", calls: 3 },
    { subcontractorId: "s1", subcontractorName: "Axiome", campaignId: "c2", campaignName: "Box", brandName: "Fibralis", verdict: "non_compliant", calls: 2 },
    { subcontractorId: "s1", subcontractorName: "Axiome", campaignId: "c2", campaignName: "Box", brandName: "Fibralis", verdict: "not_applicable", calls: 5 },
  ],
  elements: [
    { campaignId: "c1", elementId: "ART14_SOURCE", status: "missing", calls: 2 },
    { campaignId: "c2", elementId: "ART14_SOURCE", status: "late", calls: 1 },
    { campaignId: "c2", elementId: "OBJECTION_HONORED", status: "violated", calls: 1 },
  ],
};

describe("subcontractor report", () => {
  const report = buildSubcontractorsReport(counts, { elementOrder: ELEMENT_IDS });

  it("counts every verdict and rates non-compliance over decided calls only", () => {
    const [axiome] = report.subcontractors;
    const fibre = axiome!.campaigns.find((c) => c.id === "c1")!;
    expect(fibre.callsAnalyzed).toBe(11);
    expect(fibre.verdicts).toEqual({ compliant: 6, non_compliant: 2, needs_review: 3, not_applicable: 0 });
    expect(fibre.nonComplianceRate!.rate).toBeCloseTo(2 / 8);
    const box = axiome!.campaigns.find((c) => c.id === "c2")!;
    expect(box.nonComplianceRate!.rate).toBe(1);
    expect(axiome!.total.callsAnalyzed).toBe(18);
    expect(axiome!.total.nonComplianceRate!.rate).toBeCloseTo(4 / 10);
  });

  it("tallies each element per campaign and in the subcontractor's total", () => {
    const total = report.subcontractors[0]!.total.elements;
    expect(total.map((e) => e.id)).toEqual([...ELEMENT_IDS]);
    expect(total.find((e) => e.id === "ART14_SOURCE")).toEqual({ id: "ART14_SOURCE", missing: 2, late: 1, violated: 0 });
    expect(total.find((e) => e.id === "OBJECTION_HONORED")).toEqual({ id: "OBJECTION_HONORED", missing: 0, late: 0, violated: 1 });
  });

  it("writes one CSV row per campaign plus the subcontractor's total", () => {
    const rows = parse(subcontractorsReportCsv(report), { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((r) => r.campaign)).toEqual(["Box", "Fibre", ALL_CAMPAIGNS]);
    expect(rows[2]).toMatchObject({ calls_analyzed: "18", non_compliant: "4", needs_review: "3", not_applicable: "5", non_compliance_rate: "0.4000", ART14_SOURCE_late: "1" });
  });
});
