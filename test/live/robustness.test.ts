import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeCall } from "../../src/compliance/analyze.ts";
import { resolveSettings } from "../../src/compliance/settings.ts";
import { getCall } from "../../src/store/calls.ts";
import type { EvalCase } from "../eval/eval-case.ts";
import { campaignSettingsOf, devCases, utteranceMessages } from "./eval-replay.ts";
import { hashNumber } from "../../src/store/number-hash.ts";
import { LIVE_NUMBER_HASH_KEY, LiveClient, startLiveServer, type LiveTestServer } from "./harness.ts";

let server: LiveTestServer;
let cases: EvalCase[];
let nonCompliant: EvalCase;
let compliant: EvalCase;
let campaignA: string;

beforeAll(async () => {
  server = await startLiveServer();
  cases = devCases();
  const batchVerdict = (c: EvalCase) => analyzeCall({ utterances: c.utterances, origin: "transcript" }, resolveSettings(c.settings), server.pack).verdict;
  nonCompliant = cases.find((c) => c.id.startsWith("dev-fr") && batchVerdict(c) === "non_compliant")!;
  compliant = cases.find((c) => c.id.startsWith("dev-fr") && batchVerdict(c) === "compliant")!;
  campaignA = await server.addCampaign("key-a", campaignSettingsOf(compliant), "fr");
});
afterAll(() => server.stop());

async function openSession(campaign = campaignA, token = "key-a", c: EvalCase = compliant): Promise<LiveClient> {
  const client = await LiveClient.connect(server.url);
  client.send({ type: "open", token, campaign, ...(c.settings.calledAt ? { calledAt: c.settings.calledAt } : {}) });
  await client.waitType("opened");
  return client;
}

function batchOf(c: EvalCase, utterances = c.utterances) {
  return analyzeCall({ utterances, origin: "transcript", language: c.settings.language }, resolveSettings(c.settings), server.pack);
}

async function closeAndVerdict(client: LiveClient) {
  client.send({ type: "close" });
  const verdict = await client.waitType("verdict");
  const closed = await client.waitType("closed");
  expect(await client.waitClosed()).toBe(1000);
  return { verdict, closed };
}

describe("bad messages are answered and the session goes on", () => {
  it("malformed JSON, unknown types, invalid fields and binary frames in transcript mode", async () => {
    const client = await openSession();
    client.send("{not json");
    expect(await client.waitFor((m) => m.code === "MALFORMED_JSON")).toBeTruthy();
    client.send({ type: "shout", text: "hello" });
    expect(await client.waitFor((m) => m.code === "UNKNOWN_MESSAGE_TYPE")).toBeTruthy();
    client.send({ type: "utterance", seq: 1, speaker: "robot", text: "x", start: 0, end: 1, final: true });
    expect(await client.waitFor((m) => m.code === "INVALID_MESSAGE")).toBeTruthy();
    client.socket.send(Buffer.alloc(640));
    expect(await client.waitFor((m) => m.code === "BINARY_IN_TRANSCRIPT_MODE")).toBeTruthy();
    client.send({ type: "open", token: "key-a", campaign: campaignA });
    expect(await client.waitFor((m) => m.code === "ALREADY_OPEN")).toBeTruthy();
    for (const m of utteranceMessages(compliant)) client.send(m);
    const { verdict } = await closeAndVerdict(client);
    expect(verdict.verdict).toBe(batchOf(compliant).verdict);
  });

  it("refuses utterances before open", async () => {
    const client = await LiveClient.connect(server.url);
    client.send(utteranceMessages(compliant)[0]);
    expect(await client.waitFor((m) => m.code === "NOT_OPEN")).toBeTruthy();
    client.socket.close();
  });
});

