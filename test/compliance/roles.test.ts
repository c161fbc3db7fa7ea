import { describe, expect, it } from "vitest";
import { EN_SETTINGS, analyze, lines, status } from "./helpers.ts";

describe("roles of a mono recording (every speaker unknown)", () => {
  const call = lines(
    ["unknown", "Hello?"],
    ["unknown", "Good morning, this is Sarah from Northgate Calls, calling on behalf of Brightwave Energy."],
    ["unknown", "Yes?"],
    ["unknown", "This is a sales call about your energy contract."],
    ["unknown", "I'd like to offer you our fixed tariff at 59 pounds a month."],
    ["unknown", "No thanks, I'm not interested."],
    ["unknown", "Okay, I understand, have a nice day."],
  );

  it("takes as agent whoever introduces a company, discloses or offers, and as customer whoever refuses", () => {
    const result = analyze(call, EN_SETTINGS);
    const roles = result.transcript.utterances.map((u) => [u.speaker, u.speakerConfidence]);
    expect(roles[1]).toEqual(["agent", 0.9]);
    expect(roles[3]).toEqual(["agent", 0.9]);
    expect(roles[4]).toEqual(["agent", 0.9]);
    expect(roles[5]).toEqual(["customer", 0.9]);
  });

  it("guesses the others from turn-taking with a confidence the engine does not rely on", () => {
    const result = analyze(call, EN_SETTINGS);
    const roles = result.transcript.utterances.map((u) => [u.speaker, u.speakerConfidence]);
    expect(roles[0]).toEqual(["customer", 0.5]);
    expect(roles[2]).toEqual(["customer", 0.5]);
    expect(roles[6]).toEqual(["agent", 0.5]);
  });

  it("judges the call on those roles: the disclosures count, the refusal is honoured", () => {
    const result = analyze(call, EN_SETTINGS);
    expect(status(result, "ID_CALLER")).toBe("present");
    expect(status(result, "ART14_IDENTITY")).toBe("present");
    expect(status(result, "COMMERCIAL_NATURE")).toBe("present");
    expect(result.objections.map((o) => o.honored)).toEqual([true]);
  });

  it("leaves roles alone when any speaker is known", () => {
    const known = lines(["agent", "Hello, this is Sarah from Northgate Calls."], ["unknown", "No thanks, I'm not interested."]);
    expect(analyze(known, EN_SETTINGS).transcript.utterances.map((u) => u.speaker)).toEqual(["agent", "unknown"]);
  });

  it("leaves them unknown when nothing said tells who is who", () => {
    const result = analyze(lines(["unknown", "Hello?"], ["unknown", "Yes, hello."]), EN_SETTINGS);
    expect(result.transcript.utterances.map((u) => u.speaker)).toEqual(["unknown", "unknown"]);
  });
});
