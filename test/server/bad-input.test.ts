import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { badRecordings } from "./bad-input-corpus.ts";
import { COMPLIANT_FR } from "./fixtures.ts";
import { api, bearer, createFibralisCampaign, startTestService, uploadTranscript, wavBytes, type TestService } from "./harness.ts";

const MAX_UPLOAD = 2 * 1024 * 1024;
/** Longest any bad request may take to be answered: more is a hang. */
const ANSWER_WITHIN_MS = 10_000;

let service: TestService;
let url: string;
let key: string;
let campaignId: string;

beforeAll(async () => {
  // API only: what is under test is the answer to each upload, not the jobs behind it.
  service = await startTestService({ MAX_UPLOAD_BYTES: String(MAX_UPLOAD), SERVICE_ROLE: "api" });
  url = service.url;
  key = service.adminKey;
  campaignId = (await createFibralisCampaign(url, key)).campaignId;
});
afterAll(() => service.stop());

async function upload(file: { name: string; bytes: Buffer }, fields: Record<string, string> = { campaignId: "" }): Promise<{ status: number; type: string | null; body: any }> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value || campaignId);
  form.append("recordings", new Blob([new Uint8Array(file.bytes)]), file.name);
  const res = await fetch(url + "/calls", { method: "POST", body: form, headers: bearer(key), signal: AbortSignal.timeout(ANSWER_WITHIN_MS) });
  const text = await res.text();
  return { status: res.status, type: res.headers.get("content-type"), body: res.headers.get("content-type")?.includes("json") ? JSON.parse(text) : text };
}

async function healthy(): Promise<boolean> {
  const res = await fetch(url + "/health", { signal: AbortSignal.timeout(ANSWER_WITHIN_MS) });
  return res.status === 200;
}

describe("a corpus of malformed recordings", () => {
  it("refuses each one at upload with a JSON catalogue error, never crashing or hanging", async () => {
    const corpus = badRecordings();
    expect(corpus.length).toBeGreaterThanOrEqual(50);
    const started = performance.now();
    const outcomes: string[] = [];
    let slowest = 0;
    for (const file of corpus) {
      const t = performance.now();
      const res = await upload(file);
      slowest = Math.max(slowest, performance.now() - t);
      outcomes.push(`${file.name}: ${res.status} ${res.body?.error?.code ?? "accepted"}`);
      expect(res.type, file.name).toContain("application/json");
      if (file.decodes) {
        expect(res.status, file.name).toBe(202);
        continue;
      }
      expect([400, 415, 422], `${file.name}: ${JSON.stringify(res.body)}`).toContain(res.status);
      expect(["AUDIO_UNDECODABLE", "INPUT_UNSUPPORTED", "INPUT_EMPTY"], file.name).toContain(res.body.error.code);
      expect(res.body.error.message.length).toBeGreaterThan(0);
    }
    const totalMs = performance.now() - started;
    const byCode = outcomes.reduce<Record<string, number>>((acc, o) => ({ ...acc, [o.split(" ")[2]!]: (acc[o.split(" ")[2]!] ?? 0) + 1 }), {});
    console.info(`bad-input corpus: ${corpus.length} files in ${totalMs.toFixed(0)} ms, slowest answer ${slowest.toFixed(0)} ms; ${JSON.stringify(byCode)}`);
    expect(await healthy()).toBe(true);
    // Nothing refused was kept: no audio, no temp file, no call.
    const accepted = corpus.filter((f) => f.decodes).length;
    expect(fs.readdirSync(path.join(service.dataDir, "audio"))).toHaveLength(accepted);
    expect(fs.readdirSync(path.join(service.dataDir, "tmp"))).toEqual([]);
    expect((await api(`${url}/calls`, "GET", undefined, key)).body.calls).toHaveLength(accepted);
  }, 120_000);

  it("refuses the same files uploaded all at once, and keeps serving", async () => {
    const results = await Promise.all(badRecordings().slice(0, 20).map((file) => upload(file)));
    expect(results.map((r) => r.status).filter((s) => s >= 500)).toEqual([]);
    expect(await healthy()).toBe(true);
  }, 60_000);
});

