import { analyzeCall } from "../../src/compliance/analyze.ts";
import { loadRulePack } from "../../src/compliance/rule-pack.ts";
import { resolveSettings } from "../../src/compliance/settings.ts";
import type { CallAnalysis, CallSettings, ElementId, ElementStatus } from "../../src/compliance/types.ts";
import type { Speaker, Utterance } from "../../src/transcript/types.ts";

export const pack = loadRulePack();

/** Builds a transcript from [speaker, text] pairs, 3 s per utterance. */
export function lines(...turns: Array<[Speaker, string] | [Speaker, string, Partial<Utterance>]>): Utterance[] {
  return turns.map(([speaker, text, extra], i) => ({ speaker, text, start: i * 3, end: i * 3 + 3, ...extra }));
}

export const FR_SETTINGS: Partial<CallSettings> = {
  language: "fr",
  brands: ["Fibralis"],
  callCentres: ["Axiome Contact"],
  dataSources: ["Comparatel"],
  calledAt: "2026-09-14T11:20:00+02:00",
};

export const EN_SETTINGS: Partial<CallSettings> = {
  language: "en",
  brands: ["Brightwave Energy"],
  callCentres: ["Northgate Calls"],
  dataSources: ["SwitchSmart"],
  calledAt: "2026-09-14T11:20:00+01:00",
};

export function analyze(utterances: Utterance[], settings: Partial<CallSettings>): CallAnalysis {
  return analyzeCall({ utterances, origin: "transcript" }, resolveSettings(settings), pack);
}

export function status(result: CallAnalysis, id: ElementId): ElementStatus {
  return result.elements.find((e) => e.id === id)!.status;
}

/** The French pitch used after a disclosure under test, so only that disclosure varies. */
export const FR_PITCH: [Speaker, string] = ["agent", "Je vous propose notre offre fibre à 24,99 euros par mois."];
export const EN_PITCH: [Speaker, string] = ["agent", "I'd like to offer you our fixed tariff at 59 pounds a month."];
