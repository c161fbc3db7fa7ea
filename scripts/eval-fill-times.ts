/**
 * Gives a hand-written evaluation call its utterance times, from word counts, the way the
 * labelled set's times were made: about 2.6 to 3.2 words per second, 0.2 to 0.8 s gaps,
 * each utterance 0.8 to 8 s. Deterministic per call id, so rerunning it changes nothing.
 * Usage: npm run eval:fill-times -- <case.json>...   (rewrites each file in place)
 */
import { readFileSync, writeFileSync } from "node:fs";

interface DraftUtterance {
  speaker: string;
  text: string;
  start?: number;
  end?: number;
}

/** A small seeded generator (mulberry32): the same id always gives the same times. */
function seededRandom(seed: string): () => number {
  let state = 0;
  for (const ch of seed) state = (Math.imul(state, 31) + ch.charCodeAt(0)) | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

export function fillTimes(id: string, utterances: readonly DraftUtterance[]): DraftUtterance[] {
  const random = seededRandom(id);
  let clock = round1(0.3 + random() * 0.6);
  return utterances.map((u) => {
    const words = u.text.split(/\s+/).filter(Boolean).length;
    const duration = round1(Math.min(8, Math.max(0.8, words / (2.6 + random() * 0.6))));
    const start = clock;
    const end = round1(start + duration);
    clock = round1(end + 0.2 + random() * 0.6);
    return { speaker: u.speaker, start, end, text: u.text };
  });
}

for (const path of process.argv.slice(2)) {
  const call = JSON.parse(readFileSync(path, "utf8")) as { id: string; utterances: DraftUtterance[] };
  call.utterances = fillTimes(call.id, call.utterances);
  writeFileSync(path, `${JSON.stringify(call, null, 2)}\n`);
  console.log(`${path}: ${call.utterances.length} utterances, ends at ${call.utterances.at(-1)?.end ?? 0} s`);
}
