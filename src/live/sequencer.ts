/** What the sequencer noticed about the numbering: a repeated number, or numbers that never came. */
export type SeqNotice = { kind: "duplicate"; seq: number } | { kind: "gap"; missing: { from: number; to: number } };

export interface Sequenced<T> {
  ready: Array<{ seq: number; item: T }>;
  notices: SeqNotice[];
}

/**
 * Puts client messages back in sequence order (numbers start at 1 and go up by one). A message
 * that arrives early waits for the ones before it; when more than `maxHeld` wait, the missing
 * numbers are declared a gap and skipped, so one lost message cannot stall a call.
 */
export class Sequencer<T> {
  #next = 1;
  readonly #held = new Map<number, T>();
  readonly #maxHeld: number;

  constructor(maxHeld: number) {
    this.#maxHeld = maxHeld;
  }

  push(seq: number, item: T): Sequenced<T> {
    const out: Sequenced<T> = { ready: [], notices: [] };
    if (seq < this.#next || this.#held.has(seq)) {
      out.notices.push({ kind: "duplicate", seq });
      return out;
    }
    this.#held.set(seq, item);
    this.#release(out);
    if (this.#held.size > this.#maxHeld) this.#skipGap(out);
    return out;
  }

  /** Releases everything still held, in order, reporting the numbers that never came. */
  flush(): Sequenced<T> {
    const out: Sequenced<T> = { ready: [], notices: [] };
    while (this.#held.size > 0) this.#skipGap(out);
    return out;
  }

  #release(out: Sequenced<T>): void {
    for (let item = this.#held.get(this.#next); this.#held.has(this.#next); item = this.#held.get(this.#next)) {
      this.#held.delete(this.#next);
      out.ready.push({ seq: this.#next, item: item as T });
      this.#next++;
    }
  }

  #skipGap(out: Sequenced<T>): void {
    const lowest = Math.min(...this.#held.keys());
    out.notices.push({ kind: "gap", missing: { from: this.#next, to: lowest - 1 } });
    this.#next = lowest;
    this.#release(out);
  }
}
