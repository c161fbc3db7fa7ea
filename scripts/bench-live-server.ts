/**
 * The live plugin alone on 127.0.0.1 for bench-live.ts, in its own process so that the clients'
 * work does not share the server's event loop. A temp store holds one campaign per dev
 * transcript; key "bench" may stream them all. Prints one JSON line { url, campaigns } when ready.
 * Usage: tsx scripts/bench-live-server.ts [--model models/ggml-base-q8_0.bin] [--audio-ctx 1:768] [--max-sessions 200]
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import Fastify from "fastify";
import { loadRulePack } from "../src/compliance/rule-pack.ts";
import { liveRoutes } from "../src/live/plugin.ts";
import { AudioStore } from "../src/store/audio-store.ts";
import { WhisperUtteranceTranscriber } from "../src/live/whisper-transcriber.ts";
import { createBrand, createCampaign, createSubcontractor } from "../src/store/catalog.ts";
import { openDatabase } from "../src/store/database.ts";
import { devCases, campaignSettingsOf } from "../test/live/eval-replay.ts";

const { values } = parseArgs({ options: { model: { type: "string" }, "audio-ctx": { type: "string" }, "max-sessions": { type: "string", default: "200" } } });
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-live-"));
const db = await openDatabase(dir);
const pack = loadRulePack();
const brand = await createBrand(db, "Fibralis");
const sub = await createSubcontractor(db, "Axiome Contact");
const campaigns: Record<string, string> = {};
for (const c of devCases()) {
  campaigns[c.id] = (await createCampaign(db, { name: c.id, brandId: brand.id, subcontractorId: sub.id, language: c.settings.language, settings: campaignSettingsOf(c) })).id;
}
// --audio-ctx M:F: margin M s after the speech, at least F encoder frames (see whisper-transcriber.ts).
const [marginSec, minFrames] = (values["audio-ctx"] ?? "").split(":").map(Number);
const audioContext = values["audio-ctx"] ? { marginSec: marginSec!, minFrames: minFrames! } : undefined;
const transcriber = values.model ? new WhisperUtteranceTranscriber({ modelPath: values.model, threads: 2, ...(audioContext ? { audioContext } : {}) }) : undefined;
const app = Fastify({ logger: false });
await app.register(liveRoutes, {
  db,
  audioStore: new AudioStore(dir),
  rulePack: () => pack,
  numberHashKey: "bench",
  authenticate: (token) => (token === "bench" ? { subcontractorId: sub.id, campaigns: Object.values(campaigns) } : null),
  limits: { maxSessions: Number(values["max-sessions"]) },
  ...(transcriber ? { transcriber } : {}),
});
const url = (await app.listen({ host: "127.0.0.1", port: 0 })).replace(/^http/, "ws") + "/live";
process.stdout.write(JSON.stringify({ url, campaigns }) + "\n");

const stop = async () => {
  await app.close();
  await transcriber?.close();
  await db.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
  process.exit(0);
};
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
