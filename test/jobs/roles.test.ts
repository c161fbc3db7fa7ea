import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import { afterAll, beforeAll, expect, it } from "vitest";
import { COMPLIANT_FR, NON_COMPLIANT_FR } from "../server/fixtures.ts";
import { api, createFibralisCampaign, createKey, uploadTranscript, waitForCall } from "../server/harness.ts";
import { spawnService, type ServiceProcess } from "./service-process.ts";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "roles-"));
const processes: ServiceProcess[] = [];

beforeAll(async () => {
  const common = { DATA_DIR: dataDir, JOB_POLL_MS: "20" };
  // Started together: they race to create and migrate the database.
  processes.push(
    ...(await Promise.all([
      spawnService({ ...common, SERVICE_ROLE: "api" }),
      spawnService({ ...common, SERVICE_ROLE: "worker" }),
      spawnService({ ...common, SERVICE_ROLE: "worker" }),
    ])),
  );
}, 60_000);
afterAll(async () => {
  for (const p of processes) p.child.kill("SIGTERM");
  await Promise.all(processes.map((p) => p.exited));
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it("shares one data directory between an API process and two worker processes, each job run once", async () => {
  const [apiProcess, worker] = processes;
  expect(worker!.url).toBeNull();
  const url = apiProcess!.url!;
  const { key } = await createKey(dataDir, { name: "t", role: "admin" });
  const { campaignId } = await createFibralisCampaign(url, key);
  const ids = await Promise.all(Array.from({ length: 60 }, (_, i) => uploadTranscript(url, key, campaignId, i % 3 === 0 ? NON_COMPLIANT_FR : COMPLIANT_FR)));
  for (const id of ids) expect((await waitForCall(url, key, id)).status).toBe("done");
  expect((await api(`${url}/calls?verdict=non_compliant`, "GET", undefined, key)).body.calls).toHaveLength(20);

  const db = new SQLite(path.join(dataDir, "calls.sqlite"), { readonly: true });
  const byOwner = db.prepare("select lease_owner owner, count(*) n, max(attempts) attempts from jobs where state = 'done' group by lease_owner").all() as Array<{
    owner: string;
    n: number;
    attempts: number;
  }>;
  db.close();
  expect(byOwner.reduce((sum, o) => sum + o.n, 0)).toBe(60);
  expect(byOwner.every((o) => o.attempts === 1)).toBe(true);
  expect(new Set(byOwner.map((o) => o.owner.split(":")[1])).size).toBe(2);
}, 60_000);
