import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import { createApiKey, type NewApiKey } from "../../src/access/keys.ts";
import { pcm16WavHeader } from "../../src/audio/pcm16-wav.ts";
import { parseServiceConfig, type Environment } from "../../src/config/service-config.ts";
import { startService } from "../../src/service.ts";
import { openDatabase } from "../../src/store/database.ts";
import { loadOrCreateSecret } from "../../src/store/secrets.ts";
import type { Utterance } from "../../src/transcript/types.ts";
import { FIBRALIS } from "./fixtures.ts";

export interface TestService {
  url: string;
  dataDir: string;
  /** An admin key made the way the CLI makes the first one. */
  adminKey: string;
  stop(): Promise<void>;
}

/** Creates a key straight in a data directory's database, as `npm run keys -- create` does (from another process, or before the service starts). */
export async function createKey(dataDir: string, input: NewApiKey): Promise<{ key: string; id: string }> {
  const db = await openDatabase(dataDir);
  try {
    const { key, record } = await createApiKey(db, loadOrCreateSecret(dataDir, "api-keys"), input);
    return { key, id: record.id };
  } finally {
    await db.destroy();
  }
}

/** The real service (API and worker) on 127.0.0.1, a random port and a fresh data directory. */
export async function startTestService(env: Environment = {}): Promise<TestService> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "service-"));
  const config = parseServiceConfig({ DATA_DIR: dataDir, HOST: "127.0.0.1", PORT: "0", JOB_POLL_MS: "20", ...env });
  // Before the service opens the database: better-sqlite3 waits synchronously on a lock, so a
  // second connection in the service's own process could wait on a transaction it blocks.
  const { key: adminKey } = await createKey(dataDir, { name: "test admin", role: "admin" });
  const service = await startService(config, pino({ level: "silent" }));
  return {
    url: service.url!,
    dataDir,
    adminKey,
    async stop() {
      await service.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function bearer(key: string | undefined): Record<string, string> {
  return key ? { authorization: `Bearer ${key}` } : {};
}

/** A JSON request with a key (none when `key` is undefined). */
export async function api<T = any>(url: string, method: string, body: unknown, key: string | undefined): Promise<{ status: number; body: T; headers: Headers }> {
  const res = await fetch(url, {
    method,
    headers: { ...bearer(key), ...(body === undefined ? {} : { "content-type": "application/json" }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: (text && res.headers.get("content-type")?.includes("json") ? JSON.parse(text) : text) as T, headers: res.headers };
}

export interface CampaignIds {
  brandId: string;
  subcontractorId: string;
  campaignId: string;
}

/** A campaign of brand `brandName` (Fibralis by default) called by `subcontractor`; `adminKey` creates what is missing. */
export async function createFibralisCampaign(
  url: string,
  adminKey: string,
  name = "Fibre 2026",
  subcontractor = FIBRALIS.subcontractor,
  brandName = FIBRALIS.brand,
): Promise<CampaignIds> {
  const brands = await api(url + "/brands", "GET", undefined, adminKey);
  const brand = brands.body.find((b: { name: string }) => b.name === brandName) ?? (await api(url + "/brands", "POST", { name: brandName }, adminKey)).body;
  const subs = await api(url + "/subcontractors", "GET", undefined, adminKey);
  const sub =
    subs.body.find((s: { name: string }) => s.name === subcontractor) ?? (await api(url + "/subcontractors", "POST", { name: subcontractor }, adminKey)).body;
  const campaign = await api(
    url + "/campaigns",
    "POST",
    { name, brandId: brand.id, subcontractorId: sub.id, language: "fr", settings: { dataSources: FIBRALIS.dataSources } },
    adminKey,
  );
  if (campaign.status !== 201) throw new Error(JSON.stringify(campaign.body));
  return { brandId: brand.id, subcontractorId: sub.id, campaignId: campaign.body.id };
}

export async function uploadTranscript(url: string, key: string, campaignId: string, utterances: Utterance[], extra: Record<string, string> = {}): Promise<string> {
  const res = await api(url + "/calls", "POST", { campaignId, calledAt: "2026-09-14T10:00:00", ...extra, transcript: { utterances } }, key);
  if (res.status !== 202) throw new Error(JSON.stringify(res.body));
  return res.body.calls[0].id;
}

/** Polls a call until its job has finished (done or failed). */
export async function waitForCall(url: string, key: string, id: string, timeoutMs = 20_000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await api(`${url}/calls/${id}`, "GET", undefined, key);
    if (res.body.status === "done" || res.body.status === "failed") return res.body;
    if (Date.now() > deadline) throw new Error(`call ${id} still ${res.body.status}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** A valid PCM 16-bit mono WAV of `seconds` of a quiet tone: decodable audio for upload tests. */
export function wavBytes(seconds = 0.5, sampleRate = 8000, frequency = 440): Buffer {
  const frames = Math.round(seconds * sampleRate);
  const out = Buffer.alloc(44 + frames * 2);
  wavHeader(frames * 2, sampleRate).copy(out);
  for (let i = 0; i < frames; i++) out.writeInt16LE(Math.round(3000 * Math.sin((2 * Math.PI * frequency * i) / sampleRate)), 44 + i * 2);
  return out;
}

/** The 44-byte header of a PCM 16-bit mono WAV whose data is `dataBytes` long. */
export function wavHeader(dataBytes: number, sampleRate = 8000): Buffer {
  return pcm16WavHeader(1, sampleRate, dataBytes / 2);
}
