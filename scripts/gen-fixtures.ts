/**
 * Regenerates recordings-fixtures/: synthesized call recordings (espeak-ng voices, sox encoding)
 * from the call scripts in scripts/fixtures/, a corrupt file, and manifest.json with each file's
 * true expected analysis, duration and sha256. Needs Debian's espeak-ng and sox (with its MP3
 * format) at generation time only. Same tool versions give the same bytes.
 *   npm run fixtures:generate [-- OUT_DIR]
 */
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ENGLISH_CALLS } from "./fixtures/calls-en.ts";
import { FRENCH_CALLS } from "./fixtures/calls-fr.ts";
import { garbledWav } from "./fixtures/corrupt.ts";
import { audioDuration, encodeCall, FORMAT_RECIPES, writeMasterWav } from "./fixtures/encode.ts";
import { CALL_PAUSES, layOutCall } from "./fixtures/layout.ts";
import type { AudioFixtureEntry, CorruptFixtureEntry, FixtureEntry } from "./fixtures/manifest.ts";
import { ESPEAK_SAMPLE_RATE, speakLine } from "./fixtures/speech.ts";
import type { FixtureCall } from "./fixtures/types.ts";

/** A moderate pace (espeak-ng's default is 175): clear for whisper, still natural. */
const WORDS_PER_MINUTE = 150;

const CORRUPT_FIXTURE = {
  file: "corrupt-garbled-header.wav",
  description: "RIFF/WAVE magic, then a format chunk cut short and noise bytes, as a recorder that crashed mid-write leaves.",
  byteCount: 8192,
  seed: 20_261_122,
};

const DEFAULT_OUT_DIR = fileURLToPath(new URL("../recordings-fixtures", import.meta.url));

function sha256(path: string): string {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}

function generateCall(call: FixtureCall, outDir: string, workDir: string): AudioFixtureEntry {
  const spoken = call.script.map((line) => ({
    ...line,
    samples: speakLine(line.text, { voice: call.voices[line.speaker], wordsPerMinute: WORDS_PER_MINUTE, workDir }),
  }));
  const tracks = layOutCall(spoken, ESPEAK_SAMPLE_RATE, CALL_PAUSES);
  const masterPath = join(workDir, `${call.name}.master.wav`);
  writeMasterWav(tracks, masterPath);
  const recipe = FORMAT_RECIPES[call.format];
  const file = `${call.name}.${recipe.extension}`;
  const outPath = join(outDir, file);
  encodeCall(masterPath, outPath, call.format);
  return {
    file,
    description: call.description,
    language: call.language,
    format: call.format,
    channels: recipe.channels,
    agentChannel: "left",
    settings: call.settings,
    script: tracks.lines,
    expected: call.expected,
    ...(call.model ? { model: call.model } : {}),
    durationSec: audioDuration(outPath),
    sha256: sha256(outPath),
  };
}

function generateCorrupt(outDir: string): CorruptFixtureEntry {
  const path = join(outDir, CORRUPT_FIXTURE.file);
  writeFileSync(path, garbledWav(CORRUPT_FIXTURE.byteCount, CORRUPT_FIXTURE.seed));
  return { file: CORRUPT_FIXTURE.file, description: CORRUPT_FIXTURE.description, expected: { error: "AUDIO_UNDECODABLE" }, sha256: sha256(path) };
}

function requireTools(): void {
  for (const [tool, flag] of [["espeak-ng", "--version"], ["sox", "--version"]] as const) {
    try {
      execFileSync(tool, [flag], { stdio: "ignore" });
    } catch {
      throw new Error(`${tool} is needed to generate the fixtures (Debian: apt-get install espeak-ng sox libsox-fmt-mp3)`);
    }
  }
}

function main(): void {
  requireTools();
  const outDir = resolve(process.argv[2] ?? DEFAULT_OUT_DIR);
  mkdirSync(outDir, { recursive: true });
  const workDir = mkdtempSync(join(tmpdir(), "gen-fixtures-"));
  try {
    const entries: FixtureEntry[] = [];
    for (const call of [...FRENCH_CALLS, ...ENGLISH_CALLS]) {
      const entry = generateCall(call, outDir, workDir);
      entries.push(entry);
      console.log(`${entry.file}  ${entry.durationSec.toFixed(2)} s  ${entry.expected.verdict}`);
    }
    entries.push(generateCorrupt(outDir));
    writeFileSync(join(outDir, "manifest.json"), `${JSON.stringify(entries, null, 2)}\n`);
    const total = entries.reduce((sum, e) => sum + ("durationSec" in e ? e.durationSec : 0), 0);
    console.log(`${entries.length} files, ${total.toFixed(1)} s of audio, manifest in ${join(outDir, "manifest.json")}`);
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

main();
