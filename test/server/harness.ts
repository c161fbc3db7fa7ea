import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import { parseServiceConfig, type Environment } from "../../src/config/service-config.ts";
import { startService } from "../../src/service.ts";
import type { Utterance } from "../../src/transcript/types.ts";
import { FIBRALIS } from "./fixtures.ts";

export interface TestService {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** The real service (API and worker) on 127.0.0.1, a random port and a fresh data directory. */
export async function startTestService(env: Environment = {}): Promise<TestService> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "service-"));
  const config = parseServiceConfig({ DATA_DIR: dataDir, HOST: "127.0.0.1", PORT: "0", JOB_POLL_MS: "20", ...env });
  const service = await startService(config, pino({ level: "silent" }));
  return {
    url: service.url!,
    dataDir,
    async stop() {
      await service.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function api<T = any>(url: string, method: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(url, {
    method,
    ...(body === undefined ? {} : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: (text && res.headers.get("content-type")?.includes("json") ? JSON.parse(text) : text) as T };
}

export interface CampaignIds {
  brandId: string;
  subcontractorId: string;
  campaignId: string;
}

export async function createFibralisCampaign(url: string, name = "Fibre 2026", subcontractor = FIBRALIS.subcontractor): Promise<CampaignIds> {
  const brands = await api(url + "/brands", "GET");
  const brand = brands.body.find((b: { name: string }) => b.name === FIBRALIS.brand) ?? (await api(url + "/brands", "POST", { name: FIBRALIS.brand })).body;
  const subs = await api(url + "/subcontractors", "GET");
  const sub = subs.body.find((s: { name: string }) => s.name === subcontractor) ?? (await api(url + "/subcontractors", "POST", { name: subcontractor })).body;
  const campaign = await api(url + "/campaigns", "POST", {
    name,
    brandId: brand.id,
    subcontractorId: sub.id,
    language: "fr",
    settings: { dataSources: FIBRALIS.dataSources },
  });
  if (campaign.status !== 201) throw new Error(JSON.stringify(campaign.body));
  return { brandId: brand.id, subcontractorId: sub.id, campaignId: campaign.body.id };
}

export async function uploadTranscript(url: string, campaignId: string, utterances: Utterance[], extra: Record<string, string> = {}): Promise<string> {
  const res = await api(url + "/calls", "POST", { campaignId, calledAt: "2026-09-14T10:00:00", ...extra, transcript: { utterances } });
  if (res.status !== 202) throw new Error(JSON.stringify(res.body));
  return res.body.calls[0].id;
}

/** Polls a call until its job has finished (done or failed). */
export async function waitForCall(url: string, id: string, timeoutMs = 20_000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await api(`${url}/calls/${id}`, "GET");
    if (res.body.status === "done" || res.body.status === "failed") return res.body;
    if (Date.now() > deadline) throw new Error(`call ${id} still ${res.body.status}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
