import alawmulaw from "alawmulaw";
import { describe, expect, it } from "vitest";
import { decodePcmFrame } from "../../src/live/pcm.ts";
import { isTwilioFrame, parseTwilioMessage } from "../../src/live/twilio.ts";
import { parseClientMessage } from "../../src/live/protocol.ts";
const { mulaw } = alawmulaw;

describe("PCM frames", () => {
  it("splits interleaved stereo into agent (left) and customer (right)", () => {
    const bytes = Buffer.alloc(8);
    bytes.writeInt16LE(16384, 0);
    bytes.writeInt16LE(-32768, 2);
    bytes.writeInt16LE(-16384, 4);
    bytes.writeInt16LE(0, 6);
    const frame = decodePcmFrame(bytes, "stereo");
    expect(frame).toEqual({ agent: Float32Array.from([0.5, -0.5]), customer: Float32Array.from([-1, 0]) });
    expect(typeof decodePcmFrame(bytes.subarray(0, 6), "stereo")).toBe("string");
  });

  it("reads the speaker byte of mono frames", () => {
    const bytes = Buffer.alloc(5);
    bytes[0] = 1;
    bytes.writeInt16LE(16384, 1);
    expect(decodePcmFrame(bytes, "mono")).toEqual({ customer: Float32Array.from([0.5, 0]) });
    bytes[0] = 7;
    expect(typeof decodePcmFrame(bytes, "mono")).toBe("string");
    expect(typeof decodePcmFrame(bytes.subarray(0, 4), "mono")).toBe("string");
  });
});

describe("Twilio Media Streams messages", () => {
  const start = {
    event: "start",
    sequenceNumber: "1",
    streamSid: "MZ1",
    start: {
      streamSid: "MZ1",
      callSid: "CA1",
      tracks: ["inbound", "outbound"],
      mediaFormat: { encoding: "audio/x-mulaw", sampleRate: 8000, channels: 1 },
      customParameters: { token: "k", campaign: "c1", language: "fr" },
    },
  };

  it("takes the key and campaign from the <Parameter>s of start", () => {
    expect(isTwilioFrame(start)).toBe(true);
    expect(isTwilioFrame({ type: "open" })).toBe(false);
    expect(parseTwilioMessage(start, "outbound")).toEqual({
      ok: true,
      message: { event: "start", streamSid: "MZ1", token: "k", campaign: "c1", language: "fr", agentTrack: "outbound" },
    });
    const noCampaign = { ...start, start: { ...start.start, customParameters: { token: "k" } } };
    expect(parseTwilioMessage(noCampaign, "outbound").ok).toBe(false);
    const withNumber = { ...start, start: { ...start.start, customParameters: { campaign: "c1", calledNumber: "+33 6 12 34 56 78" } } };
    expect(parseTwilioMessage(withNumber, "outbound")).toMatchObject({ ok: true, message: { calledNumber: "+33 6 12 34 56 78" } });
    const notANumber = { ...start, start: { ...start.start, customParameters: { campaign: "c1", calledNumber: "unknown" } } };
    expect(parseTwilioMessage(notANumber, "outbound")).toMatchObject({ ok: false, error: { message: expect.stringMatching(/calledNumber/) } });
    const wrongFormat = { ...start, start: { ...start.start, mediaFormat: { encoding: "audio/l16", sampleRate: 16000 } } };
    expect(parseTwilioMessage(wrongFormat, "outbound").ok).toBe(false);
  });

  it("decodes mu-law media payloads and names the speaker by track", () => {
    const pcm = Int16Array.from([0, 1000, -1000, 8000]);
    const payload = Buffer.from(mulaw.encode(pcm)).toString("base64");
    const parsed = parseTwilioMessage({ event: "media", media: { track: "outbound", chunk: "1", timestamp: "0", payload } }, "outbound");
    if (!parsed.ok || parsed.message.event !== "media") throw new Error("not media");
    expect(parsed.message.speaker).toBe("agent");
    expect(parsed.message.samples).toHaveLength(4);
    // mu-law steps grow with the level: about 3% of it.
    parsed.message.samples.forEach((v, i) => expect(Math.abs(v * 32768 - pcm[i]!)).toBeLessThanOrEqual(Math.max(40, Math.abs(pcm[i]!) * 0.04)));
    const inbound = parseTwilioMessage({ event: "media", media: { track: "inbound", payload } }, "outbound");
    expect(inbound.ok && inbound.message.event === "media" && inbound.message.speaker).toBe("customer");
  });
});

describe("client messages", () => {
  it("checks fields and says what is wrong", () => {
    expect(parseClientMessage("[1]")).toMatchObject({ ok: false, error: { code: "INVALID_MESSAGE" } });
    expect(parseClientMessage('{"type":"open"}')).toMatchObject({ ok: false, error: { code: "INVALID_MESSAGE" } });
    expect(parseClientMessage('{"type":"open","campaign":"c","channels":"stereo","sampleRate":8000}')).toEqual({
      ok: true,
      message: { type: "open", campaign: "c", channels: "stereo", sampleRate: 8000 },
    });
    expect(parseClientMessage('{"type":"utterance","seq":1,"speaker":"agent","text":"x","start":2,"end":1,"final":true}').ok).toBe(false);
    expect(parseClientMessage('{"type":"utterance","seq":1.5,"speaker":"agent","text":"x","start":0,"end":1,"final":true}').ok).toBe(false);
  });
});
