import { parseArgs } from "node:util";
import { AppError } from "../errors.ts";
import type { CallSettings } from "../compliance/types.ts";

export interface CliOptions {
  inputs: string[];
  /** Settings given on the command line; they override those a transcript file carries. */
  settings: Partial<CallSettings>;
  script: boolean;
  json: boolean;
  agentChannel: "left" | "right";
  model?: string;
  rules?: string;
  threads?: number;
}

export const USAGE = `Usage: npm run analyze -- [options] <file or folder>...

Inputs: transcripts (.json, or .txt lines "HH:MM:SS agent: text"), call scripts (.txt/.md with --script),
recordings (.wav .mp3 .ogg .opus .flac).

Options:
  --lang fr|en|auto          language of the calls (default auto)
  --brand NAME               brand on whose behalf calls are made (repeat or comma-separate)
  --call-centre NAME         call centre (subcontractor) name (repeat or comma-separate)
  --source NAME              known data source, e.g. a partner site (repeat or comma-separate)
  --called-at ISO_DATE       date of the call (Europe/Paris unless an offset is given)
  --not-recorded             the call is not recorded: recording rules do not apply
  --own-customers            the data was collected from the person: the data-source rule does not apply
  --pitch-mode strict|hard   strict (default): a needs-discovery question starts the pitch
  --script                   treat .txt/.md inputs as call scripts (text order stands for time)
  --agent-channel left|right channel of the agent in stereo recordings (default left)
  --model PATH               Whisper ggml model (default: $WHISPER_MODEL, then models/)
  --threads N                transcription threads (default: all cores)
  --rules PATH               rule pack (default: rule-packs/telemarketing-fr-en.json)
  --json                     print only a JSON array on stdout, one object per input
  -h, --help                 this help`;

function names(values: string[] | undefined): string[] | undefined {
  if (!values) return undefined;
  return values.flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean);
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], flag: string): T | undefined {
  if (value === undefined) return undefined;
  if (!allowed.includes(value as T)) throw new AppError("USAGE", `${flag} must be one of ${allowed.join(", ")}`);
  return value as T;
}

/** Parses argv into options; returns null when help was asked for. */
export function parseCliArgs(argv: string[]): CliOptions | null {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        lang: { type: "string" },
        brand: { type: "string", multiple: true },
        "call-centre": { type: "string", multiple: true },
        "call-center": { type: "string", multiple: true },
        source: { type: "string", multiple: true },
        "called-at": { type: "string" },
        "not-recorded": { type: "boolean" },
        "own-customers": { type: "boolean" },
        "pitch-mode": { type: "string" },
        script: { type: "boolean" },
        "agent-channel": { type: "string" },
        model: { type: "string" },
        threads: { type: "string" },
        rules: { type: "string" },
        json: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (err) {
    throw new AppError("USAGE", (err as Error).message);
  }
  const v = parsed.values;
  if (v.help) return null;
  if (parsed.positionals.length === 0) throw new AppError("USAGE", "no input file or folder given");
  const threads = v.threads === undefined ? undefined : Number(v.threads);
  if (threads !== undefined && (!Number.isInteger(threads) || threads < 1)) throw new AppError("USAGE", "--threads must be a positive integer");
  const pitchMode = oneOf(v["pitch-mode"], ["strict", "hard"] as const, "--pitch-mode");
  const centres = [...(v["call-centre"] ?? []), ...(v["call-center"] ?? [])];
  const settings: Partial<CallSettings> = {
    language: oneOf(v.lang, ["fr", "en", "auto"] as const, "--lang"),
    brands: names(v.brand),
    callCentres: names(centres.length > 0 ? centres : undefined),
    dataSources: names(v.source),
    calledAt: v["called-at"],
    recorded: v["not-recorded"] ? false : undefined,
    leadOrigin: v["own-customers"] ? "own_customers" : undefined,
    pitchMode: pitchMode === "hard" ? "hard_only" : pitchMode,
  };
  return {
    inputs: parsed.positionals,
    settings: Object.fromEntries(Object.entries(settings).filter(([, x]) => x !== undefined)) as Partial<CallSettings>,
    script: v.script ?? false,
    json: v.json ?? false,
    agentChannel: oneOf(v["agent-channel"], ["left", "right"] as const, "--agent-channel") ?? "left",
    ...(v.model ? { model: v.model } : {}),
    ...(v.rules ? { rules: v.rules } : {}),
    ...(threads ? { threads } : {}),
  };
}
