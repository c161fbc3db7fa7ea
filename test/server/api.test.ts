import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMPLIANT_FR, NON_COMPLIANT_FR } from "./fixtures.ts";
import { api, bearer, createFibralisCampaign, wavBytes, startTestService, uploadTranscript, waitForCall, type CampaignIds, type TestService } from "./harness.ts";

let service: TestService;
let url: string;
let key: string;
let ids: CampaignIds;

beforeAll(async () => {
  service = await startTestService();
  url = service.url;
  key = service.adminKey;
  ids = await createFibralisCampaign(url, key);
});
afterAll(() => service.stop());

describe("transcript uploads", () => {
  it("analyzes an uploaded transcript in the background and returns the CLI's report contract", async () => {
    const id = await uploadTranscript(url, key, ids.campaignId, COMPLIANT_FR, { agentId: "A7", calledNumber: "06 12 34 56 78" });
    const call = await waitForCall(url, key, id);
    expect(call).toMatchObject({ id, status: "done", progress: 100, verdict: "compliant", agentId: "A7", source: "transcript" });
    expect(call.rulePack.id).toBeTruthy();
    expect(call.utterances).toHaveLength(COMPLIANT_FR.length);
    const identity = call.elements.find((e: { id: string }) => e.id === "ART14_IDENTITY");
    expect(identity).toMatchObject({ status: "present", utteranceIndex: 0 });
    expect(identity.text).toContain("Fibralis");
    expect(call.numberHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(call)).not.toContain("612345678");
  });

  it("reports missing disclosures with the time they were due", async () => {
    const call = await waitForCall(url, key, await uploadTranscript(url, key, ids.campaignId, NON_COMPLIANT_FR));
    expect(call.verdict).toBe("non_compliant");
    const source = call.elements.find((e: { id: string }) => e.id === "ART14_SOURCE");
    expect(source).toMatchObject({ status: "missing", dueBy: NON_COMPLIANT_FR[1]!.start });
  });

  it("rejects invalid requests with catalogue codes", async () => {
    const noTranscript = await api(url + "/calls", "POST", { campaignId: ids.campaignId }, key);
    expect(noTranscript).toMatchObject({ status: 400, body: { error: { code: "USAGE" } } });
    const badTimes = await api(url + "/calls", "POST", {
      campaignId: ids.campaignId,
      transcript: { utterances: [{ speaker: "agent", start: 5, end: 1, text: "x" }] },
    }, key);
    expect(badTimes).toMatchObject({ status: 400, body: { error: { code: "TRANSCRIPT_INVALID" } } });
    const unknown = await api(url + "/calls", "POST", { campaignId: "nope", transcript: { utterances: [] } }, key);
    expect(unknown).toMatchObject({ status: 422, body: { error: { code: "UNKNOWN_CAMPAIGN" } } });
    expect(await api(url + "/calls/nope", "GET", undefined, key)).toMatchObject({ status: 404, body: { error: { code: "NOT_FOUND" } } });
    expect(await api(url + "/calls?cursor=zzz", "GET", undefined, key)).toMatchObject({ status: 400, body: { error: { code: "CURSOR_INVALID" } } });
    const dup = await api(url + "/brands", "POST", { name: "Fibralis" }, key);
    expect(dup).toMatchObject({ status: 409, body: { error: { code: "CONFLICT" } } });
  });
});

