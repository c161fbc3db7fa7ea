// A real store in a temp directory with one campaign, and helpers to add analyzed calls at a
// chosen time (the clock is always a parameter here, never mocked).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { analyzeCall } from "../../src/compliance/analyze.ts";
import { loadRulePack } from "../../src/compliance/rule-pack.ts";
import { callSettingsFor } from "../../src/jobs/call-settings.ts";
import { AudioStore } from "../../src/store/audio-store.ts";
import { acceptCalls, writeAnalysis, type NewCallInput } from "../../src/store/calls.ts";
import { createBrand, createCampaign, createSubcontractor, findCampaign } from "../../src/store/catalog.ts";
import { openDatabase, type Db } from "../../src/store/database.ts";
import type { Utterance } from "../../src/transcript/types.ts";
import { FIBRALIS } from "../server/fixtures.ts";

export const DAY = 24 * 3600 * 1000;
const pack = loadRulePack();

export interface PrivacyWorld {
  dir: string;
  db: Db;
  audio: AudioStore;
  brandId: string;
  campaignId: string;
  saveAudio(bytes: Buffer): Promise<string>;
  /** Accepts a call at `at` and, with utterances, stores its analysis at the same time. */
  addCall(at: Date, options: { utterances?: Utterance[]; audioSha?: string; calledAt?: string; numberHash?: string }): Promise<string>;
  close(): Promise<void>;
}

export async function openWorld(): Promise<PrivacyWorld> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "privacy-"));
  const db = await openDatabase(dir);
  const audio = new AudioStore(dir);
  const brand = await createBrand(db, FIBRALIS.brand);
  const sub = await createSubcontractor(db, FIBRALIS.subcontractor);
  const campaign = await createCampaign(db, { name: "Fibre", brandId: brand.id, subcontractorId: sub.id, language: "fr", settings: { dataSources: FIBRALIS.dataSources } });
  return {
    dir,
    db,
    audio,
    brandId: brand.id,
    campaignId: campaign.id,
    async saveAudio(bytes) {
      return (await audio.save(Readable.from([bytes]), 1 << 30)).sha256;
    },
    async addCall(at, options) {
      const input: NewCallInput = {
        campaignId: campaign.id,
        source: options.audioSha ? "audio" : "transcript",
        ...(options.calledAt ? { calledAt: options.calledAt, calledAtUtc: options.calledAt } : {}),
        ...(options.numberHash ? { numberHash: options.numberHash } : {}),
        ...(options.audioSha ? { audio: { sha256: options.audioSha, bytes: 10, fileName: "a.wav" } } : {}),
        ...(options.utterances && !options.audioSha ? { transcript: { utterances: options.utterances, origin: "transcript" } } : {}),
      };
      const [id] = await acceptCalls(db, [input], at);
      if (options.utterances) {
        const campaignNow = (await findCampaign(db, campaign.id))!;
        const analysis = analyzeCall({ utterances: options.utterances, origin: "transcript" }, callSettingsFor(campaignNow, options.calledAt ?? at.toISOString()), pack);
        await db.transaction().execute((trx) => writeAnalysis(trx, id!, analysis, at));
      }
      return id!;
    },
    async close() {
      await db.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
