/**
 * Word error rate on real French telephone speech: the prompts of Debian's
 * asterisk-core-sounds-fr-wav (a real voice, 8 kHz), with their texts from asterisk-core-sounds-fr.
 * The first 40 prompts of 6+ words, each transcribed (a) plainly, one whisper call on the whole
 * prompt (the reference method of the issue) and (b) through the project's pipeline (decode,
 * resample, VAD, packed windows, hallucination filter), same model and threads.
 * Needs: apt-get install asterisk-core-sounds-fr-wav asterisk-core-sounds-fr.
 * Run: npm run bench:wer [-- --model PATH --threads N --prompts N]
 */
import { existsSync, readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { parseArgs } from "node:util";
import { createAsrEngine } from "../src/asr/engine.ts";
import { prepareForAsr } from "../src/audio/prepare.ts";
import { resolveModelPath } from "../src/models/resolve.ts";
import { transcribeRecording } from "../src/pipeline/transcribe-recording.ts";
import { scoringWords, wordErrors } from "./bench/wer.ts";

const TEXTS = "/usr/share/doc/asterisk-core-sounds-fr/core-sounds-fr.txt.gz";
const SOUNDS = "/usr/share/asterisk/sounds/fr";
const { values } = parseArgs({ options: { model: { type: "string" }, threads: { type: "string", default: "2" }, prompts: { type: "string", default: "40" }, verbose: { type: "boolean", default: false } } });
if (!existsSync(TEXTS) || !existsSync(SOUNDS)) {
  console.error("needs Debian's asterisk-core-sounds-fr-wav and asterisk-core-sounds-fr: apt-get install asterisk-core-sounds-fr-wav asterisk-core-sounds-fr");
  process.exit(2);
}
const model = resolveModelPath({ flag: values.model, env: process.env });

const prompts = gunzipSync(readFileSync(TEXTS))
  .toString("utf8")
  .split("\n")
  .map((line) => /^([\w-]+):\s*(.+)$/.exec(line.trim()))
  .filter((m): m is RegExpExecArray => m !== null && !m[2]!.includes("["))
  .map((m) => ({ id: m[1]!, text: m[2]!, file: `${SOUNDS}/${m[1]}.wav` }))
  .filter((p) => scoringWords(p.text).length >= 6 && existsSync(p.file))
  .slice(0, Number(values.prompts));

const asr = createAsrEngine({ modelPath: model, threads: Number(values.threads) });
const totals = { words: 0, plain: 0, pipeline: 0, plainSec: 0, pipelineSec: 0 };
for (const prompt of prompts) {
  const bytes = new Uint8Array(readFileSync(prompt.file));
  const reference = scoringWords(prompt.text);
  let start = performance.now();
  const samples = (await prepareForAsr(bytes, prompt.file)).channels[0]!;
  const plain = (await asr.transcribe(samples, "fr")).segments.map((s) => s.text).join(" ");
  totals.plainSec += (performance.now() - start) / 1000;
  start = performance.now();
  const transcript = await transcribeRecording(bytes, { fileName: prompt.file, language: "fr", asr });
  const piped = transcript.utterances.map((u) => u.text).join(" ");
  totals.pipelineSec += (performance.now() - start) / 1000;
  const e1 = wordErrors(reference, scoringWords(plain));
  const e2 = wordErrors(reference, scoringWords(piped));
  totals.words += reference.length;
  totals.plain += e1;
  totals.pipeline += e2;
  if (values.verbose) console.log(`${prompt.id}: ${e1}/${e2} of ${reference.length}\n  ref  ${prompt.text}\n  plain ${plain}\n  pipe  ${piped}`);
}
await asr.free();
const pct = (x: number) => ((100 * x) / totals.words).toFixed(1);
console.log(`model ${model}: ${prompts.length} prompts, ${totals.words} words`);
console.log(`WER plain one-call-per-prompt ${pct(totals.plain)}% (${totals.plainSec.toFixed(0)} s), pipeline ${pct(totals.pipeline)}% (${totals.pipelineSec.toFixed(0)} s)`);
