// Well-formedness of the labelled evaluation set (test/eval/{heldout,dev}/*.json).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv } from "ajv";
import addFormatsModule from "ajv-formats";
import { describe, expect, it } from "vitest";
import { EVAL_DIR, readEvalSplit, type EvalCase, type EvalCaseFile, type EvalSplit } from "./eval-case.ts";
import { labelProblems, parisDate, verdictFromLabels } from "./label-consistency.ts";

// ajv-formats is CommonJS: under NodeNext its default import is the module object.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

const MIN_CASES_PER_SPLIT = 32;
const MIN_LANGUAGE_SHARE = 0.4;

const ajv = new Ajv({ allErrors: true });
addFormats(ajv);
const validateSchema = ajv.compile<EvalCase>(JSON.parse(readFileSync(join(EVAL_DIR, "eval-case.schema.json"), "utf8")));

const splits: EvalSplit[] = ["heldout", "dev"];
const filesBySplit = new Map<EvalSplit, EvalCaseFile[]>(splits.map((split) => [split, readEvalSplit(split)]));
const allFiles = splits.flatMap((split) => filesBySplit.get(split) ?? []);

function asCase(file: EvalCaseFile): EvalCase {
  if (!validateSchema(file.json)) throw new Error(`${file.fileName}: ${ajv.errorsText(validateSchema.errors)}`);
  return file.json;
}

describe.each(splits)("%s split", (split) => {
  const files = filesBySplit.get(split) ?? [];

  it(`has at least ${MIN_CASES_PER_SPLIT} cases, about half in each language`, () => {
    expect(files.length).toBeGreaterThanOrEqual(MIN_CASES_PER_SPLIT);
    const cases = files.map(asCase);
    for (const language of ["fr", "en"] as const) {
      const share = cases.filter((c) => c.settings.language === language).length / cases.length;
      expect(share, language).toBeGreaterThanOrEqual(MIN_LANGUAGE_SHARE);
    }
  });

  it("covers every verdict and every failing status", () => {
    const cases = files.map(asCase);
    const verdicts = new Set(cases.map((c) => c.expected.verdict));
    expect([...verdicts].sort()).toEqual(["compliant", "needs_review", "non_compliant", "not_applicable"]);
    const statuses = new Set(cases.flatMap((c) => Object.values(c.expected.elements)));
    for (const status of ["present", "late", "missing", "violated", "undeterminable", "not_applicable"]) {
      expect(statuses, status).toContain(status);
    }
  });

  it.each(files.map((f) => [f.fileName, f] as const))("%s is well-formed and consistently labelled", (fileName, file) => {
    const c = asCase(file);
    expect(`${c.id}.json`).toBe(fileName);
    expect(c.id.startsWith(`${split}-${c.settings.language}-`)).toBe(true);
    expect(labelProblems(c)).toEqual([]);
  });
});

describe("the whole set", () => {
  it("has unique ids", () => {
    const ids = allFiles.map((f) => asCase(f).id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe("the consistency checks themselves", () => {
  const base: EvalCase = {
    id: "dev-en-999",
    description: "synthetic case for checking the checker",
    settings: { language: "en", brands: ["Kinetel"], callCentres: ["Northgate Contact"], dataSources: [], calledAt: "2026-09-01T11:00:00+02:00", recorded: false, leadOrigin: "own_customers" },
    utterances: [
      { speaker: "agent", start: 0.5, end: 3, text: "Hi, Amy from Kinetel, this is a sales call about our offers." },
      { speaker: "agent", start: 3.3, end: 6, text: "You can object to our calls at any time." },
      { speaker: "agent", start: 6.2, end: 9, text: "We have fibre at twenty pounds a month." },
    ],
    expected: {
      verdict: "compliant",
      pitchUtterance: 2,
      elements: {
        ID_CALLER: "present",
        ART14_IDENTITY: "present",
        COMMERCIAL_NATURE: "present",
        ART14_PURPOSE: "present",
        ART14_SOURCE: "not_applicable",
        ART21_OBJECTION_INFO: "present",
        REC_NOTICE: "not_applicable",
        REC_OBJECTION_RIGHT: "not_applicable",
        BLOCTEL_MENTION: "not_applicable",
        OBJECTION_HONORED: "not_applicable",
      },
    },
  };

  it("accept a consistent case", () => {
    expect(labelProblems(base)).toEqual([]);
  });

  it("catch a verdict that contradicts the statuses", () => {
    const c = { ...base, expected: { ...base.expected, elements: { ...base.expected.elements, ART14_PURPOSE: "late" as const } } };
    expect(verdictFromLabels(c.expected)).toBe("non_compliant");
    expect(labelProblems(c)).toEqual(["verdict compliant but the element statuses give non_compliant"]);
  });

  it("catch a pitch on a customer utterance and overlapping times", () => {
    const utterances = base.utterances.map((u, i) => (i === 2 ? { ...u, speaker: "customer" as const, start: 5 } : u));
    expect(labelProblems({ ...base, utterances })).toEqual([
      "utterance 2 starts at 5 before the previous one ends (6)",
      "pitchUtterance 2 is a customer utterance",
    ]);
  });

  it("require BLOCTEL_MENTION for a call before 11 Aug 2026 Paris time, even late on 10 Aug UTC", () => {
    expect(parisDate("2026-08-10T22:30:00Z")).toBe("2026-08-11");
    const c = { ...base, settings: { ...base.settings, calledAt: "2026-08-10T19:00:00+02:00" } };
    expect(labelProblems(c)).toEqual(["BLOCTEL_MENTION is not_applicable but applies to these settings"]);
  });

  it("require every element but OBJECTION_HONORED to be not_applicable without a pitch", () => {
    const c = { ...base, expected: { ...base.expected, verdict: "not_applicable" as const, pitchUtterance: null } };
    expect(labelProblems(c)).toContain("no pitch but ID_CALLER is present");
  });
});
