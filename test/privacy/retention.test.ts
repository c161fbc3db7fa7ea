import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { recordAccess } from "../../src/access/access-log.ts";
import { DEFAULT_RETENTION, purgeExpired } from "../../src/privacy/retention.ts";
import { COMPLIANT_FR, NON_COMPLIANT_FR } from "../server/fixtures.ts";
import { DAY, openWorld, type PrivacyWorld } from "./world.ts";

let w: PrivacyWorld;
beforeEach(async () => {
  w = await openWorld();
});
afterEach(() => w.close());

const NOW = new Date("2027-06-01T12:00:00Z");
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);

async function call(id: string) {
  return w.db.selectFrom("calls").selectAll().where("id", "=", id).executeTakeFirst();
}
async function count(table: "utterances" | "element_findings" | "report_counts" | "access_log", callId?: string) {
  let q = w.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n"));
  if (callId && table !== "report_counts") q = q.where("call_id" as never, "=", callId as never);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

describe("the retention purge", () => {
  it("deletes recordings after 180 days and calls with their transcript and findings after 365, keeping the report counters", async () => {
    const oldSha = await w.saveAudio(Buffer.from("old recording"));
    const freshSha = await w.saveAudio(Buffer.from("fresh recording"));
    const oldAudio = await w.addCall(ago(181), { audioSha: oldSha });
    const freshAudio = await w.addCall(ago(179), { audioSha: freshSha });
    const yearOld = await w.addCall(ago(366), { utterances: NON_COMPLIANT_FR });
    const recent = await w.addCall(ago(200), { utterances: COMPLIANT_FR });
    const countersBefore = await w.db.selectFrom("report_counts").selectAll().orderBy("metric").execute();
    expect(await count("utterances", yearOld)).toBeGreaterThan(0);

    const result = await purgeExpired(w.db, w.audio, DEFAULT_RETENTION, NOW);
    expect(result).toMatchObject({ audioCallsPurged: 1, callsDeleted: 1, audioFilesDeleted: 1 });

    expect(await call(oldAudio)).toMatchObject({ audio_sha256: null, audio_purged_at: NOW.toISOString() });
    expect(await w.audio.exists(oldSha)).toBe(false);
    expect(await call(freshAudio)).toMatchObject({ audio_sha256: freshSha });
    expect(await w.audio.exists(freshSha)).toBe(true);
    expect(await call(yearOld)).toBeUndefined();
    expect(await count("utterances", yearOld)).toBe(0);
    expect(await count("element_findings", yearOld)).toBe(0);
    expect(await count("utterances", recent)).toBeGreaterThan(0);
    // Per campaign and day, about no one: past reports stay whole.
    expect(await w.db.selectFrom("report_counts").selectAll().orderBy("metric").execute()).toEqual(countersBefore);

    // Nothing left to do a moment later; and a day later the fresh recording is still within 180 days.
    expect(await purgeExpired(w.db, w.audio, DEFAULT_RETENTION, NOW)).toMatchObject({ audioCallsPurged: 0, callsDeleted: 0, audioFilesDeleted: 0 });
    expect((await purgeExpired(w.db, w.audio, DEFAULT_RETENTION, new Date(NOW.getTime() + 2 * DAY))).audioCallsPurged).toBe(1);
  });

  it("counts a call's age from the earlier of its call date and its receipt", async () => {
    const sha = await w.saveAudio(Buffer.from("recorded long before upload"));
    const uploadedLate = await w.addCall(ago(10), { audioSha: sha, calledAt: ago(200).toISOString() });
    const sha2 = await w.saveAudio(Buffer.from("claims a future date"));
    const futureDated = await w.addCall(ago(190), { audioSha: sha2, calledAt: "2030-01-01T00:00:00.000Z" });
    await purgeExpired(w.db, w.audio, DEFAULT_RETENTION, NOW);
    expect((await call(uploadedLate))!.audio_sha256).toBeNull();
    expect((await call(futureDated))!.audio_sha256).toBeNull();
  });

  it("keeps a recording another call still needs, and honours configured periods", async () => {
    const sha = await w.saveAudio(Buffer.from("same bytes uploaded twice"));
    const older = await w.addCall(ago(40), { audioSha: sha });
    const newer = await w.addCall(ago(5), { audioSha: sha });
    const policy = { ...DEFAULT_RETENTION, audioDays: 30, dataDays: 60 };
    await purgeExpired(w.db, w.audio, policy, NOW);
    expect((await call(older))!.audio_sha256).toBeNull();
    expect((await call(newer))!.audio_sha256).toBe(sha);
    expect(await w.audio.exists(sha)).toBe(true);
    await purgeExpired(w.db, w.audio, policy, new Date(NOW.getTime() + 26 * DAY));
    expect(await w.audio.exists(sha)).toBe(false);
  });

  it("drops old access-log entries and recordings no call references once they are a day old", async () => {
    await recordAccess(w.db, "k1", ["c-old"], "read", ago(400));
    await recordAccess(w.db, "k1", ["c-new"], "read", ago(3));
    const orphan = await w.saveAudio(Buffer.from("an upload refused half-way"));
    const stat = fs.statSync(w.audio.pathOf(orphan));
    // The file's own time is the clock here: purge at its mtime + 2 h keeps it, + 2 days drops it.
    await purgeExpired(w.db, w.audio, DEFAULT_RETENTION, new Date(stat.mtimeMs + 2 * 3600 * 1000));
    expect(await w.audio.exists(orphan)).toBe(true);
    const result = await purgeExpired(w.db, w.audio, DEFAULT_RETENTION, new Date(Math.max(NOW.getTime(), stat.mtimeMs + 2 * DAY)));
    expect(await w.audio.exists(orphan)).toBe(false);
    expect(result.accessLogDeleted).toBe(1);
    expect(await count("access_log")).toBe(1);
    expect(fs.existsSync(path.join(w.dir, "audio"))).toBe(true);
  });
});
