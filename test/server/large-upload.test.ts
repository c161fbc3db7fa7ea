import fs from "node:fs";
import path from "node:path";
import os from "node:os";
import { afterAll, beforeAll, expect, it } from "vitest";
import { spawnService, type ServiceProcess } from "../jobs/service-process.ts";
import { bearer, createFibralisCampaign, createKey, wavHeader } from "./harness.ts";

const SIZE = 256 * 1024 * 1024;
const CHUNK = 1024 * 1024;
let service: ServiceProcess;
let dataDir: string;
let adminKey: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "upload-"));
  // A separate process, so its memory is the server's alone.
  service = await spawnService({ DATA_DIR: dataDir, SERVICE_ROLE: "api" });
  adminKey = (await createKey(dataDir, { name: "test admin", role: "admin" })).key;
}, 60_000);
afterAll(async () => {
  service.child.kill("SIGTERM");
  await service.exited;
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Resident memory of a process, current and peak (kB), from procfs. */
function memoryKb(pid: number): { rss: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const field = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)![1]);
  return { rss: field("VmRSS"), peak: field("VmHWM") };
}

/** A multipart body produced chunk by chunk, so neither side ever holds the recording: a WAV header then PCM bytes. */
function multipartStream(campaignId: string, boundary: string): ReadableStream<Uint8Array> {
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="campaignId"\r\n\r\n${campaignId}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="recordings"; filename="big.wav"\r\nContent-Type: audio/wav\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  let sent = 0;
  let stage: "head" | "body" | "tail" | "end" = "head";
  return new ReadableStream({
    pull(controller) {
      if (stage === "head") {
        controller.enqueue(head);
        stage = "body";
      } else if (stage === "body") {
        const chunk = sent === 0 ? wavHeader(SIZE - 44) : Buffer.alloc(Math.min(CHUNK, SIZE - sent), sent & 0xff);
        sent += chunk.length;
        controller.enqueue(chunk);
        if (sent >= SIZE) stage = "tail";
      } else if (stage === "tail") {
        controller.enqueue(tail);
        stage = "end";
      } else controller.close();
    },
  });
}

it("streams a large recording to disk without growing the heap", async () => {
  const { campaignId } = await createFibralisCampaign(service.url!, adminKey);
  const before = memoryKb(service.child.pid!);
  const boundary = "----bench" + Date.now();
  const res = await fetch(service.url! + "/calls", {
    method: "POST",
    headers: { "content-type": `multipart/form-data; boundary=${boundary}`, ...bearer(adminKey) },
    body: multipartStream(campaignId, boundary),
    duplex: "half",
  } as RequestInit);
  expect(res.status).toBe(202);
  const { calls } = (await res.json()) as { calls: Array<{ id: string }> };
  const call = (await (await fetch(`${service.url!}/calls/${calls[0]!.id}`, { headers: bearer(adminKey) })).json()) as { audio: { bytes: number; fileName: string } };
  expect(call.audio).toMatchObject({ bytes: SIZE, fileName: "big.wav" });
  const audioDir = path.join(dataDir, "audio");
  const [shard] = fs.readdirSync(audioDir);
  expect(fs.statSync(path.join(audioDir, shard!, fs.readdirSync(path.join(audioDir, shard!))[0]!)).size).toBe(SIZE);
  // The server holds chunks in flight, never the file: its peak memory grows far less than the file's size.
  const growthMiB = (memoryKb(service.child.pid!).peak - before.rss) / 1024;
  console.info(`large upload: ${SIZE / 2 ** 20} MiB, server peak RSS growth ${growthMiB.toFixed(1)} MiB`);
  expect(growthMiB).toBeLessThan(64);
}, 120_000);