describe("recording uploads", () => {
  it("stores each recording of a multipart upload with its own metadata, durable before 202", async () => {
    const first = wavBytes(0.5, 8000, 440);
    const second = wavBytes(0.6, 8000, 660);
    const form = new FormData();
    form.append("campaignId", ids.campaignId);
    form.append("agentId", "A1");
    form.append("agentId", "A2");
    form.append("calledAt", "2026-09-15T09:30:00+02:00");
    form.append("recordings", new Blob([new Uint8Array(first)]), "first.wav");
    form.append("recordings", new Blob([new Uint8Array(second)]), "second.wav");
    const res = await fetch(url + "/calls", { method: "POST", body: form, headers: bearer(key) });
    expect(res.status).toBe(202);
    const accepted = (await res.json()) as { calls: Array<{ id: string }> };
    expect(accepted.calls).toHaveLength(2);
    const [one, two] = await Promise.all(accepted.calls.map((c) => api(`${url}/calls/${c.id}`, "GET", undefined, key)));
    expect(one!.body).toMatchObject({ agentId: "A1", source: "audio", calledAt: "2026-09-15T09:30:00+02:00" });
    expect(two!.body).toMatchObject({ agentId: "A2", audio: { fileName: "second.wav", bytes: second.length } });
    const audio = await fetch(`${url}/calls/${accepted.calls[1]!.id}/audio`, { headers: bearer(key) });
    expect(Buffer.from(await audio.arrayBuffer()).equals(second)).toBe(true);
    const stored = path.join(service.dataDir, "audio");
    expect(fs.readdirSync(stored).length).toBe(2);
  });

  it("refuses at upload a recording that is no decodable audio, keeping nothing of it", async () => {
    const before = fs.readdirSync(path.join(service.dataDir, "audio")).length;
    const form = new FormData();
    form.append("campaignId", ids.campaignId);
    form.append("recordings", new Blob([Buffer.from("garbage bytes that are no codec")]), "broken.wav");
    const res = await fetch(url + "/calls", { method: "POST", body: form, headers: bearer(key) });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("AUDIO_UNDECODABLE");
    expect(fs.readdirSync(path.join(service.dataDir, "audio")).length).toBe(before);
    expect(fs.readdirSync(path.join(service.dataDir, "tmp"))).toEqual([]);
  });

  it("rejects a multipart upload whose metadata does not pair with the recordings", async () => {
    const form = new FormData();
    form.append("campaignId", ids.campaignId);
    form.append("agentId", "A1");
    form.append("agentId", "A2");
    form.append("agentId", "A3");
    form.append("recordings", new Blob([new Uint8Array(wavBytes(0.2))]), "one.wav");
    form.append("recordings", new Blob([new Uint8Array(wavBytes(0.3))]), "two.wav");
    const res = await fetch(url + "/calls", { method: "POST", body: form, headers: bearer(key) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("USAGE");
  });
});

describe("listing, progress and scripts", () => {
  it("filters calls and pages with a cursor", async () => {
    const other = await createFibralisCampaign(url, key, "Listing", "Beta Phone");
    for (let i = 0; i < 5; i++) {
      await uploadTranscript(url, key, other.campaignId, i < 2 ? COMPLIANT_FR : NON_COMPLIANT_FR, { calledAt: `2026-10-0${i + 1}T10:00:00Z`, agentId: `L${i % 2}` });
    }
    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { calls: Array<{ calledAt: string }>; nextCursor: string | null } } = await api(
        `${url}/calls?subcontractorId=${other.subcontractorId}&limit=2${cursor ? `&cursor=${cursor}` : ""}`,
        "GET",
        undefined,
        key,
      );
      all.push(...page.body.calls.map((c) => c.calledAt));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(all).toEqual(["2026-10-05T10:00:00Z", "2026-10-04T10:00:00Z", "2026-10-03T10:00:00Z", "2026-10-02T10:00:00Z", "2026-10-01T10:00:00Z"]);
    const byAgent = await api(`${url}/calls?campaignId=${other.campaignId}&agentId=L1&from=2026-10-01T00:00:00Z&to=2026-10-03T00:00:00Z`, "GET", undefined, key);
    expect(byAgent.body.calls.map((c: { calledAt: string }) => c.calledAt)).toEqual(["2026-10-02T10:00:00Z"]);
    for (const id of (await api(`${url}/calls?campaignId=${other.campaignId}`, "GET", undefined, key)).body.calls.map((c: { id: string }) => c.id)) await waitForCall(url, key, id);
    const missingSource = await api(`${url}/calls?campaignId=${other.campaignId}&element=ART14_SOURCE`, "GET", undefined, key);
    expect(missingSource.body.calls).toHaveLength(3);
    const compliant = await api(`${url}/calls?campaignId=${other.campaignId}&verdict=compliant&status=done`, "GET", undefined, key);
    expect(compliant.body.calls).toHaveLength(2);
  });

  it("streams progress as server-sent events until the call is done", async () => {
    const id = await uploadTranscript(url, key, ids.campaignId, COMPLIANT_FR);
    const res = await fetch(`${url}/calls/${id}/events`, { headers: bearer(key) });
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const text = await res.text();
    const events = text
      .split("\n\n")
      .filter((block) => block.startsWith("event: progress"))
      .map((block) => JSON.parse(block.split("data: ")[1]!));
    expect(events.at(-1)).toMatchObject({ id, status: "done", progress: 100, verdict: "compliant" });
  });

  it("checks a call script with the campaign's settings", async () => {
    const script = COMPLIANT_FR.filter((u) => u.speaker === "agent")
      .map((u) => u.text)
      .join("\n");
    const res = await api(url + "/scripts", "POST", { text: script, campaignId: ids.campaignId, calledAt: "2026-09-14" }, key);
    expect(res.status).toBe(200);
    expect(res.body.verdict).toBe("compliant");
  });

  it("serves its OpenAPI document", async () => {
    const doc = await api(url + "/openapi.json", "GET", undefined, key);
    expect(doc.body.openapi).toBe("3.0.3");
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(["/calls", "/calls/{id}", "/calls/{id}/audio", "/calls/{id}/events", "/reports/subcontractors", "/scripts", "/campaigns/{id}/reanalyze"]),
    );
  });
});
