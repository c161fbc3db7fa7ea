import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AudioStore } from "../../src/store/audio-store.ts";
import { callDateToUtc } from "../../src/store/call-date.ts";
import { acceptCalls, getCall } from "../../src/store/calls.ts";
import { listCalls } from "../../src/store/call-list.ts";
import { createBrand, createCampaign, createSubcontractor } from "../../src/store/catalog.ts";
import { openDatabase, type Db } from "../../src/store/database.ts";
import { claimJob, completeJob, failJob, renewLease, requeueExpiredJobs } from "../../src/store/jobs.ts";
import { hashNumber, loadOrCreateNumberHashKey, normalizeNumber } from "../../src/store/number-hash.ts";
import { COMPLIANT_FR } from "../server/fixtures.ts";

/** Tests pass their own clock to the queue: jobs accepted at time 0. */
const EPOCH = new Date(0);
let dir: string;
let db: Db;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "store-"));
  db = await openDatabase(dir);
});
afterEach(async () => {
  await db.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function campaign() {
  const brand = await createBrand(db, "Fibralis");
  const sub = await createSubcontractor(db, "Axiome Contact");
  return createCampaign(db, { name: "Fibre 2026", brandId: brand.id, subcontractorId: sub.id, language: "fr", settings: {} });
}

describe("catalog", () => {
  it("creates campaigns that carry their brand and subcontractor names, and refuses duplicate names", async () => {
    const c = await campaign();
    expect(c.brandName).toBe("Fibralis");
    expect(c.subcontractorName).toBe("Axiome Contact");
    await expect(createBrand(db, "Fibralis")).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(createCampaign(db, { name: "x", brandId: "nope", subcontractorId: c.subcontractorId, language: "fr", settings: {} })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("migrates an existing database again without harm (a second process opening it)", async () => {
    await campaign();
    const again = await openDatabase(dir);
    expect(await again.selectFrom("brands").select("name").execute()).toEqual([{ name: "Fibralis" }]);
    await again.destroy();
  });
});

describe("calls and jobs", () => {
  it("accepts calls with their transcript and one queued job each, atomically", async () => {
    const c = await campaign();
    const [id] = await acceptCalls(db, [{ campaignId: c.id, source: "transcript", transcript: { utterances: COMPLIANT_FR, origin: "transcript" } }]);
    const call = await getCall(db, id!);
    expect(call.status).toBe("queued");
    expect(call.transcript?.utterances).toEqual(COMPLIANT_FR);
    await expect(acceptCalls(db, [{ campaignId: c.id, source: "transcript" }, { campaignId: "unknown", source: "transcript" }])).rejects.toMatchObject({
      code: "UNKNOWN_CAMPAIGN",
    });
    expect(await db.selectFrom("calls").select("id").execute()).toHaveLength(1);
    expect(await db.selectFrom("jobs").select("id").execute()).toHaveLength(1);
  });

  it("gives a job to one worker at a time, and to another once the lease has expired", async () => {
    const c = await campaign();
    await acceptCalls(db, [{ campaignId: c.id, source: "transcript", transcript: { utterances: COMPLIANT_FR, origin: "transcript" } }], EPOCH);
    const first = await claimJob(db, "w1", 1000, 10_000);
    expect(first?.attempt).toBe(1);
    expect(await claimJob(db, "w2", 1000, 10_500)).toBeNull();
    // w1 dies: no renewal; the sweep puts the job back and shows the call as interrupted.
    expect(await requeueExpiredJobs(db, 3, 11_500)).toBe(1);
    expect((await getCall(db, first!.callId)).status).toBe("interrupted");
    const second = await claimJob(db, "w2", 1000, 11_600);
    expect(second?.attempt).toBe(2);
    // The first worker wakes up: its lease is gone, it can neither renew nor complete.
    await expect(renewLease(db, first!, 1000, { fraction: 0.5, status: "analyzing" })).rejects.toMatchObject({ code: "JOB_LEASE_LOST" });
    await expect(completeJob(db, first!, async () => undefined)).rejects.toMatchObject({ code: "JOB_LEASE_LOST" });
    await completeJob(db, second!, async () => undefined);
    expect((await db.selectFrom("jobs").select("state").executeTakeFirst())?.state).toBe("done");
  });

  it("retries a failing job, then marks the call failed with its reason", async () => {
    const c = await campaign();
    const [id] = await acceptCalls(db, [{ campaignId: c.id, source: "transcript", transcript: { utterances: [], origin: "transcript" } }], EPOCH);
    const policy = { maxAttempts: 2, retryDelayMs: 100 };
    const failure = { code: "ASR_FAILED", message: "boom", retryable: true };
    const a1 = await claimJob(db, "w", 1000, 1000);
    expect(await failJob(db, a1!, failure, policy, 1000)).toBe("retry");
    expect(await claimJob(db, "w", 1000, 1050)).toBeNull(); // back-off
    const a2 = await claimJob(db, "w", 1000, 1100);
    expect(await failJob(db, a2!, failure, policy, 1100)).toBe("failed");
    const call = await getCall(db, id!);
    expect(call.status).toBe("failed");
    expect(call.error).toEqual({ code: "ASR_FAILED", message: "boom" });
  });

  it("fails a job whose workers keep dying once its attempts are used", async () => {
    const c = await campaign();
    const [id] = await acceptCalls(db, [{ campaignId: c.id, source: "transcript" }], EPOCH);
    await claimJob(db, "w", 10, 0);
    await requeueExpiredJobs(db, 2, 100);
    await claimJob(db, "w", 10, 100);
    await requeueExpiredJobs(db, 2, 200);
    expect((await getCall(db, id!)).status).toBe("failed");
  });

  it("pages through calls newest first with a stable cursor and filters", async () => {
    const c = await campaign();
    const inputs = Array.from({ length: 7 }, (_, i) => ({
      campaignId: c.id,
      source: "transcript" as const,
      agentId: i % 2 === 0 ? "even" : "odd",
      calledAt: `2026-09-0${i + 1}T10:00:00Z`,
      calledAtUtc: `2026-09-0${i + 1}T10:00:00.000Z`,
    }));
    await acceptCalls(db, inputs);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listCalls(db, {}, 3, cursor);
      seen.push(...page.calls.map((call) => call.calledAt!));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(inputs.map((i) => i.calledAt).reverse());
    const even = await listCalls(db, { agentId: "even", from: "2026-09-02T00:00:00.000Z", to: "2026-09-07T00:00:00.000Z" }, 10);
    expect(even.calls.map((call) => call.calledAt)).toEqual(["2026-09-05T10:00:00Z", "2026-09-03T10:00:00Z"]);
    await expect(listCalls(db, {}, 3, "garbage")).rejects.toMatchObject({ code: "CURSOR_INVALID" });
  });
});

describe("audio store", () => {
  it("stores a stream under its content hash, once, and refuses what is over the limit", async () => {
    const store = new AudioStore(dir);
    const bytes = Buffer.from("RIFF....WAVEfmt fake but bytes are bytes");
    const a = await store.save(Readable.from([bytes]), 1000);
    const b = await store.save(Readable.from([bytes.subarray(0, 10), bytes.subarray(10)]), 1000);
    expect(a).toEqual(b);
    expect(Buffer.from(await store.read(a.sha256))).toEqual(bytes);
    await expect(store.save(Readable.from([bytes]), 10)).rejects.toMatchObject({ code: "INPUT_TOO_LARGE" });
    await expect(store.save(Readable.from([]), 10)).rejects.toMatchObject({ code: "INPUT_EMPTY" });
    expect(fs.readdirSync(path.join(dir, "tmp"))).toEqual([]);
  });
});

describe("called numbers and dates", () => {
  it("hashes the same number alike whatever its spelling, and differently under another key", () => {
    expect(normalizeNumber("06 12 34 56 78")).toBe("+33612345678");
    expect(normalizeNumber("0033 6 12 34 56 78")).toBe("+33612345678");
    expect(hashNumber("+33 6 12 34 56 78", "k")).toBe(hashNumber("06.12.34.56.78", "k"));
    expect(hashNumber("0612345678", "k")).not.toBe(hashNumber("0612345678", "other"));
    expect(hashNumber("0612345678", "k")).not.toContain("612345678");
  });

  it("keeps one generated key per data directory", () => {
    const key = loadOrCreateNumberHashKey(dir);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(loadOrCreateNumberHashKey(dir)).toBe(key);
    expect(loadOrCreateNumberHashKey(dir, "configured")).toBe("configured");
  });

  it("reads a date without offset in Paris time, across summer and winter time", () => {
    expect(callDateToUtc("2026-07-01T10:00:00")).toBe("2026-07-01T08:00:00.000Z");
    expect(callDateToUtc("2026-12-01 10:00")).toBe("2026-12-01T09:00:00.000Z");
    expect(callDateToUtc("2026-12-01T10:00:00+00:00")).toBe("2026-12-01T10:00:00.000Z");
    expect(() => callDateToUtc("yesterday")).toThrow(/calledAt/);
  });
});
