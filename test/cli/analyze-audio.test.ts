import { execFile } from "node:child_process";
import { copyFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { findModel } from "../../src/models/resolve.ts";

const run = promisify(execFile);
const CLI = ["--import", "tsx", "src/cli/analyze.ts"];

async function analyze(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [...CLI, ...args], { cwd: process.cwd(), env, maxBuffer: 1 << 24 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const dir = mkdtempSync(join(tmpdir(), "cli-audio-"));
copyFileSync("recordings-fixtures/en-07-hang-up-before-pitch.wav", join(dir, "call.wav"));
writeFileSync(join(dir, "notes.wav"), "these are meeting notes, not audio\n");

// `npm run setup` puts a base model in models/ (CI runs it before the tests).
const model = findModel("base");

describe.skipIf(!model)("npm run analyze on recordings (real whisper)", () => {
  it("transcribes a recording, judges it and reports the model; a non-audio file in the batch fails alone", async () => {
    const r = await analyze(["--json", "--lang", "en", "--threads", "2", "--brand", "EnergyPlus", "--call-centre", "Northway Contact", "--called-at", "2026-10-02", dir]);
    expect(r.code).toBe(2);
    const [call, notes] = JSON.parse(r.stdout) as Array<{ file: string; verdict?: string; model?: string; utterances?: Array<{ speaker: string; asrConfidence?: number }>; error?: { code: string } }>;
    expect(call!.file).toMatch(/call\.wav$/);
    expect(call!.verdict).toBe("not_applicable");
    expect(call!.model).toMatch(/^ggml-base/);
    expect(call!.utterances!.map((u) => u.speaker)).toContain("customer");
    expect(call!.utterances!.every((u) => typeof u.asrConfidence === "number")).toBe(true);
    expect(notes!.error!.code).toBe("AUDIO_UNDECODABLE");
    expect(r.stderr).toMatch(/notes\.wav: error AUDIO_UNDECODABLE/);
  }, 300_000);
});

describe("npm run analyze without a model", () => {
  it("fails each recording with MODEL_NOT_FOUND and how to get one (exit 2, the CLI contract for a failed input)", async () => {
    const r = await analyze(["--json", "--model", join(dir, "missing.bin"), join(dir, "call.wav")]);
    expect(r.code).toBe(2);
    const [call] = JSON.parse(r.stdout) as Array<{ error: { code: string; message: string } }>;
    expect(call!.error.code).toBe("MODEL_NOT_FOUND");
    expect(call!.error.message).toMatch(/npm run setup/);
  });

  it("rejects a file that is not a whisper model without crashing", async () => {
    const r = await analyze(["--json", "--model", join(dir, "notes.wav"), join(dir, "call.wav")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/MODEL_INVALID: .*not a whisper\.cpp ggml model/);
  });
});
