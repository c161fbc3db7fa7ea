/**
 * Live agent-assist latency over real sockets on loopback, the server in its own process.
 *   transcript: N sessions replay the dev transcripts at once (utterances paced at `speed` x real
 *     time); latency = last utterance sent -> the checklist/alert it caused.
 *   audio: N sessions stream synthesized two-track calls in real time (raw stereo PCM) with
 *     whisper base; latency = end of an agent line on the wire -> its hint (the checklist/alert
 *     after its `utterance`, or the `utterance` itself when the checklist did not change).
 * Usage: tsx scripts/bench-live.ts transcript [--sessions 50] [--speed 10] [--stagger 2000]
 *        tsx scripts/bench-live.ts audio [--sessions 1,2,3] [--lines 8] [--stagger 2000] [--model models/ggml-base-q8_0.bin] [--audio-ctx 1:768]
 * Sessions start at random times within --stagger ms (calls do not start in lockstep); 0 = all at once.
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { devCases, utteranceMessages } from "../test/live/eval-replay.ts";
import { streamStereoPcm } from "../test/live/audio-stream.ts";
import { LiveClient } from "../test/live/harness.ts";
import { synthesizeCall } from "../test/live/speech.ts";
import type { EvalCase } from "../test/eval/eval-case.ts";

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    sessions: { type: "string", default: "" },
    speed: { type: "string", default: "10" },
    stagger: { type: "string", default: "2000" },
    lines: { type: "string", default: "8" },
    model: { type: "string", default: "models/ggml-base-q8_0.bin" },
    "audio-ctx": { type: "string" },
  },
});
const mode = positionals[0] === "audio" ? "audio" : "transcript";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}
const summary = (xs: number[]) =>
  `n=${xs.length} p50=${percentile(xs, 50).toFixed(1)} p95=${percentile(xs, 95).toFixed(1)} p99=${percentile(xs, 99).toFixed(1)} max=${Math.max(...xs).toFixed(1)} ms`;

async function startServer(model?: string, audioCtx?: string): Promise<{ url: string; campaigns: Record<string, string>; stop: () => void }> {
  const args = [...(model ? ["--model", model] : []), ...(audioCtx ? ["--audio-ctx", audioCtx] : [])];
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/bench-live-server.ts", ...args], { stdio: ["ignore", "pipe", "ignore"] });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once("line", resolve);
    child.once("exit", (code) => reject(new Error(`server exited ${code}`)));
  });
  return { ...(JSON.parse(line) as { url: string; campaigns: Record<string, string> }), stop: () => child.kill("SIGTERM") };
}

async function transcriptSession(url: string, campaign: string, c: EvalCase, speed: number, latencies: number[], pitch: number[], delayMs = 0): Promise<void> {
  await sleep(delayMs);
  const client = await LiveClient.connect(url);
  client.send({ type: "open", token: "bench", campaign, ...(c.settings.calledAt ? { calledAt: c.settings.calledAt } : {}) });
  await client.waitType("opened");
  const sentAt: number[] = [];
  const messages = utteranceMessages(c);
  const from = client.messages.length;
  for (const [i, m] of messages.entries()) {
    if (i > 0) await sleep(Math.max(0, (m.start - messages[i - 1]!.start) * 1000) / speed);
    sentAt.push(performance.now());
    client.send(m);
  }
  await sleep(200);
  for (const { at, msg } of client.messages.slice(from)) {
    if (msg.type !== "checklist" && msg.type !== "alert") continue;
    const last = sentAt.filter((t) => t <= at).at(-1);
    if (last !== undefined) latencies.push(at - last);
    if (msg.type === "alert" && msg.kind === "PITCH_BEFORE_DISCLOSURE") pitch.push(at - sentAt[msg.seq - 1]!);
  }
  client.send({ type: "close" });
  await client.waitType("closed", 30_000);
}

async function benchTranscript(): Promise<void> {
  const counts = (values.sessions || "50").split(",").map(Number);
  const speed = Number(values.speed);
  const stagger = Number(values.stagger);
  const server = await startServer();
  const cases = devCases();
  try {
    // Warm-up (JIT, first analyses per language), not measured.
    await Promise.all(cases.slice(0, 8).map((c) => transcriptSession(server.url, server.campaigns[c.id]!, c, 100, [], [])));
    for (const n of counts) {
      const latencies: number[] = [];
      const pitch: number[] = [];
      const t0 = performance.now();
      await Promise.all(Array.from({ length: n }, (_, k) => {
        const c = cases[k % cases.length]!;
        return transcriptSession(server.url, server.campaigns[c.id]!, c, speed, latencies, pitch, Math.random() * stagger);
      }));
      console.log(`transcript mode, ${n} concurrent sessions at ${speed}x real time, starts spread over ${stagger} ms (${((performance.now() - t0) / 1000).toFixed(1)} s):`);
      console.log(`  last utterance -> checklist/alert: ${summary(latencies)}`);
      console.log(`  pitch utterance -> PITCH_BEFORE_DISCLOSURE: ${summary(pitch)}`);
    }
  } finally {
    server.stop();
  }
}

async function audioSession(url: string, campaign: string, c: EvalCase, lineCount: number, hints: number[], heardLatencies: number[], delayMs: number): Promise<void> {
  const lines = c.utterances.slice(0, lineCount).map((u) => ({ speaker: u.speaker as "agent" | "customer", text: u.text }));
  const call = await synthesizeCall(lines, c.settings.language);
  await sleep(delayMs);
  const client = await LiveClient.connect(url);
  client.send({ type: "open", token: "bench", campaign, channels: "stereo", sampleRate: 16000, ...(c.settings.calledAt ? { calledAt: c.settings.calledAt } : {}) });
  await client.waitType("opened");
  const lineEndSentAt = new Map<number, number>();
  await streamStereoPcm(client, call, 1, (callSec, now) => {
    call.lines.forEach((line, i) => {
      if (!lineEndSentAt.has(i) && callSec >= line.end) lineEndSentAt.set(i, now);
    });
  });
  client.send({ type: "close" });
  await client.waitType("closed", 120_000);
  const heard = client.messages.filter((m) => m.msg.type === "utterance");
  call.lines.forEach((line, i) => {
    if (line.speaker !== "agent") return;
    const match = heard.find((h) => h.msg.speaker === "agent" && Math.abs(h.msg.start - line.start) < 0.5);
    const sent = lineEndSentAt.get(i);
    if (!match || sent === undefined) return;
    heardLatencies.push(match.at - sent);
    const index = client.messages.indexOf(match);
    const next = client.messages[index + 1];
    const hint = next && (next.msg.type === "checklist" || next.msg.type === "alert") ? next : match;
    hints.push(hint.at - sent);
  });
}

async function benchAudio(): Promise<void> {
  const counts = (values.sessions || "1").split(",").map(Number);
  const lineCount = Number(values.lines);
  const stagger = Number(values.stagger);
  const server = await startServer(values.model, values["audio-ctx"]);
  const cases = devCases().filter((c) => c.id.startsWith("dev-fr-00"));
  try {
    for (const n of counts) {
      const hints: number[] = [];
      const heard: number[] = [];
      await Promise.all(Array.from({ length: n }, (_, k) => {
        const c = cases[k % cases.length]!;
        return audioSession(server.url, server.campaigns[c.id]!, c, lineCount, hints, heard, k === 0 ? 0 : Math.random() * stagger);
      }));
      console.log(`audio mode (base), ${n} concurrent real-time session(s), ${lineCount} lines each, starts spread over ${stagger} ms:`);
      console.log(`  end of agent line -> hint: ${summary(hints)}`);
      console.log(`  end of agent line -> utterance heard: ${summary(heard)}`);
      console.log(`  heard ${heard.length} of the agent lines`);
    }
  } finally {
    server.stop();
  }
}

await (mode === "audio" ? benchAudio() : benchTranscript());
