import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync, mkdirSync, truncateSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const CLI = ["--import", "tsx", "src/cli/analyze.ts"];

async function analyze(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [...CLI, ...args], { cwd: process.cwd() });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const dir = mkdtempSync(join(tmpdir(), "cli-"));
mkdirSync(join(dir, "batch"));
writeFileSync(
  join(dir, "batch", "a.json"),
  JSON.stringify({
    utterances: [
      { speaker: "agent", start: 0, end: 3, text: "Hi, this is Sam from Northgate Calls on behalf of Brightwave Energy." },
      { speaker: "agent", start: 3, end: 6, text: "Who's your current energy supplier?" },
    ],
  }),
);
writeFileSync(join(dir, "batch", "b.txt"), "00:00:00 agent: Bonjour, c'est Julie.\n00:00:03 agent: Je vous propose notre offre à 20 euros.\n");
writeFileSync(join(dir, "batch", "broken.json"), "{ nope");
mkdirSync(join(dir, "bad"));
writeFileSync(join(dir, "bad", "empty.json"), "");
// Sparse: its size is over the limit without 50 MB on disk.
writeFileSync(join(dir, "bad", "huge.txt"), "");
truncateSync(join(dir, "bad", "huge.txt"), 50 * 1024 * 1024 + 1);
writeFileSync(join(dir, "notes.docx"), "not a transcript");
writeFileSync(join(dir, "script.md"), "# Opening\n- Bonjour, Julie de chez Fibralis.\n- Vous payez combien par mois ?\n");

describe("npm run analyze (CLI contract)", () => {
  it("--json prints only a JSON array, one object per input, errors included, exit 2 if any failed", async () => {
    const r = await analyze(["--json", "--brand", "Brightwave Energy", "--call-centre", "Northgate Calls", "--called-at", "2026-10-01", join(dir, "batch")]);
    expect(r.code).toBe(2);
    const out = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
    expect(out.map((o) => (o.file as string).split("/").pop())).toEqual(["a.json", "b.txt", "broken.json"]);
    const [a, b, broken] = out as Array<{ verdict?: string; pitchOnset?: { start: number } | null; elements?: Array<{ id: string; status: string; dueBy?: number }>; error?: { code: string }; rulePack?: { id: string } }>;
    expect(a!.verdict).toBe("non_compliant");
    expect(a!.pitchOnset?.start).toBe(3);
    expect(a!.elements!.find((e) => e.id === "ART14_IDENTITY")!.status).toBe("present");
    expect(a!.elements!.find((e) => e.id === "ART14_SOURCE")).toMatchObject({ status: "missing", dueBy: 3 });
    expect(a!.rulePack!.id).toBe("telemarketing-fr-en");
    expect(b!.elements!.find((e) => e.id === "ID_CALLER")!.status).toBe("missing");
    expect(broken!.error!.code).toBe("TRANSCRIPT_INVALID");
    expect(r.stderr).toMatch(/broken\.json: error TRANSCRIPT_INVALID/);
  });
  it("checks a script and prints a readable table", async () => {
    const r = await analyze(["--script", "--lang", "fr", "--brand", "Fibralis", join(dir, "script.md")]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/verdict: non_compliant/);
    expect(r.stdout).toMatch(/pitch onset: line 2 \(soft\)/);
    expect(r.stdout).toMatch(/MISSING\s+Source des données/);
  });
  it("a bad input gets its own error object and the others still run, in the order given", async () => {
    const r = await analyze(["--json", join(dir, "bad"), join(dir, "missing.json"), join(dir, "notes.docx"), join(dir, "batch", "a.json")]);
    expect(r.code).toBe(2);
    const out = JSON.parse(r.stdout) as Array<{ file: string; verdict?: string; error?: { code: string } }>;
    expect(out.map((o) => [o.file.split("/").pop(), o.error?.code ?? o.verdict])).toEqual([
      ["empty.json", "INPUT_EMPTY"],
      ["huge.txt", "INPUT_TOO_LARGE"],
      ["missing.json", "INPUT_NOT_FOUND"],
      ["notes.docx", "INPUT_UNSUPPORTED"],
      ["a.json", "non_compliant"],
    ]);
    expect(r.stderr.trim().split("\n")).toHaveLength(4);
  });
  it("usage errors exit 2 with a message", async () => {
    const r = await analyze(["--lang", "de", "x.json"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--lang must be one of/);
  });
});
