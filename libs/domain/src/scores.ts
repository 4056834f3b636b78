import { CHANNELS, type Channel } from './rating-options';

/** Counters of one unit (department, window or staff member) in one month. */
export interface UnitCounts {
  /** Transactions finished in the month. */
  finished: number;
  /** Of those, how many got a rating. */
  rated: number;
  /** Valid ratings given in the month (not voided, not default). */
  ratings: number;
  levels: Record<'1' | '2' | '3' | '4' | '5', number>;
  channels: Record<Channel, number>;
  /** Ratings of the month voided by an upheld appeal. */
  voided: number;
  /** Valid tickets opened in the month. */
  tickets: number;
  ticketsClosed: number;
  ticketsClosedOnTime: number;
  /** Tickets whose due date has passed or that are closed: the on-time rate's denominator. */
  ticketsDue: number;
  /** Valid real-name bad ratings, and those with a recorded return visit. */
  realNameBad: number;
  realNameBadVisited: number;
  /**
   * Of the transactions finished in the month, how many got a default rating (默认评价) when
   * their rating window ended: counted apart, in no rate.
   */
  defaultRated: number;
}

export function emptyCounts(): UnitCounts {
  return {
    finished: 0,
    rated: 0,
    ratings: 0,
    levels: { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 },
    channels: Object.fromEntries(CHANNELS.map((c) => [c, 0])) as Record<Channel, number>,
    voided: 0,
    tickets: 0,
    ticketsClosed: 0,
    ticketsClosedOnTime: 0,
    ticketsDue: 0,
    realNameBad: 0,
    realNameBadVisited: 0,
    defaultRated: 0,
  };
}

const PLAIN_COUNTS = [
  'finished',
  'rated',
  'ratings',
  'voided',
  'tickets',
  'ticketsClosed',
  'ticketsClosedOnTime',
  'ticketsDue',
  'realNameBad',
  'realNameBadVisited',
  'defaultRated',
] as const satisfies readonly Exclude<keyof UnitCounts, 'levels' | 'channels'>[];

/** The counts of several units added up: a whole centre from its departments, say. */
export function sumUnitCounts(list: readonly UnitCounts[]): UnitCounts {
  const total = emptyCounts();
  for (const c of list) {
    for (const key of PLAIN_COUNTS) total[key] += c[key];
    for (const level of Object.keys(total.levels) as (keyof UnitCounts['levels'])[])
      total.levels[level] += c.levels[level];
    for (const channel of CHANNELS) total.channels[channel] += c.channels[channel];
  }
  return total;
}

export interface Rates {
  goodRate: number | null;
  badRate: number | null;
  ratingRate: number | null;
  rectificationRate: number | null;
  onTimeRate: number | null;
  visitRate: number | null;
}

export type RateName = keyof Rates;

/** Weights of the composite score; only their proportions matter. */
export type ScoreWeights = Record<Exclude<RateName, 'badRate'>, number>;

/**
 * Defaults: good ratings sit near 99–100 % everywhere, so rating rate and rectification
 * figures carry most of the weight — that is what actually separates units.
 */
export const DEFAULT_WEIGHTS: ScoreWeights = {
  goodRate: 30,
  ratingRate: 25,
  rectificationRate: 20,
  onTimeRate: 15,
  visitRate: 10,
};

export const DEFAULT_MIN_SAMPLE = 10;

/** A fraction rounded to 4 decimals, or null when the denominator is 0. */
export function rate(numerator: number, denominator: number): number | null {
  if (denominator <= 0) return null;
  return Math.round((numerator / denominator) * 10_000) / 10_000;
}

export function ratesOf(c: UnitCounts): Rates {
  const good = c.levels['3'] + c.levels['4'] + c.levels['5'];
  const bad = c.levels['1'] + c.levels['2'];
  return {
    goodRate: rate(good, c.ratings),
    badRate: rate(bad, c.ratings),
    ratingRate: rate(c.rated, c.finished),
    rectificationRate: rate(c.ticketsClosed, c.tickets),
    onTimeRate: rate(c.ticketsClosedOnTime, c.ticketsDue),
    visitRate: rate(c.realNameBadVisited, c.realNameBad),
  };
}

