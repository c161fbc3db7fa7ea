import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findModel } from "../../src/models/resolve.ts";
import { api, bearer, startTestService, waitForCall, type TestService } from "../server/harness.ts";

// The whole product path: a recording uploaded over HTTP, transcribed by the worker with the
// model `npm run setup` put in models/, analyzed with the campaign's settings.
describe.skipIf(!findModel("base"))("a recording through the service (real worker, real whisper)", () => {
  let service: TestService;
  let campaignId: string;
  beforeAll(async () => {
    service = await startTestService({ ASR_THREADS: "2" });
    const key = service.adminKey;
    const brand = (await api(service.url + "/brands", "POST", { name: "EnergyPlus" }, key)).body;
    const sub = (await api(service.url + "/subcontractors", "POST", { name: "Northway Contact" }, key)).body;
    const campaign = await api(
      service.url + "/campaigns",
      "POST",
      { name: "Energy 2026", brandId: brand.id, subcontractorId: sub.id, language: "en", settings: { dataSources: ["QuoteMatch"], leadOrigin: "third_party" } },
      key,
    );
    expect(campaign.status).toBe(201);
    campaignId = campaign.body.id;
  });
  afterAll(async () => {
    await service?.stop();
  });

  it("uploads a stereo call, reports progress, and stores the verdict with its evidence and model", async () => {
    const form = new FormData();
    form.append("campaignId", campaignId);
    form.append("calledAt", "2026-10-02T14:00:00+02:00");
    form.append("recordings", new Blob([fs.readFileSync("recordings-fixtures/en-01-compliant.wav")]), "en-01-compliant.wav");
    const res = await fetch(service.url + "/calls", { method: "POST", body: form, headers: bearer(service.adminKey) });
    expect(res.status).toBe(202);
    const [accepted] = ((await res.json()) as { calls: Array<{ id: string }> }).calls;

    const events = await fetch(`${service.url}/calls/${accepted!.id}/events`, { headers: bearer(service.adminKey) });
    const stream = await events.text();
    expect(stream).toMatch(/transcribing/);
    expect(stream).toMatch(/done/);

    const call = await waitForCall(service.url, service.adminKey, accepted!.id, 300_000);
    expect(call.status).toBe("done");
    expect(call.verdict).toBe("compliant");
    expect(JSON.stringify(call)).toMatch(/ggml-base/);
    const identity = call.elements.find((e: { id: string }) => e.id === "ART14_IDENTITY");
    expect(identity.status).toBe("present");
    expect(identity.text).toMatch(/behalf of/i);
    expect(identity.start).toBeLessThan(call.pitchOnset.start);
  }, 400_000);
});
