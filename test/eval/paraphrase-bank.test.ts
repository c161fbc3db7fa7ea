// Well-formedness of the blind paraphrase banks, and the scorer that reads them
// (scripts/paraphrase-metrics.ts) on items whose outcome is known.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv } from "ajv";
import addFormatsModule from "ajv-formats";
import { describe, expect, it } from "vitest";
import { loadRulePack } from "../../src/compliance/rule-pack.ts";
import { checkContext, judgeItem, scoreBank } from "../../scripts/paraphrase-metrics.ts";
import { EVAL_DIR } from "./eval-case.ts";
import { BANK_DIR, BANK_TARGETS, isPositive, readBanks, type BankItem, type BankSplit, type ParaphraseBank } from "./paraphrase-bank.ts";

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;
const ajv = new Ajv({ allErrors: true });
addFormats(ajv);
ajv.addSchema(JSON.parse(readFileSync(join(EVAL_DIR, "eval-case.schema.json"), "utf8")));
const validateBank = ajv.compile<ParaphraseBank>(JSON.parse(readFileSync(join(BANK_DIR, "..", "paraphrase-bank.schema.json"), "utf8")));

const pack = loadRulePack();
const MIN_POSITIVES = 8;
const MIN_NEAR_MISSES = 4;
const normalise = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();

const banks = (["tune", "check"] as BankSplit[]).flatMap((split) =>
  (["fr", "en"] as const).flatMap((language) => readBanks(split, language).map(({ fileName, json }) => ({ split, language, fileName, json }))),
);
const texts = (split: BankSplit, language: "fr" | "en") =>
  readBanks(split, language).flatMap(({ json }) => (json as ParaphraseBank).items.map((i) => i.text));

it("every split has a bank in each language", () => {
  for (const split of ["tune", "check"] as BankSplit[]) for (const language of ["fr", "en"] as const) expect(readBanks(split, language).length, `${split}-${language}`).toBeGreaterThan(0);
});

describe.each(banks)("$fileName", ({ split, language, json }) => {
  it("follows the schema, with its own split and language", () => {
    expect(validateBank(json), ajv.errorsText(validateBank.errors)).toBe(true);
    const bank = json as ParaphraseBank;
    expect(bank.split).toBe(split);
    expect(bank.language).toBe(language);
    expect(bank.settings.language).toBe(language);
  });

  it("has positives and near-misses for every target, and no utterance twice", () => {
    const bank = json as ParaphraseBank;
    // AFTER_REFUSAL came with the later banks: checked where a bank has it.
    const present = new Set(bank.items.map((i) => i.target));
    for (const target of BANK_TARGETS.filter((t) => t !== "AFTER_REFUSAL" || present.has(t))) {
      const mine = bank.items.filter((i) => i.target === target);
      expect(mine.filter(isPositive).length, `${target} positives`).toBeGreaterThanOrEqual(MIN_POSITIVES);
      expect(mine.filter((i) => !isPositive(i)).length, `${target} near-misses`).toBeGreaterThanOrEqual(MIN_NEAR_MISSES);
    }
    const seen = new Set<string>();
    for (const item of bank.items) {
      const key = `${item.target}|${normalise(item.text)}`;
      expect(seen.has(key), `twice: ${item.text}`).toBe(false);
      seen.add(key);
    }
  });

  it("gives the scorer a context that states nothing and pitches where expected", () => {
    expect(() => checkContext(json as ParaphraseBank, pack)).not.toThrow();
  });
});

describe("tune and check banks", () => {
  it("share no utterance, so the check split measures wordings the tuning did not see", () => {
    for (const language of ["fr", "en"] as const) {
      const tune = new Set(texts("tune", language).map(normalise));
      expect(texts("check", language).filter((t) => tune.has(normalise(t))), language).toEqual([]);
    }
  });
});

describe("the cues on the tune banks", () => {
  // The utterances the cues were tuned on and still miss, each with why; any other miss is a
  // regression of a wording the pack once knew (and a fixed one must leave this list).
  const known = JSON.parse(readFileSync(join(BANK_DIR, "known-misses.json"), "utf8")) as Record<"fr" | "en", Array<{ text: string; why: string }>>;

  it.each(["fr", "en"] as const)("%s: miss only the known misses", (language) => {
    const misses = readBanks("tune", language).flatMap(({ json }) =>
      scoreBank(json as ParaphraseBank, pack)
        .filter((o) => !o.ok)
        .map((o) => o.item.text),
    );
    expect(misses.sort()).toEqual(known[language].map((m) => m.text).sort());
  });
});

describe("the paraphrase scorer", () => {
  const bank: ParaphraseBank = {
    split: "tune",
    language: "en",
    settings: { language: "en", brands: ["Brightwave Energy"], callCentres: ["Pinnacle Dialog"], dataSources: ["QuoteFinder"], calledAt: "2026-06-15T10:00:00+02:00", recorded: true, leadOrigin: "third_party" },
    items: [],
  };
  const judge = (item: BankItem) => judgeItem(item, bank, pack);

  it("finds a disclosure said before the pitch and rejects a near-miss", () => {
    expect(judge({ target: "ID_CALLER", expect: true, text: "Hi, this is Sam from Pinnacle Dialog." })).toMatchObject({ got: true, ok: true });
    expect(judge({ target: "ID_CALLER", expect: true, text: "Hi, this is Sam." })).toMatchObject({ got: false, ok: false });
    expect(judge({ target: "ID_CALLER", expect: false, text: "Hi, this is Sam.", why: "first name only" })).toMatchObject({ got: false, ok: true });
  });

  it("reads a disguise as a violated commercial nature", () => {
    expect(judge({ target: "DISGUISE", expect: true, text: "We're doing a short survey about energy use in your area." })).toMatchObject({ got: true, ok: true });
    expect(judge({ target: "DISGUISE", expect: true, text: "This is a sales call." })).toMatchObject({ got: false, ok: false });
  });

  it("counts any pitch onset for a pitch, whatever its kind, and none for a greeting", () => {
    expect(judge({ target: "PITCH", expect: "soft", text: "Who's your current energy supplier?" })).toMatchObject({ got: "soft", ok: true });
    expect(judge({ target: "PITCH", expect: "hard", text: "I can knock twenty pounds off your monthly bill today." }).ok).toBe(true);
    expect(judge({ target: "PITCH", expect: "none", text: "Good morning, how are you?", why: "a greeting" })).toMatchObject({ got: "none", ok: true });
    expect(judge({ target: "PITCH", expect: "hard", text: "Good morning, how are you?" })).toMatchObject({ got: "none", ok: false });
  });

  it("reads the agent pitching on after a refusal as not honouring it, and a goodbye as honouring it", () => {
    expect(judge({ target: "AFTER_REFUSAL", expect: true, text: "I understand, but this deal saves you 20 pounds a month." })).toMatchObject({ got: true, ok: true });
    expect(judge({ target: "AFTER_REFUSAL", expect: false, text: "No problem, I'll take your number off our list. Goodbye.", why: "lets go" })).toMatchObject({ got: false, ok: true });
  });

  it("reads a customer's refusal after the pitch as an objection, and a question as none", () => {
    expect(judge({ target: "OBJECTION", expect: true, text: "No thanks, I'm not interested." })).toMatchObject({ got: true, ok: true });
    expect(judge({ target: "OBJECTION", expect: false, text: "How long is the contract?", why: "a question" })).toMatchObject({ got: false, ok: true });
  });
});