describe("sequence numbers", () => {
  it("puts reordered utterances back in order and ignores duplicates", async () => {
    const campaign = await server.addCampaign("key-a", campaignSettingsOf(nonCompliant), "fr");
    const client = await openSession(campaign, "key-a", nonCompliant);
    const messages = utteranceMessages(nonCompliant);
    // Swap each pair: 2,1,4,3,...
    for (let i = 0; i < messages.length; i += 2) {
      if (messages[i + 1]) client.send(messages[i + 1]);
      client.send(messages[i]);
    }
    client.send(messages[0]);
    await client.waitFor((m) => m.code === "SEQ_DUPLICATE" && m.seq === 1);
    const { verdict } = await closeAndVerdict(client);
    const batch = batchOf(nonCompliant);
    expect(verdict.verdict).toBe(batch.verdict);
    expect(verdict.elements).toEqual(batch.elements);
    expect(client.of("error").filter((e) => e.code === "SEQ_GAP")).toHaveLength(0);
  });

  it("reports a gap and goes on without the missing utterance", async () => {
    const campaign = await server.addCampaign("key-a", campaignSettingsOf(compliant), "fr");
    const client = await openSession(campaign);
    const messages = utteranceMessages(compliant);
    const lost = 2; // the third utterance never arrives
    for (const [i, m] of messages.entries()) if (i !== lost) client.send(m);
    const { verdict, closed } = await closeAndVerdict(client);
    const gap = client.of("error").find((e) => e.code === "SEQ_GAP");
    expect(gap).toMatchObject({ seq: lost + 1 });
    const batch = batchOf(compliant, compliant.utterances.filter((_, i) => i !== lost));
    expect(verdict.verdict).toBe(batch.verdict);
    expect((await getCall(server.db, closed.callId)).transcript?.utterances).toHaveLength(messages.length - 1);
  });

  it("only final utterances are analyzed; a non-final one is replaced by the next of its speaker", async () => {
    const campaign = await server.addCampaign("key-a", campaignSettingsOf(compliant), "fr");
    const client = await openSession(campaign);
    let seq = 0;
    for (const u of compliant.utterances) {
      client.send({ type: "utterance", seq: ++seq, speaker: u.speaker, text: u.text.slice(0, 8), start: u.start, end: u.end, final: false });
      client.send({ type: "utterance", seq: ++seq, speaker: u.speaker, text: u.text, start: u.start, end: u.end, final: true });
    }
    const { verdict, closed } = await closeAndVerdict(client);
    expect(verdict.verdict).toBe(batchOf(compliant).verdict);
    expect((await getCall(server.db, closed.callId)).transcript?.utterances.map((u) => u.text)).toEqual(compliant.utterances.map((u) => u.text));
  });
});

describe("the called number", () => {
  it("is stored as the same keyed hash as an upload's, never as given", async () => {
    const campaign = await server.addCampaign("key-a", campaignSettingsOf(compliant), "fr");
    const client = await LiveClient.connect(server.url);
    client.send({ type: "open", token: "key-a", campaign, calledNumber: 42 });
    expect(await client.waitType("error")).toMatchObject({ code: "INVALID_MESSAGE", message: expect.stringMatching(/calledNumber/) });
    const seen = client.messages.length;
    client.send({ type: "open", token: "key-a", campaign, calledNumber: "0".repeat(41) });
    expect((await client.waitFor((m) => m.type === "error", 5000, seen)).msg).toMatchObject({ code: "INVALID_MESSAGE" });
    client.send({ type: "open", token: "key-a", campaign, calledNumber: "06 12 34 56 78" });
    await client.waitType("opened");
    for (const m of utteranceMessages(compliant).slice(0, 2)) client.send(m);
    const { closed } = await closeAndVerdict(client);
    const stored = await getCall(server.db, closed.callId);
    expect(stored.numberHash).toBe(hashNumber("+33612345678", LIVE_NUMBER_HASH_KEY));
  });
});

describe("a client that vanishes", () => {
  it("stores the call as interrupted with what was said", async () => {
    const campaign = await server.addCampaign("key-a", campaignSettingsOf(nonCompliant), "fr");
    const client = await openSession(campaign, "key-a", nonCompliant);
    const half = utteranceMessages(nonCompliant).slice(0, Math.ceil(nonCompliant.utterances.length / 2));
    for (const m of half) client.send(m);
    await client.waitType("checklist");
    client.socket.terminate();
    const stored = await server.storedCallOf(campaign);
    expect(stored.status).toBe("interrupted");
    expect(stored.transcript?.utterances).toHaveLength(half.length);
    expect(stored.verdict).toBe(batchOf(nonCompliant, nonCompliant.utterances.slice(0, half.length)).verdict);
  });
});

