import { describe, expect, it } from "vitest";
import { Sequencer } from "../../src/live/sequencer.ts";

const seqs = (r: { ready: Array<{ seq: number }> }) => r.ready.map((x) => x.seq);

describe("Sequencer", () => {
  it("releases in order, holding early numbers until the missing one comes", () => {
    const s = new Sequencer<string>(8);
    expect(seqs(s.push(2, "b"))).toEqual([]);
    expect(seqs(s.push(3, "c"))).toEqual([]);
    const r = s.push(1, "a");
    expect(r.ready.map((x) => x.item)).toEqual(["a", "b", "c"]);
    expect(r.notices).toEqual([]);
  });

  it("reports duplicates, of released and of held numbers", () => {
    const s = new Sequencer<string>(8);
    s.push(1, "a");
    expect(s.push(1, "again").notices).toEqual([{ kind: "duplicate", seq: 1 }]);
    s.push(3, "c");
    expect(s.push(3, "again").notices).toEqual([{ kind: "duplicate", seq: 3 }]);
  });

  it("declares a gap when too many wait, and at flush", () => {
    const s = new Sequencer<number>(2);
    s.push(1, 1);
    s.push(3, 3);
    s.push(4, 4);
    const r = s.push(5, 5);
    expect(r.notices).toEqual([{ kind: "gap", missing: { from: 2, to: 2 } }]);
    expect(seqs(r)).toEqual([3, 4, 5]);
    s.push(8, 8);
    const f = s.flush();
    expect(f.notices).toEqual([{ kind: "gap", missing: { from: 6, to: 7 } }]);
    expect(seqs(f)).toEqual([8]);
    expect(s.push(7, 7).notices).toEqual([{ kind: "duplicate", seq: 7 }]);
  });
});
