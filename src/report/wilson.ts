import normalQuantile from "@stdlib/stats-base-dists-normal-quantile";

export interface ProportionEstimate {
  /** successes / trials. */
  rate: number;
  low: number;
  high: number;
  confidence: number;
}

/**
 * The Wilson score interval of a binomial proportion: unlike the normal approximation it stays
 * inside [0, 1] and behaves with small samples and rates near 0 or 1, which audits of a few
 * dozen calls per subcontractor are. Null when there is no trial to estimate from.
 */
export function wilsonInterval(successes: number, trials: number, confidence = 0.95): ProportionEstimate | null {
  if (trials <= 0) return null;
  const z = normalQuantile(1 - (1 - confidence) / 2, 0, 1);
  const p = successes / trials;
  const z2 = z * z;
  const centre = (p + z2 / (2 * trials)) / (1 + z2 / trials);
  const half = (z / (1 + z2 / trials)) * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  return { rate: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half), confidence };
}
