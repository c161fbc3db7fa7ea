/** A one-line progress bar on stderr for long transcriptions; redrawn in place. */
export function progressBar(label: string, write: (text: string) => void): { update(fraction: number): void; done(): void } {
  let last = -1;
  const draw = (fraction: number) => {
    const pct = Math.max(0, Math.min(100, Math.floor(fraction * 100)));
    if (pct === last) return;
    last = pct;
    const filled = Math.round(pct / 5);
    write(`\r${label} [${"#".repeat(filled)}${".".repeat(20 - filled)}] ${String(pct).padStart(3)}%`);
  };
  draw(0);
  return {
    update: draw,
    done: () => write("\n"),
  };
}
