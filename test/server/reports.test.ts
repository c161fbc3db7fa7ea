import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_RULE_PACK_PATH } from "../../src/compliance/rule-pack.ts";
import { COMPLIANT_FR, NON_COMPLIANT_FR } from "./fixtures.ts";
import { api, createFibralisCampaign, startTestService, uploadTranscript, waitForCall, type CampaignIds, type TestService } from "./harness.ts";

let service: TestService;
let ids: CampaignIds;
let packPath: string;
const callIds: string[] = [];

beforeAll(async () => {
  packPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pack-")), "pack.json");
  fs.copyFileSync(DEFAULT_RULE_PACK_PATH, packPath);
  service = await startTestService({ RULE_PACK: packPath });
  ids = await createFibralisCampaign(service.url, service.adminKey);
  for (const [utterances, calledAt] of [
    [COMPLIANT_FR, "2026-09-14T10:00:00"],
    [COMPLIANT_FR, "2026-09-20T10:00:00"],
    [NON_COMPLIANT_FR, "2026-09-21T10:00:00"],
    [NON_COMPLIANT_FR, "2026-11-02T10:00:00"],
  ] as const) {
    callIds.push(await uploadTranscript(service.url, service.adminKey, ids.campaignId, [...utterances], { calledAt }));
  }
  for (const id of callIds) await waitForCall(service.url, service.adminKey, id);
});
afterAll(async () => {
  await service.stop();
  fs.rmSync(path.dirname(packPath), { recursive: true, force: true });
});

describe("GET /reports/subcontractors", () => {
  it("rates non-compliance per subcontractor and campaign over a date range", async () => {
    const res = await api(`${service.url}/reports/subcontractors?from=2026-09-01&to=2026-09-30`, "GET", undefined, service.adminKey);
    expect(res.status).toBe(200);
    const [sub] = res.body.subcontractors;
    expect(sub.name).toBe("Axiome Contact");
    const [campaign] = sub.campaigns;
    expect(campaign).toMatchObject({ id: ids.campaignId, brand: "Fibralis", callsAnalyzed: 3, verdicts: { compliant: 2, non_compliant: 1 } });
    expect(campaign.nonComplianceRate.rate).toBeCloseTo(1 / 3);
    expect(campaign.nonComplianceRate.low).toBeGreaterThan(0);
    expect(campaign.nonComplianceRate.high).toBeLessThan(1);
    expect(campaign.elements.find((e: { id: string }) => e.id === "ART14_SOURCE")).toEqual({ id: "ART14_SOURCE", missing: 1, late: 0, violated: 0 });
  });

  it("answers CSV when asked", async () => {
    const res = await fetch(`${service.url}/reports/subcontractors`, { headers: { accept: "text/csv", authorization: `Bearer ${service.adminKey}` } });
    expect(res.headers.get("content-type")).toContain("text/csv");
    const rows = parse(await res.text(), { columns: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ campaign: "Fibre 2026", calls_analyzed: "4", compliant: "2", non_compliant: "2", non_compliance_rate: "0.5000" });
  });
});

describe("POST /campaigns/:id/reanalyze", () => {
  it("re-runs the engine with the edited rule pack and lists the verdicts that changed", async () => {
    const unchanged = await api(`${service.url}/campaigns/${ids.campaignId}/reanalyze`, "POST", undefined, service.adminKey);
    expect(unchanged.body).toMatchObject({ reanalyzed: 4, skipped: 0, changed: [] });

    // The Bloctel mention becomes required again for these dates: the compliant calls lack it.
    const pack = JSON.parse(fs.readFileSync(packPath, "utf8"));
    pack.version = `${pack.version}-bloctel-2027`;
    pack.thresholds.bloctelAbolishedOn = "2027-01-01";
    fs.writeFileSync(packPath, JSON.stringify(pack));

    const res = await api(`${service.url}/campaigns/${ids.campaignId}/reanalyze`, "POST", undefined, service.adminKey);
    expect(res.status).toBe(200);
    expect(res.body.rulePack.version).toBe(pack.version);
    expect(res.body.changed.map((c: { callId: string }) => c.callId).sort()).toEqual([callIds[0], callIds[1]].sort());
    expect(res.body.changed[0]).toMatchObject({ from: "compliant", to: "non_compliant" });
    const call = await api(`${service.url}/calls/${callIds[0]}`, "GET", undefined, service.adminKey);
    expect(call.body.rulePack.version).toBe(pack.version);
    expect(call.body.elements.find((e: { id: string }) => e.id === "BLOCTEL_MENTION").status).toBe("missing");
    // The report counters followed the new verdicts.
    const report = await api(`${service.url}/reports/subcontractors`, "GET", undefined, service.adminKey);
    const campaign = report.body.subcontractors[0].campaigns[0];
    expect(campaign.verdicts).toMatchObject({ compliant: 0, non_compliant: 4 });
    expect(campaign.elements.find((e: { id: string }) => e.id === "BLOCTEL_MENTION").missing).toBe(4);
  });

  it("answers 404 for an unknown campaign", async () => {
    expect(await api(`${service.url}/campaigns/nope/reanalyze`, "POST", undefined, service.adminKey)).toMatchObject({ status: 404, body: { error: { code: "NOT_FOUND" } } });
  });
});
