import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeCall } from "../../src/compliance/analyze.ts";
import { resolveSettings } from "../../src/compliance/settings.ts";
import { getCall } from "../../src/store/calls.ts";
import type { EvalCase } from "../eval/eval-case.ts";
import { campaignSettingsOf, devCases, utteranceMessages } from "./eval-replay.ts";
import { LiveClient, startLiveServer, type LiveTestServer } from "./harness.ts";

let server: LiveTestServer;
beforeAll(async () => {
  server = await startLiveServer();
});
afterAll(() => server.stop());

/**
 * Replays one labelled call as utterance messages. After the utterance where the batch engine
 * puts the pitch onset, the client waits for the alert before sending anything else: the alert
 * must come on that utterance, not at the end. When the onset's sentence runs on into the next
 * utterance (its quote is of both), the pitch words come with that next one: the alert waits for it.
 */
async function replay(c: EvalCase) {
  const batch = analyzeCall({ utterances: c.utterances, origin: "transcript", language: c.settings.language }, resolveSettings(c.settings), server.pack);
  const campaign = await server.addCampaign("key-a", campaignSettingsOf(c), c.settings.language);
  const client = await LiveClient.connect(server.url);
  client.send({ type: "open", token: "key-a", campaign, ...(c.settings.calledAt ? { calledAt: c.settings.calledAt } : {}) });
  await client.waitType("opened");
  const pitchIndex = batch.pitchOnset?.utteranceIndex ?? -1;
  const runsOn = batch.pitchOnset !== null && !c.utterances[pitchIndex]!.text.includes(batch.pitchOnset.text);
  const alertAfter = runsOn ? pitchIndex + 1 : pitchIndex;
  const missingAtPitch = batch.elements.some((e) => e.id !== "OBJECTION_HONORED" && ["missing", "late", "undeterminable"].includes(e.status));
  let pitchAlert = null;
  for (const [i, message] of utteranceMessages(c).entries()) {
    client.send(message);
    if (i === alertAfter && missingAtPitch) {
      pitchAlert = (await client.waitFor((m) => m.type === "alert" && m.kind === "PITCH_BEFORE_DISCLOSURE", 2000)).msg;
    }
  }
  client.send({ type: "close" });
  const verdict = await client.waitType("verdict");
  const closed = await client.waitType("closed");
  await client.waitClosed();
  return { batch, verdict, closed, pitchAlert, client };
}

describe("transcript mode replays the labelled dev calls", () => {
  const cases = devCases();
  let pitchAlerts = 0;

  it("has the dev set to replay", () => {
    expect(cases.length).toBeGreaterThanOrEqual(36);
  });

  it.each(cases.map((c) => [c.id, c] as const))("%s: live verdict equals the batch verdict; the pitch alert comes on the pitch utterance", async (_id, c) => {
    const { batch, verdict, closed, pitchAlert, client } = await replay(c);
    expect(verdict.verdict).toBe(batch.verdict);
    expect(verdict.elements.map((e: { id: string; status: string }) => [e.id, e.status])).toEqual(batch.elements.map((e) => [e.id, e.status]));
    expect(verdict.pitchOnset?.utteranceIndex ?? null).toBe(batch.pitchOnset?.utteranceIndex ?? null);
    if (pitchAlert) {
      pitchAlerts++;
      expect(pitchAlert.seq).toBe(batch.pitchOnset!.utteranceIndex + 1);
      const missing = batch.elements.filter((e) => e.id !== "OBJECTION_HONORED" && ["missing", "late", "undeterminable"].includes(e.status)).map((e) => e.id);
      // Everything still owed at the end was already owed when the pitch started.
      expect(pitchAlert.missing.map((m: { id: string }) => m.id)).toEqual(expect.arrayContaining(missing));
    }
    const ignored = batch.objections.filter((o) => !o.honored).length;
    expect(client.of("alert").filter((a) => a.kind === "OBJECTION_IGNORED")).toHaveLength(ignored);
    const disguised = batch.elements.some((e) => e.id === "COMMERCIAL_NATURE" && e.status === "violated");
    expect(client.of("alert").filter((a) => a.kind === "DISGUISED_CALL")).toHaveLength(disguised ? 1 : 0);
    const stored = await getCall(server.db, closed.callId);
    expect(stored).toMatchObject({ status: "done", verdict: batch.verdict, source: "transcript" });
    expect(stored.transcript?.utterances).toHaveLength(c.utterances.length);
  });

  it("saw pitch alerts on the non-compliant calls (the replay checks them)", () => {
    expect(pitchAlerts).toBeGreaterThan(10);
  });
});