describe("access", () => {
  it("refuses a missing or unknown key", async () => {
    const client = await LiveClient.connect(server.url);
    client.send({ type: "open", campaign: campaignA });
    expect(await client.waitType("error")).toMatchObject({ code: "UNAUTHORIZED" });
    expect(await client.waitClosed()).toBe(4401);
    const wrong = await LiveClient.connect(server.url);
    wrong.send({ type: "open", token: "nope", campaign: campaignA });
    expect(await wrong.waitType("error")).toMatchObject({ code: "UNAUTHORIZED" });
    expect(await wrong.waitClosed()).toBe(4401);
  });

  it("accepts the key in the Authorization header", async () => {
    const client = await LiveClient.connect(server.url, { authorization: "Bearer key-a" });
    client.send({ type: "open", campaign: campaignA });
    expect(await client.waitType("opened")).toMatchObject({ campaign: campaignA, mode: "transcript" });
    await closeAndVerdict(client);
  });

  it("refuses a key of one subcontractor used for another's campaign", async () => {
    const campaignB = await server.addCampaign("key-b", campaignSettingsOf(compliant), "fr", "b");
    const client = await LiveClient.connect(server.url);
    client.send({ type: "open", token: "key-a", campaign: campaignB });
    expect(await client.waitType("error")).toMatchObject({ code: "FORBIDDEN" });
    expect(await client.waitClosed()).toBe(4403);
    // Even a key that lists the campaign by mistake may not stream another subcontractor's calls.
    const principal = server.keys.get("key-a")!;
    server.keys.set("key-a", { ...principal, campaigns: [...principal.campaigns, campaignB] });
    const listed = await LiveClient.connect(server.url);
    listed.send({ type: "open", token: "key-a", campaign: campaignB });
    expect(await listed.waitType("error")).toMatchObject({ code: "FORBIDDEN" });
    expect(await listed.waitClosed()).toBe(4403);
    server.keys.set("key-a", principal);
  });

  it("refuses sessions over the limit clearly, and takes new ones when a slot frees", async () => {
    const small = await startLiveServer({ limits: { maxSessions: 3 } });
    try {
      const campaign = await small.addCampaign("key-a", campaignSettingsOf(compliant), "fr");
      const open = async () => {
        const client = await LiveClient.connect(small.url);
        client.send({ type: "open", token: "key-a", campaign });
        await client.waitType("opened");
        return client;
      };
      const sessions = await Promise.all([open(), open(), open()]);
      const extra = await LiveClient.connect(small.url);
      expect(await extra.waitType("error")).toMatchObject({ code: "TOO_MANY_SESSIONS" });
      expect(await extra.waitClosed()).toBe(1013);
      await closeAndVerdict(sessions[0]!);
      const again = await open();
      for (const c of [again, sessions[1]!, sessions[2]!]) await closeAndVerdict(c);
    } finally {
      await small.stop();
    }
  });
});

describe("isolation", () => {
  it("concurrent sessions each get their own checklist, alerts and verdict", async () => {
    const picks = cases.filter((c) => c.id.startsWith("dev-en")).slice(0, 3).concat([nonCompliant, compliant]);
    const sessions = await Promise.all(
      picks.map(async (c) => ({ c, client: await openSession(await server.addCampaign("key-a", campaignSettingsOf(c), c.settings.language), "key-a", c) })),
    );
    const streams = sessions.map(({ c }) => utteranceMessages(c));
    const longest = Math.max(...streams.map((s) => s.length));
    for (let i = 0; i < longest; i++) for (const [k, s] of streams.entries()) if (s[i]) sessions[k]!.client.send(s[i]);
    for (const { c, client } of sessions) {
      const { verdict } = await closeAndVerdict(client);
      expect(verdict.elements).toEqual(batchOf(c).elements);
      const texts = new Set(c.utterances.map((u) => u.text));
      for (const item of client.of("checklist").flatMap((m) => m.elements)) {
        if (item.evidence) expect(texts.has(item.evidence.text) || c.utterances.some((u) => u.text.includes(item.evidence.text))).toBe(true);
      }
    }
  });
});

describe("a long session", () => {
  it("takes 5,000 utterances sent at once and ends with the batch verdict", async () => {
    const campaign = await server.addCampaign("key-a", campaignSettingsOf(nonCompliant), "fr");
    const client = await openSession(campaign, "key-a", nonCompliant);
    const base = nonCompliant.utterances;
    const span = base.at(-1)!.end + 1;
    const utterances = Array.from({ length: 5000 }, (_, i) => {
      const u = base[i % base.length]!;
      const shift = Math.floor(i / base.length) * span;
      return { ...u, start: u.start + shift, end: u.end + shift };
    });
    utterances.forEach((u, i) => client.send({ type: "utterance", seq: i + 1, speaker: u.speaker, text: u.text, start: u.start, end: u.end, final: true }));
    client.send({ type: "close" });
    const verdict = await client.waitType("verdict", 60_000);
    const batch = batchOf(nonCompliant, utterances);
    expect(verdict.verdict).toBe(batch.verdict);
    expect(verdict.elements.map((e: { status: string }) => e.status)).toEqual(batch.elements.map((e) => e.status));
    const closed = await client.waitType("closed", 10_000);
    expect((await getCall(server.db, closed.callId)).transcript?.utterances).toHaveLength(5000);
  }, 90_000);
});
