/** Rating levels as stored: 5 非常满意 … 1 非常不满意. Levels 1–2 are 差评 (bad). */
export const RATING_LEVELS = [5, 4, 3, 2, 1] as const;
export type RatingLevel = (typeof RATING_LEVELS)[number];

export const LEVEL_LABELS: Readonly<Record<RatingLevel, string>> = {
  5: '非常满意',
  4: '满意',
  3: '基本满意',
  2: '不满意',
  1: '非常不满意',
};

export function isRatingLevel(value: unknown): value is RatingLevel {
  return typeof value === 'number' && (RATING_LEVELS as readonly number[]).includes(value);
}

/** 差评: levels 1 and 2 open a rectification ticket. */
export function isBadLevel(level: RatingLevel): boolean {
  return level <= 2;
}

/** Levels 3–5 count as good in the usual good-rating rate. */
export function isGoodLevel(level: RatingLevel): boolean {
  return level >= 3;
}
