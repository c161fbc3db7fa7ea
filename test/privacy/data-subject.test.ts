import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { COMPLIANT_FR, NON_COMPLIANT_FR } from "../server/fixtures.ts";
import { LiveClient } from "../live/harness.ts";
import { api, bearer, createFibralisCampaign, createKey, startTestService, uploadTranscript, waitForCall, wavBytes, type TestService } from "../server/harness.ts";

let s: TestService;
let campaignId: string;
let brandId: string;
let subcontractorId: string;
const mine: string[] = [];
let other: string;
let audioCall: string;

beforeAll(async () => {
  s = await startTestService();
  ({ campaignId, brandId, subcontractorId } = await createFibralisCampaign(s.url, s.adminKey));
  // One person's calls, with the number written three ways; and someone else's.
  mine.push(await uploadTranscript(s.url, s.adminKey, campaignId, COMPLIANT_FR, { calledNumber: "06 12 34 56 78" }));
  mine.push(await uploadTranscript(s.url, s.adminKey, campaignId, NON_COMPLIANT_FR, { calledNumber: "+33 6 12 34 56 78", calledAt: "2026-09-15T10:00:00" }));
  other = await uploadTranscript(s.url, s.adminKey, campaignId, NON_COMPLIANT_FR, { calledNumber: "07 99 99 99 99" });
  const form = new FormData();
  form.append("campaignId", campaignId);
  form.append("calledNumber", "0033612345678");
  form.append("recordings", new Blob([new Uint8Array(wavBytes(0.4))]), "subject.wav");
  audioCall = ((await (await fetch(s.url + "/calls", { method: "POST", body: form, headers: bearer(s.adminKey) })).json()) as any).calls[0].id;
  mine.push(audioCall);
  mine.push(await liveCall("06 12 34 56 78"));
  for (const id of [...mine, other]) await waitForCall(s.url, s.adminKey, id, 120_000);
}, 180_000);
afterAll(() => s.stop());

/** A live agent-assist session (transcript mode) that gives the called number when it opens. */
async function liveCall(calledNumber: string): Promise<string> {
  const agentAssist = (await api(`${s.url}/keys`, "POST", { name: "live", role: "agent-assist", subcontractorId }, s.adminKey)).body.key as string;
  const client = await LiveClient.connect(s.url.replace(/^http/, "ws") + "/live", bearer(agentAssist));
  client.send({ type: "open", campaign: campaignId, calledNumber });
  await client.waitType("opened");
  COMPLIANT_FR.forEach((u, seq) => client.send({ type: "utterance", seq, speaker: u.speaker, text: u.text, start: u.start, end: u.end, final: true }));
  client.send({ type: "close" });
  return (await client.waitType("closed", 30_000)).callId as string;
}

async function verdictCounts(): Promise<Record<string, number>> {
  const report = await api(`${s.url}/reports/subcontractors`, "GET", undefined, s.adminKey);
  return report.body.subcontractors[0].total.verdicts;
}

it("exports everything held about a number, whatever its spelling, and nothing about others", async () => {
  const res = await api(`${s.url}/data-subjects/export`, "POST", { calledNumber: "06.12.34.56.78" }, s.adminKey);
  expect(res.status).toBe(200);
  expect(res.body.numberHash).toMatch(/^[0-9a-f]{64}$/);
  expect(res.body.calls.map((c: { id: string }) => c.id).sort()).toEqual([...mine].sort());
  const transcriptCall = res.body.calls.find((c: { id: string }) => c.id === mine[0]);
  expect(transcriptCall.utterances.length).toBe(COMPLIANT_FR.length);
  expect(transcriptCall.elements.length).toBeGreaterThan(0);
  expect(res.body.calls.find((c: { id: string }) => c.id === audioCall).audio).toMatchObject({ url: `/calls/${audioCall}/audio`, fileName: "subject.wav" });
  const log = await api(`${s.url}/access-log?callId=${mine[0]}`, "GET", undefined, s.adminKey);
  expect(log.body.entries.map((e: { action: string }) => e.action)).toContain("export");
});

it("lets a brand's controller act on its own brand's calls only", async () => {
  const otherBrand = await createFibralisCampaign(s.url, s.adminKey, "Other", "Other Centre", "Other Brand");
  const { key } = await createKey(s.dataDir, { name: "controller other", role: "controller", brandId: otherBrand.brandId });
  const exported = await api(`${s.url}/data-subjects/export`, "POST", { calledNumber: "06 12 34 56 78" }, key);
  expect(exported.body.calls).toEqual([]);
  expect((await api(`${s.url}/data-subjects/erase`, "POST", { calledNumber: "06 12 34 56 78" }, key)).body.callsErased).toBe(0);
  const own = (await createKey(s.dataDir, { name: "controller own", role: "controller", brandId })).key;
  expect((await api(`${s.url}/data-subjects/export`, "POST", { calledNumber: "06 12 34 56 78" }, own)).body.calls).toHaveLength(4);
});

it("erases a number's calls: rows, recording and report counts, leaving others whole", async () => {
  const before = await verdictCounts();
  const erasedVerdicts = await Promise.all(mine.map(async (id) => (await api(`${s.url}/calls/${id}`, "GET", undefined, s.adminKey)).body.verdict as string | null));
  const audioSha = fs.readdirSync(path.join(s.dataDir, "audio"), { recursive: true }).filter((f) => String(f).length > 3);
  expect(audioSha).toHaveLength(1);

  const res = await api(`${s.url}/data-subjects/erase`, "POST", { calledNumber: "+33612345678" }, s.adminKey);
  expect(res).toMatchObject({ status: 200, body: { callsErased: 4, audioFilesDeleted: 1 } });

  for (const id of mine) expect((await api(`${s.url}/calls/${id}`, "GET", undefined, s.adminKey)).status).toBe(404);
  expect(fs.readdirSync(path.join(s.dataDir, "audio"), { recursive: true }).filter((f) => String(f).length > 3)).toEqual([]);
  expect((await api(`${s.url}/calls/${other}`, "GET", undefined, s.adminKey)).body.status).toBe("done");
  const after = await verdictCounts();
  const expected = { ...before };
  for (const v of erasedVerdicts) if (v) expected[v] = (expected[v] ?? 0) - 1;
  expect(after).toEqual(expected);
  expect((await api(`${s.url}/data-subjects/export`, "POST", { calledNumber: "0612345678" }, s.adminKey)).body.calls).toEqual([]);
  const log = await api(`${s.url}/access-log?callId=${mine[1]}`, "GET", undefined, s.adminKey);
  expect(log.body.entries[0]).toMatchObject({ action: "erase" });
});
