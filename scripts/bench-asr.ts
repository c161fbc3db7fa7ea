/**
 * Transcription speed against whisper.cpp's own CLI (built from the sources smart-whisper ships,
 * same -march=native flags: scripts/build-whisper-cli.sh), same audio, model and threads:
 *  1. jfk.wav (11 s): the project's engine (smart-whisper, model load included) / the CLI.
 *  2. a 5-minute dual-channel call: the project's whole pipeline (decode, VAD, packed windows,
 *     both channels) / the CLI over each full channel; and the pipeline's real-time factor.
 * Peak memory of each. Run: npm run bench:asr [-- --model PATH --threads N --runs N]
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { decodeAudio } from "../src/audio/decode.ts";
import { resolveModelPath } from "../src/models/resolve.ts";
import { fiveMinuteCall, monoWav } from "./bench/five-minute-call.ts";

const { values } = parseArgs({ options: { model: { type: "string" }, threads: { type: "string", default: "2" }, runs: { type: "string", default: "3" } } });
const model = resolveModelPath({ flag: values.model, env: process.env });
const threads = Number(values.threads);
const runs = Number(values.runs);
const CLI = "build/whisper-cli";
const work = ".tmp/bench-asr";
mkdirSync(work, { recursive: true });
if (!existsSync(CLI)) spawnSync("bash", ["scripts/build-whisper-cli.sh"], { stdio: "inherit" });

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Wall time and peak memory of the CLI on one file (GNU time reports the peak RSS). */
function cli(file: string, language: string): { seconds: number; peakMiB: number } {
  const start = performance.now();
  const r = spawnSync("/usr/bin/time", ["-f", "%M", CLI, "-m", model, "-f", file, "-t", String(threads), "-l", language, "-nt"], { encoding: "utf8" });
  const seconds = (performance.now() - start) / 1000;
  if (r.status !== 0) throw new Error(`whisper-cli failed: ${r.stderr.slice(-500)}`);
  const peakKiB = Number(r.stderr.trim().split("\n").pop());
  return { seconds, peakMiB: peakKiB / 1024 };
}

/** Runs the project side in a child process so that its peak memory is its own. */
function child(mode: string): { seconds: number; peakMiB: number; detail?: string } {
  const r = spawnSync(process.execPath, ["--import", "tsx", "scripts/bench-asr-child.ts", mode, model, String(threads), work], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${mode} failed: ${r.stderr.slice(-800)}`);
  return JSON.parse(r.stdout.trim().split("\n").pop()!) as { seconds: number; peakMiB: number; detail?: string };
}

const jfk = join(work, "jfk.wav");
writeFileSync(jfk, readFileSync("../shared/audio/jfk.wav"));
const call = await fiveMinuteCall();
writeFileSync(join(work, "call-5min.wav"), call.wav);
call.channels.forEach((c, i) => writeFileSync(join(work, `call-5min-ch${i}.wav`), monoWav(c)));
const callSec = (await decodeAudio(call.wav)).durationSec;

const rows: string[] = [];
const jfkCli: number[] = [];
const jfkOurs: number[] = [];
const callCli: number[] = [];
const callOurs: number[] = [];
let peak = { cli: 0, ours: 0, cliCall: 0, oursCall: 0 };
for (let i = 0; i < runs; i++) {
  const c = cli(jfk, "en");
  const o = child("jfk");
  jfkCli.push(c.seconds);
  jfkOurs.push(o.seconds);
  const c0 = cli(join(work, "call-5min-ch0.wav"), "en");
  const c1 = cli(join(work, "call-5min-ch1.wav"), "en");
  const oc = child("call");
  callCli.push(c0.seconds + c1.seconds);
  callOurs.push(oc.seconds);
  peak = { cli: Math.max(peak.cli, c.peakMiB), ours: Math.max(peak.ours, o.peakMiB), cliCall: Math.max(peak.cliCall, c0.peakMiB, c1.peakMiB), oursCall: Math.max(peak.oursCall, oc.peakMiB) };
}
rows.push(`model ${model}, ${threads} threads, median of ${runs} runs`);
rows.push(`jfk.wav 11 s, same samples: project ${median(jfkOurs).toFixed(2)} s, whisper.cpp CLI ${median(jfkCli).toFixed(2)} s, ratio ${(median(jfkOurs) / median(jfkCli)).toFixed(2)} (peak RSS ${peak.ours.toFixed(0)} vs ${peak.cli.toFixed(0)} MiB)`);
rows.push(`5-min dual-channel call (${callSec.toFixed(0)} s): project pipeline ${median(callOurs).toFixed(1)} s (real-time factor ${(median(callOurs) / callSec).toFixed(3)}), CLI on both full channels ${median(callCli).toFixed(1)} s, ratio ${(median(callOurs) / median(callCli)).toFixed(2)} (peak RSS ${peak.oursCall.toFixed(0)} vs ${peak.cliCall.toFixed(0)} MiB)`);
console.log(rows.join("\n"));
