/**
 * Upload latency and throughput of the service, run as its own API-only process: concurrent
 * transcript uploads, concurrent recording uploads (WAVs, decoded at upload up to 32 MiB), and
 * one 1 GiB recording streamed (server peak memory reported). No worker runs: it would decode
 * and transcribe the recordings (the 1 GiB one is 18 hours of audio) on the same CPUs and skew
 * the upload timings. Usage: tsx scripts/bench-service-upload.ts
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnService } from "../test/jobs/service-process.ts";
import { COMPLIANT_FR } from "../test/server/fixtures.ts";
import { bearer, createFibralisCampaign, createKey, wavHeader } from "../test/server/harness.ts";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-upload-"));
// Made before the service opens the database, as `npm run keys -- create` makes the first key.
const { key } = await createKey(dataDir, { name: "bench", role: "admin" });
const service = await spawnService({ DATA_DIR: dataDir, SERVICE_ROLE: "api" });
const url = service.url!;
const { campaignId } = await createFibralisCampaign(url, key);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * p) - 1)]!;
}

async function run(name: string, total: number, concurrency: number, upload: (i: number) => Promise<number>): Promise<void> {
  const latencies: number[] = [];
  let next = 0;
  let bytes = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        const t = performance.now();
        bytes += await upload(i);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  const mb = bytes / 2 ** 20;
  console.log(
    `${name.padEnd(34)} c=${String(concurrency).padEnd(3)} n=${total}  p50 ${percentile(latencies, 0.5).toFixed(1)} ms  p95 ${percentile(latencies, 0.95).toFixed(1)} ms  ` +
      `${(total / seconds).toFixed(1)} uploads/s${mb > 1 ? `  ${(mb / seconds).toFixed(1)} MiB/s` : ""}`,
  );
}

const transcriptBody = JSON.stringify({ campaignId, calledAt: "2026-09-14T10:00:00", transcript: { utterances: COMPLIANT_FR } });
async function uploadTranscript(): Promise<number> {
  const res = await fetch(url + "/calls", { method: "POST", headers: { ...bearer(key), "content-type": "application/json" }, body: transcriptBody });
  if (res.status !== 202) throw new Error(`upload answered ${res.status}`);
  await res.arrayBuffer();
  return transcriptBody.length;
}

async function uploadRecording(size: number, i: number): Promise<number> {
  // A PCM WAV of `size` bytes: anything else is refused at upload.
  const bytes = Buffer.alloc(size, i & 0xff);
  wavHeader(size - 44).copy(bytes);
  bytes.writeUInt32LE(i, 44); // distinct content per upload: no deduplication
  const form = new FormData();
  form.append("campaignId", campaignId);
  form.append("recordings", new Blob([new Uint8Array(bytes)]), `r${i}.wav`);
  const res = await fetch(url + "/calls", { method: "POST", body: form, headers: bearer(key) });
  if (res.status !== 202) throw new Error(`upload answered ${res.status}`);
  await res.arrayBuffer();
  return size;
}

function memoryKb(pid: number): { rss: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const field = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)![1]);
  return { rss: field("VmRSS"), peak: field("VmHWM") };
}

async function uploadHuge(size: number): Promise<void> {
  const boundary = "----bench" + Date.now();
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="campaignId"\r\n\r\n${campaignId}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="recordings"; filename="huge.wav"\r\n\r\n`,
  );
  // Past the decode check's size only the header is sniffed: a WAV header, then `size` bytes of samples.
  const wav = wavHeader(size);
  const chunk = Buffer.alloc(1024 * 1024, 7);
  let sent = 0;
  let stage = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (stage === 0) {
        controller.enqueue(Buffer.concat([head, wav]));
        stage = 1;
      } else if (stage === 1) {
        controller.enqueue(chunk.subarray(0, Math.min(chunk.length, size - sent)));
        sent += Math.min(chunk.length, size - sent);
        if (sent >= size) stage = 2;
      } else if (stage === 2) {
        controller.enqueue(Buffer.from(`\r\n--${boundary}--\r\n`));
        stage = 3;
      } else controller.close();
    },
  });
  const before = memoryKb(service.child.pid!);
  const t = performance.now();
  const res = await fetch(url + "/calls", { method: "POST", headers: { ...bearer(key), "content-type": `multipart/form-data; boundary=${boundary}` }, body, duplex: "half" } as RequestInit);
  if (res.status !== 202) throw new Error(`upload answered ${res.status}: ${await res.text()}`);
  const seconds = (performance.now() - t) / 1000;
  const after = memoryKb(service.child.pid!);
  console.log(
    `1 GiB recording, streamed            ${seconds.toFixed(1)} s until 202 (${(size / 2 ** 20 / seconds).toFixed(0)} MiB/s), server RSS before ${(before.rss / 1024).toFixed(0)} MiB, peak ${(after.peak / 1024).toFixed(0)} MiB`,
  );
}

try {
  for (const c of [1, 4, 16]) await run("transcript (JSON, 8 utterances)", 300, c, uploadTranscript);
  await run("recording 1 MiB (multipart)", 60, 4, (i) => uploadRecording(2 ** 20, i));
  await run("recording 10 MiB (multipart)", 20, 4, (i) => uploadRecording(10 * 2 ** 20, 1000 + i));
  await uploadHuge(2 ** 30);
} finally {
  service.child.kill("SIGTERM");
  await service.exited;
  fs.rmSync(dataDir, { recursive: true, force: true });
}
