// Behaviours that keep cues working on ASR-like text: soft fillers ("like", "you know") that
// cues step over but may still match, windows sized in words, and local exclusions looked for
// across a window's edge.
import { describe, expect, it } from "vitest";
import { compileCue } from "../../src/compliance/cues.ts";
import { matchCue, matchCueInSentence } from "../../src/compliance/match.ts";
import { buildMatchContext } from "../../src/compliance/names.ts";
import { resolveSettings } from "../../src/compliance/settings.ts";
import { toSentences, tokenize, windowsOf } from "../../src/compliance/text/normalize.ts";
import { analyze, EN_PITCH, EN_SETTINGS, lines, pack, status } from "./helpers.ts";

const en = pack.lexicons.en;
const ctx = buildMatchContext(resolveSettings(EN_SETTINGS), en, pack.thresholds);
const words = (text: string) => tokenize(text, "en", en);
const matches = (cue: string, text: string) => matchCue(compileCue(cue, "en"), words(text), ctx) !== null;

describe("spoken forms", () => {
  it("read a contraction written without its apostrophe as the contraction", () => {
    expect(words("you dont have to, im sure").map((t) => t.norm)).toEqual(words("you don't have to, I'm sure").map((t) => t.norm));
    expect(matches("don t ..want ..to be called", "tell me if you dont want to be called again")).toBe(true);
  });

  it("leave words that are also words of their own alone", () => {
    expect(words("its well worth it, ill be quick, we were").map((t) => t.norm)).toEqual(["its", "well", "worth", "it", "ill", "be", "quick", "we", "were"]);
  });
});

describe("soft fillers", () => {
  it("are marked, not dropped: 'like' and 'you know' stay words of the sentence", () => {
    const tokens = words("you can, like, say no, you know");
    expect(tokens.map((t) => t.norm)).toEqual(["you", "can", "like", "say", "no", "you", "know"]);
    expect(tokens.map((t) => t.soft ?? false)).toEqual([false, false, true, false, false, true, true]);
  });

  it("are stepped over inside a cue's words", () => {
    expect(matches("say no to ..calls", "you can say no to, like, any more calls")).toBe(true);
    expect(matches("say no to ..calls", "you can say, you know, no to any more calls")).toBe(true);
    expect(matches("not interested", "I'm not, like, interested")).toBe(true);
  });

  it("can still be matched as words when a cue names them", () => {
    expect(matches("let you know", "just to let you know the call is recorded")).toBe(true);
    expect(matches("would like", "would you like a quote")).toBe(false);
    expect(matches("you like", "would you like a quote")).toBe(true);
  });

  it("are not where a gap lands: 'switch ..you' does not take the 'you' of 'you know'", () => {
    expect(matches("switch ..you", "ask me to switch the, you know, recording off")).toBe(false);
    expect(matches("switch ..you", "we can switch all of you over today")).toBe(true);
  });

  it("do not count in the distance of a local exclusion", () => {
    const cue = compileCue({ all: ["opt* out"], notNear: ["recording*"] }, "en");
    expect(matchCue(cue, words("you can opt out recording at any time"), ctx)).toBeNull();
    expect(matchCue(cue, words("you can opt out, you know, recording at any time"), ctx)).toBeNull();
    expect(matchCue(cue, words("you can opt out, whole, recording at any time"), ctx)).not.toBeNull();
  });

  it("leave the verdict of a whole call unchanged", () => {
    const plain = analyze(
      lines(
        ["agent", "Hi, this is Sam from Northgate Calls on behalf of Brightwave Energy."],
        ["agent", "You can say no to any more calls from us at any time."],
        EN_PITCH,
      ),
      EN_SETTINGS,
    );
    const hesitant = analyze(
      lines(
        ["agent", "Hi, this is Sam from Northgate Calls, like, on behalf of Brightwave Energy."],
        ["agent", "You can, you know, say no to, like, any more calls from us at any time."],
        EN_PITCH,
      ),
      EN_SETTINGS,
    );
    expect(status(plain, "ART21_OBJECTION_INFO")).toBe("present");
    expect(status(hesitant, "ART21_OBJECTION_INFO")).toBe("present");
    expect(hesitant.pitchOnset?.utteranceIndex).toBe(plain.pitchOnset?.utteranceIndex);
  });
});

describe("windows of long unpunctuated runs", () => {
  const run = (n: number, soft = "") => Array.from({ length: n }, (_v, i) => `w${i}${soft && i % 2 === 0 ? ` ${soft}` : ""}`).join(" ");

  it("are sized in words that are not soft fillers", () => {
    const plain = windowsOf(words(run(40)));
    const hesitant = windowsOf(words(run(40, "like")));
    expect(hesitant.length).toBe(plain.length);
    // The same words start each window, however many fillers lie between them.
    expect(hesitant.map((w) => w.tokens.find((t) => !t.soft)!.norm)).toEqual(plain.map((w) => w.tokens[0]!.norm));
    expect(windowsOf(words(run(20, "like")))).toHaveLength(1);
  });

  it("look for a local exclusion across a window's edge", () => {
    // Windows of 24 words every 12: "opt out" at words 34-35 lies in the window of words 12..35,
    // which ends before "of the recording"; the exclusion must still be seen.
    const start = Array.from({ length: 34 }, (_v, i) => `word${i}`).join(" ");
    const [sentence] = toSentences(`${start} opt out of the recording at any time you like ok`, "en", en);
    expect(sentence!.windows.map((w) => w.offset)).toEqual([0, 12, 24]);
    const cue = compileCue({ all: ["opt* out"], notNear: ["opt* out ?of ?the recording*"] }, "en");
    expect(matchCueInSentence(cue, sentence!, ctx)).toBeNull();
    const [other] = toSentences(`${start} opt out of the calls at any time and the recording too`, "en", en);
    expect(matchCueInSentence(cue, other!, ctx)).not.toBeNull();
  });
});
