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
  const doneByOwner = () => {
    const db = new SQLite(path.join(dataDir, "calls.sqlite"), { readonly: true });
    const rows = db.prepare("select lease_owner owner, count(*) n, max(attempts) attempts from jobs where state = 'done' group by lease_owner").all() as Array<{
      owner: string;
      n: number;
      attempts: number;
    }>;
    db.close();
    return rows;
  };
  const owners = () => new Set(doneByOwner().map((o) => o.owner.split(":")[1])).size;
  // A transcript job takes milliseconds: one worker can run a whole batch before the other
  // polls. Batches go on until both have run jobs (at most ten).
  const ids: string[] = [];
  for (let batch = 0; batch < 10 && (batch === 0 || owners() < 2); batch++) {
    const uploads = Array.from({ length: 30 }, (_, i) => uploadTranscript(url, key, campaignId, (ids.length + i) % 3 === 0 ? NON_COMPLIANT_FR : COMPLIANT_FR));
    const uploaded = await Promise.all(uploads);
    for (const id of uploaded) expect((await waitForCall(url, key, id)).status).toBe("done");
    ids.push(...uploaded);
  }
  const nonCompliant = ids.filter((_, i) => i % 3 === 0).length;
  expect((await api(`${url}/calls?verdict=non_compliant&limit=500`, "GET", undefined, key)).body.calls).toHaveLength(nonCompliant);

  const byOwner = doneByOwner();
  expect(byOwner.reduce((sum, o) => sum + o.n, 0)).toBe(ids.length);
  expect(byOwner.every((o) => o.attempts === 1)).toBe(true);
  expect(owners()).toBe(2);
}, 120_000);