describe("bad requests, each with a clear JSON error", () => {
  it("an empty file: 400 INPUT_EMPTY", async () => {
    expect(await upload({ name: "empty.wav", bytes: Buffer.alloc(0) })).toMatchObject({ status: 400, body: { error: { code: "INPUT_EMPTY" } } });
  });

  it("a text file renamed .wav: 422 AUDIO_UNDECODABLE", async () => {
    const res = await upload({ name: "call.wav", bytes: Buffer.from("this is a text file, not a recording\n") });
    expect(res).toMatchObject({ status: 422, body: { error: { code: "AUDIO_UNDECODABLE" } } });
    expect(res.body.error.message).toContain("call.wav");
  });

  it("a recording over the configured limit: 413 INPUT_TOO_LARGE, nothing kept", async () => {
    const res = await upload({ name: "long.wav", bytes: wavBytes(MAX_UPLOAD / 16000 + 1, 8000) });
    expect(res).toMatchObject({ status: 413, body: { error: { code: "INPUT_TOO_LARGE" } } });
    expect(fs.readdirSync(path.join(service.dataDir, "tmp"))).toEqual([]);
  });

  it("a JSON body over the body limit: 413", async () => {
    const utterances = Array.from({ length: 20_000 }, (_, i) => ({ speaker: "agent", start: i, end: i + 0.5, text: "bonjour ".repeat(10) }));
    const res = await api(`${url}/calls`, "POST", { campaignId, transcript: { utterances } }, key);
    expect(res).toMatchObject({ status: 413, body: { error: { code: "INPUT_TOO_LARGE" } } });
  });

  it("deeply nested JSON: 400 USAGE, before anything walks it", async () => {
    for (const depth of [40, 10_000, 200_000]) {
      const nested = "[".repeat(depth) + "]".repeat(depth);
      const body = `{"campaignId":"${campaignId}","transcript":{"utterances":[],"x":${nested}}}`;
      const res = await fetch(`${url}/calls`, { method: "POST", headers: { ...bearer(key), "content-type": "application/json" }, body });
      expect(res.status, `depth ${depth}`).toBe(depth > 1_000_000 ? 413 : 400);
      expect(((await res.json()) as any).error).toMatchObject({ code: "USAGE" });
    }
    expect(await healthy()).toBe(true);
  });

  it("malformed JSON and prototype poisoning: 400", async () => {
    for (const body of ['{"campaignId": ', '{"__proto__": {"admin": true}, "campaignId": "x", "transcript": {"utterances": []}}']) {
      const res = await fetch(`${url}/calls`, { method: "POST", headers: { ...bearer(key), "content-type": "application/json" }, body });
      expect(res.status).toBe(400);
      expect(res.headers.get("content-type")).toContain("application/json");
    }
  });

  it("a content type the route does not take: 415 INPUT_UNSUPPORTED", async () => {
    for (const type of ["text/plain", "application/xml", "audio/wav"]) {
      const res = await fetch(`${url}/calls`, { method: "POST", headers: { ...bearer(key), "content-type": type }, body: "hello" });
      expect(res.status, type).toBe(415);
      expect(((await res.json()) as any).error.code).toBe("INPUT_UNSUPPORTED");
    }
  });

  it("an unknown campaign: 422 UNKNOWN_CAMPAIGN, for transcripts and recordings", async () => {
    expect(await api(`${url}/calls`, "POST", { campaignId: "no-such-campaign", transcript: { utterances: COMPLIANT_FR } }, key)).toMatchObject({
      status: 422,
      body: { error: { code: "UNKNOWN_CAMPAIGN" } },
    });
    expect(await upload({ name: "ok.wav", bytes: wavBytes(0.3) }, { campaignId: "no-such-campaign" })).toMatchObject({
      status: 422,
      body: { error: { code: "UNKNOWN_CAMPAIGN" } },
    });
  });

  it("an unknown id: 404 NOT_FOUND on every call route", async () => {
    for (const p of ["/calls/nope", "/calls/nope/audio", "/calls/nope/events", "/campaigns/nope"]) {
      expect(await api(url + p, "GET", undefined, key), p).toMatchObject({ status: 404, body: { error: { code: "NOT_FOUND" } } });
    }
  });

  it("a missing, malformed or unknown key: 401; a role without the right: 403", async () => {
    for (const k of [undefined, "", "cca_short", "Bearer", "cca_" + "A".repeat(43), "x".repeat(10_000)]) {
      const res = await api(`${url}/calls`, "GET", undefined, k || undefined);
      expect(res, String(k).slice(0, 20)).toMatchObject({ status: 401, body: { error: { code: "UNAUTHORIZED" } } });
    }
  });

  it("path tricks in file names: the file is stored by content hash, the name kept as a plain label", async () => {
    const names: Array<[string, string | null]> = [
      ["../../../../etc/passwd.wav", "passwd.wav"],
      ["..\\..\\windows\\system32\\a.wav", "a.wav"],
      ["/absolute/path/b.wav", "b.wav"],
      ["c\u0000.wav", "c.wav"],
      ["..", null],
      ["\u202egnp.wav", "\u202egnp.wav"],
      ["x".repeat(1000) + ".wav", "x".repeat(200)],
    ];
    for (const [i, [name, kept]] of names.entries()) {
      const res = await upload({ name, bytes: wavBytes(0.2 + i / 100) });
      expect(res.status, name).toBe(202);
      const call = await api(`${url}/calls/${res.body.calls[0].id}`, "GET", undefined, key);
      expect(call.body.audio.fileName).toBe(kept);
      const audio = await fetch(`${url}/calls/${res.body.calls[0].id}/audio`, { headers: bearer(key) });
      expect(audio.headers.get("content-disposition")).toMatch(/^attachment; filename="[\w.-]+"$/);
      await audio.arrayBuffer();
    }
    // Everything written went under the data directory's audio store.
    const files = fs.readdirSync(path.join(service.dataDir, "audio"), { recursive: true }) as string[];
    expect(files.every((f) => /^[0-9a-f]{2}(\/[0-9a-f]{64})?$/.test(f))).toBe(true);
    expect(fs.existsSync(path.join(service.dataDir, "..", "passwd.wav"))).toBe(false);
  });

  it("a transcript holding HTML and script comes back as JSON data, byte for byte, never as a page", async () => {
    const hostile = `<script>alert("x")</script><img src=x onerror="alert(1)"> & </textarea>\u2028`;
    const utterances = COMPLIANT_FR.map((u, i) => (i === 5 ? { ...u, text: hostile } : u));
    const id = await uploadTranscript(url, key, campaignId, utterances);
    const res = await fetch(`${url}/calls/${id}`, { headers: bearer(key) });
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    const call = (await res.json()) as any;
    expect(call.utterances[5].text).toBe(hostile);
    // Asked for HTML, it still answers JSON.
    const asHtml = await fetch(`${url}/calls/${id}`, { headers: { ...bearer(key), accept: "text/html" } });
    expect(asHtml.headers.get("content-type")).toMatch(/^application\/json/);
  });

  it("a file in a field other than recordings, or no campaign: 400 USAGE", async () => {
    const form = new FormData();
    form.append("campaignId", campaignId);
    form.append("other", new Blob([new Uint8Array(wavBytes(0.2))]), "a.wav");
    const res = await fetch(url + "/calls", { method: "POST", body: form, headers: bearer(key) });
    expect(res.status).toBe(400);
    const noCampaign = new FormData();
    noCampaign.append("recordings", new Blob([new Uint8Array(wavBytes(0.2))]), "a.wav");
    const res2 = await fetch(url + "/calls", { method: "POST", body: noCampaign, headers: bearer(key) });
    expect(res2.status).toBe(400);
    expect(((await res2.json()) as any).error.code).toBe("USAGE");
    expect(await healthy()).toBe(true);
  });
});