/**
 * Composite 0–100 score: the weighted mean of the rates that exist. A rate whose denominator is 0
 * (no tickets, say) drops out and the other weights share its part; with no rate at all, null.
 */
export function compositeScore(
  rates: Rates,
  weights: ScoreWeights = DEFAULT_WEIGHTS,
): number | null {
  let sum = 0;
  let weight = 0;
  for (const [name, w] of Object.entries(weights) as [keyof ScoreWeights, number][]) {
    const value = rates[name];
    if (value === null || w <= 0) continue;
    sum += value * w;
    weight += w;
  }
  if (weight === 0) return null;
  return Math.round((sum / weight) * 100 * 100) / 100;
}

export interface Rankable {
  score: number | null;
  insufficientSample: boolean;
}

/**
 * Standard competition ranking (1, 1, 3) by score, highest first. Units with too few ratings or
 * no score are not ranked — neither first nor last.
 */
export function rankUnits<T extends Rankable>(rows: T[]): (T & { rank: number | null })[] {
  const ranks = ranksOf(rows);
  return rows.map((r) => ({ ...r, rank: ranks.get(r) ?? null }));
}

/** rankUnits' ranks by row, for a caller that builds its own rows (unranked rows absent). */
export function ranksOf<T extends Rankable>(rows: readonly T[]): Map<T, number> {
  const eligible = rows
    .filter((r) => !r.insufficientSample && r.score !== null)
    .sort((a, b) => (b.score as number) - (a.score as number));
  const rankOf = new Map<T, number>();
  eligible.forEach((row, i) => {
    const previous = eligible[i - 1];
    rankOf.set(
      row,
      previous && previous.score === row.score ? (rankOf.get(previous) as number) : i + 1,
    );
  });
  return rankOf;
}

/**
 * The rank of last place (本月末位): the worst rank among the ranked units, ties included. Last
 * place needs a unit ranked above it: a lone ranked unit, or units all tied for first, are first
 * and never also last (null).
 */
export function lastPlaceRank(ranks: Iterable<number | null>): number | null {
  let worst = 0;
  for (const rank of ranks) if (rank !== null && rank > worst) worst = rank;
  return worst <= 1 ? null : worst;
}

/** Units in last place (see lastPlaceRank). */
export function lastPlaceIds<K>(rows: { id: K; rank: number | null }[]): Set<K> {
  const last = lastPlaceRank(rows.map((r) => r.rank));
  if (last === null) return new Set();
  return new Set(rows.filter((r) => r.rank === last).map((r) => r.id));
}

/**
 * A unit's marks: last place this month, and last place this month and the month before
 * (连续两月末位, which the report flags for a formal talk).
 */
export function lastPlaceMarks(
  rank: number | null,
  lastRank: number | null,
  lastTheMonthBefore: boolean,
): { lastPlace: boolean; bottomTwoMonths: boolean } {
  const lastPlace = rank !== null && rank === lastRank;
  return { lastPlace, bottomTwoMonths: lastPlace && lastTheMonthBefore };
}

/** Every row with its marks (lastPlaceMarks); `lastBefore`: the month before's last places. */
export function markLastPlaces<K, T extends { id: K; rank: number | null }>(
  rows: T[],
  lastBefore: ReadonlySet<K>,
): (T & { lastPlace: boolean; bottomTwoMonths: boolean })[] {
  const last = lastPlaceRank(rows.map((r) => r.rank));
  return rows.map((r) => ({ ...r, ...lastPlaceMarks(r.rank, last, lastBefore.has(r.id)) }));
}

/** The month before 'YYYY-MM'. */
export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** The month after 'YYYY-MM'. */
export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}
