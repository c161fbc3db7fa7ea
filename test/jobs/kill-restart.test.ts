import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { ELEMENT_IDS } from "../../src/compliance/rule-pack.ts";
import { ERRORS } from "../../src/errors.ts";
import { COMPLIANT_FR, NON_COMPLIANT_FR } from "../server/fixtures.ts";
import { api, bearer, createFibralisCampaign, createKey, wavBytes } from "../server/harness.ts";
import { spawnService, type ServiceProcess } from "./service-process.ts";

const TRIALS = 6;
const UPLOADERS = 3;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "kill-"));
const env = { DATA_DIR: dataDir, JOB_LEASE_MS: "800", JOB_POLL_MS: "20", JOB_RETRY_DELAY_MS: "50", JOB_MAX_ATTEMPTS: "10" };

interface Accepted {
  id: string;
  kind: "transcript" | "audio";
  utterances: number;
  bytes?: Buffer;
}

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

/** Tones uploaded so far: each one a different pitch. */
let recordingsMade = 0;

/** Uploads until the server goes away; returns what it answered 202 for. */
async function uploadUntilKilled(url: string, key: string, campaignId: string, seed: number): Promise<Accepted[]> {
  const accepted: Accepted[] = [];
  for (let i = 0; ; i++) {
    try {
      if ((seed + i) % 5 === 4) {
        // A short tone, a different pitch each time: real audio (non-audio is refused at upload),
        // distinct bytes (no deduplication), and no voice, so the worker settles it fast.
        const bytes = wavBytes(0.5, 8000, 200 + recordingsMade++);
        const form = new FormData();
        form.append("campaignId", campaignId);
        form.append("recordings", new Blob([new Uint8Array(bytes)]), `r-${seed}-${i}.wav`);
        const res = await fetch(url + "/calls", { method: "POST", body: form, headers: bearer(key) });
        if (res.status !== 202) throw new Error(`upload answered ${res.status}`);
        const body = (await res.json()) as { calls: Array<{ id: string }> };
        accepted.push({ id: body.calls[0]!.id, kind: "audio", utterances: 0, bytes });
      } else {
        const source = (seed + i) % 2 === 0 ? COMPLIANT_FR : NON_COMPLIANT_FR;
        const utterances = source.slice(0, 1 + ((seed * 7 + i) % source.length));
        const res = await api(url + "/calls", "POST", { campaignId, calledAt: "2026-09-14T10:00:00", transcript: { utterances } }, key);
        if (res.status !== 202) throw new Error(`upload answered ${res.status}`);
        accepted.push({ id: res.body.calls[0].id, kind: "transcript", utterances: utterances.length });
      }
    } catch (err) {
      // The connection dies with the server: anything not answered 202 was not accepted.
      if (err instanceof Error && err.message.startsWith("upload answered")) throw err;
      return accepted;
    }
  }
}

async function waitUntilSettled(url: string, key: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let pending = 0;
    for (const status of ["queued", "transcribing", "analyzing", "interrupted"]) {
      pending += (await api(`${url}/calls?status=${status}&limit=1`, "GET", undefined, key)).body.calls.length;
    }
    if (pending === 0) return;
    if (Date.now() > deadline) throw new Error("calls still pending");
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("killing the service at random points", () => {
  it(
    "loses, duplicates and strands no accepted call",
    async () => {
      let service: ServiceProcess = await spawnService(env);
      const { key } = await createKey(dataDir, { name: "t", role: "admin" });
      const { campaignId } = await createFibralisCampaign(service.url!, key);
      const accepted: Accepted[] = [];
      for (let trial = 0; trial < TRIALS; trial++) {
        const uploads = Array.from({ length: UPLOADERS }, (_, k) => uploadUntilKilled(service.url!, key, campaignId, trial * UPLOADERS + k));
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 1200));
        service.child.kill("SIGKILL");
        await service.exited;
        for (const batch of await Promise.all(uploads)) accepted.push(...batch);
        service = await spawnService(env);
      }
      await waitUntilSettled(service.url!, key, 60_000);

      expect(accepted.length).toBeGreaterThan(TRIALS);
      for (const call of accepted) {
        const res = await api(`${service.url!}/calls/${call.id}`, "GET", undefined, key);
        expect(res.status).toBe(200);
        if (call.kind === "transcript") {
          expect(res.body.status).toBe("done");
          expect(res.body.utterances).toHaveLength(call.utterances);
          expect(res.body.elements).toHaveLength(ELEMENT_IDS.length);
        } else {
          // A tone holds no voice (AUDIO_SILENT), but should the voice detector pass it to whisper the
          // call may end done: either way it ended with a reason, neither stranded nor crashed.
          expect(["done", "failed"]).toContain(res.body.status);
          if (res.body.status === "failed") {
            expect(Object.keys(ERRORS)).toContain(res.body.error.code);
            expect(["INTERNAL", "JOB_INTERRUPTED"]).not.toContain(res.body.error.code);
          }
          const audio = Buffer.from(await (await fetch(`${service.url!}/calls/${call.id}/audio`, { headers: bearer(key) })).arrayBuffer());
          expect(audio.equals(call.bytes!)).toBe(true);
        }
      }
      service.child.kill("SIGTERM");
      expect(await service.exited).toBe(0);

      const db = new SQLite(path.join(dataDir, "calls.sqlite"), { readonly: true });
      const jobs = db.prepare("select state, count(*) n from jobs group by state").all() as Array<{ state: string; n: number }>;
      expect(jobs.every((j) => j.state === "done" || j.state === "failed")).toBe(true);
      const calls = db.prepare("select count(*) n from calls").get() as { n: number };
      const jobCount = db.prepare("select count(*) n from jobs").get() as { n: number };
      expect(jobCount.n).toBe(calls.n);
      const retried = db.prepare("select count(*) n from jobs where attempts > 1").get() as { n: number };
      const audio = db.prepare("select status, error_code code, count(*) n from calls where source = 'audio' group by status, error_code").all();
      console.info(`kill test: ${accepted.length} accepted calls, ${calls.n} stored, ${retried.n} jobs re-run after a kill; recordings ${JSON.stringify(audio)}`);
      // The report counters agree with the stored verdicts and findings, call for call.
      const counted = db.prepare("select metric, sum(calls) n from report_counts group by metric having n <> 0 order by metric").all();
      const actual = db
        .prepare(
          `select metric, count(*) n from (
             select 'verdict:' || verdict metric from calls where status = 'done'
             union all
             select 'element:' || f.element_id || ':' || f.status from element_findings f join calls c on c.id = f.call_id
             where c.status = 'done' and f.status in ('missing', 'late', 'violated'))
           group by metric order by metric`,
        )
        .all();
      expect(counted).toEqual(actual);
      const findings = db.prepare("select call_id, count(*) n from element_findings group by call_id having n <> ?").all(ELEMENT_IDS.length);
      expect(findings).toEqual([]);
      db.close();
    },
    180_000,
  );
});
