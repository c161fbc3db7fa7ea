import { readFileSync, statSync } from "node:fs";
import { basename } from "node:path";
import { checkScript } from "../compliance/script.ts";
import { analyzeCall } from "../compliance/analyze.ts";
import { loadRulePack, type RulePack } from "../compliance/rule-pack.ts";
import { resolveSettings } from "../compliance/settings.ts";
import type { CallSettings } from "../compliance/types.ts";
import { AppError, isAppError } from "../errors.ts";
import { formatCallTable } from "../report/call-table.ts";
import { errorReport, toCallReport, type CallReport } from "../report/call-report.ts";
import { parseTranscriptJson } from "../transcript/parse-json.ts";
import { parseTranscriptTxt } from "../transcript/parse-txt.ts";
import type { Transcript } from "../transcript/types.ts";
import { parseCliArgs, USAGE, type CliOptions } from "./args.ts";
import { openAudioTranscriber, type AudioTranscriber } from "./audio.ts";
import { expandInputs, type InputFile } from "./inputs.ts";
import { progressBar } from "./progress.ts";

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stderr is an interactive terminal (progress bars only then). */
  stderrIsTty: boolean;
  env: NodeJS.ProcessEnv;
}

/** Text inputs beyond this size are refused rather than read into memory. */
const MAX_TEXT_BYTES = 50 * 1024 * 1024;

/**
 * Read at once, not awaited: a batch's small files are read one after another between analyses,
 * and awaiting each read left the core idle for a quarter of a batch's time.
 */
function readText(path: string): string {
  const info = statSync(path);
  if (info.size === 0) throw new AppError("INPUT_EMPTY", path);
  if (info.size > MAX_TEXT_BYTES) throw new AppError("INPUT_TOO_LARGE", `${path} is over ${MAX_TEXT_BYTES} bytes`);
  return readFileSync(path, "utf8");
}

interface Session {
  options: CliOptions;
  pack: RulePack;
  io: CliIo;
  audio: AudioTranscriber | null;
}

async function analyzeInput(input: InputFile, session: Session): Promise<CallReport> {
  const { options, pack } = session;
  if (input.kind === "script") {
    const settings = resolveSettings(options.settings);
    return toCallReport(checkScript(readText(input.path), settings, pack), input.path);
  }
  let transcript: Transcript;
  let fileSettings: Partial<CallSettings> = {};
  if (input.kind === "transcript-json") {
    const parsed = parseTranscriptJson(readText(input.path));
    transcript = parsed.transcript;
    fileSettings = parsed.settings as Partial<CallSettings>;
  } else if (input.kind === "transcript-txt") {
    transcript = parseTranscriptTxt(readText(input.path));
  } else {
    session.audio ??= await openAudioTranscriber({ options, env: session.io.env });
    const bar = session.io.stderrIsTty ? progressBar(basename(input.path), session.io.stderr) : null;
    try {
      transcript = await session.audio.transcribe(input.path, bar ? (f) => bar.update(f) : undefined);
    } finally {
      bar?.done();
    }
  }
  const settings = resolveSettings({ ...fileSettings, ...options.settings });
  return toCallReport(analyzeCall(transcript, settings, pack), input.path);
}

function describe(err: unknown): AppError {
  return isAppError(err) ? err : new AppError("INTERNAL", (err as Error)?.message ?? String(err), { cause: err });
}

/** The analyze command: returns the exit code (0 every input ran, 2 some failed). */
export async function runAnalyze(argv: string[], io: CliIo): Promise<number> {
  let options: CliOptions | null;
  let pack: RulePack;
  try {
    options = parseCliArgs(argv);
    if (!options) {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    pack = loadRulePack(options.rules);
  } catch (err) {
    const e = describe(err);
    io.stderr(`error ${e.code}: ${e.message}\n${e.code === "USAGE" ? `\n${USAGE}\n` : ""}`);
    return e.exitCode;
  }
  const session: Session = { options, pack, io, audio: null };
  const reports: CallReport[] = [];
  let failures = 0;
  try {
    for (const input of expandInputs(options.inputs, options.script)) {
      let report: CallReport;
      if ("error" in input) report = errorReport(input.path, input.error.code, input.error.message);
      else {
        try {
          report = await analyzeInput(input, session);
        } catch (err) {
          const e = describe(err);
          report = errorReport(input.path, e.code, e.message);
        }
      }
      if (report.error) {
        failures++;
        io.stderr(`${report.file}: error ${report.error.code}: ${report.error.message}\n`);
      }
      reports.push(report);
      if (!options.json) io.stdout(`${formatCallTable(report, pack, options.script)}\n`);
    }
  } finally {
    await session.audio?.close();
  }
  if (options.json) io.stdout(`${JSON.stringify(reports, null, 2)}\n`);
  if (reports.length === 0) {
    io.stderr("error INPUT_NOT_FOUND: no analyzable file in the given folders\n");
    return 2;
  }
  return failures > 0 ? 2 : 0;
}
