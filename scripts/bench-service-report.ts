/**
 * Report latency over a large store: seeds N analyzed calls (default 100,000) spread over
 * 5 subcontractors, 20 campaigns and 6 months, then times GET /reports/subcontractors over HTTP
 * (whole range, one month, one subcontractor, CSV). Usage: tsx scripts/bench-service-report.ts [N]
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import { createApiKey } from "../src/access/keys.ts";
import { analyzeCall } from "../src/compliance/analyze.ts";
import { loadRulePack } from "../src/compliance/rule-pack.ts";
import type { CallAnalysis } from "../src/compliance/types.ts";
import { parseServiceConfig } from "../src/config/service-config.ts";
import { callSettingsFor } from "../src/jobs/call-settings.ts";
import { startService } from "../src/service.ts";
import { acceptCalls, writeAnalysis } from "../src/store/calls.ts";
import { createBrand, createCampaign, createSubcontractor, type Campaign } from "../src/store/catalog.ts";
import { openDatabase } from "../src/store/database.ts";
import { loadOrCreateSecret } from "../src/store/secrets.ts";
import { COMPLIANT_FR, NON_COMPLIANT_FR } from "../test/server/fixtures.ts";

const total = Number(process.argv[2] ?? 100_000);
const BATCH = 1000;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-report-"));

async function seed(): Promise<{ subcontractorId: string; key: string }> {
  const db = await openDatabase(dataDir);
  const pack = loadRulePack();
  const brand = await createBrand(db, "Fibralis");
  const campaigns: Campaign[] = [];
  for (let s = 0; s < 5; s++) {
    const sub = await createSubcontractor(db, `Centre ${s}`);
    for (let c = 0; c < 4; c++) {
      campaigns.push(await createCampaign(db, { name: `Campaign ${s}-${c}`, brandId: brand.id, subcontractorId: sub.id, language: "fr", settings: { dataSources: ["Comparatel"] } }));
    }
  }
  // A few real analyses (compliant, non-compliant, no pitch) reused across the seeded calls.
  const templates: CallAnalysis[] = [COMPLIANT_FR, NON_COMPLIANT_FR, COMPLIANT_FR.slice(0, 2)].map((utterances) =>
    analyzeCall({ utterances, origin: "transcript" }, callSettingsFor(campaigns[0]!, "2026-06-01T10:00:00"), pack),
  );
  const start = Date.parse("2026-03-01T00:00:00Z");
  const span = Date.parse("2026-09-01T00:00:00Z") - start;
  const t0 = performance.now();
  for (let done = 0; done < total; done += BATCH) {
    const inputs = Array.from({ length: Math.min(BATCH, total - done) }, (_, i) => {
      const at = new Date(start + (((done + i) * 7919) % total) * (span / total)).toISOString();
      return { campaignId: campaigns[(done + i) % campaigns.length]!.id, source: "transcript" as const, agentId: `A${(done + i) % 300}`, calledAt: at, calledAtUtc: at };
    });
    const ids = await acceptCalls(db, inputs);
    await db.transaction().execute(async (trx) => {
      for (const [i, id] of ids.entries()) await writeAnalysis(trx, id, templates[(done + i) % 7 < 4 ? 0 : (done + i) % 7 < 6 ? 1 : 2]!);
      await trx.updateTable("jobs").set({ state: "done" }).where("call_id", "in", ids).execute();
    });
  }
  console.log(`seeded ${total} calls in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  // Made here, before the service opens the database: better-sqlite3 waits synchronously on a
  // lock, so a second connection in the service's own process could deadlock on it.
  const { key } = await createApiKey(db, loadOrCreateSecret(dataDir, "api-keys"), { name: "bench", role: "admin" });
  await db.destroy();
  return { subcontractorId: campaigns[0]!.subcontractorId, key };
}

async function time(url: string, key: string, runs = 15): Promise<{ median: number; p95: number; bytes: number }> {
  const ms: number[] = [];
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const res = await fetch(url, { headers: { authorization: `Bearer ${key}` } });
    bytes = (await res.arrayBuffer()).byteLength;
    if (!res.ok) throw new Error(`${url}: ${res.status}`);
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return { median: ms[Math.floor(runs / 2)]!, p95: ms[Math.min(runs - 1, Math.ceil(runs * 0.95) - 1)]!, bytes };
}

const { subcontractorId, key } = await seed();
const service = await startService(parseServiceConfig({ DATA_DIR: dataDir, PORT: "0", SERVICE_ROLE: "api" }), pino({ level: "warn" }));
const base = `${service.url}/reports/subcontractors`;
const cases: Array<[string, string]> = [
  ["all 6 months", base],
  ["one month", `${base}?from=2026-05-01&to=2026-05-31`],
  ["one subcontractor", `${base}?subcontractorId=${subcontractorId}`],
  ["all, CSV", `${base}?format=csv`],
];
for (const [name, url] of cases) {
  const t = await time(url, key);
  console.log(`${name.padEnd(18)} median ${t.median.toFixed(1)} ms, p95 ${t.p95.toFixed(1)} ms, ${t.bytes} bytes`);
}
await service.stop();
if (!process.env.KEEP_BENCH_DATA) fs.rmSync(dataDir, { recursive: true, force: true });
else console.log(`data kept in ${dataDir}`);
