// A live audio session through the whole service: the campaign setting decides whether the
// session's audio is kept, and the kept audio is the call's recording like an upload's.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeAudio } from "../../src/audio/decode.ts";
import { decodedInt16 as int16, sentInt16 as sent, streamStereoPcm } from "../live/audio-stream.ts";
import { LiveClient } from "../live/harness.ts";
import { synthesizeCall, type TwoTrackCall } from "../live/speech.ts";
import { api, bearer, createFibralisCampaign, startTestService, type CampaignIds, type TestService } from "./harness.ts";

let service: TestService;
let ids: CampaignIds;
let agentAssistKey: string;
let supervisorKey: string;
let call: TwoTrackCall;

beforeAll(async () => {
  service = await startTestService();
  ids = await createFibralisCampaign(service.url, service.adminKey);
  const key = async (role: string) => (await api(service.url + "/keys", "POST", { name: role, role, subcontractorId: ids.subcontractorId }, service.adminKey)).body.key as string;
  agentAssistKey = await key("agent-assist");
  supervisorKey = await key("supervisor");
  call = await synthesizeCall(
    [
      { speaker: "agent", text: "Bonjour madame, Julie de la société Axiome Contact." },
      { speaker: "customer", text: "Oui, bonjour." },
    ],
    "fr",
  );
}, 60_000);
afterAll(() => service?.stop());

/** Streams the call in audio mode, closes it and returns the opened message and the stored call's id. */
async function liveCall(): Promise<{ opened: Record<string, unknown>; callId: string }> {
  const client = await LiveClient.connect(service.url.replace(/^http/, "ws") + "/live", bearer(agentAssistKey));
  client.send({ type: "open", campaign: ids.campaignId, channels: "stereo", sampleRate: 16000 });
  const opened = await client.waitType("opened", 30_000);
  await streamStereoPcm(client, call, 8);
  client.send({ type: "close" });
  const closed = await client.waitType("closed", 120_000);
  return { opened, callId: closed.callId };
}


describe("campaigns that keep live audio", () => {
  it("keep no audio by default", async () => {
    const campaign = await api(`${service.url}/campaigns/${ids.campaignId}`, "GET", undefined, service.adminKey);
    expect(campaign.body.keepLiveAudio).toBe(false);
    const { opened, callId } = await liveCall();
    expect(opened.recordsAudio).toBe(false);
    const stored = await api(`${service.url}/calls/${callId}`, "GET", undefined, supervisorKey);
    expect(stored.body).toMatchObject({ source: "audio", status: "done", audio: null });
    const audio = await api(`${service.url}/calls/${callId}/audio`, "GET", undefined, supervisorKey);
    expect(audio.status).toBe(404);
    expect(audio.body.error.code).toBe("AUDIO_NOT_STORED");
  }, 180_000);

  it("keep the session's audio as a stereo WAV (agent left) once an administrator turns the setting on", async () => {
    const changed = await api(`${service.url}/campaigns/${ids.campaignId}`, "PATCH", { keepLiveAudio: true }, service.adminKey);
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ id: ids.campaignId, keepLiveAudio: true });

    const { opened, callId } = await liveCall();
    expect(opened.recordsAudio).toBe(true);
    const stored = await api(`${service.url}/calls/${callId}`, "GET", undefined, supervisorKey);
    expect(stored.body).toMatchObject({ source: "audio", status: "done", audio: { url: `/calls/${callId}/audio` } });
    expect(stored.body.audio.fileName).toMatch(/^live-[0-9a-f-]+\.wav$/);

    const res = await fetch(`${service.url}/calls/${callId}/audio`, { headers: bearer(supervisorKey) });
    expect(res.status).toBe(200);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(bytes.byteLength).toBe(stored.body.audio.bytes);
    const decoded = await decodeAudio(bytes, stored.body.audio.fileName);
    expect(decoded.sampleRate).toBe(16000);
    expect(decoded.channels).toHaveLength(2);
    // Every sample sent is kept, in place: the stored audio lines up with the transcript's times.
    expect(decoded.channels[0]!.length).toBe(call.agent.length);
    expect(int16(decoded.channels[0]!)).toEqual(sent(call.agent));
    expect(int16(decoded.channels[1]!)).toEqual(sent(call.customer));
  }, 180_000);

  it("is a setting only an administrator changes, on a campaign that exists, with a known field", async () => {
    const url = `${service.url}/campaigns/${ids.campaignId}`;
    expect((await api(url, "PATCH", { keepLiveAudio: false }, supervisorKey)).status).toBe(403);
    expect((await api(url, "PATCH", { keepLiveAudio: false }, agentAssistKey)).status).toBe(403);
    expect((await api(`${service.url}/campaigns/nope`, "PATCH", { keepLiveAudio: false }, service.adminKey)).status).toBe(404);
    expect((await api(url, "PATCH", {}, service.adminKey)).status).toBe(400);
    expect((await api(url, "PATCH", { keepLiveAudio: "yes" }, service.adminKey)).status).toBe(400);
    expect((await api(url, "PATCH", { settings: {} }, service.adminKey)).status).toBe(400);
    expect((await api(url, "GET", undefined, service.adminKey)).body.keepLiveAudio).toBe(true);
  });
});
